import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "rainfall_runoff"
rng = np.random.default_rng(403)
# storm events on a 38 km2 upland catchment: event runoff depth at the outlet gauge (mm) from storm rainfall,
# peak hourly intensity, 5-day antecedent rainfall, soil moisture at the start of the event and air temperature
n = 720
P = rng.gamma(2.2, 11.0, n).round(1)                                  # mm per event
dur = np.clip(P / rng.gamma(3, 1.2, n), 1, 72).round(1)              # h
i_max = (P / dur * rng.uniform(1.5, 3.5, n)).round(1)                # mm/h
api = rng.gamma(1.5, 8.0, n).round(1)                                # mm over the 5 previous days
soil = np.clip(18 + 0.5 * api + rng.normal(0, 5, n), 8, 48).round(1)  # % vol at 10 cm
temp = rng.normal(10, 5, n).round(1)                                  # degC
# SCS curve-number response, wetter soil and higher intensity raise the curve number
cn = np.clip(62 + 0.55 * (soil - 25) + 0.6 * np.minimum(i_max, 20) - 0.25 * (temp - 10), 40, 95)
S = 25400 / cn - 254
Ia = 0.2 * S
Q = np.where(P > Ia, (P - Ia) ** 2 / (P - Ia + S), 0.0)
Q = np.clip(Q * np.exp(rng.normal(0, 0.12, n)) + rng.normal(0, 0.3, n), 0, None).round(2)
df = pd.DataFrame(dict(rain_mm=P, duration_h=dur, peak_intensity_mm_h=i_max, antecedent_rain_5d_mm=api,
                       soil_moisture_pct=soil, air_temp_C=temp, runoff_mm=Q))
df.iloc[:500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
