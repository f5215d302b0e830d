import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "coffee_roast"
rng = np.random.default_rng(310)
# batch roaster logs: roast degree 0 light, 1 medium, 2 dark (cupper's call)
n = 1200
dev = rng.uniform(0, 1, n)                                # latent roast development
cls = np.digitize(dev + rng.normal(0, 0.03, n), [0.36, 0.7])
end_temp = 196 + 34 * dev ** 2 + rng.normal(0, 2.5, n)         # degC
time_min = 9 + 5 * dev + rng.normal(0, 0.8, n)
weight_loss = 11 + 8 * np.sqrt(dev) + rng.normal(0, 0.8, n)        # %
L_star = 30 - 12 * np.sqrt(dev) + rng.normal(0, 1.5, n)            # Agtron-like lightness
moisture = 3.2 - 2.0 * dev ** 3 + rng.normal(0, 0.3, n)        # %
charge_kg = rng.uniform(5, 15, n)
origin = rng.integers(0, 3, n)                            # 0 Brazil, 1 Ethiopia, 2 Sumatra: beans colour differently
L_star = L_star + np.array([0.0, 4.5, -3.5])[origin] + 0.35 * (charge_kg - 10) * (origin == 1)
df = pd.DataFrame(dict(origin=origin, charge_kg=charge_kg.round(1), roast_time_min=time_min.round(2), end_temp_C=end_temp.round(1),
                       weight_loss_pct=weight_loss.round(2), colour_L=L_star.round(1), moisture_pct=moisture.round(2),
                       roast_degree=cls))
df.iloc[:900].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
df.iloc[900:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
print(df.groupby("roast_degree").mean().T, np.bincount(cls))
