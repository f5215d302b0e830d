import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "reservoir_gauge"
rng = np.random.default_rng(9302)
# a small upland water-supply reservoir: daily level from a pressure transducer (wind set-up and waves make the
# reading scatter about the true level), catchment rainfall and the scheduled abstraction to the treatment works
n = 1096
doy = np.arange(n) % 365
wet = rng.random(n) < 0.45 + 0.2 * np.cos(2 * np.pi * (doy - 15) / 365)
rain = np.where(wet, rng.gamma(0.9, 7.0, n), 0.0).round(1)                    # mm/day
draw = (38 + 8 * np.sin(2 * np.pi * (doy - 100) / 365) + rng.normal(0, 3, n)).round(1)   # ML/day
level = np.empty(n); x = 850.0
for t in range(n):
    x = x + 0.62 * rain[t] - 0.16 * draw[t] + 4.3 + rng.normal(0, 0.4)
    level[t] = x
reading = level + rng.normal(0, 8.0, n)
prev = np.r_[reading[0] - 0.5, reading[:-1]]
df = pd.DataFrame(dict(reading_prev_cm=prev.round(1), rain_mm=rain, draw_ML=draw, reading_cm=reading.round(1)))
df = df.iloc[1:].reset_index(drop=True)
df.iloc[:730].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[730:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
