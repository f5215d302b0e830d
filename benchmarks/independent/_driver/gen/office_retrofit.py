import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "office_retrofit"
rng = np.random.default_rng(9022)
# design-of-experiments runs of a building-energy simulator for a mid-rise office retrofit:
# annual site energy use intensity (EUI) against five design variables sampled by Latin hypercube
def lhs(n, d):
    u = (np.argsort(rng.random((n, d)), axis=0) + rng.random((n, d))) / n
    return u
n_tr, n_va = 320, 200
U = np.vstack([lhs(n_tr, 5), lhs(n_va, 5)])
wwr = 0.15 + 0.65 * U[:, 0]                 # window-to-wall ratio
ins = 20 + 180 * U[:, 1]                    # wall insulation thickness, mm
shade = 1.2 * U[:, 2]                       # external shading depth, m
lpd = 4 + 10 * U[:, 3]                      # lighting power density, W/m2
setp = 22 + 4 * U[:, 4]                     # cooling set-point, degC
heat = 38 * np.exp(-ins / 70) + 30 * wwr ** 1.5 + 4 * shade
cool = (20 + 45 * wwr * np.exp(-1.6 * shade) + 2.4 * lpd) * np.exp(-0.11 * (setp - 22))
light = 3.1 * lpd * (1 - 0.35 * wwr * (1 - 0.5 * shade))
eui = 62 + heat + cool + light + rng.normal(0, 1.5, len(wwr))   # kWh/m2/yr, simulator + weather-file jitter
df = pd.DataFrame(dict(window_wall_ratio=wwr.round(3), insulation_mm=ins.round(1), shading_depth_m=shade.round(3),
                       lighting_w_m2=lpd.round(2), cooling_setpoint_C=setp.round(2), eui_kwh_m2=eui.round(2)))
df.iloc[:n_tr].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[n_tr:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]])
