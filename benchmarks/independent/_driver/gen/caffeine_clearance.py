import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
# single oral caffeine doses in healthy volunteers, plasma caffeine (mg/L) over 24 h: one-compartment model with
# first-order absorption; clearance scales allometrically with body weight, is induced by smoking (CYP1A2) and
# inhibited by oral contraceptives; volume proportional to weight
rng = np.random.default_rng(5)
CL70, V70, KA, B_SMK, B_OC = 6.0, 45.0, 2.5, 0.55, -0.45
times = np.array([0.25, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 6.0, 8.0, 10.0, 12.0, 24.0])
rows = []
for subj in range(140):
    female = rng.random() < 0.5
    wt = rng.normal(64 if female else 80, 10)
    wt = float(np.clip(wt, 45, 120))
    smoker = int(rng.random() < 0.3)
    oc = int(female and rng.random() < 0.4)
    dose = float(rng.choice([100.0, 200.0, 300.0]))
    cl = CL70 * (wt / 70) ** 0.75 * np.exp(B_SMK * smoker + B_OC * oc) * np.exp(rng.normal(0, 0.2))
    v = V70 * (wt / 70) * np.exp(rng.normal(0, 0.1))
    ka = KA * np.exp(rng.normal(0, 0.25))
    ke = cl / v
    c = dose * ka / (v * (ka - ke)) * (np.exp(-ke * times) - np.exp(-ka * times))
    obs = c * np.exp(rng.normal(0, 0.08, len(times))) + rng.normal(0, 0.05, len(times))
    for t, o in zip(times, obs):
        rows.append(dict(subject=subj, time_h=t, dose_mg=dose, weight_kg=round(wt, 1), smoker=smoker,
                         oral_contraceptive=oc, caffeine_mg_l=round(float(max(o, 0.01)), 3)))
df = pd.DataFrame(rows)
tr = df[df.subject < 100].drop(columns="subject"); va = df[df.subject >= 100].drop(columns="subject")
tr.to_csv(ROOT + "/caffeine_clearance/data/train.csv", index=False); va.to_csv(ROOT + "/caffeine_clearance/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]], len(tr), len(va))
