import numpy as np

# Gompertz growth of broiler live weight W(t) = A * exp(-exp(-k (t - ti))), t in days after hatch;
# log A depends on sex and stocking density, log k on the diet's metabolisable energy;
# multiplicative (log-normal) weighing scatter
PARAMS = [
    {"name": "log_A", "init": 8.5},                                   # asymptotic weight ~ 5 kg
    {"name": "a_male", "init": 0.0, "lower": -1.0, "upper": 1.0},
    {"name": "a_density", "init": 0.0, "lower": -0.2, "upper": 0.2},  # per bird/m2 above 14
    {"name": "log_k", "init": -3.0, "lower": -6.0, "upper": 0.0},     # growth rate ~ 0.05 per day
    {"name": "k_energy", "init": 0.0, "lower": -1.0, "upper": 1.0},   # per 100 kcal/kg above 3050
    {"name": "ti_weeks", "init": 4.5, "lower": 1.0, "upper": 12.0},    # inflection age, weeks
    {"name": "log_sigma", "init": -2.0, "lower": -6.0, "upper": 1.0},
]


def _log_weight(theta, data):
    log_a, a_male, a_dens, log_k, k_en, ti_wk, _ = theta
    t = data["age_days"].to_numpy()
    la = log_a + a_male * data["male"].to_numpy() + a_dens * (data["stocking_density_m2"].to_numpy() - 14.0)
    k = np.exp(log_k + k_en * (data["diet_me_kcal_kg"].to_numpy() - 3050.0) / 100.0)
    return la - np.exp(-k * (t - 7.0 * ti_wk))


def predict(theta, data):
    sigma = np.exp(theta[-1])
    return np.exp(_log_weight(theta, data) + 0.5 * sigma ** 2)


def negative_log_likelihood(theta, data_train):
    log_sigma = theta[-1]
    r = np.log(data_train["live_weight_g"].to_numpy()) - _log_weight(theta, data_train)
    n = len(r)
    return n * log_sigma + 0.5 * np.sum(r ** 2) / np.exp(2 * log_sigma) + 0.5 * n * np.log(2 * np.pi)
