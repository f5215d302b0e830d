from sklearn.pipeline import Pipeline
from sklearn.preprocessing import PolynomialFeatures, StandardScaler
from sklearn.linear_model import Ridge


def build_estimator(config):
    # storm runoff responds non-linearly to rain depth and wetness: cubic terms and their interactions
    return Pipeline([
        ("poly", PolynomialFeatures(degree=int(config["degree"]), include_bias=False)),
        ("scale", StandardScaler()),
        ("ridge", Ridge(alpha=float(config["alpha"]))),
    ])
