import numpy as np
from sklearn.linear_model import RidgeCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler


def build_estimator(config):
    # additive model: one cubic spline per input, ridge penalty chosen by leave-one-out CV
    return make_pipeline(
        StandardScaler(),
        SplineTransformer(n_knots=config.get("n_knots", 8), degree=config.get("degree", 3)),
        RidgeCV(alphas=np.logspace(-4, 2, 13)),
    )
