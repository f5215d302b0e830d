import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "road_noise"
rng = np.random.default_rng(1102)
# hourly LAeq at 12 roadside monitoring stations (different set-backs, barriers and facades) against the traffic
# counter of the same road section and the weather mast
n_st = 12
st_offset = rng.normal(0, 3.5, n_st)                                        # dB: set-back, barriers, reflections
n = 2000
station = rng.integers(0, n_st, n)
hour = rng.integers(0, 24, n)
base_flow = 300 + 1500 * np.exp(-((hour - 8) / 2.5) ** 2) + 1300 * np.exp(-((hour - 17) / 3.0) ** 2) \
    + 700 * ((hour >= 7) & (hour <= 20))
flow = np.maximum(base_flow * rng.lognormal(0, 0.35, n), 20)               # vehicles/hour
heavy = np.clip(rng.normal(9, 4, n) + 4 * ((hour < 6) | (hour > 21)), 0.5, 30)   # % heavy vehicles
speed = np.clip(95 - 0.012 * flow + rng.normal(0, 8, n), 25, 130)            # mean speed, km/h
wind = rng.normal(0.5, 2.5, n)                                              # wind component toward the stations, m/s
wet = (rng.random(n) < 0.22).astype(int)                                    # wet road surface
L = 10 * np.log10(flow * (1 + 0.1 * heavy)) + 22 * np.log10(speed / 70) + 0.35 * wind + 2.0 * wet \
    + 36.0 + st_offset[station]
L = L + rng.normal(0, 1.3, n)
df = pd.DataFrame(dict(station_id=station, flow_veh_h=flow.round(0), heavy_pct=heavy.round(1), speed_kmh=speed.round(1),
                       wind_toward_ms=wind.round(1), wet_road=wet, laeq_dba=L.round(1)))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print("offsets", st_offset.round(2))
