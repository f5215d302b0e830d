import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "sugarbeet_sucrose"
rng = np.random.default_rng(1302)
# sucrose content of sugar beet at delivery (factory tare-house sample) for contracted fields
n = 1600
nfert = rng.uniform(60, 220, n).round(0)           # mineral N applied, kg N/ha
sow = rng.uniform(75, 125, n).round(0)             # sowing day of year
harv = rng.uniform(250, 320, n).round(0)           # lifting day of year
rain = rng.gamma(4.0, 40.0, n).round(0)            # rainfall in the 30 days before lifting, mm
clay = rng.uniform(8, 38, n).round(1)              # topsoil clay, %
season = harv - sow
sucrose = (17.6
           - 1.6 * np.clip((nfert - 120) / 100, 0, None) ** 1.3 * 2.0   # excess N dilutes sucrose
           + 2.1 * (1 - np.exp(-(season - 140) / 45))                  # longer season, saturating gain
           - 0.9 * np.tanh((rain - 150) / 80)                          # late rain: regrowth and water uptake
           + 0.025 * (clay - 20) - 0.0009 * (clay - 20) ** 2
           + rng.normal(0, 0.35, n))
df = pd.DataFrame(dict(n_applied_kg_ha=nfert, sowing_doy=sow, lifting_doy=harv, rain_30d_mm=rain,
                       clay_pct=clay, sucrose_pct=sucrose.round(2)))
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
