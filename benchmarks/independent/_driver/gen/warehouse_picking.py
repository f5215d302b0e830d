import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "warehouse_picking"
rng = np.random.default_rng(1701)
# order picking in a regional distribution centre: time from pick-list release to the order reaching dispatch
n = 1600
zone = rng.choice([1, 2, 3, 4, 5], n, p=[0.35, 0.2, 0.12, 0.13, 0.2])      # 1 ambient, 2 chilled, 3 frozen, 4 bulky, 5 small parts
shift = rng.choice([1, 2, 3], n, p=[0.45, 0.4, 0.15])                       # 1 early, 2 late, 3 night
n_lines = rng.integers(1, 41, n)                                             # order lines on the pick list
weight = np.round(n_lines * rng.gamma(2.0, 1.6, n) * np.where(zone == 4, 6.0, 1.0), 1)   # kg
tenure = np.round(rng.gamma(1.6, 14, n), 0)                                  # picker tenure, months
aisles = n_lines * rng.uniform(0.3, 1.0, n)
dist = np.round(60 + 38 * aisles * np.where(zone == 5, 0.55, 1.0) + rng.gamma(2, 60, n), 0)   # travel distance, m
speed = np.array([1.0, 0.85, 0.7, 0.8, 1.0])[zone - 1] * np.array([1.0, 0.97, 0.88])[shift - 1]  # m/s factor
t = (1.5 + 0.22 * n_lines + dist / (60 * 1.05 * speed) * 1.9 + 0.004 * weight
     + 3.5 * np.exp(-tenure / 5.0) + np.where(zone == 3, 2.0, 0.0)
     + rng.normal(0, 1.4, n))
df = pd.DataFrame(dict(zone=zone, shift=shift, order_lines=n_lines, total_weight_kg=weight,
                       picker_tenure_months=tenure, travel_distance_m=dist, pick_time_min=np.round(t, 2)))
# weights are missing where the scale at the pack bench was offline, tenure for agency pickers
df.loc[rng.random(n) < 0.08, "total_weight_kg"] = np.nan
df.loc[rng.random(n) < 0.12, "picker_tenure_months"] = np.nan
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(df.describe().T[["mean", "std", "min", "max"]])
    print(np.corrcoef(df.dropna().to_numpy().T)[-1].round(2))
