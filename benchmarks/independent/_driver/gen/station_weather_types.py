"""Round 16 (a): station_weather_types. Observer-coded weather type at a lowland synoptic station (hourly
observations 2015-2022) from the automatic sensors: station pressure, 3-hour pressure tendency, air temperature,
dew-point depression, wind speed, wind direction (sin/cos), visibility and rainfall intensity.
Types: 0 clear/anticyclonic, 1 overcast stratus, 2 frontal rain, 3 convective showers, 4 fog/mist.
Training: 2015-2020 observations; validation: 2021-2022."""
import os, numpy as np, pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "station_weather_types", "data")
rng = np.random.default_rng(16021)

SHARES = np.array([0.36, 0.24, 0.14, 0.16, 0.10])


def make(n):
    y = rng.choice(5, size=n, p=SHARES)
    season = rng.uniform(0, 2 * np.pi, n)                                 # day of year as an angle
    t_clim = 10 - 7 * np.cos(season)                                     # degC seasonal mean
    p = np.array([1024, 1014, 1002, 1008, 1022])[y] + rng.normal(0, 8, n)  # hPa
    tend = np.array([0.4, 0.0, -2.2, 0.6, 0.1])[y] + rng.normal(0, 1.3, n)  # hPa / 3 h
    temp = t_clim + np.array([1.5, -0.5, 0.5, 3.0, -3.0])[y] + rng.normal(0, 3.5, n)
    dpd = np.exp(np.array([1.5, 0.6, 0.2, 1.1, -1.2])[y] + rng.normal(0, 0.45, n))   # dew-point depression K
    wind = rng.gamma(np.array([2.0, 3.0, 6.0, 4.5, 1.2])[y], 1.1, n)                # m/s
    wdir = np.array([60, 250, 220, 280, 120])[y] + rng.normal(0, 70, n)             # deg
    vis = np.exp(np.array([3.3, 2.7, 2.0, 2.6, -0.2])[y] + rng.normal(0, 0.7, n))  # km
    rain = np.where(np.isin(y, [2, 3]), rng.gamma(1.5, np.where(y == 2, 1.2, 2.5), n), 0.0)
    rain = np.where(rng.random(n) < 0.06, rng.gamma(1.0, 0.3, n), rain)               # drizzle in other types
    df = pd.DataFrame(dict(pressure_hPa=p.round(1), tendency_hPa3h=tend.round(1), air_temp_C=temp.round(1),
                           dewpoint_depression_K=dpd.round(1), wind_ms=wind.round(1),
                           wind_dir_sin=np.sin(np.radians(wdir)).round(3), wind_dir_cos=np.cos(np.radians(wdir)).round(3),
                           visibility_km=np.clip(vis, 0.05, 60).round(2), rain_mm_h=rain.round(1), weather_type=y))
    return df


tr = make(2000)
va = make(700)
os.makedirs(OUT, exist_ok=True)
tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
va.to_csv(os.path.join(OUT, "val.csv"), index=False)
print("train", np.bincount(tr.weather_type), "val", np.bincount(va.weather_type))
