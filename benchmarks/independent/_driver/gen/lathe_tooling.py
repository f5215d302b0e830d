import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "lathe_tooling"
rng = np.random.default_rng(6302)


def tools(n, rng):
    speed = rng.uniform(150.0, 320.0, n).round(0)                  # cutting speed, m/min
    feed = rng.uniform(0.12, 0.30, n).round(3)                     # feed, mm/rev
    depth = rng.uniform(0.8, 2.5, n).round(2)                      # depth of cut, mm
    coolant = rng.integers(0, 2, n)                                # 1 = flood coolant
    mu = (np.log(40.0) - 2.9 * np.log(speed / 220.0) - 0.85 * np.log(feed / 0.2)
          - 0.25 * np.log(depth / 1.5) + 0.30 * coolant)          # Taylor-type log life, minutes
    s = 0.28                                                       # log-logistic scale (shape 1/s ~ 3.6)
    u = rng.uniform(1e-9, 1 - 1e-9, n)
    life = np.exp(mu + s * np.log(u / (1 - u)))
    return speed, feed, depth, coolant, life


# shop-floor records: inserts are indexed at the planned change interval (30-60 min of cutting, set per job)
n_tr = 600
speed, feed, depth, coolant, life = tools(n_tr, rng)
planned = rng.choice([30.0, 40.0, 45.0, 60.0], n_tr)
worn = (life <= planned).astype(int)
t_obs = np.minimum(life, planned).round(1)
tr = pd.DataFrame(dict(cutting_speed_m_min=speed, feed_mm_rev=feed, depth_of_cut_mm=depth, flood_coolant=coolant,
                       worn_out=worn, cutting_time_min=t_obs))
# validation: a tool-life test in the lab, every insert run until the flank-wear criterion VB = 0.3 mm
n_va = 250
speed, feed, depth, coolant, life = tools(n_va, rng)
va = pd.DataFrame(dict(cutting_speed_m_min=speed, feed_mm_rev=feed, depth_of_cut_mm=depth, flood_coolant=coolant,
                       worn_out=np.ones(n_va, int), cutting_time_min=life.round(1)))
tr.to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)
va.to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)
if __name__ == "__main__":
    print(tr.describe().T[["mean", "std", "min", "max"]]); print(va.describe().T[["mean", "std", "min", "max"]])
    print("share worn out in training", worn.mean())
