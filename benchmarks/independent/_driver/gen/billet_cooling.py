import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from scipy.integrate import solve_ivp

NAME = "billet_cooling"
rng = np.random.default_rng(1107)
# square steel billets leaving the rolling mill, cooling on the yard bed (some lanes with cooling fans);
# surface temperature read by a handheld pyrometer at irregular times after discharge
SIGMA_SB, RHO, CP = 5.670e-8, 7850.0, 650.0
n_b = 90
section = rng.choice([100.0, 130.0, 150.0, 180.0, 200.0], n_b)          # mm
fan = (rng.random(n_b) < 0.4).astype(float)
ambient = rng.uniform(4, 34, n_b).round(1)                                # degC
start = rng.uniform(820, 1020, n_b).round(0)                              # degC at discharge
h = 10.0 + 32.0 * fan                                                     # W/m2/K
eps = 0.80
def rhs(t, T):
    Tk, Ak = T + 273.15, ambient + 273.15
    q = h * (T - ambient) + eps * SIGMA_SB * (Tk ** 4 - Ak ** 4)
    return -q * 4.0 / (RHO * CP * section / 1000.0)
sol = solve_ivp(rhs, (0, 200 * 60.0), start, method="LSODA", rtol=1e-8, atol=1e-6, dense_output=True)
rows = []
for i in range(n_b):
    for tm in np.sort(rng.uniform(2, 180, 9)).round(0):
        T = sol.sol(tm * 60.0)[i] + rng.normal(0, 5.0)
        rows.append(dict(billet_id=i + 1, section_mm=section[i], fan_on=fan[i], ambient_c=ambient[i],
                         discharge_temp_c=start[i], minutes=tm, surface_temp_c=round(T, 1)))
df = pd.DataFrame(rows)
cut = df.billet_id <= 60
df[cut].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df[~cut].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
