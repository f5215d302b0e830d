import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "silage_clamps"
rng = np.random.default_rng(1301)
# NIR scans (1100-2280 nm, 20 nm steps, log10(1/R)) of grass-silage cores against oven dry matter (% fresh weight);
# 900 cores from the 2022-2023 clamps for calibration, 300 cores from 2024 (second instrument) for validation
wl = np.arange(1100, 2281, 20)
n_tr, n_va = 900, 300
n = n_tr + n_va


def band(c, w):
    return np.exp(-0.5 * ((wl - c) / w) ** 2)


dm = rng.uniform(21, 48, n)                                  # oven dry matter, % fresh weight
cp = rng.normal(14, 2.5, n).clip(8, 21)                      # crude protein, % DM
ndf = rng.normal(48, 6, n).clip(32, 64)                      # fibre, % DM
water = (100 - dm) / 100
scat = rng.uniform(0.85, 1.15, n)                            # particle-size scatter (multiplicative)
off = rng.normal(0.25, 0.04, n)                              # baseline offset
tilt = rng.normal(0.10, 0.03, n)                             # baseline slope per 1000 nm
A = (off[:, None] + tilt[:, None] * (wl - 1100) / 1000
     + 0.55 * water[:, None] * band(1450, 45) + 0.95 * water[:, None] * band(1940, 55)
     + 0.22 * water[:, None] ** 2 * band(1190, 35)
     + 0.012 * cp[:, None] * band(2180, 40) + 0.006 * cp[:, None] * band(1510, 30)
     + 0.004 * ndf[:, None] * band(2100, 60) + 0.003 * ndf[:, None] * band(2270, 40))
A = scat[:, None] * A + rng.normal(0, 0.002, (n, len(wl)))
cols = [f"a{w}" for w in wl]
df = pd.DataFrame(A.round(5), columns=cols)
# measurement error of the oven reference
df["dry_matter_pct"] = (dm + rng.normal(0, 0.6, n)).round(2)
tr = df.iloc[:n_tr].reset_index(drop=True)
va = df.iloc[n_tr:].reset_index(drop=True).copy()
# the 2024 instrument's export writes its extended-range detector (1700-2280 nm) as reflectance in percent
ext = [f"a{w}" for w in wl if w >= 1700]
va[ext] = (100 * 10 ** (-va[ext])).round(3)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.shape, va.shape, len(ext))
print(tr[["a1440", "a1940", "a2180", "dry_matter_pct"]].describe().T[["mean", "std", "min", "max"]])
print(va[["a1440", "a1940", "a2180", "dry_matter_pct"]].describe().T[["mean", "std", "min", "max"]])
