# reference only (not a twin): ordinary least squares on the five raw columns, scored like the program
from sklearn.linear_model import LinearRegression


def build_estimator(config):
    return LinearRegression()
