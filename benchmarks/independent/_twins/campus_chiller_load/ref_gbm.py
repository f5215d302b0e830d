# reference only (not a twin): the program's boosting settings on the five raw columns (minute_of_day as a number)
from sklearn.ensemble import HistGradientBoostingRegressor


def build_estimator(config):
    return HistGradientBoostingRegressor(learning_rate=config["lr"], max_iter=config["epochs"],
                                         max_leaf_nodes=config["max_leaf_nodes"], min_samples_leaf=config["min_samples_leaf"],
                                         l2_regularization=config["l2_regularization"], early_stopping=False, random_state=0)
