import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(9)
times = np.array([0.25, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 24])
rows = []
for s in range(40):
    dose = rng.choice([100, 200, 400])
    F, V, ka, ke = 0.6, 35.0, 1.3, 0.17
    # between-subject variability on clearance and absorption
    ke_i = ke * np.exp(rng.normal(0, 0.15)); ka_i = ka * np.exp(rng.normal(0, 0.2)); V_i = V * np.exp(rng.normal(0, 0.1))
    c = F * dose / V_i * ka_i / (ka_i - ke_i) * (np.exp(-ke_i * times) - np.exp(-ka_i * times))
    c = c * np.exp(rng.normal(0, 0.12, len(times)))
    for t, ci in zip(times, c):
        rows.append(dict(subject=s, dose_mg=dose, time_h=t, conc_mg_L=round(float(ci), 4)))
df = pd.DataFrame(rows)
tr = df[df.subject < 30].drop(columns="subject"); va = df[df.subject >= 30].drop(columns="subject")
tr.to_csv(ROOT + "/oral_pk/data/train.csv", index=False); va.to_csv(ROOT + "/oral_pk/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]], len(tr), len(va))
