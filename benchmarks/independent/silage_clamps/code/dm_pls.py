from sklearn.cross_decomposition import PLSRegression


def build_estimator(config):
    # partial least squares, the usual chemometric calibration for NIR spectra
    return PLSRegression(
        n_components=config["n_components"],
        scale=config.get("scale", True),
        max_iter=config.get("max_iter", 500),
    )
