from sklearn.compose import ColumnTransformer
from sklearn.neighbors import KNeighborsRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

# column order of data/train.csv: land_use, elevation_m, stream_distance_m, slope_deg, ndvi, clay_pct
LAND_USE = [0]


def build_estimator(config):
    # land use is a code (cropland, grassland, forest, wetland), not a quantity: one-hot it, keep the rest as measured
    prep = ColumnTransformer(
        [("land_use", OneHotEncoder(handle_unknown="ignore"), LAND_USE)],
        remainder="passthrough",
    )
    knn = KNeighborsRegressor(
        n_neighbors=config["n_neighbors"],
        weights=config["weights"],
        p=config["p"],
    )
    return Pipeline([("prep", prep), ("knn", knn)])
