import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from scipy.integrate import solve_ivp
rng = np.random.default_rng(23)
times = np.array([0, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48], float)
r25, q10, K = 0.32, 2.1, 9.5
rows = []
for c in range(32):
    T = rng.choice([18, 21, 24, 27, 30, 33]) + rng.normal(0, 0.3)
    n0 = rng.uniform(0.05, 0.5)
    r = r25 * q10 ** ((T - 25) / 10)
    sol = solve_ivp(lambda t, n: r * n * (1 - n / K), (0, 48), [n0], t_eval=times, rtol=1e-9, atol=1e-12)
    obs = sol.y[0] * np.exp(rng.normal(0, 0.08, len(times)))
    for t, o in zip(times, obs):
        rows.append(dict(culture=c, temp_C=round(T, 2), initial_biomass_gL=round(n0, 4), time_h=t, biomass_gL=round(float(o), 4)))
df = pd.DataFrame(rows)
tr = df[df.culture < 24].drop(columns="culture"); va = df[df.culture >= 24].drop(columns="culture")
tr.to_csv(ROOT + "/yeast_growth/data/train.csv", index=False); va.to_csv(ROOT + "/yeast_growth/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]], len(tr), len(va))
