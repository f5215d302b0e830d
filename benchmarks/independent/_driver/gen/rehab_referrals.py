import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "rehab_referrals"
rng = np.random.default_rng(1503)
# discharge destination of older inpatients: 0 home, 1 rehabilitation unit, 2 residential care;
# ward_code 1-18 (wards of three hospitals), admission_route 0 emergency department, 1 GP referral,
# 2 transfer from another hospital, 3 elective. Training = 2021-2022, validation = 2023.
ward_rehab = rng.normal(0, 1.0, 18)
ward_care = rng.normal(0, 0.9, 18)
route_rehab = np.array([0.0, -0.3, 0.9, -0.8])
route_care = np.array([0.0, -0.2, 0.6, -1.2])


def patients(n):
    ward = rng.integers(1, 19, n)
    route = rng.choice([0, 1, 2, 3], n, p=[0.55, 0.15, 0.12, 0.18])
    age = rng.normal(78, 8, n).clip(60, 101).round(0)
    los = np.exp(rng.normal(np.log(8), 0.6, n)).round(0).clip(1, 90)
    barthel = (rng.beta(3, 2, n) * 100).round(0)                      # Barthel index at discharge, 0-100
    alone = (rng.random(n) < 0.38).astype(int)
    z1 = (-0.6 + ward_rehab[ward - 1] + route_rehab[route] + 0.04 * (age - 78) + 0.9 * np.log(los / 8)
          - 0.05 * (barthel - 60) + 0.3 * alone)
    z2 = (-2.0 + ward_care[ward - 1] + route_care[route] + 0.08 * (age - 78) + 0.3 * np.log(los / 8)
          - 0.09 * (barthel - 60) + 1.5 * alone + 1.5 * ((barthel < 40) & (alone == 1)))
    z = np.stack([np.zeros(n), z1, z2], 1)
    p = np.exp(z - z.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
    dest = (rng.random(n)[:, None] > p.cumsum(1)).sum(1)
    return pd.DataFrame(dict(ward_code=ward, admission_route=route, age_years=age, los_days=los,
                             barthel_index=barthel, lives_alone=alone, destination=dest))


tr = patients(2400); va = patients(800)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]])
print(tr.destination.value_counts(normalize=True))
