from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.gaussian_process import GaussianProcessRegressor
from sklearn.gaussian_process.kernels import ConstantKernel, RBF, WhiteKernel

N_FEATURES = 6


def build_estimator(config):
    kernel = (ConstantKernel(1.0, (1e-2, 1e2))
              * RBF(length_scale=[float(config["length_scale"])] * N_FEATURES, length_scale_bounds=(1e-2, 1e3))
              + WhiteKernel(noise_level=float(config["noise_level"]), noise_level_bounds=(1e-4, 1e1)))
    gp = GaussianProcessRegressor(kernel=kernel, normalize_y=True,
                                  n_restarts_optimizer=int(config["n_restarts"]), random_state=0)
    return make_pipeline(StandardScaler(), gp)
