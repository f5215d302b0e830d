import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
from scipy.integrate import solve_ivp

NAME = "island_influenza"
rng = np.random.default_rng(5)
# influenza season on an island of 60,000 residents (census); the health office counts every notified case per day.
# Truth: SIR, transmission rate 0.62/day, recovery 0.25/day (4-day infectious period), 30,000 susceptible at day 0
# (the rest immune after last season and the vaccination campaign), 8 infectious at day 0, negative-binomial reporting noise
NPOP, BETA, GAMMA, S0, I0, K = 60000.0, 0.62, 0.25, 30000.0, 8.0, 15.0
T = 160


def rhs(t, y):
    s, i = y
    new = BETA * s * i / NPOP
    return [-new, new - GAMMA * i]


sol = solve_ivp(rhs, (0, T), [S0, I0], t_eval=np.arange(T + 1), method="LSODA", rtol=1e-10, atol=1e-8)
mu = sol.y[0][:-1] - sol.y[0][1:]                          # new infections on day 1..T
cases = rng.negative_binomial(K, K / (K + mu))
df = pd.DataFrame(dict(day=np.arange(1, T + 1), new_cases=cases))
# every fourth day is held out for validation (the weekly audit days)
va = df[df["day"] % 4 == 0].reset_index(drop=True)
tr = df[df["day"] % 4 != 0].reset_index(drop=True)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(len(tr), len(va), "peak", int(mu.max()), "on day", int(mu.argmax()) + 1, "total", int(mu.sum()))
print(tr.describe().T[["mean", "std", "min", "max"]])
