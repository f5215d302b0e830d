import numpy as np
from sklearn.ensemble import RandomForestRegressor, StackingRegressor
from sklearn.linear_model import RidgeCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def build_estimator(config):
    # a mixing-line style linear model and a forest for the non-linear parts, blended by a ridge on
    # out-of-fold predictions
    linear = make_pipeline(StandardScaler(), RidgeCV(alphas=np.logspace(-3, 3, 13)))
    forest = RandomForestRegressor(n_estimators=config["n_estimators"], min_samples_leaf=config["min_samples_leaf"],
                                   max_features=config["max_features"], random_state=config["seed"], n_jobs=1)
    return StackingRegressor(estimators=[("mixing", linear), ("forest", forest)],
                             final_estimator=RidgeCV(alphas=np.logspace(-3, 3, 13)), cv=config["cv_folds"])
