import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
# shallow lowland lakes: monthly total-phosphorus mass balance (Vollenweider type) of a fully mixed lake,
# dP/dt = L/V - (Q/V) P - (v_s/z) P + R20 theta^(T-20) / z, with external load L (kg/month), volume V (Mm3),
# outflow Q (Mm3/month), mean depth z (m), settling velocity v_s (m/month) and internal release from the sediment
# (mg/m2/month) rising with water temperature. P in ug/L (= mg/m3); inputs constant within a month.
rng = np.random.default_rng(16023)
VS, R20, THETA = 0.9, 28.0, 1.09
rows = []
for lake in range(15):
    V = rng.uniform(2.0, 25.0); z = rng.uniform(1.5, 5.0)
    q_mean = V * rng.uniform(0.08, 0.5)                 # residence time 2-12 months
    conc_in = rng.uniform(60.0, 260.0)                  # mean TP of the inflow, ug/L
    p = rng.uniform(30.0, 120.0); p_start = p
    phase = rng.uniform(-0.3, 0.3)
    for m in range(72):
        moy = m % 12 + 1
        season = np.cos(2 * np.pi * (moy - 1.5 + phase) / 12.0)     # wet winter, dry summer
        q = q_mean * max(0.15, 1.0 + 0.7 * season + rng.normal(0, 0.25))
        load = q * conc_in * max(0.3, 1.0 + 0.3 * season + rng.normal(0, 0.2))   # kg/month (Mm3 * ug/L = kg)
        temp = 12.0 - 9.0 * np.cos(2 * np.pi * (moy - 1.2) / 12.0) + rng.normal(0, 1.0)
        a = q / V + VS / z
        s = load / V + R20 * THETA ** (temp - 20.0) / z
        p = s / a + (p - s / a) * np.exp(-a)
        obs = p * np.exp(rng.normal(0, 0.06)) + rng.normal(0, 2.0)
        rows.append(dict(lake_id=lake, month=m + 1, month_of_year=moy, volume_mm3=round(V, 3), mean_depth_m=round(z, 2),
                         inflow_mm3=round(q, 4), tp_load_kg=round(load, 2), water_temp_c=round(temp, 1),
                         tp_start_ug_l=round(p_start, 1), tp_ug_l=round(max(obs, 1.0), 1)))
df = pd.DataFrame(rows)
out = ROOT + "/polder_lakes/data"
df[df.lake_id < 11].to_csv(out + "/train.csv", index=False)
df[df.lake_id >= 11].to_csv(out + "/val.csv", index=False)
print(df.describe().T[["mean", "min", "max"]])
