import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "wheat_protein"
rng = np.random.default_rng(303)
n = 800
wl = np.linspace(1100, 2500, 64)                        # nm
band = lambda c, w: np.exp(-0.5 * ((wl - c) / w) ** 2)
protein = np.clip(rng.normal(12.8, 1.8, n), 8.5, 18)     # % dry matter
moisture = np.clip(rng.normal(12.0, 1.3, n), 8, 16)      # %
starch = 100 - protein - moisture - rng.normal(16, 1.0, n)
scatter = rng.lognormal(0, 0.12, n)                       # particle size: multiplicative
offset = rng.normal(0, 0.04, n)
X = np.empty((n, 64))
for i in range(n):
    a = (0.012 * protein[i] * (band(2180, 40) + 0.6 * band(2055, 35) + 0.3 * band(1510, 30))
         + 0.03 * moisture[i] * (band(1940, 45) + 0.4 * band(1450, 40))
         + 0.006 * starch[i] * (band(2100, 50) + 0.5 * band(2320, 45))
         + 0.15 + 0.00008 * (wl - 1100))
    X[i] = a * scatter[i] + offset[i] + rng.normal(0, 0.002, 64)
df = pd.DataFrame(X.round(5), columns=[f"A_{int(w)}nm" for w in wl])
df["protein_pct"] = protein.round(2)
df.iloc[:600].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[600:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.iloc[:, [0, 30, 63, 64]].describe().T)
