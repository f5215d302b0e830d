"""Censored-normal (Tobit) regression of 1 April snow depth: depth = max(0, latent), latent linear in the site covariates."""
import numpy as np
from scipy.stats import norm

PARAMS = [
    {"name": "b0", "init": 100.0},                       # latent depth (cm) at 2000 m, 850 mm, 0 degC, south, open
    {"name": "b_elev", "init": 0.0},                     # cm per km of elevation
    {"name": "b_precip", "init": 0.0},                   # cm per 100 mm of winter precipitation
    {"name": "b_temp", "init": 0.0},                     # cm per degC of winter temperature
    {"name": "b_north", "init": 0.0},                    # cm, north-facing slope
    {"name": "b_forest", "init": 0.0},                   # cm, full canopy against open ground
    {"name": "sigma", "init": 50.0, "lower": 1.0, "upper": 500.0},   # latent scatter (cm)
]


def latent_mean(theta, data):
    b0, b_elev, b_precip, b_temp, b_north, b_forest = theta[:6]
    return (b0 + b_elev * (data["elevation_m"].to_numpy() - 2000.0) / 1000.0
            + b_precip * (data["winter_precip_mm"].to_numpy() - 850.0) / 100.0
            + b_temp * data["winter_temp_c"].to_numpy()
            + b_north * data["north_facing"].to_numpy()
            + b_forest * data["forest_cover"].to_numpy())


def negative_log_likelihood(theta, data_train):
    mu = latent_mean(theta, data_train)
    sigma = theta[6]
    y = data_train["snow_depth_cm"].to_numpy()
    bare = y <= 0
    ll_bare = norm.logcdf(-mu[bare] / sigma)
    ll_snow = norm.logpdf((y[~bare] - mu[~bare]) / sigma) - np.log(sigma)
    return float(-(ll_bare.sum() + ll_snow.sum()))


def predict(theta, data):
    mu = latent_mean(theta, data)
    sigma = theta[6]
    z = mu / sigma
    return norm.cdf(z) * mu + sigma * norm.pdf(z)        # expected depth, bare ground included
