import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "led_lifetimes"
rng = np.random.default_rng(111)
n = 700
tj = rng.uniform(60, 125, n)          # junction temperature, C
cur = rng.uniform(0.35, 1.5, n)       # drive current, A
rh = rng.uniform(0.2, 0.9, n)
log_scale = 4.2 - 0.032 * (tj - 85) - 0.55 * (cur - 0.7) - 0.4 * (rh - 0.5)   # ln(thousand hours)
k = 2.3
life = np.exp(log_scale) * rng.weibull(k, n)
df = pd.DataFrame(dict(junction_temp_C=tj.round(1), drive_current_A=cur.round(3), humidity=rh.round(2),
                       life_kh=life.round(2)))
df.iloc[:500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
