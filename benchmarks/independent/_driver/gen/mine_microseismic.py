import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "mine_microseismic"
rng = np.random.default_rng(902)
# triggered records of a three-component underground geophone (vertical Z, north N, east E), 64 samples each
# (ground velocity, mm/s); class 0 = background/machinery noise, 1 = production blast, 2 = rockburst (shear slip)
T = 64
n = 2100
y = rng.choice([0, 1, 2], n, p=[0.34, 0.33, 0.33])
X = np.zeros((n, 3, T))
tt = np.arange(T)
for i in range(n):
    X[i] = rng.normal(0, 0.04, (3, T))
    # machinery hum on all components
    X[i] += 0.03 * rng.uniform(0.5, 1.5) * np.sin(2 * np.pi * rng.uniform(0.02, 0.05) * tt + rng.uniform(0, 6.3))[None]
    if y[i] == 0:
        continue
    amp = np.exp(rng.normal(-0.7, 0.6))                    # event size
    onset = rng.integers(8, 36)
    f = rng.uniform(0.12, 0.28)                             # cycles per sample
    env = np.where(tt >= onset, (tt - onset) / 3.0 * np.exp(-(tt - onset) / rng.uniform(5, 9)), 0.0)
    wav = amp * env * np.sin(2 * np.pi * f * (tt - onset) + rng.uniform(0, 6.3))
    az = rng.uniform(0, 2 * np.pi)
    if y[i] == 1:      # blast: compressional first motion, most energy on the vertical
        gains = [1.0, 0.25 * abs(np.cos(az)), 0.25 * abs(np.sin(az))]
    else:              # rockburst: shear energy on the horizontals, split by the source azimuth
        gains = [0.25, abs(np.cos(az)), abs(np.sin(az))]
    gains = np.array(gains) * rng.uniform(0.85, 1.15, 3)
    for c in range(3):
        shift = rng.integers(0, 3)
        X[i, c] += gains[c] * np.roll(wav, shift)
cols = [f"{ch}_{k:03d}" for ch in ("z", "n", "e") for k in range(T)]     # component by component
df = pd.DataFrame(X.reshape(n, 3 * T).round(4), columns=cols)
df["event_class"] = y
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(np.bincount(y[:1500]), np.bincount(y[1500:]), np.abs(X).max())
