import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "seed_varieties"
rng = np.random.default_rng(301)
# kernel geometry of three wheat varieties (1 = Kama, 2 = Rosa, 3 = Canadian), X-ray image measurements
rows = []
spec = {1: dict(len=5.51, wid=3.25, asym=2.6, groove=5.09),
        2: dict(len=6.15, wid=3.68, asym=3.7, groove=6.03),
        3: dict(len=5.23, wid=2.85, asym=4.8, groove=5.12)}
for v, s in spec.items():
    n = 300
    L = rng.normal(s["len"], 0.23, n); W = rng.normal(s["wid"], 0.17, n) + 0.35 * (L - s["len"])
    area = np.pi / 4 * L * W * rng.normal(1.0, 0.025, n) * 1.04
    perim = np.pi * (1.5 * (L + W) / 2 - np.sqrt(L * W) / 2) * rng.normal(1.0, 0.015, n)
    comp = 4 * np.pi * area / perim ** 2
    asym = np.clip(rng.gamma(4, s["asym"] / 4, n), 0.5, None)
    groove = s["groove"] + 0.6 * (L - s["len"]) + rng.normal(0, 0.12, n)
    rows.append(pd.DataFrame(dict(area_mm2=area.round(2), perimeter_mm=perim.round(2), compactness=comp.round(4),
                                  kernel_length_mm=L.round(3), kernel_width_mm=W.round(3), asymmetry_coef=asym.round(3),
                                  groove_length_mm=groove.round(3), variety=v)))
df = pd.concat(rows).sample(frac=1, random_state=1).reset_index(drop=True)
df.iloc[:650].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[650:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.groupby("variety").mean().T)
