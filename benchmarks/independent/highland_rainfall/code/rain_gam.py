"""Daily gauge rainfall from reanalysis fields: additive cubic splines under a Poisson (log-link) GLM."""
from sklearn.linear_model import PoissonRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import SplineTransformer, StandardScaler


def build_estimator(config):
    return Pipeline([
        ("scale", StandardScaler()),
        ("splines", SplineTransformer(n_knots=config["n_knots"], degree=config["degree"])),
        ("glm", PoissonRegressor(alpha=config["alpha"], max_iter=config["max_iter"], tol=config["tol"])),
    ])
