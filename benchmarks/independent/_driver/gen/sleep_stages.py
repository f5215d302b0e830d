import os as _os
ROOT = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(__file__))))  # the folder holding the programs
import numpy as np, pandas as pd

NAME = "sleep_stages"
rng = np.random.default_rng(604)
# 30-s epochs of overnight polysomnography from a home-sleep study; features from one EEG channel (relative band
# powers), chin EMG, EOG and ECG; label scored by a technician: 0 wake, 1 light sleep (N1/N2), 2 deep (N3), 3 REM


def night(n_epochs):
    stage = np.empty(n_epochs, int); s = 0
    P = np.array([[0.90, 0.10, 0.00, 0.00],
                  [0.02, 0.92, 0.04, 0.02],
                  [0.01, 0.06, 0.93, 0.00],
                  [0.02, 0.05, 0.00, 0.93]])
    for t in range(n_epochs):
        stage[t] = s; s = rng.choice(4, p=P[s])
    return stage


stages = np.concatenate([night(700) for _ in range(4)])
n = len(stages)
# stage means of the latent physiology (delta, theta, alpha, sigma, beta relative power in %, EMG uV, eye movements
# per minute, heart rate bpm)
mu = np.array([[12, 14, 30, 6, 38, 22.0, 14, 72],
               [30, 22, 12, 14, 22, 12.0, 2, 62],
               [58, 16, 7, 7, 12, 10.0, 1, 58],
               [20, 30, 14, 6, 30, 4.0, 18, 66]])
sd = np.array([7, 5, 8, 3, 8, 5.0, 5, 6])
subj = np.repeat(rng.normal(0, 1, (4, 8)), 700, axis=0) * sd * 0.3        # person-to-person offsets
X = mu[stages] + subj + rng.normal(0, 1, (n, 8)) * sd * 1.7
X[:, :5] = np.clip(X[:, :5], 0.5, 90)
X[:, 5] = np.clip(X[:, 5], 0.5, None); X[:, 6] = np.clip(X[:, 6], 0, None)
df = pd.DataFrame(X.round(2), columns=["delta_pct", "theta_pct", "alpha_pct", "sigma_pct", "beta_pct",
                                       "chin_emg_uv", "eye_movements_per_min", "heart_rate_bpm"])
df["stage"] = stages
df.iloc[:2100].to_csv(ROOT + f"/{NAME}/data/train.csv", index=False)   # three nights
df.iloc[2100:].to_csv(ROOT + f"/{NAME}/data/val.csv", index=False)     # the fourth night
print(df.describe().T[["mean", "std", "min", "max"]]); print(df.stage.iloc[:2100].value_counts(), df.stage.iloc[2100:].value_counts())
