"""Ixodes ticks counted on live-trapped bank voles: zero-inflated negative-binomial counts (a share of voles
never meets questing ticks, more so outside woodland); NB mean log-linear in ground-layer humidity, vole body
mass and roe deer density."""
import os
import numpy as np, pandas as pd
rng = np.random.default_rng(15303)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "vole_tick_burdens", "data")


def make(n):
    wood = (rng.random(n) < 0.55).astype(int)
    rh = np.clip(rng.normal(76 + 4 * wood, 7, n), 45, 99).round(1)
    mass = np.clip(rng.normal(24, 4, n), 14, 38).round(1)
    deer = np.clip(rng.gamma(3, 2.7, n) + 2 * wood, 0.2, 40).round(1)
    pi = 1 / (1 + np.exp(-(0.4 - 1.6 * wood)))
    mu = np.exp(1.3 + 0.045 * (rh - 75) + 0.05 * (mass - 24) + 0.07 * (deer - 8))
    r = 1.6
    cnt = rng.negative_binomial(r, r / (r + mu))
    cnt = np.where(rng.random(n) < pi, 0, cnt)
    return pd.DataFrame(dict(woodland=wood, ground_rh_pct=rh, vole_mass_g=mass, deer_per_km2=deer, ticks=cnt))


os.makedirs(OUT, exist_ok=True)
make(1200).to_csv(os.path.join(OUT, "train.csv"), index=False)
make(500).to_csv(os.path.join(OUT, "val.csv"), index=False)
