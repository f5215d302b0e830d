from sklearn.compose import ColumnTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

FACULTY = [0]   # first column: faculty code 1-6, a category rather than a quantity


def build_estimator(config):
    prep = ColumnTransformer(
        [("faculty", OneHotEncoder(handle_unknown="ignore"), FACULTY)],
        remainder=StandardScaler(),
    )
    cw = None if config.get("class_weight", "none") == "none" else config["class_weight"]
    clf = LogisticRegression(C=config["C"], max_iter=config["max_iter"], class_weight=cw)
    return Pipeline([("prep", prep), ("clf", clf)])
