"""Shrew species from skull measurements: linear discriminant analysis on log measurements (the classic
morphometric approach; logs make the size allometry linear and the scatter comparable across measurements)."""
import numpy as np
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis


def build_estimator(config):
    return Pipeline([
        ("log", FunctionTransformer(np.log)),
        ("scale", StandardScaler()),
        ("lda", LinearDiscriminantAnalysis(solver=config["solver"], shrinkage=config["shrinkage"])),
    ])
