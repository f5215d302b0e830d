import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from scipy.special import expit

NAME = "germination_lab"
rng = np.random.default_rng(1702)
# seed-testing laboratory: standard germination tests of stored seed lots, one dish (50 or 100 seeds) per row
n = 1200
age = rng.uniform(0, 36, n).round(0)                 # months in the store since harvest
moist = rng.uniform(6, 16, n).round(1)               # seed moisture content at storage, % fresh weight
temp = rng.choice([15, 20, 25], n)                   # germination cabinet temperature, degC
primed = rng.integers(0, 2, n)                       # 1 = hydro-primed lot
ns = rng.choice([50, 100], n)                        # seeds placed in the dish
eta = 2.2 - 0.09 * (age - 12) - 0.45 * (moist - 10) + 0.9 * primed - 0.06 * np.abs(temp - 20)
k = rng.binomial(ns, expit(eta))
df = pd.DataFrame(dict(storage_months=age, seed_moisture_pct=moist, test_temp_C=temp, primed=primed,
                       n_seeds=ns, germinated=k))
df.iloc[:800].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[800:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
print("share of dishes with true germination probability > 0.9:", float(np.mean(expit(eta) > 0.9)))
