import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "sawmill_grading"
rng = np.random.default_rng(1003)
# spruce boards from a sawmill's grading line; strength grade from a later destructive bending test
# 0 = below C16 (reject), 1 = C16, 2 = C24, 3 = C30
n = 1800
density = rng.normal(450, 40, n).round(0)                          # kg/m3 at 12 % moisture
velocity = rng.normal(5100, 320, n).round(0)                       # acoustic (time-of-flight) velocity, m/s
kar = np.clip(rng.beta(2, 7, n), 0, 0.7).round(3)                  # knot area ratio
ring = np.clip(rng.gamma(4, 0.8, n), 0.8, 10).round(2)            # mean ring width, mm
moist = rng.uniform(10, 22, n).round(1)                            # moisture content at grading, %
slope = np.abs(rng.normal(0, 4, n)).round(1)                       # slope of grain, degrees
e_dyn = density * velocity ** 2 / 1e9 * (1 + 0.012 * (moist - 12))   # dynamic MOE, GPa (corrected to 12 %)
strength = (3.4 * e_dyn * (1 - 1.8 * np.maximum(kar - 0.15, 0)) / (1 + (slope / 6) ** 2)       # knots and grain deviation
            - 1.2 * np.maximum(ring - 4, 0) + rng.normal(0, 2.5, n))
grade = np.digitize(strength, [22, 28.5, 34.5])
df = pd.DataFrame(dict(density_kg_m3=density, acoustic_velocity_m_s=velocity, knot_area_ratio=kar, ring_width_mm=ring,
                       moisture_pct=moist, grain_slope_deg=slope, strength_grade=grade))
df.iloc[:1300].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1300:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(np.bincount(grade) / n); print(np.percentile(strength,[10,30,50,70,90]))
