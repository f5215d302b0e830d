import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "weld_inspection"
rng = np.random.default_rng(7102)
# robotic MIG fillet welds on a bracket line, in production order; each row is one seam with the welding-cell
# readings (mean over the seam) and the ultrasonic inspection result:
# 0 = sound, 1 = porosity, 2 = lack of fusion, 3 = burn-through
n = 1500
thick = rng.choice([3.0, 4.0, 5.0, 6.0, 8.0], n, p=[0.15, 0.25, 0.25, 0.2, 0.15])          # plate thickness, mm
current = rng.normal(150 + 14 * thick, 22, n)                                               # A
voltage = rng.normal(17.5 + 0.035 * current, 1.2, n)                                         # V
speed = np.clip(rng.normal(7.5, 1.6, n), 3.5, 12.0)                                          # travel speed, mm/s
wire = np.clip(0.045 * current + rng.normal(0, 0.6, n), 3, 14)                               # wire feed, m/min
gas = np.where(rng.random(n) < 0.12, rng.uniform(6, 11, n), rng.uniform(13, 20, n))         # shielding gas, L/min
stick = rng.normal(15, 2.0, n)                                                               # contact-tip distance, mm
oil = rng.random(n) < 0.07                                                                   # surface contamination flag from the vision check
heat = 0.8 * current * voltage / (1000 * speed)                                              # heat input, kJ/mm
ratio = heat / (0.12 * thick)                                                               # heat input relative to the plate's need
z_por = -3.0 + 0.8 * (13 - gas).clip(0) + 0.4 * (stick - 15) + 3.0 * oil
z_lof = -3.0 + 14.0 * (0.85 - ratio).clip(0)
z_bt = -3.5 + 10.0 * (ratio - 1.3).clip(0) + 0.4 * (5 - thick).clip(0)
Z = np.column_stack([np.zeros(n), z_por, z_lof, z_bt])
Z = Z + rng.gumbel(0, 0.4, Z.shape)
defect = Z.argmax(1)
df = pd.DataFrame(dict(plate_thickness_mm=thick, current_A=current.round(1), voltage_V=voltage.round(2),
                       travel_speed_mm_s=speed.round(2), wire_feed_m_min=wire.round(2), gas_flow_l_min=gas.round(1),
                       tip_distance_mm=stick.round(1), surface_contamination=oil.astype(int), defect_class=defect))
df.iloc[:1100].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[1100:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.describe().T[["mean", "std", "min", "max"]]); print(df.defect_class.value_counts(normalize=True).sort_index())
