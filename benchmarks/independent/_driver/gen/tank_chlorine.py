import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd
# bottle tests of free chlorine decay in water from the service reservoirs of a rural supply: a sample dosed at the
# treatment works is held at the reservoir's water temperature and read at intervals up to 3 days. Parallel
# first-order decay: a fast-reacting fraction and a slow bulk decay whose rate rises with temperature (theta law)
# and with the total organic carbon of the water.
rng = np.random.default_rng(16022)
F, KF, KS20, THETA, G = 0.22, 7.5, 0.45, 1.06, 0.9        # rates per day
def make(n):
    t_h = rng.uniform(0.25, 72.0, n)
    temp = rng.uniform(11.0, 25.0, n)
    dose = rng.uniform(1.0, 2.5, n)
    toc = rng.uniform(1.0, 4.0, n)
    ks = KS20 * THETA ** (temp - 20.0) * (toc / 2.0) ** G
    t_d = t_h / 24.0
    c = dose * (F * np.exp(-KF * t_d) + (1 - F) * np.exp(-ks * t_d))
    c = c + rng.normal(0, 0.03, n)
    return pd.DataFrame(dict(hours_since_dosing=np.round(t_h, 2), water_temp_c=np.round(temp, 1), dose_mg_l=np.round(dose, 2),
                             toc_mg_l=np.round(toc, 2), free_chlorine_mg_l=np.round(np.maximum(c, 0.0), 3)))
out = ROOT + "/tank_chlorine/data"
make(900).to_csv(out + "/train.csv", index=False)
make(400).to_csv(out + "/val.csv", index=False)
