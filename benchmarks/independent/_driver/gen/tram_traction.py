import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "tram_traction"
rng = np.random.default_rng(1301)
# metered traction energy per tram trip (substation feeder, kWh) on a city network with several lines
n = 2000
km = rng.uniform(4, 18, n).round(2)                                          # trip length, km
stops = np.maximum(2, np.round(km * rng.uniform(0.9, 1.6, n))).astype(int)   # scheduled stops served
pax = rng.uniform(10, 180, n).round(0)                                       # mean passengers on board
climb = rng.uniform(0, 120, n).round(1)                                      # cumulative climb along the route, m
temp = rng.uniform(-10, 32, n).round(1)                                      # outside air temperature, degC
regen = rng.choice([0, 1], n, p=[0.35, 0.65])                                # regenerative braking on the vehicle
mass = 1 + pax * 0.075 / 38.0                                                # relative vehicle mass (38 t empty, 75 kg/passenger)
minutes = km * 3.2 + stops * 0.45
hvac = 0.055 * minutes * (np.abs(temp - 18) / 10) ** 1.4                    # heating/cooling, kWh
energy = (1.65 * km * mass + 0.42 * stops * mass * (1 - 0.38 * regen)
          + 0.011 * climb * mass * (1 - 0.25 * regen) + hvac + 1.2 + rng.normal(0, 0.9, n))
df = pd.DataFrame(dict(trip_km=km, stops=stops, passengers=pax, climb_m=climb, outside_temp_C=temp,
                       regen_braking=regen, energy_kWh=energy.round(2)))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
