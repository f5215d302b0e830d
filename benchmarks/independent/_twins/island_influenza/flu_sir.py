import numpy as np
from scipy.integrate import solve_ivp
from scipy.special import gammaln

# SIR model of the winter influenza wave on the island, fitted to the daily notified cases.
# Population from the 2021 census; the recovery rate is fixed from the clinical literature
# (mean infectious period of 4 days), the rest is estimated.
N_POP = 60000.0
GAMMA = 1.0 / 4.0

PARAMS = [
    {"name": "beta", "init": 0.8, "lower": 0.05, "upper": 5.0},            # transmission rate, 1/day
    {"name": "S0_thousands", "init": 20.0, "lower": 1.0, "upper": 60.0},   # susceptible residents at day 0, thousands
    {"name": "I0", "init": 5.0, "lower": 0.1, "upper": 500.0},             # infectious residents at day 0
    {"name": "k", "init": 10.0, "lower": 0.1, "upper": 1000.0},            # negative-binomial dispersion
]


def _daily_cases(theta, days):
    beta, s0, i0 = theta[0], 1000.0 * theta[1], theta[2]
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
    return _daily_cases(theta, data["day"].to_numpy())


def negative_log_likelihood(theta, data_train):
    y = data_train["new_cases"].to_numpy(float)
    mu = _daily_cases(theta, data_train["day"].to_numpy())
    k = theta[3]
    ll = gammaln(y + k) - gammaln(k) - gammaln(y + 1) + k * np.log(k / (k + mu)) + y * np.log(mu / (k + mu))
    return -np.sum(ll)
