"""Single first-order (SFO) degradation of the parent herbicide in incubated soil.

C(t) = C0 * exp(-k t), C0 = applied concentration,
k = k20 * exp(-Ea/R (1/T - 1/293.15)) * (moisture / 50)^B   (Arrhenius temperature and Walker moisture corrections)
Normal measurement errors with a common standard deviation.
"""
import numpy as np

R_GAS = 8.314e-3  # kJ/mol/K

PARAMS = [
    dict(name="log_k20", init=np.log(0.05)),                  # 1/day at 20 degC, 50% WHC
    dict(name="Ea_kJ", init=60.0, lower=5.0, upper=150.0),    # activation energy, kJ/mol
    dict(name="B_moist", init=0.5, lower=0.0, upper=3.0),     # Walker moisture exponent
    dict(name="log_sigma", init=np.log(0.1)),                  # mg/kg
]


def _rate(theta, data):
    log_k20, ea, b = theta[0], theta[1], theta[2]
    temp_k = data["soil_temp_c"].to_numpy(float) + 273.15
    moist = data["moisture_pct_whc"].to_numpy(float)
    return np.exp(log_k20 - ea / R_GAS * (1.0 / temp_k - 1.0 / 293.15)) * (moist / 50.0) ** b


def predict(theta, data):
    c0 = data["applied_mg_kg"].to_numpy(float)
    t = data["day"].to_numpy(float)
    return c0 * np.exp(-_rate(theta, data) * t)


def negative_log_likelihood(theta, data_train):
    obs = data_train["parent_mg_kg"].to_numpy(float)    # measured parent residue, mg/kg
    sigma = np.exp(theta[3])
    r = obs - predict(theta, data_train)
    n = len(obs)
    return float(0.5 * np.sum(r ** 2) / sigma ** 2 + n * np.log(sigma) + 0.5 * n * np.log(2 * np.pi))
