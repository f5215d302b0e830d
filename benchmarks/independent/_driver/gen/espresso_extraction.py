import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "espresso_extraction"
rng = np.random.default_rng(7101)
# espresso extraction yield (% of the dry dose dissolved into the cup) against grind, dose, water temperature,
# shot time and pump pressure; training = a 90-shot response-surface study in the roastery lab,
# validation = 300 shots logged later on the same grinder/machine by the café's refractometer
def shots(n, lab):
    if lab:   # designed study: levels spread over the whole region
        grind = rng.uniform(220, 380, n)
        dose = rng.uniform(16.0, 21.0, n)
        temp = rng.uniform(88.0, 96.0, n)
        time_s = rng.uniform(20, 40, n)
        press = rng.uniform(6.5, 10.0, n)
    else:     # daily service: dialled in around the house recipe, a few outliers on either side
        grind = np.clip(rng.normal(295, 40, n), 200, 400)
        dose = np.clip(rng.normal(18.5, 1.2, n), 15.5, 21.5)
        temp = np.clip(rng.normal(92.5, 1.8, n), 87.0, 97.0)
        time_s = np.clip(rng.normal(29, 4.5, n), 18, 42)
        press = np.clip(rng.normal(8.6, 0.8, n), 6.0, 10.5)
    g = (grind - 300) / 50; d = (dose - 18.5) / 1.5; t = (temp - 92) / 2.5; s = (time_s - 30) / 6; p = (press - 8.5) / 1.0
    ey = (20.2 - 1.35 * g + 0.55 * t + 0.75 * s - 0.45 * d + 0.25 * p
          - 0.30 * g ** 2 - 0.25 * s ** 2 - 0.35 * p ** 2 + 0.30 * g * s - 0.15 * d * t
          + rng.normal(0, 0.35, n))
    return pd.DataFrame(dict(grind_um=grind.round(0), dose_g=dose.round(2), water_temp_C=temp.round(1),
                             shot_time_s=time_s.round(1), pump_pressure_bar=press.round(2),
                             extraction_yield_pct=ey.round(2)))

tr = shots(90, True)
va = shots(300, False)
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
