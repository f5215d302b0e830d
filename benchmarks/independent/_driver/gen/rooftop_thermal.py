import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "rooftop_thermal"
rng = np.random.default_rng(1002)
# drone infrared survey of rooftop PV modules, each resampled to a 12 x 12 grid of cell temperatures (degC);
# condition: 0 normal, 1 hot spot (one cracked / shaded cell), 2 bypass-diode substring (a third of the module warm),
# 3 soiling (dirt line along the lower frame warms the bottom rows)
n = 1600
G = 12
cls = rng.choice(4, n, p=[0.4, 0.2, 0.2, 0.2])
imgs = np.empty((n, G, G))
rr, cc = np.meshgrid(np.arange(G), np.arange(G), indexing="ij")
for i in range(n):
    amb = rng.uniform(18, 42)                         # module operating temperature set by sun and air
    tilt = rng.normal(0, 0.25) * (rr - 5.5) + rng.normal(0, 0.25) * (cc - 5.5)   # wind / mounting gradient
    img = amb + tilt + rng.normal(0, 0.8, (G, G))
    if cls[i] == 1:
        r, c = rng.integers(1, G - 1, 2)
        img += rng.uniform(3.0, 8.0) * np.exp(-((rr - r) ** 2 + (cc - c) ** 2) / (2 * rng.uniform(0.5, 0.9) ** 2))
    elif cls[i] == 2:
        s = rng.integers(0, 3) * 4                    # substring = 4 adjacent columns
        img[:, s:s + 4] += rng.uniform(2.0, 5.0)
    elif cls[i] == 3:
        h = rng.integers(2, 5)
        img[G - h:, :] += rng.uniform(1.5, 4.0) * np.linspace(0.4, 1.0, h)[:, None]
    imgs[i] = img
cols = [f"t_r{r:02d}c{c:02d}" for r in range(G) for c in range(G)]
df = pd.DataFrame(imgs.reshape(n, -1).round(2), columns=cols)
df["condition"] = cls
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df[cols].stack().describe()); print(np.bincount(cls) / n)
