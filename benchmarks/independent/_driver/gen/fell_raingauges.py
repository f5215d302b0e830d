"""Daily rainfall at 8 gauges of an upland catchment (hurdle: wet/dry occurrence + gamma amount on wet days)."""
import os
import numpy as np, pandas as pd
rng = np.random.default_rng(15301)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "fell_raingauges", "data")
ELEV = np.array([120, 210, 330, 410, 520, 640, 760, 870], float)


def make(n):
    g = rng.integers(0, 8, n)
    elev = ELEV[g] + rng.normal(0, 5, n).round(0)
    rh = np.clip(rng.normal(81, 9, n), 45, 100)
    pt = rng.normal(0, 4.5, n)
    wind = np.clip(rng.gamma(4, 1.6, n), 0.3, 25)
    zr, zp, zw = (rh - 80) / 10, pt / 5, (wind - 6) / 3
    p = 1 / (1 + np.exp(-(-1.0 + 2.6 * zr - 1.6 * zp + 0.3 * zw)))
    mu = np.exp(1.6 + 0.10 * zr - 0.10 * zp + 0.35 * zw + 0.9 * elev / 1000)
    k = 2.2
    wet = rng.random(n) < p
    amt = rng.gamma(k, mu / k)
    rain = np.where(wet, np.maximum(amt, 0.2), 0.0)
    return pd.DataFrame(dict(rh_pct=rh.round(1), pressure_tend_hpa=pt.round(1), wind_ms=wind.round(1),
                             elev_m=elev, rain_mm=rain.round(1)))


os.makedirs(OUT, exist_ok=True)
make(1500).to_csv(os.path.join(OUT, "train.csv"), index=False)
make(700).to_csv(os.path.join(OUT, "val.csv"), index=False)
