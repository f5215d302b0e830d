import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(11)
n = 900
cycles_k = rng.uniform(0.1, 3.0, n)
temp_C = rng.uniform(10, 45, n)
dod = rng.uniform(0.2, 1.0, n)
c_rate = rng.uniform(0.5, 3.0, n)
# semi-empirical fade model: sqrt(cycles) * Arrhenius-like temperature factor * DoD and C-rate stress
fade = 6.0 * np.sqrt(cycles_k) * np.exp(0.035 * (temp_C - 25)) * dod**0.8 * (1 + 0.15 * (c_rate - 1))
fade = fade + rng.normal(0, 0.6, n)
df = pd.DataFrame(dict(cycles_k=cycles_k.round(3), temp_C=temp_C.round(1), depth_of_discharge=dod.round(3),
                       c_rate=c_rate.round(2), capacity_fade_pct=fade.round(3)))
df.iloc[:650].to_csv(ROOT + "/battery_fade/data/train.csv", index=False)
df.iloc[650:].to_csv(ROOT + "/battery_fade/data/val.csv", index=False)
print(df.describe().T)
