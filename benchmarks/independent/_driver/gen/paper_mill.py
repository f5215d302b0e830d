import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "paper_mill"
rng = np.random.default_rng(406)
# reel samples of a fine-paper machine: tensile index (MD) from the stock and machine settings at the time
n = 460
freeness = rng.uniform(280, 600, n).round(0)            # mL CSF
refining = rng.uniform(60, 200, n).round(1)             # kWh/t specific refining energy
grammage = rng.uniform(60, 120, n).round(1)             # g/m2
starch = rng.uniform(0, 14, n).round(2)                 # kg/t wet-end cationic starch
moisture = rng.uniform(4.0, 8.5, n).round(2)            # % at the reel
fibre_len = rng.uniform(0.8, 2.4, n).round(2)           # mm, length-weighted
bond = 1 - np.exp(-refining / 90)                       # fibre bonding saturates with refining
tensile = (28 + 38 * bond + 0.018 * (600 - freeness) + 9 * np.log1p(starch) / np.log(15)
           + 6 * np.tanh(fibre_len - 1.2) - 1.6 * (moisture - 6) ** 2 / 4 + 0.05 * (grammage - 90)
           + rng.normal(0, 1.2, n))
df = pd.DataFrame(dict(freeness_CSF_mL=freeness, refining_kWh_t=refining, grammage_g_m2=grammage,
                       starch_kg_t=starch, moisture_pct=moisture, fibre_length_mm=fibre_len,
                       tensile_index_Nm_g=tensile.round(2)))
df.iloc[:300].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[300:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
