import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "emergency_callouts"
rng = np.random.default_rng(1701)
# emergency ambulance call-outs per municipality and month; 60 municipalities, 36 months (2021-2023)
M, T = 60, 36
pop = np.exp(rng.uniform(np.log(1500), np.log(90000), M)).round(-1)     # residents
p75 = rng.uniform(4, 16, M).round(1)                                    # % of residents aged 75 or over
dep = rng.uniform(5, 60, M).round(1)                                    # deprivation score (index of multiple deprivation)
dens = np.exp(rng.uniform(np.log(15), np.log(9000), M)).round(0)        # residents per km2
rows = []
for t in range(T):
    month = t % 12 + 1
    winter = int(month in (12, 1, 2, 3))
    log_rate = np.log(2.5) + 0.07 * (p75 - 9) + 0.012 * (dep - 25) + 0.08 * (dens / 1000) + 0.15 * winter
    y = rng.poisson(pop / 1000 * np.exp(log_rate))                       # per 1000 residents per month
    for i in range(M):
        rows.append((2021 + t // 12, month, pop[i], p75[i], dep[i], dens[i], y[i]))
df = pd.DataFrame(rows, columns=["year", "month", "population", "pct_over_75", "deprivation_score",
                                 "density_per_km2", "callouts"])
cols = [c for c in df.columns if c != "year"]
df.loc[df.year <= 2022, cols].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)   # 2021-2022 for fitting
df.loc[df.year == 2023, cols].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)     # 2023 held out
print(df.describe().T[["mean", "std", "min", "max"]])
