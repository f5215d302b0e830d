"""water_mains: five-year break counts of water-main segments (Poisson with a segment-level gamma frailty; rate per
km-year rising with age, higher for cast iron and corrosive soil, falling with diameter, a pressure effect and an
age x material interaction), counts = length x 5 years x rate. Deterministic (seed 7304); writes
../../water_mains/data/{train,val}.csv."""
import os
import numpy as np, pandas as pd

rng = np.random.default_rng(7304)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "water_mains", "data")


def make(n):
    length = np.clip(rng.lognormal(np.log(1.2), 0.6, n), 0.1, 8.0).round(2)
    cast_iron = (rng.random(n) < 0.4).astype(int)
    age = np.where(cast_iron == 1, rng.uniform(45, 110, n), rng.uniform(2, 60, n)).round(0)
    diameter = rng.choice([100, 150, 200, 250, 300, 400], n, p=[0.25, 0.3, 0.2, 0.12, 0.08, 0.05]).astype(float)
    soil = np.clip(rng.normal(4.5, 2.0, n), 0, 10).round(1)
    pressure = np.clip(rng.normal(55, 12, n), 25, 95).round(0)
    log_rate = (np.log(0.10) + 0.022 * (age - 50) + 0.5 * cast_iron + 0.012 * cast_iron * (age - 50)
                - 0.0045 * (diameter - 150) + 0.09 * (soil - 4.5) + 0.25 * np.tanh((pressure - 60) / 15))
    mu = length * 5.0 * np.exp(log_rate)
    y = rng.poisson(mu * rng.gamma(10.0, 0.1, n))
    return pd.DataFrame(dict(length_km=length, age_years=age, diameter_mm=diameter, cast_iron=cast_iron,
                             soil_corrosivity=soil, pressure_m=pressure, breaks_5yr=y))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    tr = make(2000); va = make(600)
    tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
    va.to_csv(os.path.join(OUT, "val.csv"), index=False)
    print(tr.describe().T[["mean", "std", "min", "max"]])
