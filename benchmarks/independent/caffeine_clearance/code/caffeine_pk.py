"""Plasma caffeine after a single oral dose: one-compartment model with first-order absorption.

C(t) = Dose ka / (V (ka - ke)) (exp(-ke t) - exp(-ka t)),  ke = CL / V,
CL = CL70 (weight / 70) ** 0.75 exp(b_smoker smoker + b_oc oral_contraceptive),  V = V70 (weight / 70).
Least squares by a hand-written Levenberg-Marquardt loop (finite-difference Jacobian), one monitor row per iteration.
"""
import numpy as np

NAMES = ["log_cl70", "b_smoker", "b_oc", "log_v70", "log_ka"]
COLS = ["time_h", "dose_mg", "weight_kg", "smoker", "oral_contraceptive"]


def _columns(X):
    if hasattr(X, "columns"):
        X = X[COLS]
    return np.asarray(X, float).T


def concentration(p, t, dose, wt, smoker, oc):
    cl = np.exp(p[0] + p[1] * smoker + p[2] * oc) * (wt / 70.0) ** 0.75
    v = np.exp(p[3]) * wt / 70.0
    ka = np.exp(p[4])
    ke = cl / v
    return dose * ka / (v * (ka - ke)) * (np.exp(-ke * t) - np.exp(-ka * t))


def jacobian(p, X, h=1e-6):
    f0 = concentration(p, *X)
    J = np.empty((len(f0), len(p)))
    for k in range(len(p)):
        q = p.copy()
        q[k] += h
        J[:, k] = (concentration(q, *X) - f0) / h
    return f0, J


class CaffeinePK:
    def __init__(self, p):
        self.p = np.asarray(p, float)
        self.params = dict(zip(NAMES, self.p))
        self.cl70, self.v70, self.ka = np.exp(self.p[0]), np.exp(self.p[3]), np.exp(self.p[4])

    def predict(self, X):
        return concentration(self.p, *_columns(X))


def train_model(data_train, data_val, config, monitor):
    X = _columns(data_train)
    y = data_train["caffeine_mg_l"].to_numpy(float)
    Xv = _columns(data_val)
    yv = data_val["caffeine_mg_l"].to_numpy(float)
    p = np.array([np.log(config["cl_init"]), 0.0, 0.0, np.log(config["v_init"]), np.log(config["ka_init"])])
    lam = config["damping"]
    sse = float(np.sum((concentration(p, *X) - y) ** 2))
    quiet = 0
    for it in range(config["max_iter"]):
        f, J = jacobian(p, X)
        r = y - f
        g = J.T @ r
        A = J.T @ J
        while True:
            step = np.linalg.solve(A + lam * np.diag(np.diag(A)), g)
            new = float(np.sum((concentration(p + step, *X) - y) ** 2))
            if np.isfinite(new) and new < sse:
                lam = max(lam / 3.0, 1e-9)
                break
            lam *= 4.0
            if lam > 1e8:
                step, new = np.zeros_like(p), sse
                break
        rel = (sse - new) / sse
        p, sse = p + step, new
        pv = concentration(p, *Xv)
        val = float(np.mean((pv - yv) ** 2))
        monitor.log_epoch(train_loss=sse / len(y), val_loss=val, metric=float(np.sqrt(val)),
                          grad_norm=float(np.linalg.norm(2.0 * g / len(y))), damping=lam)
        quiet = quiet + 1 if rel < config["tol"] else 0
        if quiet >= 3 or monitor.should_stop:
            break
    m = CaffeinePK(p)
    print(f"CL70 {m.cl70:.3f} L/h, V70 {m.v70:.2f} L, ka {m.ka:.3f} 1/h, "
          f"smoker x{np.exp(p[1]):.3f}, oral contraceptive x{np.exp(p[2]):.3f} ({it + 1} iterations)")
    return m
