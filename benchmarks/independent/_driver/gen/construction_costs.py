import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "construction_costs"
rng = np.random.default_rng(10303)
# outturn construction cost of public buildings (cost database of a regional building authority)
N = 1300
btype = rng.choice([0, 1, 2, 3, 4], N, p=[0.3, 0.25, 0.2, 0.15, 0.1])   # school, office, clinic, sports hall, depot
area = np.exp(rng.normal(np.log(2500), 0.8, N)).clip(150, 40000)
storeys = np.clip(np.round(np.log(area / 300) * rng.uniform(0.6, 1.4, N)), 1, 9)
slope = rng.gamma(1.5, 3.0, N).clip(0, 30)
dist = rng.gamma(2.0, 15.0, N).clip(1, 160)
year = rng.integers(2012, 2024, N)
type_eff = np.array([0.0, -0.12, 0.38, -0.25, -0.55])[btype]
logc = (np.log(2.1) + type_eff + 0.93 * np.log(area) + 0.035 * storeys + 0.012 * slope
        + 0.0015 * dist + 0.04 * (year - 2012) + rng.normal(0, 0.11, N))
cost = np.exp(logc)                                              # thousand EUR
df = pd.DataFrame(dict(building_type=btype, gross_floor_area_m2=area.round(0), storeys=storeys.astype(int),
                       site_slope_pct=slope.round(1), haul_distance_km=dist.round(1), tender_year=year,
                       cost_keur=cost.round(1)))
tr, va = df.iloc[:1000], df.iloc[1000:]
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
