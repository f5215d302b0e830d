"""ale_fermentation: residual fermentable sugar (g/L) in pilot-brewery ale batches, sampled every 8 h for 120 h.
Monod growth of the pitched yeast on wort sugar, growth rate mu20 * theta**(T - 20):
dX/dt = mu X S/(Ks + S), dS/dt = -mu X S/(Ks + S) / Y; mu20 = 0.05 /h, theta = 1.08, Ks = 8 g/L, Y = 0.05.
Measurement noise sd 1.5 g/L (clipped at 0). 42 training batches, 18 validation batches. Seeded."""
import os
import numpy as np, pandas as pd
from scipy.integrate import solve_ivp

rng = np.random.default_rng(8302)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "ale_fermentation", "data")
HOURS = np.arange(0, 121, 8)


def batches(ids):
    rows = []
    for b in ids:
        T = round(rng.uniform(15.0, 24.0), 1)
        x0 = round(rng.uniform(0.4, 1.6), 2)
        s0 = round(rng.uniform(95.0, 145.0), 1)
        mu = 0.05 * 1.08 ** (T - 20.0)

        def f(t, z):
            x, s = z
            g = mu * x * max(s, 0.0) / (8.0 + max(s, 0.0))
            return [g, -g / 0.05]
        sol = solve_ivp(f, (0, HOURS[-1]), [x0, s0], t_eval=HOURS, rtol=1e-8, atol=1e-8)
        s = np.maximum(sol.y[1] + 1.5 * rng.standard_normal(len(HOURS)), 0.0)
        for h, v in zip(HOURS, s):
            rows.append((b, T, x0, s0, int(h), round(v, 2)))
    return pd.DataFrame(rows, columns=["batch_id", "temp_c", "pitch_g_l", "original_sugar_g_l", "hour", "sugar_g_l"])


os.makedirs(OUT, exist_ok=True)
batches(range(1, 43)).to_csv(os.path.join(OUT, "train.csv"), index=False)
batches(range(43, 61)).to_csv(os.path.join(OUT, "val.csv"), index=False)
