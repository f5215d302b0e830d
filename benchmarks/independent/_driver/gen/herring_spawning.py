import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "herring_spawning"
rng = np.random.default_rng(6303)
years = np.arange(1965, 2025)
rows = []
for g in range(8):                                           # spawning components surveyed separately
    level = rng.uniform(40_000, 180_000)
    ssb = level * np.exp(np.cumsum(rng.normal(0, 0.18, len(years))) - 0.0)
    ssb = np.clip(ssb, 8_000, 420_000)
    sst = rng.normal(0, 0.55, len(years)) + 0.02 * (years - 1995)           # spring SST anomaly, degC
    copepod = rng.gamma(6.0, 0.5, len(years))                                 # Calanus index, g/m2 dry weight
    alpha, beta, gamma, delta = 0.0375, 1.25e-5, -0.65, 0.12
    r = alpha * ssb / (1 + beta * ssb) * np.exp(gamma * sst + delta * (copepod - 3.0) + rng.normal(0, 0.25, len(years)))
    for i, y in enumerate(years):
        rows.append(dict(year=y, component=g + 1, spawning_stock_t=round(ssb[i], -1), sst_anomaly_c=round(sst[i], 2),
                         copepod_index=round(copepod[i], 2), recruits_millions=round(r[i], 1)))
df = pd.DataFrame(rows).sort_values(["year", "component"]).reset_index(drop=True)
df = df.drop(columns=["component"])
df[df.year < 2005].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df[df.year >= 2005].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(df.describe().T[["mean", "std", "min", "max"]]); print((df.year < 2005).sum(), (df.year >= 2005).sum())
