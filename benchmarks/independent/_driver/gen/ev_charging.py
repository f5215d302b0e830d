import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "ev_charging"
rng = np.random.default_rng(7103)
# public charging sessions of a municipal network: 40 charge points of four power classes
n = 3000
n_ch = 40
power_class = rng.choice([3.7, 7.4, 11.0, 22.0], n_ch, p=[0.15, 0.4, 0.3, 0.15])  # kW, unknown to the model
site_derate = rng.uniform(0.8, 1.0, n_ch)                                           # shared-feed sites
cid = rng.integers(0, n_ch, n)
hour = rng.integers(0, 24, n)
weekend = (rng.random(n) < 2 / 7).astype(int)
temp = rng.normal(11, 7, n).round(1)
# plug-in duration depends on the arrival time: overnight at home-street chargers, short at midday
base_h = np.where((hour >= 17) | (hour < 6), 9.0, np.where((hour >= 7) & (hour < 10), 7.5, 2.5))
plug_h = np.clip(base_h * rng.lognormal(0, 0.45, n), 0.3, 16).round(2)
need = np.clip(rng.lognormal(np.log(30 + 10 * weekend - 0.6 * temp + 8 * (hour >= 17)), 0.06, n), 3, 75)              # kWh the car would take
cold = np.clip(1 - 0.02 * np.clip(8 - temp, 0, None), 0.6, 1)                        # battery pre-heat/slow charge in cold
p_eff = power_class[cid] * site_derate[cid] * cold * 0.92
energy = np.minimum(need, p_eff * plug_h) + rng.normal(0, 0.5, n)
energy = np.clip(energy, 0.1, None)
df = pd.DataFrame(dict(charger_id=cid, arrival_hour=hour, weekend=weekend, air_temp_C=temp, plug_hours=plug_h,
                       energy_kwh=energy.round(2)))
df.iloc[:2400].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[2400:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
