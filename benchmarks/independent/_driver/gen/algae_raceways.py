import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
# batch cultures of Nannochloropsis in open raceway ponds: areal dry biomass (g/m2) sampled every 2 days for 30 days;
# logistic growth whose ceiling rises with the nitrate of the medium and whose rate rises with the mean irradiance
rng = np.random.default_rng(2214)
K0, KN, R0, RI, TM = 300.0, 1.6, 0.38, 0.015, 11.0
rows = []
for run in range(85):
    nitrate = rng.uniform(20.0, 150.0)
    irr = rng.uniform(12.0, 28.0)
    tm = TM + rng.normal(0, 0.8)                      # inoculum vigour differs a little between runs
    K = K0 + KN * (nitrate - 80.0)
    r = R0 + RI * (irr - 20.0)
    day = np.arange(0, 32, 2, dtype=float)
    mu = K / (1.0 + np.exp(-r * (day - tm)))
    w = mu + rng.normal(0, 3.0 + 0.04 * mu)
    for d, o in zip(day, w):
        rows.append(dict(run=run, day=d, nitrate_mg_l=round(float(nitrate), 1), irradiance_mj_m2_d=round(float(irr), 2),
                         biomass_g_m2=round(float(max(o, 0.5)), 2)))
df = pd.DataFrame(rows)
tr = df[df.run < 60].drop(columns="run"); va = df[df.run >= 60].drop(columns="run")
tr.to_csv(ROOT + "/algae_raceways/data/train.csv", index=False); va.to_csv(ROOT + "/algae_raceways/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]], len(tr), len(va))
