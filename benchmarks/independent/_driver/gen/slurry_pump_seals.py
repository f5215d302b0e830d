"""Mechanical seal life of slurry pumps at a mineral-processing plant: Weibull lifetimes whose scale depends on
discharge pressure, solids mass fraction of the slurry and shaft speed; field records right-censored at the
end of the observation window (training), bench/field units followed to failure (validation)."""
import os
import numpy as np, pandas as pd
rng = np.random.default_rng(15302)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "slurry_pump_seals", "data")
K = 3.0


def make(n, window):
    press = rng.uniform(2.0e5, 9.0e5, n).round(-2)          # Pa
    solids = rng.uniform(0.002, 0.030, n).round(4)            # mass fraction
    rpm = rng.uniform(900, 1800, n).round(0)
    log_scale = 9.2 - 1.6e-6 * (press - 5e5) - 45.0 * (solids - 0.015) - 0.0012 * (rpm - 1350)
    t = np.exp(log_scale) * rng.weibull(K, n)
    failed = (t <= window).astype(int)
    hours = np.minimum(t, window).round(0)
    return pd.DataFrame(dict(discharge_pressure_pa=press, solids_frac=solids, shaft_speed_rpm=rpm,
                             failed=failed, hours_to_failure=hours))


os.makedirs(OUT, exist_ok=True)
make(900, 14000.0).to_csv(os.path.join(OUT, "train.csv"), index=False)
make(400, 1e9).to_csv(os.path.join(OUT, "val.csv"), index=False)
