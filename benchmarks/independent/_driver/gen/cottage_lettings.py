import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "cottage_lettings"
rng = np.random.default_rng(1703)
# holiday cottages of a letting agency on a coastal/upland county: the nightly rate of a week's booking
n = 1500
region = rng.choice([1, 2, 3, 4], n, p=[0.35, 0.25, 0.25, 0.15])        # 1 north coast, 2 south coast, 3 moorland, 4 market towns
ptype = rng.choice([1, 2, 3], n, p=[0.5, 0.3, 0.2])                      # 1 cottage, 2 barn conversion, 3 apartment
bedrooms = rng.choice([1, 2, 3, 4, 5], n, p=[0.15, 0.35, 0.28, 0.15, 0.07])
coast = np.round(np.where(region <= 2, rng.gamma(1.5, 1.5, n), rng.gamma(3, 6, n)), 1)   # km to the sea
month = rng.integers(1, 13, n)
review = np.round(np.clip(rng.normal(4.55, 0.3, n), 3.0, 5.0), 2)       # mean guest review (1-5)
hot_tub = (rng.random(n) < np.where(ptype == 2, 0.45, 0.15)).astype(int)
season = 1 + 0.55 * np.exp(-0.5 * ((month - 7.6) / 1.4) ** 2) + 0.12 * np.isin(month, [4, 10, 12])
base = np.array([95.0, 105.0, 80.0, 70.0])[region - 1] * np.array([1.0, 1.25, 0.85])[ptype - 1]
rate = (base * (0.55 + 0.3 * bedrooms) * season * (1 + 0.45 * np.exp(-coast / 1.5))
        * (1 + 0.25 * (review - 4.5)) + 28 * hot_tub)
rate = rate * np.exp(rng.normal(0, 0.07, n))
df = pd.DataFrame(dict(region=region, property_type=ptype, bedrooms=bedrooms, km_to_coast=coast, month=month,
                       review_score=review, hot_tub=hot_tub, nightly_rate_gbp=np.round(rate, 2)))
# new listings have no reviews yet; some owners never entered the distance
df.loc[rng.random(n) < 0.14, "review_score"] = np.nan
df.loc[rng.random(n) < 0.05, "km_to_coast"] = np.nan
df.iloc[:1100].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1100:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(df.describe().T[["mean", "std", "min", "max"]])
