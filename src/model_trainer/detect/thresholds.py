"""Every detector threshold, defined once, with where it comes from.

Tuned on the scenario benchmark (``benchmarks/repair.py``), never per test. "Own benchmark" means
the value separates the faulty from the healthy scenarios there with a margin on both sides.
"""

from __future__ import annotations

# exploding_gradients: a gradient norm this many times its first recorded value. AutoTrainer flags
# explosion when gradients grow by orders of magnitude; 1e3 (three orders) is its default scale.
EXPLODE_GROWTH = 1e3
# ... or this large in absolute terms (AutoTrainer's absolute gradient bound is of the same order).
EXPLODE_ABS = 1e6
# A diverging loss: train loss this many times its minimum so far (own benchmark).
DIVERGE_FACTOR = 10.0

# vanishing_gradients: first-layer / last-layer gradient norm ratio below this (AutoTrainer's
# vanishing-gradient rule compares the first and last layers' gradient magnitudes with 1e-4).
VANISH_LAYER_RATIO = 1e-4
# ... or a total gradient norm below this while the loss has not converged (DeepDiagnosis uses a
# near-zero gradient bound of this order).
VANISH_ABS = 1e-7

# dying_relu: fraction of ReLU-family units never active on the validation set (AutoTrainer: 0.7).
DEAD_FRACTION = 0.7
# ... or this share of exactly-zero gradient entries in a ReLU network (own benchmark: healthy ReLU
# MLPs there stay below 0.3).
ZERO_GRAD_FRACTION = 0.9

# saturating activations: fraction of tanh/sigmoid outputs beyond 0.99 in magnitude (own benchmark).
SATURATED_FRACTION = 0.5

# oscillating_loss, amplitude-aware: in the second half of training, the mean absolute
# epoch-to-epoch change relative to the loss level (train or validation loss), and the share of
# direction changes. Small-batch SGD noise in the healthy scenarios stays at or below 0.1 relative
# change, the oscillating ones start at 0.28 (own benchmark).
OSC_REL_AMPLITUDE = 0.25
OSC_SIGN_CHANGES = 0.4
# the level a swing is measured against is at least this share of the first epoch's loss, so that
# a loss converged near zero does not turn rounding noise into "oscillation"
OSC_LEVEL_FLOOR = 0.05
OSC_MIN_EPOCHS = 8

# slow_convergence: the loss is still falling steadily at the end (this share of the last half's
# epoch-to-epoch changes are decreases, and the last quarter improved by more than PLATEAU_IMPROVEMENT)
# while the metric is still near the constant-predictor baseline (own benchmark).
SLOW_DECREASING_SHARE = 0.8
# underfitting / slow_convergence: metric no better than this fraction of the constant-predictor
# baseline (RMSE at 0.8 of the baseline explains only 36% of the variance).
UNDERFIT_BASELINE_RATIO = 0.8
# a plateau: the last quarter of training improved by less than this share (Keras ReduceLROnPlateau
# and EarlyStopping treat changes this small as no progress).
PLATEAU_IMPROVEMENT = 0.01

# overfitting: validation loss (moving average over a twentieth of the run, at least 3 epochs) rose this
# much above its minimum (relative) while training loss fell by at least TRAIN_STILL_FALLING after
# that minimum. Keras EarlyStopping's patience logic with a meaningful min_delta; 15% separates the
# overfitting scenarios (24% and more) from healthy runs with 10% epoch-to-epoch noise (own benchmark).
OVERFIT_RISE = 0.15
TRAIN_STILL_FALLING = 0.05
# and the minimum must come this early (share of epochs), so there is a rise to speak of.
OVERFIT_MIN_POSITION = 0.85

# constant_output: the metric over the last quarter is within this share of the constant predictor's
# and an earlier epoch beat it by at least COLLAPSE_GAIN (relative); own benchmark
CONSTANT_TOLERANCE = 0.03
COLLAPSE_GAIN = 0.2
# measured by the built-in loop: one class for this share of rows, or a prediction spread below this
# share of the target's (own benchmark)
CONSTANT_SHARE = 0.99
CONSTANT_SPREAD = 0.01

# probes
FEATURE_SCALE_SPREAD = 100.0   # max/min feature std (own benchmark; scikit-learn's docs warn at orders of magnitude)
FEATURE_SCALE_ABS = 50.0       # a feature std this large is unscaled for a net with unit-scale initialisation
TARGET_SCALE_ABS = 100.0       # a regression target with std or |mean| above this is unscaled
# max/min parameter-group gradient norm that counts as heterogeneity: more than an order of magnitude
# (own benchmark: healthy MLPs there stay under 8x between groups on the first step)
GRAD_GROUP_RATIO = 20.0
LEAKAGE_CORR = 0.9999          # a feature this correlated with the target is the target

# acceptance against the quick references (CONTRACT §7). A model is "clearly worse" than the best reference
# when both hold: its error is more than REF_ERROR_RATIO times the best reference's, and it recovers less than
# 1 - REF_GAP_SHARE of the gain the best reference makes over the constant predictor. The ratio alone would flag
# a net at 1% of the constant's error next to a noise-free linear fit; the gap share alone would flag small
# differences on easy data. 1.5x is a difference no seed, split or tuning noise on a small tabular problem
# explains (seed-to-seed spread of small MLPs is typically within 10-20%), so a network matching a linear model
# on linear data is never flagged. For accuracy/auc/f1/r2 the "error" is 1 - value.
REF_ERROR_RATIO = 1.5
REF_GAP_SHARE = 0.1
# convergence: the validation curve's last quarter (at least 2 steps) still lowered it by this share and most of
# its steps were decreases. A curve still gaining 10% per quarter of its length would gain clearly more from
# more epochs; smaller tail gains are within what patience-based early stopping (Keras, min_delta) calls noise.
CONVERGED_TAIL_GAIN = 0.10
CONVERGED_FALLING_SHARE = 0.7
