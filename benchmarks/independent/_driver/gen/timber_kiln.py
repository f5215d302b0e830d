import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "timber_kiln"
rng = np.random.default_rng(7101)
# softwood/hardwood kiln charges: final moisture content after a drying schedule
n = 1600
mc0 = rng.uniform(40, 110, n)                    # initial moisture content, % dry basis
thick = rng.choice([19, 25, 32, 38, 50, 63, 75], n).astype(float)   # board thickness, mm
tdb = rng.uniform(45, 90, n)                     # dry-bulb temperature, degC
rh = rng.uniform(25, 75, n)                      # relative humidity, %
vel = rng.uniform(1.5, 4.0, n)                   # air velocity through the stack, m/s
dens = rng.uniform(380, 720, n)                  # basic density, kg/m3
minutes = rng.uniform(2000, 20000, n).round(-1)  # schedule length, min
# equilibrium moisture content (simplified sorption isotherm): rises with humidity, falls with temperature
emc = 1.2 + 0.22 * rh * np.exp(-0.012 * (tdb - 40)) + 0.0012 * rh ** 2 * 0.05
# drying rate: diffusion, thickness squared, Arrhenius-like temperature term, airflow boundary layer, density
k = 0.9 * (25.0 / thick) ** 1.7 * np.exp(0.035 * (tdb - 65)) * (vel / 2.5) ** 0.35 * (500 / dens) ** 1.2 / 1000.0
mc = emc + (mc0 - emc) * np.exp(-k * minutes) + rng.normal(0, 0.6, n)
df = pd.DataFrame(dict(initial_mc_pct=mc0.round(1), thickness_mm=thick, dry_bulb_C=tdb.round(1), rel_humidity_pct=rh.round(1),
                       air_velocity_m_s=vel.round(2), basic_density_kg_m3=dens.round(0), schedule_min=minutes,
                       final_mc_pct=mc.round(2)))
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
