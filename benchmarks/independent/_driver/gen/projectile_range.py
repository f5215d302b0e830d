import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from scipy.integrate import solve_ivp
rng = np.random.default_rng(64)
n = 1200
v0 = rng.uniform(10, 50, n); ang = rng.uniform(10, 75, n); m = rng.uniform(0.1, 2.0, n)
cda = rng.uniform(5, 80, n)            # drag area Cd*A in cm^2
h0 = rng.uniform(0, 8, n)
rho, g = 1.2, 9.81
rng_m = np.empty(n)
for i in range(n):
    k = 0.5 * rho * cda[i] * 1e-4 / m[i]
    def f(t, s):
        x, y, vx, vy = s; v = np.hypot(vx, vy)
        return [vx, vy, -k * v * vx, -g - k * v * vy]
    hit = lambda t, s: s[1]; hit.terminal = True; hit.direction = -1
    a = np.radians(ang[i])
    sol = solve_ivp(f, (0, 30), [0, h0[i], v0[i] * np.cos(a), v0[i] * np.sin(a)], events=hit, rtol=1e-8, atol=1e-8)
    rng_m[i] = sol.y_events[0][0][0]
obs = rng_m * (1 + rng.normal(0, 0.02, n))
df = pd.DataFrame(dict(launch_speed_ms=v0.round(2), launch_angle_deg=ang.round(1), mass_kg=m.round(3),
                       drag_area_cm2=cda.round(1), launch_height_m=h0.round(2), range_m=obs.round(2)))
df.iloc[:900].to_csv(ROOT + "/projectile_range/data/train.csv", index=False)
df.iloc[900:].to_csv(ROOT + "/projectile_range/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]])
