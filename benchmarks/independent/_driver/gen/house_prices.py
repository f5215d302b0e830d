import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
rng = np.random.default_rng(5)
n = 1400
area = rng.gamma(6, 0.25, n) + 0.4          # hundreds of m2
rooms = np.clip(np.round(area * 2.2 + rng.normal(0, 0.8, n)), 1, 9)
baths = np.clip(np.round(rooms / 2.5 + rng.normal(0, 0.5, n)), 1, 4)
age = rng.uniform(0, 9, n)                  # decades
dist = rng.gamma(2, 0.5, n)                 # tens of km to city centre
school = rng.uniform(1, 10, n)
garage = rng.integers(0, 3, n)
price = (95_000 + 210_000 * area + 12_000 * baths - 9_000 * age - 60_000 * np.log1p(dist * 3)
         + 14_000 * school + 18_000 * garage + 40_000 * np.maximum(area - 2.0, 0) ** 2)
price = price * np.exp(rng.normal(0, 0.08, n))
df = pd.DataFrame(dict(area_100m2=area.round(3), rooms=rooms, bathrooms=baths, age_decades=age.round(2),
                       dist_center_10km=dist.round(3), school_rating=school.round(1), garage_spaces=garage,
                       sale_price_usd=price.round(0)))
df.iloc[:1000].to_csv(ROOT + "/house_prices/data/train.csv", index=False)
df.iloc[1000:].to_csv(ROOT + "/house_prices/data/val.csv", index=False)
print(df.describe().T[["mean","std","min","max"]])
