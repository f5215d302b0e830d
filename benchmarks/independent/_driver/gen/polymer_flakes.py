import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "polymer_flakes"
rng = np.random.default_rng(7102)
# NIR reflectance of shredded PE/PP flake batches on a sorting line: 48 bands 1100-2500 nm in raw detector counts
n = 2000
wl = np.linspace(1100, 2500, 48)
def band(c, w): return np.exp(-0.5 * ((wl - c) / w) ** 2)
pe = 0.55 * band(1730, 30) + 0.45 * band(1765, 25) + 0.9 * band(2310, 35) + 0.7 * band(2350, 30) + 0.25 * band(1215, 30)
pp = 0.6 * band(1195, 25) + 0.5 * band(1395, 30) + 0.75 * band(1700, 35) + 0.8 * band(2275, 30) + 0.5 * band(2460, 40)
water = 0.7 * band(1450, 45) + 1.0 * band(1940, 50)
pp_frac = rng.beta(1.3, 3.0, n)                       # share of polypropylene by mass
moist = rng.uniform(0.0, 0.35, n)                     # wash-water left on the flakes
dirt = rng.uniform(0.0, 0.25, n)                      # labels, paper, pigment: broad offset and slope
gain = rng.uniform(0.6, 1.4, n)                       # lamp/distance scatter
A = (1 - pp_frac)[:, None] * pe + pp_frac[:, None] * pp + moist[:, None] * water \
    + dirt[:, None] * (0.3 + 0.2 * (wl - 1100) / 1400) + 0.05
counts = 28000 * gain[:, None] * 10 ** (-A) + rng.normal(0, 60, (n, 48))
df = pd.DataFrame(counts.round(0), columns=[f"nir_{int(round(w))}" for w in wl])
df["pp_pct"] = (100 * pp_frac).round(2)
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]].iloc[::6]); print(df["pp_pct"].describe())
