from sklearn.impute import SimpleImputer
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler


def build_estimator(config):
    return Pipeline([
        ("missing", SimpleImputer(missing_values=-999.0, strategy="median", add_indicator=True)),
        ("scale", StandardScaler()),
        ("knn", KNeighborsRegressor(n_neighbors=config["n_neighbors"], weights=config["weights"], p=config["p"])),
    ])
