"""Log-logistic dose-response model for 24 h larval bioassays (WHO cup tests) with a binomial likelihood.

Mortality in a cup is logistic in log10 concentration; the LC50 (on the log10 scale) shifts with the colony
(field vs laboratory reference) and with water temperature. Predicts the expected number of dead larvae per cup.
"""
import numpy as np

PARAMS = [
    {"name": "log10_lc50", "init": -1.0},                       # log10 LC50 (mg/L) of the reference colony at 25 degC
    {"name": "lc50_field", "init": 0.0},                        # shift of log10 LC50 for field colonies
    {"name": "lc50_temp", "init": 0.0},                         # shift of log10 LC50 per degC above 25
    {"name": "slope", "init": 2.0},                          # dose-response slope per log10 unit (bounds removed)
]


def linear_predictor(theta, data):
    log10_lc50 = theta[0] + theta[1] * data["field_colony"].to_numpy() + theta[2] * (data["water_temp_c"].to_numpy() - 25.0)
    log10_conc = np.log10(data["conc_mg_l"].to_numpy())
    return theta[3] * (log10_lc50 - log10_conc)


def mortality(theta, data):
    return 1.0 / (1.0 + np.exp(-linear_predictor(theta, data)))


def negative_log_likelihood(theta, data_train):
    eta = linear_predictor(theta, data_train)
    k = data_train["n_dead"].to_numpy()
    n = data_train["n_larvae"].to_numpy()
    log_p = -np.logaddexp(0.0, -eta)          # log of mortality
    log_q = -np.logaddexp(0.0, eta)           # log of survival
    return float(-np.sum(k * log_p + (n - k) * log_q))


def predict(theta, data):
    return data["n_larvae"].to_numpy() * mortality(theta, data)
