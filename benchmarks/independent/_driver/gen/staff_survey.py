import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "staff_survey"
rng = np.random.default_rng(1302)
# hospital staff wellbeing survey: 40 Likert items (1-5) on four scales, department / shift pattern / contract
# one-hot, age, tenure and overtime; target: burnout risk band from the occupational-health interview
# (0 low, 1 moderate, 2 high). 1500 respondents (2023 wave) for training, 500 (2024 wave) for validation.
n_tr, n_va = 1500, 500
n = n_tr + n_va
depts = ["medical", "surgical", "emergency", "icu", "outpatient", "theatre"]
shifts = ["days", "rotating", "nights"]
dept = rng.choice(len(depts), n, p=[0.24, 0.2, 0.15, 0.12, 0.17, 0.12])
shift = rng.choice(len(shifts), n, p=[0.45, 0.35, 0.2])
part_time = (rng.random(n) < 0.28).astype(int)
age = rng.uniform(21, 64, n).round(0)
tenure = np.minimum(age - 20, rng.gamma(2.0, 4.0, n)).round(1)
overtime = (rng.gamma(1.6, 5.0, n) * (1 - 0.5 * part_time) + 4 * (dept == 2) + 3 * (dept == 3)).round(1)
dept_load = np.array([0.1, 0.0, 0.5, 0.45, -0.4, 0.1])[dept]
shift_load = np.array([-0.2, 0.15, 0.4])[shift]
# latent scales
support = rng.normal(0, 1, n)
exhaustion = 0.6 * dept_load + 0.6 * shift_load + 0.05 * (overtime - 9) - 0.35 * support + rng.normal(0, 0.8, n)
cynicism = 0.55 * exhaustion - 0.3 * support + 0.01 * (tenure - 8) + rng.normal(0, 0.75, n)
efficacy = -0.3 * exhaustion + 0.02 * (age - 40) + rng.normal(0, 0.9, n)
latent = np.stack([exhaustion, cynicism, efficacy, support], 1)
cols = {}
k = 1
for s in range(4):
    for j in range(10):
        load = rng.uniform(0.6, 1.1) * (1 if j % 4 else -1)       # every fourth item reverse-keyed
        z = load * latent[:, s] + rng.normal(0, 0.7, n)
        cols[f"q{k:02d}"] = np.digitize(z, [-1.3, -0.45, 0.45, 1.3]) + 1
        k += 1
df = pd.DataFrame(cols)
for i, d in enumerate(depts):
    df[f"dept_{d}"] = (dept == i).astype(int)
for i, s in enumerate(shifts):
    df[f"shift_{s}"] = (shift == i).astype(int)
df["part_time"] = part_time
df["age_years"] = age
df["tenure_years"] = tenure
df["overtime_h_month"] = overtime
# interview outcome: exhaustion and cynicism together, buffered by efficacy, with an interaction of the two
risk = (1.0 * exhaustion + 0.7 * cynicism - 0.45 * efficacy + 0.35 * np.maximum(exhaustion, 0) * np.maximum(cynicism, 0)
        + rng.normal(0, 0.35, n))
df["burnout_risk"] = np.digitize(risk, np.quantile(risk[:n_tr], [0.5, 0.8]))
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.shape, df["burnout_risk"].value_counts(normalize=True).round(3).to_dict())
