from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.svm import SVR

# columns of the WMS export: zone, shift, order_lines, total_weight_kg, picker_tenure_months, travel_distance_m
CATEGORICAL = [0, 1]
NUMERIC = [2, 3, 4, 5]


def build_estimator(config):
    prep = ColumnTransformer([
        ("cat", OneHotEncoder(handle_unknown="ignore"), CATEGORICAL),
        ("num", Pipeline([("impute", SimpleImputer(strategy="median")),
                          ("scale", StandardScaler())]), NUMERIC),
    ])
    svr = SVR(kernel="rbf", C=config["C"], epsilon=config["epsilon"], gamma=config["gamma"])
    return Pipeline([("prep", prep), ("svr", svr)])
