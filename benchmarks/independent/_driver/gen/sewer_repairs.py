import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "sewer_repairs"
rng = np.random.default_rng(1703)
# a water utility's reactive sewer-main repairs: time from crew arrival to the main back in service, per job
n = 1700
diam = rng.choice([150, 225, 300, 375, 450, 600, 750, 900], n, p=[.22, .22, .18, .12, .1, .08, .05, .03])  # mm
depth = rng.uniform(1.0, 6.0, n).round(1)           # depth to pipe invert, m
night = (rng.random(n) < 0.3).astype(int)           # job started between 20:00 and 06:00
closure = (rng.random(n) < 0.4).astype(int)         # road closure and traffic management needed
crew = rng.integers(1, 5, n)                        # four direct-labour crews
crew_eff = np.array([0.0, 0.15, -0.10, 0.30])[crew - 1]
mu = np.exp(np.log(6) + 0.12 * (diam - 300) / 100 + 0.18 * (depth - 2.5) + 0.25 * night + 0.35 * closure + crew_eff)
shape = 5.0
y = rng.gamma(shape, mu / shape).round(2)
df = pd.DataFrame(dict(pipe_diameter_mm=diam, depth_m=depth, night_job=night, road_closure=closure, crew=crew,
                       repair_hours=y))
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
