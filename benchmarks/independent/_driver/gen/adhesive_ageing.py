"""adhesive_ageing: lap-shear strength of epoxy-bonded aluminium joints after humid-heat ageing (Arrhenius rate with a
humidity factor, first-order strength loss, 5% multiplicative scatter). Deterministic (seed 7302); writes
../../adhesive_ageing/data/{train,val}.csv."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(7302)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "adhesive_ageing", "data")
R = 8.314


def make(n):
    temp = rng.choice([40.0, 50.0, 60.0, 70.0, 80.0, 85.0], n) + rng.normal(0, 0.4, n)
    rh = rng.choice([50.0, 65.0, 80.0, 95.0], n) + rng.normal(0, 1.0, n)
    hours = rng.choice([0, 168, 336, 500, 750, 1000, 1500, 2000, 2500, 3000], n).astype(float)
    k_ref = 0.12                       # per 1000 h at 60 degC, 70 %RH
    ea = 72000.0                       # J/mol
    k = k_ref * np.exp(ea / R * (1 / 333.15 - 1 / (temp + 273.15))) * np.exp(0.022 * (rh - 70.0))
    s0 = 26.0 * rng.lognormal(0, 0.03, n)
    y = s0 * np.exp(-k * hours / 1000.0) * rng.lognormal(0, 0.04, n)
    return pd.DataFrame(dict(chamber_temp_c=temp.round(1), chamber_rh_pct=rh.round(1), ageing_hours=hours,
                             shear_strength_mpa=y.round(2)))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    tr = make(720); va = make(280)
    tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
    va.to_csv(os.path.join(OUT, "val.csv"), index=False)
    print(tr.describe().T[["mean", "std", "min", "max"]])
