import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "karst_spring"
rng = np.random.default_rng(901)
# hourly rainfall and air temperature over a karst catchment, discharge of its main spring (L/s)
n = 24 * 150                                   # 150 days, train = first 110 days, val = last 40
rain = np.zeros(n)
t = 0
while t < n:
    t += int(rng.exponential(60))              # dry spell, hours
    dur = int(rng.integers(2, 14))
    inten = rng.gamma(1.5, 1.6)                # mm/h
    if t < n:
        seg = slice(t, min(n, t + dur))
        rain[seg] = inten * rng.uniform(0.3, 1.7, len(rain[seg]))
    t += dur
hours = np.arange(n)
temp = 14 + 6 * np.sin(2 * np.pi * (hours / 24 / 365 * 1.0 - 0.1)) + 4 * np.sin(2 * np.pi * ((hours % 24) - 9) / 24) \
       + np.cumsum(rng.normal(0, 0.15, n)) * 0.3
temp -= 2.0 * (rain > 0)
# antecedent wetness (72 h) raises the share of rain that reaches the conduit quickly
api = np.convolve(rain, np.ones(72), mode="full")[:n]
share = 0.25 + 0.75 * np.tanh(api / 25.0)
eff = rain * share * np.clip(1.15 - 0.015 * temp, 0.5, 1.2)
k = np.arange(72)
h = (k ** 2.2) * np.exp(-k / 6.0); h /= h.sum()                 # unit hydrograph, peak ~13 h after rain
quick = np.convolve(eff, h, mode="full")[:n]
q = 38 + 14 * quick + 0.08 * api + rng.normal(0, 1.2, n)
df = pd.DataFrame(dict(rain_mm=rain.round(2), air_temp_C=temp.round(1), spring_discharge_Ls=q.round(2)))
cut = 24 * 110
# the validation period begins after a dry day (so its first hours carry no storm from before)
while rain[cut - 48:cut + 1].sum() > 0:
    cut += 1
df.iloc[72:cut].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[cut:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(cut, df.describe().T[["mean", "std", "min", "max"]])
