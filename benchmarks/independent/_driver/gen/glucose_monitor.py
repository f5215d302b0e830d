import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "glucose_monitor"
rng = np.random.default_rng(405)
# continuous glucose monitor (type-1 diabetes, 5-min readings, mg/dL): the last 100 readings (8 h 20 min)
# and the glucose 30 minutes after the last one
n, T, H = 1100, 100, 6
tt = np.arange(T + H) * 5.0                                    # minutes
rows = []
for k in range(n):
    g = rng.normal(130, 25) + rng.normal(0, 8) * np.sin(2 * np.pi * tt / rng.uniform(300, 600) + rng.uniform(0, 6.3))
    for _ in range(rng.poisson(2.5)):                           # meals: gamma-shaped excursions
        t0 = rng.uniform(-120, tt[-1]); a = rng.uniform(30, 110)
        d = np.clip(tt - t0, 0, None)
        g = g + a * (d / 45) ** 2 * np.exp(2 - d / 22.5) * (d > 0)
    for _ in range(rng.poisson(1.2)):                           # insulin boluses / exercise: dips
        t0 = rng.uniform(-120, tt[-1]); a = rng.uniform(20, 60)
        d = np.clip(tt - t0, 0, None)
        g = g - a * (1 - np.exp(-d / 40)) * np.exp(-d / 180) * (d > 0)
    e = np.zeros(T + H)
    for i in range(1, T + H):
        e[i] = 0.9 * e[i - 1] + rng.normal(0, 1.5)
    g = np.clip(g + e, 40, 400)
    rows.append(np.r_[g[:T].round(0), round(g[T + H - 1], 0)])
# columns oldest first: glucose_lag99 (8 h 15 min before the last reading) ... glucose_lag00 (the last reading)
df = pd.DataFrame(rows, columns=[f"glucose_lag{T - 1 - i:02d}" for i in range(T)] + ["glucose_plus30min"])
df.iloc[:800].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[800:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
y = df["glucose_plus30min"]; last = df["glucose_lag00"]
print(y.describe()); print("persistence rmse", np.sqrt(np.mean((y - last) ** 2)), "sd", y.std())
