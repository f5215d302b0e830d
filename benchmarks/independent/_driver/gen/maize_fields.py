import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "maize_fields"
rng = np.random.default_rng(1303)
# on-farm maize nitrogen strip trials: 32 fields, 10 plots per field per season;
# seasons 2021-2023 for training, 2024 for validation (same fields)
n_f = 32
u = rng.normal(0, 1.1, n_f)                                      # field fertility, t/ha
rows = []
for season, rain_mean in ((2021, 520), (2022, 430), (2023, 600), (2024, 500)):
    for f in range(n_f):
        rain = rain_mean + rng.normal(0, 40)                      # field-season rainfall, mm
        for p in range(10):
            N = rng.choice([0, 40, 80, 120, 160, 200, 240])
            dens = rng.uniform(6.5, 9.0)                          # plants/m2
            sow = rng.integers(-10, 16)                           # days after the local optimal date
            y = (7.4 + u[f] + 0.028 * N - 0.00007 * N ** 2 + 0.0045 * (rain - 500)
                 + 0.25 * (dens - 7.5) - 0.045 * sow + rng.normal(0, 0.55))
            rows.append((200 + f, season, N, round(dens, 2), int(sow), round(rain), round(y, 2)))
df = pd.DataFrame(rows, columns=["field_id", "season", "n_rate_kg_ha", "plant_density_m2", "sowing_delay_d", "rain_mm", "yield_t_ha"])
tr = df[df.season < 2024].drop(columns="season"); va = df[df.season == 2024].drop(columns="season")
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(len(tr), len(va)); print(df.describe().T[["mean", "std", "min", "max"]])
