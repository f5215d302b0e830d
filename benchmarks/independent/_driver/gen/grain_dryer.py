import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "grain_dryer"
rng = np.random.default_rng(1103)
# batches of a continuous mixed-flow maize dryer: outlet moisture (% wet basis) from the inlet moisture, the plenum
# air temperature, the airflow, the residence time and the ambient relative humidity
n = 2000
m_in = rng.uniform(18, 32, n)                                               # inlet moisture, % w.b.
t_air = rng.uniform(55, 110, n)                                             # plenum temperature, degC
flow = rng.uniform(8, 25, n)                                                # airflow, m3/min per t
res = rng.uniform(0.8, 3.5, n)                                              # residence time, h
rh = rng.uniform(30, 95, n)                                                 # ambient relative humidity, %
m_eq = 4 + 0.08 * rh - 0.03 * (t_air - 55)                                  # equilibrium moisture, % w.b.
k = 0.012 * np.exp(0.025 * (t_air - 55)) * (flow / 15) ** 0.6               # drying constant, 1/min
y = m_eq + (m_in - m_eq) * np.exp(-k * res * 60)
y = y + rng.normal(0, 0.45, n)
df = pd.DataFrame(dict(inlet_moisture_pct=m_in.round(2), plenum_temp_C=t_air.round(1), airflow_m3min_t=flow.round(1),
                       residence_h=res.round(2), ambient_rh_pct=rh.round(0), outlet_moisture_pct=y.round(2)))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
