import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "pond_oxygen"
rng = np.random.default_rng(503)
# six catfish ponds, one dawn dissolved-oxygen reading per pond and day; the farm logger exports day by day
P = 6
offset = np.array([0.9, -0.4, 0.3, -1.1, 0.6, -0.3])        # depth / plankton differences between ponds, mg/L


def season(n_days, year_shift):
    rows = []
    day = np.arange(n_days)
    # water temperature: spring warm-up to a July-August peak and autumn cool-down, with weather noise
    base_t = 17 + 12 * np.sin(np.pi * (day + year_shift) / 215) + rng.normal(0, 1.0, n_days)
    cloud = np.clip(rng.beta(1.5, 2.0, n_days), 0, 1)
    for d in day:
        for p in range(P):
            t = base_t[d] + rng.normal(0, 0.6)
            feed = max(0.0, 8 + 0.9 * (t - 17) + rng.normal(0, 4))        # kg/ha, more when the fish eat more
            aer = rng.choice([0, 2, 4, 6, 8], p=[0.25, 0.2, 0.25, 0.2, 0.1])  # hours of night aeration
            do = (9.4 - 0.19 * (t - 20) - 0.06 * feed + 0.22 * aer - 1.6 * cloud[d]
                  - 0.012 * np.maximum(t - 26, 0) * feed + offset[p] + rng.normal(0, 0.35))
            rows.append(dict(day_of_season=d + 1, pond_id=p + 1, water_temp_C=round(t, 1), feed_kg_ha=round(feed, 1),
                             aerator_h=aer, cloud_frac=round(cloud[d], 2), do_dawn_mgL=round(max(do, 0.3), 2)))
    return pd.DataFrame(rows)


tr = season(200, 0)       # April-October 2023
va = season(70, 25)       # first 70 days of the 2024 season (a warmer start)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
print(tr.groupby("pond_id")["do_dawn_mgL"].agg(["mean", "std"]))
