import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "wastewater_inflow"
rng = np.random.default_rng(803)
# daily inflow to a combined-sewer treatment works: dry-weather flow + rain-derived inflow + groundwater infiltration
n = 1460
day = np.arange(n)
dow = day % 7
rain = np.where(rng.random(n) < 0.4, rng.gamma(0.7, 10.0, n), 0.0)
rain_lag1 = np.r_[0, rain[:-1]]
rain_lag2 = np.r_[0, 0, rain[:-2]]
gw = 2.0 + 1.2 * np.sin(2 * np.pi * (day - 20) / 365.25) + pd.Series(rain).rolling(45, min_periods=1).mean().to_numpy() * 0.25 \
     + rng.normal(0, 0.08, n)                                                                 # groundwater level index, m
temp = 11 + 8 * np.sin(2 * np.pi * (day - 110) / 365.25) + rng.normal(0, 2, n)
dwf = 62 + np.where(dow >= 5, -6.5, 0.0) + 0.25 * temp                                          # ML/day
wet = np.clip(gw - 1.4, 0, None)
rdii = (0.9 * rain + 0.45 * rain_lag1 + 0.15 * rain_lag2) * (0.6 + 0.35 * wet)                # saturated catchment responds more
rdii = 95 * (1 - np.exp(-rdii / 95))                                                          # capacity of the interceptor sewer
inf = 9.0 * wet ** 1.4
q = dwf + rdii + inf + rng.normal(0, 2.2, n)
df = pd.DataFrame(dict(rain_mm=rain.round(1), rain_lag1_mm=rain_lag1.round(1), rain_lag2_mm=rain_lag2.round(1),
                       groundwater_index_m=gw.round(3), air_temp_C=temp.round(1), weekend=(dow >= 5).astype(int),
                       inflow_ml_day=q.round(2)))
df.iloc[:1100].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1100:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
