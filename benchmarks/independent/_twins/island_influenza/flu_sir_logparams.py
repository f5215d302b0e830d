import numpy as np
from scipy.integrate import solve_ivp
from scipy.special import gammaln

# SIR model of the winter influenza wave on the island, fitted to the daily notified cases.
# Population from the 2021 census; the recovery rate is fixed from the clinical literature
# (mean infectious period of 4 days), the rest is estimated.
N_POP = 60000.0
GAMMA = 1.0 / 4.0

# log-transform of the four positive parameters (init and bounds mapped with log)
PARAMS = [
    {"name": "log_beta", "init": np.log(0.8), "lower": np.log(0.05), "upper": np.log(5.0)},
    {"name": "log_S0", "init": np.log(20000.0), "lower": np.log(1000.0), "upper": np.log(60000.0)},
    {"name": "log_I0", "init": np.log(5.0), "lower": np.log(0.1), "upper": np.log(500.0)},
    {"name": "log_k", "init": np.log(10.0), "lower": np.log(0.1), "upper": np.log(1000.0)},
]


def _daily_cases(theta, days):
    beta, s0, i0 = theta[0], theta[1], theta[2]
    t_end = int(np.max(days))

    def rhs(t, y):
        s, i = y
        new = beta * s * i / N_POP
        return [-new, new - GAMMA * i]

    sol = solve_ivp(rhs, (0, t_end), [s0, i0], t_eval=np.arange(t_end + 1), method="LSODA", rtol=1e-8, atol=1e-6)
    s = sol.y[0]
    new_cases = s[:-1] - s[1:]                      # infections during day 1..t_end
    return np.maximum(new_cases[np.asarray(days, int) - 1], 1e-6)


def predict(theta, data):
    theta = np.exp(theta)
    return _daily_cases(theta, data["day"].to_numpy())


def negative_log_likelihood(theta, data_train):
    theta = np.exp(theta)
    y = data_train["new_cases"].to_numpy(float)
    mu = _daily_cases(theta, data_train["day"].to_numpy())
    k = theta[3]
    ll = gammaln(y + k) - gammaln(k) - gammaln(y + 1) + k * np.log(k / (k + mu)) + y * np.log(mu / (k + mu))
    return -np.sum(ll)
