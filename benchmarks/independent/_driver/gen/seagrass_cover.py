"""Synthetic seagrass survey: fraction of each 0.25 m2 quadrat covered by eelgrass, against depth below chart datum,
turbidity, mud content of the sediment and distance to the nearest river mouth. Beta-distributed cover."""
import os
import numpy as np
import pandas as pd

rng = np.random.default_rng(3052)
B = dict(b0=1.6, b_depth=-0.55, b_turb=-0.8, b_mud=-1.5, b_river=0.12)
PHI = 12.0


def make(n):
    depth = rng.uniform(0.3, 6.0, n).round(2)
    turb = np.exp(rng.normal(np.log(4.0), 0.6, n)).round(2)
    mud = rng.beta(2, 5, n).round(3)
    river = rng.gamma(2.0, 2.5, n).round(2)
    eta = (B["b0"] + B["b_depth"] * depth + B["b_turb"] * np.log(turb / 4.0) + B["b_mud"] * mud
           + B["b_river"] * np.minimum(river, 12.0))
    mu = 1 / (1 + np.exp(-eta))
    y = rng.beta(mu * PHI, (1 - mu) * PHI).clip(0.005, 0.995).round(4)
    return pd.DataFrame(dict(depth_m=depth, turbidity_ntu=turb, mud_frac=mud, dist_river_km=river, cover_frac=y))


out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "seagrass_cover", "data")
make(700).to_csv(os.path.join(out, "train.csv"), index=False)
make(400).to_csv(os.path.join(out, "val.csv"), index=False)
