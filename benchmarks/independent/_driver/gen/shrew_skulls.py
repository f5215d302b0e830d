"""Round 16 (a): shrew_skulls. Species of red-toothed shrews (Sorex) from six skull measurements (mm) taken with
digital callipers on museum and owl-pellet specimens, plus body mass (g) where the specimen was weighed fresh.
Species: 0 common shrew, 1 pygmy shrew, 2 Millet's shrew, 3 water shrew (shares as in the collections).
Training: specimens catalogued before 2015; validation: 2015-2023 accessions."""
import os, numpy as np, pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "shrew_skulls", "data")
rng = np.random.default_rng(4416)

SHARES = np.array([0.46, 0.21, 0.19, 0.14])
COLS = ["condylobasal_mm", "toothrow_mm", "braincase_width_mm", "rostrum_height_mm", "mandible_mm", "coronoid_height_mm", "mass_g"]
# log-scale species means
MEANS = np.log(np.array([
    [19.0, 8.4, 9.6, 2.55, 10.2, 4.6, 9.0],     # common
    [15.4, 6.6, 7.9, 1.95, 8.1, 3.4, 4.4],      # pygmy
    [18.1, 7.85, 9.0, 2.40, 9.75, 4.2, 7.6],    # Millet's (close to common)
    [21.6, 9.7, 10.9, 2.95, 11.6, 5.4, 14.5],   # water
]))
# shared covariance: a common size factor plus independent measurement scatter
LOAD = np.array([0.030, 0.032, 0.028, 0.040, 0.032, 0.036, 0.12])
RESID = np.array([0.018, 0.022, 0.020, 0.045, 0.022, 0.035, 0.10])


def make(n):
    y = rng.choice(4, size=n, p=SHARES)
    size = rng.normal(0, 1, n)
    L = MEANS[y] + np.outer(size, LOAD) + rng.normal(0, 1, (n, 7)) * RESID
    X = np.exp(L)
    df = pd.DataFrame(X, columns=COLS)
    df[COLS[:6]] = df[COLS[:6]].round(2); df["mass_g"] = df["mass_g"].round(1)
    df["species"] = y
    return df


tr = make(900)
va = make(400)
os.makedirs(OUT, exist_ok=True)
tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
va.to_csv(os.path.join(OUT, "val.csv"), index=False)
print("train", np.bincount(tr.species), "val", np.bincount(va.species))
