"""Round 16 (a): delta_landcover. Land-cover class of 30 m pixels in a river delta from Landsat-8 surface
reflectance (six bands, unitless 0-1), elevation and slope, labelled by photo-interpretation of aerial imagery.
Classes in the mapping agency's legend order: 0 open water, 1 bare sand/mudflat, 2 built-up, 3 forest, 4 cropland,
5 grassland (shares as the delta has them). Training: 2021 reference pixels;
validation: 2022 reference pixels from other tiles."""
import os, numpy as np, pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "delta_landcover", "data")
rng = np.random.default_rng(1606)

SHARES = np.array([0.28, 0.03, 0.06, 0.11, 0.29, 0.23])
#            blue   green  red    nir    swir1  swir2  elev   slope
MEANS = np.array([
    [0.060, 0.070, 0.055, 0.040, 0.025, 0.018, 0.3, 0.4],    # open water
    [0.110, 0.140, 0.170, 0.230, 0.300, 0.250, 1.2, 0.8],    # bare sand / mudflat
    [0.090, 0.100, 0.110, 0.190, 0.220, 0.190, 4.0, 1.5],    # built-up
    [0.035, 0.060, 0.040, 0.310, 0.165, 0.080, 4.5, 3.0],    # forest
    [0.055, 0.085, 0.078, 0.285, 0.220, 0.140, 3.0, 1.2],    # cropland
    [0.048, 0.078, 0.066, 0.300, 0.200, 0.118, 3.4, 2.0],    # grassland
])
SDS = np.array([0.018, 0.020, 0.025, 0.045, 0.040, 0.035, 1.6, 1.3])


def make(n):
    y = rng.choice(6, size=n, p=SHARES)
    haze = rng.normal(0, 0.012, n)                         # per-pixel atmospheric residual, shared by the visible bands
    X = MEANS[y] + rng.normal(0, 1, (n, 8)) * SDS
    X[:, 0] += haze; X[:, 1] += 0.8 * haze; X[:, 2] += 0.6 * haze
    X[:, :6] = np.clip(X[:, :6], 0.005, 0.7)
    X[:, 6] = np.clip(X[:, 6], -1.0, None); X[:, 7] = np.abs(X[:, 7])
    cols = ["blue", "green", "red", "nir", "swir1", "swir2", "elevation_m", "slope_deg"]
    df = pd.DataFrame(X, columns=cols)
    df[cols[:6]] = df[cols[:6]].round(4); df[cols[6:]] = df[cols[6:]].round(2)
    df["land_cover"] = y
    return df


tr = make(1800)
va = make(600)
os.makedirs(OUT, exist_ok=True)
tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
va.to_csv(os.path.join(OUT, "val.csv"), index=False)
print("train", np.bincount(tr.land_cover), "val", np.bincount(va.land_cover))
