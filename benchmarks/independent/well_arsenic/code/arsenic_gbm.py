from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# columns: geology_code, well_depth_m, ph, iron_mg_l, dist_river_km, redox_mv


def build_estimator(config):
    prep = ColumnTransformer([
        ("geology", OneHotEncoder(handle_unknown="ignore"), [0]),
        ("field", StandardScaler(), [1, 2, 3, 4, 5]),
    ])
    gbm = HistGradientBoostingClassifier(
        learning_rate=config["lr"],
        max_iter=config["epochs"],
        max_leaf_nodes=config["max_leaf_nodes"],
        min_samples_leaf=config["min_samples_leaf"],
        l2_regularization=config["weight_decay"],
        early_stopping=False,
        random_state=config.get("seed", 0),
    )
    return Pipeline([("prep", prep), ("gbm", gbm)])
