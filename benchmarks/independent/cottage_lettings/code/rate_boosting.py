from sklearn.compose import ColumnTransformer
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder

# columns of the booking export: region, property_type, bedrooms, km_to_coast, month, review_score, hot_tub
CATEGORICAL = [0, 1]
NUMERIC = [2, 3, 4, 5, 6]


def build_estimator(config):
    prep = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ("num", SimpleImputer(strategy="median", add_indicator=True), NUMERIC),
    ])
    gbm = GradientBoostingRegressor(n_estimators=config["epochs"], learning_rate=config["lr"],
                                    max_depth=config["max_depth"], subsample=config["subsample"],
                                    min_samples_leaf=config["min_samples_leaf"],
                                    random_state=config.get("seed", 0))
    return Pipeline([("prep", prep), ("gbm", gbm)])
