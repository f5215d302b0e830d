import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


class CumulativeBinaryOrdinal(BaseEstimator, ClassifierMixin):
    """Ordinal classifier after Frank & Hall (2001): one binary model per cut 'level > k',
    level probabilities from differences of the cumulative probabilities."""

    def __init__(self, base=None):
        self.base = base

    def fit(self, X, y):
        y = np.asarray(y).astype(int)
        self.classes_ = np.unique(y)
        self.models_ = []
        for k in self.classes_[:-1]:
            m = clone(self.base)
            m.fit(X, (y > k).astype(int))
            self.models_.append(m)
        return self

    def predict_proba(self, X):
        above = np.column_stack([m.predict_proba(X)[:, 1] for m in self.models_])   # P(level > k)
        n = len(X)
        cum = np.hstack([np.ones((n, 1)), above, np.zeros((n, 1))])
        p = np.clip(cum[:, :-1] - cum[:, 1:], 0.0, None)
        return p / p.sum(1, keepdims=True).clip(1e-12)

    def predict(self, X):
        return self.classes_[self.predict_proba(X).argmax(1)]


def build_estimator(config):
    base = make_pipeline(
        StandardScaler(),
        LogisticRegression(C=config["C"], max_iter=config["max_iter"]),
    )
    return CumulativeBinaryOrdinal(base)
