import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "soil_incubation"
rng = np.random.default_rng(2468)
# laboratory aerobic soil incubation of a herbicide (OECD 307 style): jars held at a set temperature and moisture,
# sampled destructively; parent and its main soil metabolite extracted and quantified by LC-MS/MS (mg/kg dry soil)
temps = [5.0, 10.0, 15.0, 20.0, 25.0, 30.0]
moists = [30.0, 45.0, 60.0, 80.0]
days = [0, 1, 3, 7, 14, 21, 35, 56, 90, 120]
rows = []
for rep in range(3):
    for T in temps:
        for M in moists:
            dose = float(rng.choice([0.8, 1.5, 3.0]))
            for d in days:
                rows.append((rep, T, M, dose, d))
df = pd.DataFrame(rows, columns=["rep", "soil_temp_c", "moisture_pct_whc", "applied_mg_kg", "day"])
R = 8.314e-3
f_T = np.exp(-65.0 / R * (1 / (df.soil_temp_c + 273.15) - 1 / 293.15))
f_M = (df.moisture_pct_whc / 50.0) ** 0.7
k = 0.0277 * f_T * f_M                        # parent DT50 25 d at 20 degC and 50% WHC
km = 0.012 * f_T * f_M                        # metabolite degradation
t = df.day.to_numpy()
P = df.applied_mg_kg * np.exp(-k * t)
Mt = 0.45 * 0.72 * df.applied_mg_kg * k / (km - k) * (np.exp(-k * t) - np.exp(-km * t))
df["parent_mg_kg"] = np.maximum(P + rng.normal(0, 0.03 + 0.04 * P), 0.002).round(3)
df["metabolite_mg_kg"] = np.maximum(Mt + rng.normal(0, 0.02 + 0.04 * Mt), 0.002).round(3)
df = df.sample(frac=1.0, random_state=3).reset_index(drop=True)
val = df.rep == 2
df = df.drop(columns="rep")
df[~val].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df[val].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
