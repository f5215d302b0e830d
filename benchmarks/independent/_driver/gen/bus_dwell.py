"""Synthetic bus dwell times at 24 city stops (seconds the doors are open), from automatic passenger counts."""
import os
import numpy as np
import pandas as pd

rng = np.random.default_rng(1207)
N_STOPS = 24
stop_base = rng.normal(14.0, 4.0, N_STOPS).clip(6, 26)          # kerb layout, ramp use, ticket machines
stop_pop = rng.gamma(2.0, 1.0, N_STOPS)                          # how busy a stop is


def make(n):
    stop = rng.integers(0, N_STOPS, n)
    hour = rng.integers(6, 23, n)
    peak = np.exp(-0.5 * ((hour - 8) / 1.2) ** 2) + np.exp(-0.5 * ((hour - 17.5) / 1.5) ** 2)
    lam_b = stop_pop[stop] * (1.5 + 4.0 * peak)
    boardings = rng.poisson(lam_b)
    alightings = rng.poisson(stop_pop[stop] * (1.0 + 3.0 * peak))
    load = np.clip(rng.normal(25 + 45 * peak, 10), 0, 90).round()   # passengers on board on arrival
    rain = np.where(rng.random(n) < 0.25, rng.gamma(1.5, 2.0, n), 0.0).round(1)
    low_floor = (rng.random(n) < 0.7).astype(int)
    crowd = 1.0 + 1.2 / (1.0 + np.exp(-(load - 60) / 6.0))            # crowded aisles slow boarding
    dwell = (stop_base[stop] + 3.1 * boardings * crowd + 1.4 * alightings
             + 0.9 * np.sqrt(boardings * alightings) + 2.5 * np.log1p(rain)
             + np.where(low_floor == 1, 0.0, 4.0 + 0.6 * boardings)
             + rng.normal(0, 3.0, n))
    return pd.DataFrame(dict(stop_id=stop, hour=hour, boardings=boardings, alightings=alightings,
                             load_on_arrival=load, rain_mm=rain, low_floor=low_floor,
                             dwell_s=dwell.round(1)))


out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bus_dwell", "data")
make(1500).to_csv(os.path.join(out, "train.csv"), index=False)
make(600).to_csv(os.path.join(out, "val.csv"), index=False)
