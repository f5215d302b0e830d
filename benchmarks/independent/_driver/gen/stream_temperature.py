import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "stream_temperature"
rng = np.random.default_rng(1101)
# weekly mean air temperature at a valley weather station against weekly mean water temperature of a
# snowmelt-fed trout stream (Mohseni-type S-curve: near 0.5 degC in frost, levelling off near 22 degC in
# hot weeks because of groundwater inflow and evaporative cooling); two stations' records, 96 + 84 weeks
def weeks(n):
    doy = rng.uniform(0, 365, n)
    air = 9.0 - 13.0 * np.cos(2 * np.pi * (doy - 15) / 365) + rng.normal(0, 3.5, n)
    return air

def water(air):
    mu, alpha, beta, gamma = 0.5, 22.5, 12.5, 0.24
    return mu + (alpha - mu) / (1 + np.exp(gamma * (beta - air)))

n_tr, n_va = 96, 84
air = weeks(n_tr + n_va).round(2)
while pd.Series(air).duplicated().any():          # one reading per week: no two weeks share a mean
    d = pd.Series(air).duplicated().to_numpy()
    air[d] = weeks(int(d.sum())).round(2)
wt = water(air) + rng.normal(0, 0.8, n_tr + n_va)
wt = np.maximum(wt, 0.0).round(2)
df = pd.DataFrame(dict(air_temp_C=air, water_temp_C=wt))
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
print("duplicated air temps in train:", df.iloc[:n_tr].air_temp_C.duplicated().sum())
