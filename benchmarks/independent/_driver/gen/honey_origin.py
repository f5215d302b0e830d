import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "honey_origin"
rng = np.random.default_rng(802)
# botanical origin of unifloral honeys from routine physico-chemical lab measurements
# classes: 0 acacia, 1 chestnut, 2 heather, 3 lime
n = 1600
cls = rng.choice(4, n, p=[0.3, 0.25, 0.2, 0.25])
#                 cond mS/cm  moisture %  colour mm Pfund  pH    F/G ratio  diastase DN  proline mg/kg
mu = np.array([[0.17, 16.8, 12.0, 3.95, 1.62, 9.0, 260],
               [1.15, 17.2, 95.0, 5.20, 1.45, 22.0, 620],
               [0.72, 21.0, 80.0, 4.15, 1.22, 25.0, 820],
               [0.62, 17.4, 35.0, 4.45, 1.30, 14.0, 380]])
sd = np.array([0.11, 1.0, 12.0, 0.32, 0.09, 4.5, 120])
# blends with pollen from other sources shift every reading part of the way toward another class
other = (cls + rng.integers(1, 4, n)) % 4
w = rng.beta(1.2, 5.0, n)[:, None]
X = (1 - w) * mu[cls] + w * mu[other] + rng.normal(0, 1, (n, 7)) * sd
X[:, 0] = np.abs(X[:, 0]); X[:, 2] = np.clip(X[:, 2], 1, 140); X[:, 5] = np.clip(X[:, 5], 2, None); X[:, 6] = np.clip(X[:, 6], 60, None)
cols = ["conductivity_mS_cm", "moisture_pct", "colour_mm_pfund", "pH", "fructose_glucose_ratio", "diastase_DN", "proline_mg_kg"]
df = pd.DataFrame(X, columns=cols).round(3)
df["origin"] = cls
df.iloc[:1100].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1100:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(np.bincount(cls))
