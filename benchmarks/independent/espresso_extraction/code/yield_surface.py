from sklearn.linear_model import LinearRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler


def build_estimator(config):
    # response-surface model: coded (standardised) factors, polynomial terms, least squares
    return Pipeline([
        ("coded", StandardScaler()),
        ("terms", PolynomialFeatures(degree=config["degree"], include_bias=False,
                                     interaction_only=config.get("interaction_only", False))),
        ("ols", LinearRegression()),
    ])
