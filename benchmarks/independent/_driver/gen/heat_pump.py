import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "heat_pump"
rng = np.random.default_rng(307)
n = 1600
t_out = rng.uniform(-15, 15, n).round(1)                  # outdoor air, degC
t_flow = rng.uniform(30, 55, n).round(1)                  # heating flow temperature, degC
load = rng.uniform(0.15, 1.0, n).round(2)                 # compressor part load
defrost = ((t_out > -5) & (t_out < 5)).astype(float) * rng.uniform(0.85, 0.95, n)
defrost[defrost == 0] = 1.0
lift = (t_flow + 5) - (t_out - 6)                          # condenser - evaporator temperature, K
cop_carnot = (t_flow + 273.15 + 5) / lift
eta = 0.52 * (1 - 0.45 * (load - 0.55) ** 2)               # part-load efficiency curve
cop = np.clip(eta * cop_carnot * defrost + rng.normal(0, 0.08, n), 1.0, None)
df = pd.DataFrame(dict(outdoor_temp_C=t_out, flow_temp_C=t_flow, part_load=load, cop=cop.round(3)))
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
