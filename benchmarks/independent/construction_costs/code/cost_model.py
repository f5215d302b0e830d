import numpy as np
from sklearn.compose import ColumnTransformer, TransformedTargetRegressor
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, StandardScaler

# columns as in the cost database export:
# 0 building_type, 1 gross_floor_area_m2, 2 storeys, 3 site_slope_pct, 4 haul_distance_km, 5 tender_year


def build_estimator(config):
    prep = ColumnTransformer([
        ("type", OneHotEncoder(handle_unknown="ignore"), [0]),
        ("area", Pipeline([("log", FunctionTransformer(np.log)), ("scale", StandardScaler())]), [1]),
        ("other", StandardScaler(), [2, 3, 4, 5]),
    ])
    model = Pipeline([("prep", prep), ("ridge", Ridge(alpha=config["alpha"]))])
    # costs scale multiplicatively with size and type: fit on the log of the cost
    return TransformedTargetRegressor(regressor=model, func=np.log, inverse_func=np.exp)
