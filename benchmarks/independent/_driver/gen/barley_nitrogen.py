"""barley_nitrogen: spring-barley grain yield (t/ha at 15% moisture) in on-farm nitrogen-rate strips on 8 farms.
Mitscherlich response: yield = A_farm * (1 - B exp(-c N/100)) + b_rain (rain - 250)/100, normal errors sd 0.35;
A_farm = 5.2..7.9, B = 0.55, c = 1.6, b_rain = 0.30. 60 training and 25 validation strips per farm. Seeded."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(8303)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "barley_nitrogen", "data")
A = np.array([6.1, 5.2, 7.4, 6.6, 5.8, 7.9, 6.9, 5.5])


def make(per_farm):
    rows = []
    for f, a in enumerate(A, start=1):
        rain_f = rng.uniform(170, 340)                                     # the farm's season rainfall (mm)
        for _ in range(per_farm):
            n = rng.choice([0, 30, 60, 90, 120, 150, 180, 210])
            rain = rain_f + rng.normal(0, 25)                              # strip-level variation (gauges, soil water)
            mu = a * (1 - 0.55 * np.exp(-1.6 * n / 100)) + 0.30 * (rain - 250) / 100
            rows.append((f, int(n), round(rain, 1), round(mu + 0.35 * rng.standard_normal(), 2)))
    return pd.DataFrame(rows, columns=["farm_id", "n_rate_kg_ha", "rain_mm", "yield_t_ha"])


os.makedirs(OUT, exist_ok=True)
make(60).to_csv(os.path.join(OUT, "train.csv"), index=False)
make(25).to_csv(os.path.join(OUT, "val.csv"), index=False)
