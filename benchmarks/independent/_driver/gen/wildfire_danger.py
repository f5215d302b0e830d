import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "wildfire_danger"
rng = np.random.default_rng(601)
# daily 14:00 weather-station readings in a Mediterranean pine region; fire-danger class assigned by the
# regional duty officer the next morning (0 = low/moderate, 1 = high, 2 = extreme)
n = 2100
doy = rng.integers(100, 300, n)
season = np.sin(np.pi * (doy - 100) / 200)                                   # 0 in April/October, 1 in July
temp = (14 + 16 * season + rng.normal(0, 4, n)).round(1)                    # degC
rh = np.clip(70 - 1.6 * (temp - 15) + rng.normal(0, 12, n), 8, 100).round(0)  # %
wind = np.clip(rng.gamma(2.2, 6.0, n), 0, 70).round(1)                       # km/h
dry = np.clip(rng.geometric(0.12 - 0.07 * season) - 1, 0, 60)               # days since >= 2 mm of rain
fmc = np.clip(6 + 0.35 * rh - 0.25 * dry - 0.12 * (temp - 20) + rng.normal(0, 2.0, n), 2.5, 45).round(1)  # dead fine fuel moisture, %
ndvi = np.clip(0.75 - 0.25 * season - 0.004 * dry + rng.normal(0, 0.05, n), 0.1, 0.9).round(3)
# latent danger: spread (wind x dryness of fine fuels, strongly non-linear in fuel moisture) and available fuel
spread = np.exp(0.05 * wind) * np.exp(-0.16 * (fmc - 4))
fuel = 1 - np.exp(-dry / 8) + 0.8 * (0.8 - ndvi)
idx = np.log(spread) + 1.6 * fuel + 0.04 * (temp - 20) + rng.normal(0, 0.35, n)
cls = np.digitize(idx, np.quantile(idx, [0.55, 0.85]))
df = pd.DataFrame(dict(day_of_year=doy, air_temp_C=temp, rel_humidity_pct=rh, wind_speed_kmh=wind,
                       days_since_rain=dry, fine_fuel_moisture_pct=fmc, ndvi=ndvi, danger_class=cls))
df.iloc[:1500].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1500:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(df.danger_class.value_counts())
