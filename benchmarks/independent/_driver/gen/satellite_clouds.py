import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "satellite_clouds"
rng = np.random.default_rng(1203)
# 4 x 4 km pixels of a geostationary imager over the North Sea, daytime; labels from a ceilometer/lidar match-up:
# 0 clear sky, 1 low water cloud (stratocumulus/fog), 2 mid-level cloud, 3 high ice cloud (cirrus)
n = 1700
cls = rng.choice(4, n, p=[0.38, 0.27, 0.15, 0.20])
# class means of (BT 10.8 um [K], BT difference 10.8-12.0 um [K], log VIS 0.6 um reflectance, BT 3.9-10.8 um [K],
# log texture = local sd of the reflectance)
mu = np.array([[284.0, 0.9, np.log(0.08), 2.0, np.log(0.010)],
               [276.0, 0.6, np.log(0.45), 9.0, np.log(0.030)],
               [262.0, 1.4, np.log(0.55), 6.0, np.log(0.060)],
               [240.0, 3.2, np.log(0.30), 15.0, np.log(0.045)]])
sd = np.array([6.0, 0.55, 0.35, 3.5, 0.5])
corr = np.array([[1.0, -0.3, -0.2, 0.1, 0.0],
                 [-0.3, 1.0, 0.1, 0.2, 0.0],
                 [-0.2, 0.1, 1.0, 0.2, 0.3],
                 [0.1, 0.2, 0.2, 1.0, 0.1],
                 [0.0, 0.0, 0.3, 0.1, 1.0]])
cov = corr * np.outer(sd, sd)
z = mu[cls] + rng.multivariate_normal(np.zeros(5), cov, n)
sza = rng.uniform(35, 75, n).round(1)                              # solar zenith angle, deg (no class information)
df = pd.DataFrame(dict(bt108_K=z[:, 0].round(2), btd108_120_K=z[:, 1].round(3),
                       refl06=np.minimum(np.exp(z[:, 2]), 1.0).round(4), btd039_108_K=z[:, 3].round(2),
                       refl_texture=np.exp(z[:, 4]).round(5), solar_zenith_deg=sza, cloud_class=cls))
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(df.cloud_class.value_counts(normalize=True))
