"""Round 14 (b): rail_fastenings. Track-inspection trolley readings per 10 m section and whether a fastening
defect was confirmed by the maintenance crew (~10% of sections). The training file is the export of the asset
database: the inspection table (no work order) followed by the sections with a confirmed defect work order, so the
rows are ordered by the label. The validation file is a later inspection run in chainage order."""
import os, numpy as np, pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "rail_fastenings", "data")
rng = np.random.default_rng(1414)


def make(n):
    gauge = rng.normal(0.0, 1.6, n)                         # mm deviation from 1435
    wear = rng.uniform(0.5, 11.0, n)                        # mm rail head wear
    vib = rng.lognormal(np.log(0.9), 0.45, n)               # g RMS axle-box vibration
    mgt = rng.uniform(5, 420, n)                            # million gross tonnes since renewal
    radius = np.where(rng.random(n) < 0.55, 8000.0, rng.uniform(280, 3000, n))   # m, 8000 = tangent track
    age = rng.uniform(1, 48, n)                             # years, sleeper age
    temp = rng.normal(11, 8, n)                             # degC rail temperature at inspection
    z = 2.5 * (-6.2 + 0.55 * np.abs(gauge) ** 1.5 + 1.6 * np.maximum(vib - 1.0, 0) + 0.0055 * mgt
               + 900.0 / radius + 0.045 * age + 0.12 * np.maximum(wear - 6, 0) ** 1.5)
    p = 1 / (1 + np.exp(-z))
    y = (rng.random(n) < p).astype(int)
    return pd.DataFrame(dict(gauge_dev_mm=gauge.round(2), head_wear_mm=wear.round(2), vibration_rms_g=vib.round(3),
                             mgt_since_renewal=mgt.round(1), curve_radius_m=radius.round(0), sleeper_age_y=age.round(1),
                             rail_temp_C=temp.round(1), defect=y))


tr = make(1600)
va = make(600)
# database export: inspection records first, then the work-order sections
tr = pd.concat([tr[tr.defect == 0], tr[tr.defect == 1]]).reset_index(drop=True)
os.makedirs(OUT, exist_ok=True)
tr.to_csv(os.path.join(OUT, "train.csv"), index=False)
va.to_csv(os.path.join(OUT, "val.csv"), index=False)
print("train", len(tr), tr.defect.mean().round(4), "val", len(va), va.defect.mean().round(4))
