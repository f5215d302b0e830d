import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "wave_runup"
rng = np.random.default_rng(1101)
# video-derived 2% exceedance run-up on surveyed beach profiles, with the offshore buoy's wave statistics
n = 2000
hs = np.clip(rng.lognormal(np.log(1.4), 0.5, n), 0.3, 6.0)                 # significant wave height, m
tp = np.clip(6 + 1.6 * hs + rng.normal(0, 1.8, n), 4.0, 18.0)               # peak period, s
slope = rng.uniform(0.02, 0.12, n)                                          # foreshore slope (tan beta)
tide = 1.3 * np.sin(rng.uniform(0, 2 * np.pi, n))                          # tide level, m above mean sea level
wind = rng.normal(4, 5, n)                                                  # onshore wind component, m/s
L0 = 9.81 * tp ** 2 / (2 * np.pi)
HL = hs * L0
r2 = 1.1 * (0.35 * slope * np.sqrt(HL) + np.sqrt(HL * (0.563 * slope ** 2 + 0.004)) / 2)
r2 = r2 * (1 + 0.012 * np.maximum(wind, 0)) - 0.04 * tide
sd = 0.05 + 0.14 * r2                                                       # scatter grows with the run-up itself
y = np.maximum(r2 + rng.normal(0, 1, n) * sd, 0.02)
df = pd.DataFrame(dict(hs_m=hs.round(2), tp_s=tp.round(1), foreshore_slope=slope.round(4), tide_m=tide.round(2),
                       wind_onshore_ms=wind.round(1), runup_r2_m=y.round(3)))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
