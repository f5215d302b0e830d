import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "substation_transformers"
rng = np.random.default_rng(1201)
# distribution transformers of a regional network: condition survey (dissolved-gas analysis of the oil, loading,
# age) and whether the unit failed or was pulled out for a major fault within the next two years
n = 2400
age = rng.uniform(3, 55, n).round(1)                                        # years in service
load = np.clip(rng.normal(0.72, 0.2, n), 0.15, 1.35).round(3)               # peak load / nameplate rating
h2 = np.exp(rng.normal(np.log(40) + 0.012 * (age - 25), 0.8, n)).round(1)   # hydrogen in oil, ppm
c2h2 = np.where(rng.random(n) < 0.65, 0.0, np.exp(rng.normal(0.3, 1.0, n))).round(2)  # acetylene, ppm (arcing)
moist = np.clip(rng.normal(12 + 0.25 * age, 5, n), 3, 60).round(1)         # water in oil, ppm
oil_t = np.clip(rng.normal(55 + 28 * load, 6, n), 30, 110).round(1)         # top-oil temperature at peak, degC
ops = rng.gamma(2.0, 15, n).round(1)                                        # tap-changer operations, thousands
eta = (-3.4 + 0.09 * (age - 30) + 1.8 * np.log(h2 / 40) + 1.7 * np.log1p(c2h2)
       + 0.10 * (moist - 20) + 0.25 * np.maximum(oil_t - 80, 0) + 0.02 * (ops - 30))
p = 1 / (1 + np.exp(-eta))
y = (rng.random(n) < p).astype(int)
df = pd.DataFrame(dict(age_years=age, peak_load_pu=load, hydrogen_ppm=h2, acetylene_ppm=c2h2, moisture_ppm=moist,
                       top_oil_temp_C=oil_t, tap_ops_thousand=ops, failed_within_2y=y))
df.iloc[:1800].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1800:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
