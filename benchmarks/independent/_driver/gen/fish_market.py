import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "fish_market"
rng = np.random.default_rng(33)
n = 900
species = rng.integers(0, 4, n)                      # bream, perch, pike, roach
length = rng.uniform(15, 60, n)                      # cm
shape_k = np.array([0.0145, 0.0110, 0.0062, 0.0118])[species]
height_ratio = np.array([0.40, 0.27, 0.16, 0.26])[species] * (1 + rng.normal(0, 0.04, n))
width_ratio = np.array([0.15, 0.16, 0.10, 0.14])[species] * (1 + rng.normal(0, 0.04, n))
weight_kg = shape_k * length ** 3 * (height_ratio / np.array([0.40, 0.27, 0.16, 0.26])[species]) ** 1.2 / 1000
weight_kg *= np.exp(rng.normal(0, 0.05, n))
df = pd.DataFrame(dict(length_cm=length.round(1), height_cm=(length * height_ratio).round(2),
                       width_cm=(length * width_ratio).round(2), is_bream=(species == 0).astype(int),
                       is_perch=(species == 1).astype(int), is_pike=(species == 2).astype(int),
                       weight_kg=weight_kg.round(3)))
df.iloc[:650].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[650:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
