"""Monthly emergency ambulance call-outs per municipality: Poisson regression with the resident population as exposure."""
import numpy as np
import pandas as pd
from scipy.optimize import minimize
from scipy.special import gammaln

FEATURES = ["month", "population", "pct_over_75", "deprivation_score", "density_per_km2"]
NAMES = ["intercept", "b_over75", "b_deprivation", "b_density", "b_winter"]


def _design(df):
    winter = df["month"].isin([12, 1, 2, 3]).to_numpy().astype(float)
    X = np.column_stack([
        np.ones(len(df)),
        df["pct_over_75"].to_numpy(float) - 10.0,
        df["deprivation_score"].to_numpy(float) - 30.0,
        df["density_per_km2"].to_numpy(float),
        winter,
    ])
    offset = np.log(df["population"].to_numpy(float) / 1000.0)     # rates per 1000 residents per month
    return X, offset


class CalloutModel:
    def __init__(self, beta):
        self.beta = np.asarray(beta, float)

    def expected(self, df):
        X, offset = _design(df)
        return np.exp(X @ self.beta + offset)

    def predict(self, X):
        df = X if isinstance(X, pd.DataFrame) else pd.DataFrame(np.asarray(X), columns=FEATURES)
        return self.expected(df)


def _nll_and_grad(beta, X, offset, y):
    eta = X @ beta + offset
    mu = np.exp(eta)
    nll = np.mean(mu - y * eta + gammaln(y + 1))
    grad = X.T @ (mu - y) / len(y)
    return nll, grad


def train_model(data_train, data_val, config, monitor):
    Xtr, otr = _design(data_train)
    ytr = data_train["callouts"].to_numpy(float)
    Xva, ova = _design(data_val)
    yva = data_val["callouts"].to_numpy(float)

    beta0 = np.zeros(Xtr.shape[1])
    beta0[0] = np.log(ytr.sum() / np.exp(otr).sum())               # start at the overall rate

    def report(beta):
        tl, g = _nll_and_grad(beta, Xtr, otr, ytr)
        vl, _ = _nll_and_grad(beta, Xva, ova, yva)
        rmse = float(np.sqrt(np.mean((np.exp(Xva @ beta + ova) - yva) ** 2)))
        monitor.log_epoch(train_loss=float(tl), val_loss=float(vl), metric=rmse, grad_norm=float(np.linalg.norm(g)),
                          **{n: float(b) for n, b in zip(NAMES, beta)})

    report(beta0)
    res = minimize(_nll_and_grad, beta0, args=(Xtr, otr, ytr), jac=True, method=config["optimizer"],
                   callback=report, options=dict(maxiter=int(config["epochs"]), gtol=float(config["gtol"])))
    print(f"optimizer: {res.message} after {res.nit} iterations; coefficients {np.round(res.x, 5).tolist()}")
    return CalloutModel(res.x)
