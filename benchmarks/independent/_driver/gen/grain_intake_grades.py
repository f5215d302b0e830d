import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "grain_intake_grades"
rng = np.random.default_rng(1702)
# wheat loads sampled at a co-operative's intake pit; the grade the laboratory assigns (0 feed, 1 bread-making, 2 premium milling)
n = 2000
variety = rng.choice([1, 2, 3, 4, 5, 6], n, p=[0.25, 0.2, 0.18, 0.15, 0.12, 0.1])
region = rng.choice([1, 2, 3, 4], n, p=[0.35, 0.3, 0.2, 0.15])
var_prot = np.array([0.9, 0.3, 0.0, -0.4, -0.9, 0.5])[variety - 1]
reg_prot = np.array([0.2, 0.0, -0.3, 0.4])[region - 1]
protein = np.round(11.8 + var_prot + reg_prot + rng.normal(0, 1.0, n), 1)           # % dry matter
moisture = np.round(rng.normal(14.2, 1.1, n) + np.where(region == 3, 0.8, 0.0), 1)  # %
test_weight = np.round(rng.normal(77.5, 2.4, n) - 0.6 * (moisture - 14), 1)        # kg/hl
hfn = np.round(np.clip(rng.normal(300, 70, n) - 40 * (moisture - 14) - np.where(region == 3, 50, 0), 62, 500), 0)  # Hagberg falling number, s
screenings = np.round(np.clip(rng.gamma(2.0, 1.1, n), 0, 15), 1)                   # %
score = (1.6 * (protein - 11.8) + 0.5 * (test_weight - 77.5) + 0.018 * (hfn - 280)
         - 0.6 * (screenings - 2.2) - 0.7 * (moisture - 14.2) + rng.logistic(0, 0.6, n))
grade = np.where(score < -1.6, 0, np.where(score < 1.8, 1, 2))
df = pd.DataFrame(dict(variety=variety, region=region, protein_pct=protein, moisture_pct=moisture,
                       test_weight_kg_hl=test_weight, falling_number_s=hfn, screenings_pct=screenings, grade=grade))
# the falling-number test is skipped at busy times, the moisture meter is sometimes not logged
df.loc[rng.random(n) < 0.15, "falling_number_s"] = np.nan
df.loc[rng.random(n) < 0.06, "moisture_pct"] = np.nan
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(df.describe().T[["mean", "std", "min", "max"]])
    print(df.grade.value_counts(normalize=True).sort_index())
