import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "motor_claims"
rng = np.random.default_rng(2024)
# settled own-damage claims of a regional motor insurer: repair cost of each claim against policy and vehicle facts.
# Truth: gamma severity with log link, shape 3.0 (coefficient of variation ~0.58)
n = 2000
driver_age = rng.integers(18, 86, n)
vehicle_value_keur = np.round(np.exp(rng.normal(np.log(18), 0.5, n)), 1)    # thousand EUR
vehicle_age_yr = rng.integers(0, 21, n)
urban = (rng.random(n) < 0.55).astype(int)
engine_kw = np.round(np.clip(40 + 3.2 * vehicle_value_keur + rng.normal(0, 15, n), 40, 250)).astype(int)
eta = (np.log(2600) + 0.55 * np.log(vehicle_value_keur / 18) - 0.025 * vehicle_age_yr + 0.18 * urban
       + 0.004 * (engine_kw - 100) + 0.00025 * (driver_age - 45) ** 2 - 0.004 * (driver_age - 45))
shape = 3.0
cost = rng.gamma(shape, np.exp(eta) / shape)
df = pd.DataFrame(dict(driver_age=driver_age, vehicle_value_keur=vehicle_value_keur, vehicle_age_yr=vehicle_age_yr,
                       urban=urban, engine_kw=engine_kw, claim_cost_eur=np.round(cost, 2)))
tr = df.iloc[:1400].reset_index(drop=True)
va = df.iloc[1400:].reset_index(drop=True)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
