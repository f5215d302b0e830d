import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from scipy.integrate import solve_ivp
# set yoghurt made in 60 pilot vats: starter culture (S. thermophilus / L. bulgaricus) inoculated into heat-treated
# milk, titratable acidity (as lactic acid, g/L) read every hour for 10 h. Bacteria grow logistically at a rate that
# follows the Ratkowsky square-root law of the incubation temperature; acid is made with growth (alpha) and by the
# standing population (beta). Population unit: 1e8 CFU/mL.
rng = np.random.default_rng(16021)
B, TMIN, K, ALPHA, BETA = 0.046, 12.0, 8.0, 0.6, 0.04
rows = []
for vat in range(64):
    temp = rng.uniform(37.0, 45.0)
    inoc = rng.uniform(6.2, 6.9)                 # log10 CFU/mL
    p0 = rng.normal(1.55, 0.08)
    r = (B * (temp - TMIN)) ** 2
    n0 = 10 ** inoc / 1e8
    def f(t, y):
        n, p = y; dn = r * n * (1 - n / K)
        return [dn, ALPHA * dn + BETA * n]
    hours = np.arange(1, 11, dtype=float)
    sol = solve_ivp(f, (0, 10), [n0, p0], t_eval=hours, rtol=1e-9, atol=1e-12)
    acid = sol.y[1] + rng.normal(0, 0.12, len(hours))
    for h, a in zip(hours, acid):
        rows.append(dict(vat_id=vat, hour=h, incubation_temp_c=round(float(temp), 2), inoculum_log10_cfu_ml=round(float(inoc), 3),
                         acid0_g_l=round(float(p0), 3), lactic_acid_g_l=round(float(a), 3)))
df = pd.DataFrame(rows)
out = ROOT + "/yoghurt_vats/data"
df[df.vat_id < 48].to_csv(out + "/train.csv", index=False)
df[df.vat_id >= 48].to_csv(out + "/val.csv", index=False)
print(df.describe().T)
