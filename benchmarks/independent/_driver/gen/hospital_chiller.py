import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "hospital_chiller"
rng = np.random.default_rng(5102)
n = 2000
t_out = rng.normal(24, 6, n).clip(8, 42).round(1)                    # outdoor air, degC
t_chw = rng.choice([5.5, 7.0, 8.5], n, p=[0.3, 0.5, 0.2])            # chilled-water supply setpoint, degC
theatres = rng.poisson(6, n)                                         # operating theatres in use
occupancy = rng.uniform(0.55, 0.98, n).round(2)                      # share of beds occupied
solar = np.clip(rng.normal(450, 250, n), 0, 1000).round(0)           # global horizontal irradiance, W/m2
q_env = 38.0 * (t_out - 21)                                          # envelope + ventilation load, kW thermal
q_int = 900 * occupancy + 55 * theatres * (1 + 0.02 * np.clip(t_out - 24, 0, None))
q_sol = 0.9 * solar
q = np.clip(q_env + q_int + q_sol, 150, None)
lift = (t_out + 6) - (t_chw - 4)
cop = 0.5 * (t_chw - 4 + 273.15) / lift
power = q / cop + 25.0 + rng.normal(0, 4.0, n)
df = pd.DataFrame(dict(outdoor_temp_c=t_out, chw_setpoint_c=t_chw, theatres_in_use=theatres, bed_occupancy=occupancy,
                       solar_wm2=solar, chiller_kw=power.round(1)))
df.iloc[:1600].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1600:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(df.describe().T[["mean", "std", "min", "max"]])
