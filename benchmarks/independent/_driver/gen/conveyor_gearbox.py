import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "conveyor_gearbox"
rng = np.random.default_rng(502)
# conveyor drive gearboxes: 48-sample windows (2 kHz) from an axial and a radial accelerometer, in g
# condition: 0 healthy, 1 chipped tooth, 2 shaft misalignment, 3 bearing wear
T, n = 48, 1600
t = np.arange(T) / 2000.0
cond = rng.choice(4, n, p=[0.34, 0.22, 0.22, 0.22])
rows = []
for c in cond:
    f_mesh = rng.uniform(180, 220)                     # gear-mesh frequency, Hz (load-dependent)
    ph = rng.uniform(0, 2 * np.pi, 3)
    amp = rng.uniform(0.6, 1.0)
    ax = 0.25 * amp * np.sin(2 * np.pi * f_mesh * t + ph[0])
    rad = amp * np.sin(2 * np.pi * f_mesh * t + ph[1])
    if c == 1:   # chipped tooth: a short impulse train, one hit per revolution (~every 16 samples)
        start = rng.integers(0, 16)
        for k in range(start, T, 16):
            rad[k:k + 2] += rng.uniform(1.2, 2.0) * np.array([1.0, -0.6])[: len(rad[k:k + 2])]
    elif c == 2:  # misalignment: strong axial vibration at twice the mesh frequency
        ax += rng.uniform(0.5, 0.9) * np.sin(2 * np.pi * 2 * f_mesh * t + ph[2])
    elif c == 3:  # bearing wear: broadband noise, amplitude-modulated
        env = 0.5 * (1 + np.sin(2 * np.pi * 60 * t + ph[2]))
        rad += env * rng.normal(0, 0.55, T)
        ax += env * rng.normal(0, 0.25, T)
    ax += rng.normal(0, 0.08, T); rad += rng.normal(0, 0.12, T)
    rows.append(np.concatenate([ax, rad]))
X = np.round(np.array(rows), 4)
cols = [f"ax_{i:02d}" for i in range(T)] + [f"rad_{i:02d}" for i in range(T)]
df = pd.DataFrame(X, columns=cols)
df["condition"] = cond
df.iloc[:1200].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1200:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df["condition"].value_counts().sort_index(), df[cols].abs().max().max())
