"""Acidification of set yoghurt in pilot vats: logistic growth of the starter culture (Ratkowsky square-root rate
in the incubation temperature) and lactic acid produced with growth and by the standing population.
The ODE is stepped through the 10 h of incubation and its parameters are fitted by Adam through the simulation."""
import time
import numpy as np
import pandas as pd
import torch

FEATURES = ["vat_id", "hour", "incubation_temp_c", "inoculum_log10_cfu_ml", "acid0_g_l"]
T_MIN = 12.0          # notional minimum growth temperature of the culture (degC), from the supplier's sheet
H_END = 10            # hours of incubation covered by the readings


def vat_table(df):
    """one row per vat: temperature, inoculum (1e8 CFU/mL), initial acidity"""
    g = df.groupby("vat_id", sort=True).first()
    temp = torch.tensor(g["incubation_temp_c"].to_numpy(), dtype=torch.float64)
    n0 = torch.tensor(10.0 ** g["inoculum_log10_cfu_ml"].to_numpy() / 1e8, dtype=torch.float64)
    p0 = torch.tensor(g["acid0_g_l"].to_numpy(), dtype=torch.float64)
    return g.index.to_numpy(), temp, n0, p0


def simulate(theta, temp, n0, p0):
    """acidity of every vat at hours 0..H_END (tensor vats x (H_END + 1))"""
    b, K, alpha, beta = torch.exp(theta)
    r = (b * (temp - T_MIN)) ** 2
    n, p = n0, p0
    out = [p]
    n_sub = 20                       # 3-minute steps inside each hour
    dt = 1.0 / n_sub
    for _ in range(H_END):
        for _ in range(n_sub):
            dn = r * n * (1.0 - n / K)
            p = p + dt * (alpha * dn + beta * n)
            n = n + dt * dn
        out.append(p)
    return torch.stack(out, dim=1)


def lookup(df, vats, traj):
    idx = {v: i for i, v in enumerate(vats)}
    rows = torch.tensor([idx[v] for v in df["vat_id"].to_numpy()])
    hrs = torch.tensor(df["hour"].to_numpy().astype(int))
    return traj[rows, hrs]


class AcidModel:
    def __init__(self, theta):
        self.theta = theta.detach().clone()

    def params(self):
        return dict(zip(["b", "K", "alpha", "beta"], torch.exp(self.theta).tolist()))

    def predict(self, X):
        df = X if isinstance(X, pd.DataFrame) else pd.DataFrame(np.asarray(X, dtype=float), columns=FEATURES)
        vats, temp, n0, p0 = vat_table(df)
        with torch.no_grad():
            return lookup(df, vats, simulate(self.theta, temp, n0, p0)).numpy()


def train_model(data_train, data_val, config, monitor):
    torch.manual_seed(config.get("seed", 0))
    target = "lactic_acid_g_l"
    vt, tt, nt, pt = vat_table(data_train)
    vv, tv, nv, pv = vat_table(data_val)
    y_tr = torch.tensor(data_train[target].to_numpy(), dtype=torch.float64)
    y_va = torch.tensor(data_val[target].to_numpy(), dtype=torch.float64)
    # starting guesses: b 0.03, K 5 (5e8 CFU/mL), alpha 0.5 g/L per unit, beta 0.02 g/L/h per unit
    theta = torch.tensor(np.log([0.03, 5.0, 0.5, 0.02]), dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([theta], lr=config.get("lr", 0.1))
    for epoch in range(config.get("epochs", 800)):
        t0 = time.time()
        opt.zero_grad()
        pred = lookup(data_train, vt, simulate(theta, tt, nt, pt))
        loss = torch.mean((pred - y_tr) ** 2)
        loss.backward()
        gn = float(theta.grad.norm())
        opt.step()
        with torch.no_grad():
            pv_ = lookup(data_val, vv, simulate(theta, tv, nv, pv))
            vl = float(torch.mean((pv_ - y_va) ** 2))
        b, K, alpha, beta = torch.exp(theta.detach()).tolist()
        monitor.log_epoch(train_loss=loss.item(), val_loss=vl, metric=vl ** 0.5, grad_norm=gn,
                          lr=opt.param_groups[0]["lr"], time_s=time.time() - t0, b=b, K=K, alpha=alpha, beta=beta)
        if monitor.should_stop:
            break
    return AcidModel(theta)
