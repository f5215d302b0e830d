from sklearn.compose import ColumnTransformer
from sklearn.linear_model import GammaRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

# columns as in the CSV: 0 unit_code, 1 delivery_mode, 2 maternal_age, 3 parity, 4 gestation_weeks
MODE_COL = [1]
NUMERIC_COLS = [0, 2, 3, 4]


def build_estimator(config):
    # gamma GLM with log link: multiplicative effects on the length of stay
    prep = ColumnTransformer([
        ("mode", OneHotEncoder(drop="first", handle_unknown="ignore"), MODE_COL),
        ("num", StandardScaler(), NUMERIC_COLS),
    ])
    glm = GammaRegressor(alpha=config["alpha"], max_iter=config["max_iter"], tol=config["tol"])
    return Pipeline([("prep", prep), ("glm", glm)])
