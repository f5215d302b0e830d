import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "maternity_stays"
rng = np.random.default_rng(1502)
# postnatal length of stay (hours from birth to discharge) in 14 maternity units of a regional network;
# unit_code 1-14 (each unit has its own discharge policy), delivery_mode 1 spontaneous, 2 instrumental,
# 3 elective caesarean, 4 emergency caesarean. Training = 2022, validation = first half of 2023.
unit_eff = rng.normal(0, 0.28, 14)                 # log-scale unit effects
mode_eff = np.array([0.0, 0.25, 0.85, 1.05])


def stays(n):
    unit = rng.integers(1, 15, n)
    mode = rng.choice([1, 2, 3, 4], n, p=[0.58, 0.12, 0.14, 0.16])
    age = rng.normal(31, 5, n).clip(16, 47).round(0)
    parity = rng.choice([0, 1, 2, 3, 4], n, p=[0.42, 0.33, 0.15, 0.07, 0.03])
    gest = rng.normal(39.2, 1.4, n).clip(34, 42).round(1)
    eta = (np.log(40) + unit_eff[unit - 1] + mode_eff[mode - 1] - 0.08 * parity + 0.012 * (age - 31)
           - 0.07 * (gest - 39.2))
    mu = np.exp(eta)
    shape = 14.0
    los = rng.gamma(shape, mu / shape)
    return pd.DataFrame(dict(unit_code=unit, delivery_mode=mode, maternal_age=age, parity=parity,
                             gestation_weeks=gest, los_hours=los.round(1)))


tr = stays(1800); va = stays(600)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]])
