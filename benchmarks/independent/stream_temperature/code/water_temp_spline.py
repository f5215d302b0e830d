import numpy as np
from scipy.interpolate import UnivariateSpline


class StreamTemperatureCurve:
    """Water temperature (degC) as a smooth function of weekly mean air temperature (degC)."""

    def __init__(self, spline, lo, hi):
        self.spline, self.lo, self.hi = spline, lo, hi

    def predict(self, X):
        X = np.asarray(X, dtype=float)
        air = X[:, 0] if X.ndim == 2 else X
        # hold the curve flat outside the observed air temperatures
        return self.spline(np.clip(air, self.lo, self.hi))


def _rmse(a, b):
    return float(np.sqrt(np.mean((a - b) ** 2)))


def train_model(data_train, data_val, config):
    # the spline routine wants the abscissa in increasing order
    x = np.sort(data_train["air_temp_C"].to_numpy(dtype=float))
    y = data_train["water_temp_C"].to_numpy(dtype=float)
    x_va = data_val["air_temp_C"].to_numpy(dtype=float)
    y_va = data_val["water_temp_C"].to_numpy(dtype=float)

    k = int(config["degree"])
    s = float(config["smoothing"]) * len(x)   # expected sum of squared residuals
    c = float(config["huber_c"])
    w = np.ones_like(x)
    history = {"epoch": [], "train_loss": [], "val_loss": [], "metric": [], "n_knots": []}
    for it in range(int(config["iterations"])):
        spl = UnivariateSpline(x, y, w=w, k=k, s=s * np.mean(w ** 2))
        r = y - spl(x)
        # robust reweighting (Huber) so that a few odd weeks do not drag the curve
        scale = 1.4826 * np.median(np.abs(r - np.median(r))) + 1e-9
        u = np.abs(r) / (c * scale)
        w = np.sqrt(np.where(u <= 1.0, 1.0, 1.0 / u))
        model = StreamTemperatureCurve(spl, x.min(), x.max())
        p_va = model.predict(x_va)
        history["epoch"].append(it + 1)
        history["train_loss"].append(float(np.mean(r ** 2)))
        history["val_loss"].append(float(np.mean((y_va - p_va) ** 2)))
        history["metric"].append(_rmse(y_va, p_va))
        history["n_knots"].append(len(spl.get_knots()))
    return model, history
