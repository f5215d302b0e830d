import numpy as np

# Mitscherlich nitrogen response with a yield ceiling per farm:
#   yield = A_farm * (1 - B exp(-c N/100)) + b_rain (rain - 250)/100,  normal errors
FARMS = 8
PARAMS = [{"name": f"A_farm{f}", "init": 6.0, "lower": 0.5, "upper": 15.0, "group": "farm"} for f in range(1, FARMS + 1)]
PARAMS += [
    {"name": "B", "init": 0.5, "lower": 0.0, "upper": 1.0},
    {"name": "c", "init": 1.0, "lower": 0.01, "upper": 10.0},
    {"name": "b_rain", "init": 0.0},
    {"name": "log_sigma", "init": 0.0},
]


def predict(theta, data):
    a = np.asarray(theta[:FARMS])[data["farm_id"].to_numpy().astype(int) - 1]
    B, c, b_rain = theta[FARMS:FARMS + 3]
    n = data["n_rate_kg_ha"].to_numpy() / 100.0
    return a * (1.0 - B * np.exp(-c * n)) + b_rain * (data["rain_mm"].to_numpy() - 250.0) / 100.0


def negative_log_likelihood(theta, data_train):
    y = data_train["yield_t_ha"].to_numpy()
    r = y - predict(theta, data_train)
    log_sigma = theta[-1]
    return np.sum(0.5 * (r / np.exp(log_sigma)) ** 2 + log_sigma) + 0.5 * len(y) * np.log(2 * np.pi)
