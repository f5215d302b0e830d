import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "apple_ripeness"
rng = np.random.default_rng(77)
# packhouse sample of apples graded by a trained panel into 0 = unripe, 1 = harvest-ripe, 2 = overripe,
# with the instrument readings taken on the same fruit
n = 1300
ripe = rng.normal(0, 1, n)                                       # latent ripening stage
days = np.round(135 + 9 * ripe + rng.normal(0, 6, n)).astype(int)            # days after full bloom
firm = np.round(np.clip(78 - 9 * ripe + rng.normal(0, 5, n), 30, 110), 1)    # penetrometer firmness, N
brix = np.round(11.5 + 1.1 * ripe + rng.normal(0, 0.8, n), 1)                # soluble solids, deg Brix
starch = np.round(np.clip(4.5 + 1.6 * ripe + rng.normal(0, 0.9, n), 1, 9), 1)  # starch-iodine index 1-9
hue = np.round(95 - 10 * ripe + rng.normal(0, 7, n), 1)                       # background colour hue angle, deg
acid = np.round(np.clip(0.62 - 0.09 * ripe + rng.normal(0, 0.06, n), 0.2, 1.1), 3)  # titratable acidity, % malic
ethylene = np.round(np.exp(0.3 + 1.2 * ripe + rng.normal(0, 0.5, n)), 2)      # internal ethylene, ppm
weight = np.round(rng.normal(185, 25, n) + 6 * ripe, 0)                       # fruit mass, g
# panel grade from the latent stage with assessor disagreement near the boundaries
score = ripe + rng.normal(0, 0.35, n)
grade = np.digitize(score, [-0.6, 0.8])
df = pd.DataFrame(dict(days_after_bloom=days, firmness_N=firm, brix=brix, starch_index=starch, hue_deg=hue,
                       acidity_pct=acid, ethylene_ppm=ethylene, fruit_mass_g=weight, grade=grade))
tr = df.iloc[:900].reset_index(drop=True)
va = df.iloc[900:].reset_index(drop=True)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]]); print(np.bincount(tr.grade), np.bincount(va.grade))
