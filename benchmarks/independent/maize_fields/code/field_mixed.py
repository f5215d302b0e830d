"""Random-intercept (field) linear mixed model for on-farm N strip trials, fitted by maximum likelihood.

yield = X beta + u_field + e,  u_field ~ N(0, tau^2),  e ~ N(0, sigma^2)
The marginal likelihood of each field's plots is normal with covariance sigma^2 I + tau^2 J, which has a
closed-form inverse and determinant; predictions add the field's BLUP to the fixed part.
"""
import numpy as np
import pandas as pd
from scipy.optimize import minimize

TARGET = "yield_t_ha"
COLUMNS = ["field_id", "n_rate_kg_ha", "plant_density_m2", "sowing_delay_d", "rain_mm"]


def fixed_design(df):
    N = df["n_rate_kg_ha"].to_numpy(float) / 100.0          # 100 kg N/ha
    return np.column_stack([
        np.ones(len(df)), N, N ** 2,
        df["plant_density_m2"].to_numpy(float) - 7.5,
        df["sowing_delay_d"].to_numpy(float) / 10.0,
        (df["rain_mm"].to_numpy(float) - 500.0) / 100.0,
    ])


def neg_loglik(theta, X, y, groups):
    k = X.shape[1]
    beta, log_s, log_t = theta[:k], theta[k], theta[k + 1]
    s2, t2 = np.exp(2 * log_s), np.exp(2 * log_t)
    r = y - X @ beta
    nll = 0.0
    for idx in groups:
        rg = r[idx]; n = len(rg)
        # (s2 I + t2 J)^-1 = (I - t2 / (s2 + n t2) J) / s2 ;  det = s2^(n-1) (s2 + n t2)
        quad = (rg @ rg - t2 / (s2 + n * t2) * rg.sum() ** 2) / s2
        logdet = (n - 1) * np.log(s2) + np.log(s2 + n * t2)
        nll += 0.5 * (quad + logdet + n * np.log(2 * np.pi))
    return nll


class MixedModel:
    def __init__(self, beta, sigma, tau, blup):
        self.beta, self.sigma, self.tau, self.blup = beta, sigma, tau, blup

    def predict(self, X):
        df = X if isinstance(X, pd.DataFrame) else pd.DataFrame(np.asarray(X, float), columns=COLUMNS)
        u = df["field_id"].round().astype(int).map(self.blup).fillna(0.0).to_numpy()
        return fixed_design(df) @ self.beta + u


def fit_blups(beta, sigma, tau, df):
    r = df[TARGET].to_numpy(float) - fixed_design(df) @ beta
    out = {}
    for f, idx in df.groupby("field_id").indices.items():
        n = len(idx)
        out[int(f)] = tau ** 2 / (tau ** 2 + sigma ** 2 / n) * r[idx].mean()
    return out


def train_model(data_train, data_val, config, monitor):
    X = fixed_design(data_train); y = data_train[TARGET].to_numpy(float)
    groups = list(data_train.groupby("field_id").indices.values())
    yva = data_val[TARGET].to_numpy(float)
    k = X.shape[1]
    beta0 = np.linalg.lstsq(X, y, rcond=None)[0]
    theta0 = np.concatenate([beta0, [np.log(config["sigma_init"]), np.log(config["tau_init"])]])

    def state(theta):
        beta, sigma, tau = theta[:k], np.exp(theta[k]), np.exp(theta[k + 1])
        return MixedModel(beta, sigma, tau, fit_blups(beta, sigma, tau, data_train))

    def log(theta):
        m = state(theta)
        rmse_tr = float(np.sqrt(np.mean((m.predict(data_train) - y) ** 2)))
        rmse_va = float(np.sqrt(np.mean((m.predict(data_val) - yva) ** 2)))
        monitor.log_epoch(train_loss=neg_loglik(theta, X, y, groups) / len(y), val_loss=rmse_va ** 2,
                          metric=rmse_va, train_rmse=rmse_tr, sigma=m.sigma, tau=m.tau)

    res = minimize(neg_loglik, theta0, args=(X, y, groups), method="L-BFGS-B",
                   options={"maxiter": config["maxiter"], "gtol": config["gtol"]}, callback=log)
    model = state(res.x)
    model.converged, model.message, model.n_iter = bool(res.success), str(res.message), int(res.nit)
    return model
