import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "lake_chlorophyll"
rng = np.random.default_rng(8103)
# fortnightly monitoring of 40 lakes (open-water season): chlorophyll-a against phosphorus, temperature, depth and wind
n_lakes = 40
depth = np.exp(rng.uniform(np.log(2), np.log(30), n_lakes))        # mean depth, m
tp_lake = np.exp(rng.uniform(np.log(8), np.log(180), n_lakes))      # typical total phosphorus, ug/L
rows = []
for year in range(2014, 2024):
    for lake in range(n_lakes):
        for k in range(rng.integers(4, 8)):
            date = pd.Timestamp(f"{year}-04-20") + pd.Timedelta(days=int(rng.integers(0, 170)))
            doy = date.day_of_year
            temp = 4 + 18 * np.exp(-0.5 * ((doy - 205) / 45) ** 2) + rng.normal(0, 1.5) - 0.08 * depth[lake]
            tp = tp_lake[lake] * np.exp(rng.normal(0, 0.25))
            wind = rng.gamma(4, 1.0)
            log_chl = (-0.55 + 0.95 * np.log10(tp) + 0.022 * temp - 0.25 * np.log10(depth[lake])
                       - 0.015 * wind + rng.normal(0, 0.16))
            rows.append(dict(day_number=(date - pd.Timestamp("2000-01-01")).days, lake_depth_m=round(depth[lake], 1),
                             total_phosphorus_ugL=round(tp, 1), water_temp_C=round(temp, 1), wind_ms=round(wind, 1),
                             chlorophyll_ugL=round(10 ** log_chl, 2)))
df = pd.DataFrame(rows).sort_values("day_number", kind="stable").reset_index(drop=True)
cut = (pd.Timestamp("2021-01-01") - pd.Timestamp("2000-01-01")).days
df[df.day_number < cut].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df[df.day_number >= cut].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
