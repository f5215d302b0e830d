import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "flat_rents"
rng = np.random.default_rng(10301)
# advertised net cold rents of flats in one mid-sized university city (listing-portal export, one row per listing)
N = 2600
bedrooms = rng.choice([0, 1, 2, 3, 4], N, p=[0.2, 0.35, 0.25, 0.15, 0.05])
area = np.where(bedrooms == 0, rng.uniform(20, 42, N), 28 + 21 * bedrooms + rng.normal(0, 9, N))
area = np.clip(area, 18, 190)
dist = np.clip(np.exp(rng.normal(np.log(3.5), 0.75, N)), 0.2, 25)     # km to the market square
year_built = rng.choice(np.r_[np.arange(1890, 1915), np.arange(1950, 2023)], N)
floor = np.minimum(rng.geometric(0.35, N) - 1, 12)
balcony = (rng.random(N) < 0.55).astype(int)
month = rng.integers(1, 13, N)
age = 2024 - year_built
room_size = area / np.maximum(bedrooms, 1)
ppm2 = (15.5 * (1 + np.log1p(dist)) ** -0.55                      # EUR per m2 falls with distance
        * (1 + 0.22 * np.exp(-((room_size - 25) / 18) ** 2))      # compact, well-cut rooms let for more per m2
        * (1 + 0.12 * (age < 15) - 0.06 * ((age > 40) & (age < 75)) + 0.08 * (age > 100))
        * (1 + 0.05 * balcony + 0.008 * np.minimum(floor, 6))
        * (1 + 0.06 * np.cos(2 * np.pi * (month - 9) / 12)))       # semester start in October
rent = area * ppm2 * np.exp(rng.normal(0, 0.05, N))
df = pd.DataFrame(dict(living_area_m2=area.round(1), bedrooms=bedrooms, dist_centre_km=dist.round(2),
                       year_built=year_built, floor=floor, has_balcony=balcony, listing_month=month,
                       rent_eur=rent.round(0)))
tr, va = df.iloc[:2000], df.iloc[2000:]
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
