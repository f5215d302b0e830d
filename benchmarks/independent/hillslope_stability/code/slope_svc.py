from sklearn.calibration import CalibratedClassifierCV
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from sklearn.svm import SVC
import numpy as np

# column order of data/train.csv: slope_deg, soil_depth_m, wet_season_rain_mm, root_cover_frac, clay_pct


def _log_depth(X):
    # regolith depth is right-skewed (a few metres-deep hollows): work with its logarithm
    X = np.array(X, dtype=float, copy=True)
    X[:, 1] = np.log(X[:, 1])
    return X


def build_estimator(config):
    svc = SVC(kernel="rbf", C=config["C"], gamma=config["gamma"], class_weight=config.get("class_weight"))
    # calibrated class probabilities for the hazard map (stable / creeping / failed)
    clf = CalibratedClassifierCV(svc, method=config["calibration"], cv=config["cv"])
    return Pipeline([("log_depth", FunctionTransformer(_log_depth)), ("scale", StandardScaler()), ("svc", clf)])
