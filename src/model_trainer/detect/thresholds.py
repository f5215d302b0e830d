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
# ...but a validation loss that diverges while the training loss falls every epoch (each at most TRAIN_SETTLED_RISE
# times the one before: a few percent of batch-order noise) and stays below it is no divergence of the weights
TRAIN_SETTLED_RISE = 1.05
# a missing-value code (``probes/data_quality.py``): a value repeated in at least CODE_MIN_ROWS rows and
# CODE_MIN_SHARE of them, lying more than CODE_FAR times the 1-99% range of the column's other values beyond that
# range. -999 among canopy volumes of 5-60 m³ lies 18 ranges away; a zero-inflated column's 0 lies inside its range
CODE_MIN_ROWS = 3
CODE_MIN_SHARE = 0.005
CODE_FAR = 3.0
# training targets more than TARGET_OUTLIER_MADS robust standard deviations from the median, in at most
# TARGET_OUTLIER_SHARE of the rows, and TARGET_OUTLIER_GAP times as far from it as every other target, are recorded
# in another unit or are codes: grams among kilograms sit thousands of robust SDs out, with nothing in between. A
# heavy tail reaches 50 robust SDs too (a Pareto tail with alpha 1.5 puts 0.5% of its rows there, alpha 3 0.03%) but
# runs on continuously, so the gap, not the distance, tells them apart
TARGET_OUTLIER_MADS = 50.0
TARGET_OUTLIER_SHARE = 0.02
TARGET_OUTLIER_GAP = 5.0
# a model whose validation error (rmse or mae, in the target's units) is at least this many times the constant
# predictor's at every epoch logged blew up before its first epoch ended (a step far too large for unscaled inputs)
# and never came back: no healthy model, and no metric reported in a unit a thousand times the target's (grams for
# kilograms), is a million times further off than the mean
BLOWN_FROM_START = 1e6

# vanishing_gradients: first-layer / last-layer gradient norm ratio below this (AutoTrainer's
# vanishing-gradient rule compares the first and last layers' gradient magnitudes with 1e-4).
VANISH_LAYER_RATIO = 1e-4
# ... or a total gradient norm below this while the loss has not converged (DeepDiagnosis uses a
# near-zero gradient bound of this order).
VANISH_ABS = 1e-7
# ...unless the tail's largest fell to that from at least 1/VANISH_CONVERGED_DROP times more at the first epoch, is
# not exactly zero, and the loss fell (PLATEAU_IMPROVEMENT) on the way: a gradient a hundred-million-fold smaller
# than where it started has reached a stationary point of the objective (an optimiser converged to float precision,
# whatever the optimum is worth), not lost its way through the layers, where it starts small and stays so. Exact
# zeros are dead units, which stay a finding
VANISH_CONVERGED_DROP = 1e-8

# dying_relu: fraction of ReLU-family units never active on the validation set (AutoTrainer: 0.7).
DEAD_FRACTION = 0.7
# ... or, measured on a returned model after the run, one layer with this share of its units dead: a layer all of
# whose units are zero on every validation row passes nothing of the input on (no AutoTrainer analogue; the share
# is "all of them", less one unit in a thousand for a wide layer's rounding)
DEAD_LAYER_FRACTION = 0.999
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
# ...but a classifier whose score (accuracy and the like) changed by at most this much from epoch to epoch in the
# second half, ending at or beyond every reference, is not flagged for its loss's swings: on a few hundred
# validation rows two points are a handful of rows changing sides near convergence, while a cross-entropy can double
# with the confidence of one of them. Steps that overshoot move the rows themselves, and the score with them
OSC_SCORE_SWING = 0.02

# slow_convergence: the loss is still falling steadily at the end (this share of the last half's
# epoch-to-epoch changes are decreases, and the last quarter improved by more than PLATEAU_IMPROVEMENT)
# while the metric is still near the constant-predictor baseline (own benchmark).
SLOW_DECREASING_SHARE = 0.8
# underfitting / slow_convergence: metric no better than this fraction of the constant-predictor
# baseline (RMSE at 0.8 of the baseline explains only 36% of the variance).
UNDERFIT_BASELINE_RATIO = 0.8
# ...unless the model is within 5% of the best reference of its class (a linear model: the linear one): then the data
# allow no more, and near-constant errors are noise in the target, not underfitting
UNDERFIT_AT_REFERENCE = 1.05
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
# a finished model whose validation predictions spread less than this share of the target's answers one value (to
# float precision): a zeroed or dead network. A linear model a step far too small has barely moved still spreads its
# predictions by a few thousandths of the target's spread (0.0034 in tests/reliability), and is underfitting
CONSTANT_EXACT = 1e-6

# probes
FEATURE_SCALE_SPREAD = 100.0   # max/min feature std (own benchmark; scikit-learn's docs warn at orders of magnitude)
FEATURE_SCALE_ABS = 50.0       # a feature std this large is unscaled for a net with unit-scale initialisation
TARGET_SCALE_ABS = 100.0       # a regression target with std or |mean| above this is unscaled
# max/min parameter-group gradient norm that counts as heterogeneity: more than an order of magnitude
# (own benchmark: healthy MLPs there stay under 8x between groups on the first step)
GRAD_GROUP_RATIO = 20.0
LEAKAGE_CORR = 0.9999          # a feature this correlated with the target is the target
# a target discretised in one split only: at most this many values there, while the other split has a distinct value
# for at least this share of its rows (a class label has a handful of values in both splits; a measurement has
# nearly one per row in both)
DISCRETE_TARGET_MAX = 20
CONTINUOUS_SHARE = 0.5
# regularisation strengths beyond what any common default or tuning range uses: torch's AdamW defaults to
# weight_decay 0.01 and searches rarely go past 0.1; scikit-learn's SGD/MLP alpha defaults to 1e-4 (Ridge to 1);
# LogisticRegression's C to 1. A model that underfits with a penalty this strong is first suspected of it.
STRONG_WEIGHT_DECAY = 0.1
# a dropout rate this large drops most of a layer's units at every step: 0.5 is the classic rate for wide hidden
# layers (Srivastava et al. 2014) and the top of common tuning ranges, so 0.6 or more is a first suspect when a
# network underfits (a value meant as the keep probability reads as this)
STRONG_DROPOUT = 0.6
# a learning rate this large for an adaptive optimiser (Adam, AdamW, RMSprop: default 1e-3, Kingma & Ba) is 100x
# its default: a first suspect when units die, gradients vanish or the output goes constant after a few epochs
ADAPTIVE_LR_HIGH = 0.1
# ...and this small is 1/100 of it, the same distance on the other side: a first suspect when the curve is still
# falling at the end or the model stays behind the references (small-data regression and classification rarely go
# below 1e-4; 1e-5 and less is the range of fine-tuning a pretrained network, not of training one)
ADAPTIVE_LR_VERY_LOW = 1e-5
# a step larger than the gradient itself, for any optimiser: beyond what SGD is run at on unit-scale data, and past
# the whole step for gradient boosting, whose learning rate shrinks each tree's correction (1 adds it in full)
LR_ABOVE_ONE = 1.0
# the optimiser names (lower case, as a config gives them) these ADAPTIVE_* values apply to
ADAPTIVE_OPTIMIZERS = ("adam", "adamw", "rmsprop")
ADAPTIVE_LR_DEFAULT = 0.001
# plain SGD's conventional step (Keras' SGD and scikit-learn's SGD estimators default to 0.01): a learning rate far
# below it that learns too slowly is searched up to it, not only a few factors above where it started; an adaptive
# optimiser switched in for an lr below ADAPTIVE_LR_LOW starts from its own default instead
SGD_LR_DEFAULT = 0.01
ADAPTIVE_LR_LOW = 1e-4
# the shuffled-label control: real labels whose error is within 5% of the shuffled labels' error (at the same epoch)
# fit no better than noise (tuning half: a CNN whose labels were shuffled apart from their inputs came within 4%,
# rmse 0.950 against 0.991; a model that learns from its labels lowers its error well below a constant's, which
# shuffled labels cannot)
LABEL_CONTROL_RATIO = 0.95
# an overfitting network whose best epoch recovers less than this share of the gain boosted trees make over the
# constant predictor learnt nothing it could use on new rows before it memorised: the control is run for it too.
# The best of many noisy epochs recovers some share by chance (a network on labels shuffled apart from their rows:
# best accuracy 0.663 against a constant 0.621 and boosting 0.982, 12% of the gain), while a network that learnt
# before it over-learnt recovers most of it
MEMORISED_SIGNAL_SHARE = 0.25
# a validation split whose columns are shifted from training's (probes/shift.py) is a data fault when a reference's
# validation error is at least this many times its error on held-out training rows: a random split of
# one population scores within sampling noise of that (a fifth of a few hundred rows), and a split shifted in a
# column the references do not use scores alike too. A unit change in one file (validation temperatures in degrees
# Fahrenheit) leaves every model two to three times worse on validation than on training rows
SPLIT_GAP_RATIO = 2.0
# ...where the metric is a share of rows right (accuracy, f1, auc, r2), the held-out error is taken as at least this:
# a perfect score on a fifth of the training rows is common on separable data and says nothing of a ratio
SPLIT_GAP_SHARE_FLOOR = 0.02
# ...and only columns whose most common training value holds less than this share of the rows are read as shifted
SPLIT_MODE_SHARE = 0.5
# ...and it is run only when the failing run's training loss fell by at least this share: a model that learns
# nothing (a step far too small) fits real and shuffled labels equally badly, which says nothing about the labels
LABEL_CONTROL_MIN_FIT = 0.1
STRONG_ALPHA = 10.0
# a hidden layer this narrow or narrower is a bottleneck on any data with more than one informative direction: the
# whole input passes through one or two numbers. Widths in common use for small tabular networks start at 8-16.
TINY_WIDTH = 2
WEAK_C = 0.01

# acceptance against the quick references (CONTRACT §7). A model is "clearly worse" than the best reference
# when both hold: its error is more than REF_ERROR_RATIO times the best reference's, and it recovers less than
# 1 - REF_GAP_SHARE of the gain the best reference makes over the constant predictor. The ratio alone would flag
# a net at 1% of the constant's error next to a noise-free linear fit; the gap share alone would flag small
# differences on easy data. 1.5x is a difference no seed, split or tuning noise on a small tabular problem
# explains (seed-to-seed spread of small MLPs is typically within 10-20%), so a network matching a linear model
# on linear data is never flagged. For accuracy/auc/f1/r2 the "error" is 1 - value.
REF_ERROR_RATIO = 1.5
# a model whose validation outputs a linear fit on its inputs explains to this R² is linear in them: its ceiling is
# the linear reference, so boosted trees are not held against it (a healthy linear regression on the Friedman data
# sits at 2.0x the boosting reference's error: benchmarks/reference_ratios.py on the tuning half)
LINEAR_R2 = 0.999
REF_GAP_SHARE = 0.1
# ...or, for an accuracy, where the two error rates differ by at least REF_ACCURACY_Z standard errors of their
# difference on the validation rows (3: the conventional line past sampling noise). With many classes the
# constant's error is large and a 10% share of the gain is a lenient test: 88.7% against boosting's 96.2% on 600
# rows recovers 90% of the gain over a 20.7% constant, yet lies 5 standard errors behind
REF_ACCURACY_Z = 3.0
# against a reference that makes no error (an accuracy of 1 on separable classes) the ratio condition says nothing,
# so the gap share alone decides, at twice the share: a classifier a few points short of a perfect logistic
# regression is not flagged, one that recovers less than 80% of its gain over the constant is
REF_GAP_SHARE_PERFECT = 0.2
# a smaller gap that is judged only together with a configuration value beyond its usual range
# (``probes/config_range.py``): 1.2x is the top of the seed-to-seed spread quoted above, so a model further behind
# than that with, say, 1000x Adam's default learning rate has two independent signs against it
REF_MILD_RATIO = 1.2
# ...or together with a memorised training split: the training loss ended below 1/MEMORISED_GAP of the validation
# loss, and the validation loss (smoothed as the overfitting detector smooths it) ended OVERFIT_MILD_RISE above its
# minimum. Each alone is common in healthy runs (a gap on noisy targets, a few percent of drift); together with a
# model 1.2x behind a linear fit they are overfitting whose rise stays under OVERFIT_RISE
MEMORISED_GAP = 10.0
# a repair whose model is accepted while still more than REF_MILD_RATIO behind the best reference (beyond the
# gap share): further changes are tried on top of it while the budget lasts, each kept change the new base, until
# this many in a row were not kept (the search stopped paying), and the best accepted model is kept. Two is the
# next change of the same cause and one of another, at one full run each
POLISH_TESTS = 2
# ...and one of them is kept only where it cuts the accepted run's error by this share (less is run-to-run noise)
POLISH_GAIN = 0.02
# ...or while the accepted run's last epoch ended more than END_SPIKE_RATIO above the median of the epochs before it
# (the last quarter, at least END_SPIKE_WINDOW of them) and the model is behind the best reference: the model
# returned is a bad draw of the run's own epoch-to-epoch noise, which a lower learning rate settles. A settled run's
# last epochs differ by a few percent; 15% above their median is a swing, not a trend
END_SPIKE_RATIO = 1.15
END_SPIKE_WINDOW = 4
# a changed run is a repair only where its error is at least this share below the constant predictor's: a model
# that predicts (almost) the mean learnt nothing, whatever red flag the change removed (on data where no reference
# beats the constant either, nothing is there to learn and nothing is repaired)
REPAIR_MIN_GAIN = 0.05
OVERFIT_MILD_RISE = 0.05
# the returned model's own validation score lies within this share of the distance between the logged metric at an
# earlier, better epoch (the lowest validation loss's, the best logged metric's) and at the last epoch, from the
# former: the code reloaded that epoch's weights (``base.returned_epoch``). A tenth leaves room for float32 against
# float64 scoring and batches of another size, and none for a model of an epoch between the two
RESTORED_SHARE = 0.1
# ...or together with predictions that differ between two calls on the same validation rows
# (``probes/returned_model.py``) in at least this share of them: a network predicting with its dropout still
# active. One row in twenty is far above what float arithmetic changes (none) and far below what dropout does (all)
PRED_REPEAT_SHARE = 0.05
# a first epoch's training loss this many times the loss a network with outputs near zero starts at (ln K classes,
# the target's variance) says its initial outputs were enormous: a thousandfold is far beyond what a first epoch of
# any usable initialisation averages (a few times at most), and what a fan used the wrong way up gives (10^5x)
INITIAL_LOSS_RATIO = 1000.0
# validation rows whose class label no training row carries: no model trained on those rows can ever predict them.
# One row in twenty is far more than a rare class that sampling left out of training explains on a usual split
UNSEEN_LABEL_SHARE = 0.05
# ...and the same share, both ways, for an integer-coded feature column of at most this many levels: weekdays,
# months, grades, site codes. More levels than this are an identifier or a count, whose levels a split moves anyway
FEATURE_CODE_LEVELS = 30
# labels the code trains on that are not the file's: the code's own training loss ended at most 1/CODE_FIT_GAP of
# its validation loss (it fits its training targets far better than new rows), while the returned model's error on
# the file's training rows, scored by the tool, is at least TRAIN_ROWS_SHARE of its validation error. A network
# that memorised the file's rows scores them far better than validation ones; one that memorised other labels (a
# second shuffle, a truncated target) scores them as it scores rows it never saw. 3x in a loss is already a gap no
# healthy run ends with on held-out data; 0.8 leaves room for the mild optimism of scoring rows seen in training
CODE_FIT_GAP = 3.0
# two runs whose models' own validation scores agree to this relative precision made the same predictions (float32
# arithmetic on a target rescaled and scaled back differs in the seventh digit, a real change from the first few)
SAME_SCORE_REL = 1e-6
# the share of a network's weights that never received a gradient (function mode, a hook on the optimiser's first
# steps) from which no knob is tried: with most of the network cut off from the loss, a learning rate, a width or
# an epoch count changes only what the rest can learn; the fix is the code's
CUT_OFF_SHARE = 0.5
TRAIN_ROWS_SHARE = 0.8
# a classifier's loss this far below zero is no rounding of a cross-entropy that reached 0: a loss of probabilities
# is never negative
NEGATIVE_LOSS = 1e-6
# the returned model's own predictions on the validation file, scored by the tool, against the metric the user's
# code reported for the same model: an error 25% larger is beyond the seed-to-seed spread quoted above and beyond
# rounding or a last-batch average, so the code's metric was computed on other targets or another model state
METRIC_DISAGREE = 1.25
# convergence: the validation curve's last quarter (at least 2 steps) still lowered it by this share and most of
# its steps were decreases. A curve still gaining 10% per quarter of its length would gain clearly more from
# more epochs; smaller tail gains are within what patience-based early stopping (Keras, min_delta) calls noise.
CONVERGED_TAIL_GAIN = 0.10
# convergence: a curve of fewer epochs than this has no tail for the test above to read (a quarter of the run, at
# least 2 steps); a run that short behind the references was never shown to converge, and more epochs are tried with
# at least MIN_CURVE_EPOCHS, the shortest run whose tail the test reads over more than its first steps.
SHORT_CURVE_EPOCHS = 3
MIN_CURVE_EPOCHS = 10
CONVERGED_FALLING_SHARE = 0.7

# ---------------------------------------------------------------------------------------------------------
# Maximum-likelihood fits (kind = "mle"): identifiability, scaling and reporting, read by mle/ and the
# MLE detectors.
# ---------------------------------------------------------------------------------------------------------
# The condition number of the unit-diagonal information matrix at or above which it is numerically singular
# (about 1 / sqrt(machine epsilon): half the digits of the standard errors are lost).
MLE_COND_LIMIT = 1e8
# A parameter has no data support when moving it by its own magnitude (1 for an estimate at zero) changes the
# NLL by less than this: far below the 1.92 that moves a 95% interval, at the level of rounding in a sum of
# thousands of terms (judged per parameter, so a tiny rate next to a large count is not "unsupported").
MLE_NO_SUPPORT_NLL = 1e-6
# Estimates correlated at |r| >= this cannot be told apart: one moves to compensate the other. Bates & Watts
# (1988), Nonlinear Regression Analysis, section 2.3, read correlations this close to +-1 as ill-determined pairs.
MLE_CORR_LIMIT = 0.99
# A standard error larger than the estimate (relative SE above 1): the Wald interval reaches past zero
# and the data do not fix even the sign (practical non-identifiability, Raue et al. 2009, Bioinformatics 25:1923).
MLE_REL_SE_LIMIT = 1.0
# a standard error wider than the whole range a parameter's bounds allow (its 95% interval about four times that
# range): the data say nothing about where in the range it lies; the likelihood is flat along it up to a bound
MLE_SE_RANGE = 1.0
# Information matrix on the estimates' own scale (diag(|theta|) I diag(|theta|)): an eigenvalue below the
# largest divided by this is a direction the data do not constrain to within a factor of ~1000 relative to
# the best-determined one (Belsley, Kuh & Welsch 1980 read condition indices above 30 as strong collinearity;
# 1e6 = 1000^2 is far beyond that, so only near-exact dependences are named).
MLE_SCALED_COND_LIMIT = 1e6
# An eigenvector component this large names a parameter as part of a weak direction.
MLE_LOADING = 0.3
# Profile likelihood: the NLL rise that bounds a 95% profile interval is chi2(1, 0.95) / 2 = 1.92 (Venzon &
# Moolgavkar 1988); a profile that rises less than this over a factor PROFILE_SPAN either side of the
# estimate is flat: the data cannot fix the parameter (Raue et al. 2009).
MLE_PROFILE_DELTA = 1.92
MLE_PROFILE_SPAN = 2.0
MLE_PROFILE_POINTS = 6          # evaluated points on each side of the estimate
MLE_PROFILE_MAX_FREE = 15       # beyond this many free parameters profiles cost too much; the matrix evidence stands
MLE_PROFILE_WORST = 2           # profile the parameters with the largest relative SE, at most this many
# a profile re-optimises the other parameters at each of its points, two dozen fits in all: on a likelihood that
# solves an ODE per evaluation that is many times the fit itself. The profiles stop (what they reached is kept, and
# said) once they took MLE_PROFILE_FIT_MULT times the fit's own time, or MLE_PROFILE_MIN_S if that is longer: they
# add evidence to the information matrix's, which stands without them
MLE_PROFILE_FIT_MULT = 3.0
MLE_PROFILE_MIN_S = 2.0
MLE_FIX_MAX_FREE = 60           # fix/drop candidates (a few re-optimisations each) up to this many free parameters
# Parameter scaling: natural step sizes 1/sqrt(I_ii) (the change that moves the NLL by about one half) this many
# orders of magnitude apart are scales a quasi-Newton optimiser cannot step in together (its stopping tests are
# on the unscaled gradient and the relative NLL reduction; Nocedal & Wright 2006, section 2.2 "Scaling").
# Three orders: a rate of 1e-4 per unit exposure next to a background count near 10 is four.
MLE_SCALE_GAP_ORDERS = 3.0
# Stationarity: the optimiser "converged" although a Newton step on one parameter alone, g^2 / (2 I_ii), would
# still lower the NLL by more than this. A tenth of an NLL unit is twenty times below the 1.92 that moves a 95%
# interval, and far above finite-difference noise at a true optimum.
MLE_NEWTON_GAIN = 0.1
# Columns: a perturbation that moves the NLL by more than this relative amount means the likelihood uses it.
MLE_COLUMN_USE_REL = 1e-10
# Residual bias by group: a group's mean residual above this share of the mean target is a finding (a tenth
# of the level is the usual materiality line for a systematic error in a reported rate).
MLE_RESIDUAL_BIAS = 0.10
# Lack of fit along one column: the validation residuals' means over RESIDUAL_BINS quantile bins of a column (its
# values, when it has no more) explain at least MLE_RESIDUAL_STRUCTURE of the residuals' variance beyond what bins
# explain by chance ((bins - 1) / (rows - 1)), and a one-way F test puts that beyond noise (p < MLE_RESIDUAL_P). A
# likelihood whose mean function fits leaves residuals with no trend along any column: the well-specified fits of
# benchmarks/independent/ reach at most 0.06 beyond chance on validation; seven of its fourteen faulty likelihoods
# (a dose on the wrong scale, censoring ignored, a missing Jacobian, a covariate in other units) leave 0.38-0.85. A
# correct survival model scored against censored validation times (the observed minimum of failure and censoring)
# leaves about 0.19 (300 rows, uniform censoring): the line sits above that, since the rule holds even a fit that
# beats every reference. Residuals on training rows are not used: a censored training target leaves structure in
# them that a correct survival model should leave.
RESIDUAL_BINS = 10
MLE_RESIDUAL_STRUCTURE = 0.3
MLE_RESIDUAL_P = 1e-3
# ...a line for one sign of two: a model already REF_MILD_RATIO behind the best reference whose residuals trend with
# an integer-coded column by a tenth of their variance beyond chance (p under MLE_RESIDUAL_P) has two signs against
# it. A tenth is above the 0.06 the well-specified fits reach; alone it would not do (censored validation times
# leave 0.19), beside a model that far behind it is the effect the references pick up and the model misses
RESIDUAL_TREND_MILD = 0.1
# A repair whose NLL, AIC and condition number all move by less than this (relative) changed nothing.
MLE_NO_EFFECT_REL = 1e-9
# Information criteria: differences read on Burnham & Anderson's (2002) scale: under 2 no real support for
# either model, 2..10 positive to strong, above 10 decisive.
MLE_IC_WEAK = 2.0
MLE_IC_DECISIVE = 10.0
# Parametric-bootstrap recovery: an estimate that comes back from data simulated at the fit more than this far
# (relative) is not pinned by data of this size: a 95% interval of +-2 SE reaches about this far when the relative
# SE is ~12%, the level above which an estimate is usually reported as imprecise.
MLE_RECOVERY_TOL = 0.25

# --- diagnose: post-hoc reading of someone else's log --------------------------------------------------------
# A short run (tens of epochs) is too short for the moving-average overfitting rule above, whose smoothing
# window and 15% rise need a long tail. Post-hoc, a *steady* rise is the evidence instead: after its minimum the
# validation loss has not improved for at least DIAG_PATIENCE epochs (Keras EarlyStopping would have stopped:
# its examples use patience 3-5, we take the upper end), its trend since the minimum is upward (Kendall's tau of
# val_loss against epoch at least DIAG_TREND_TAU: rank-based, so per-epoch noise does not hide a slow climb
# and a noisy plateau, tau near 0, does not pass), it ended at least DIAG_RISE above its minimum (relative: a
# meaningful min_delta, not rounding), and the training loss kept falling by TRAIN_STILL_FALLING or more.
# On the generated short-run benchmark in tests/test_diagnose.py (12-40 epochs, 1-3% noise; overfitting runs
# climb 8-30% after a minimum at 25-60% of the run; 1,000 of each, seed 0) it flags 992 overfitting runs and 9
# healthy ones; a per-epoch "share of rising epochs >= 0.7" criterion found only 246 of 300 overfitting runs,
# missing the slow climbs of 30-40-epoch runs that noise hides step by step.
DIAG_MIN_EPOCHS = 8
DIAG_PATIENCE = 5
DIAG_TREND_TAU = 0.5
DIAG_RISE = 0.05
# CSV chunk size for streaming a log: bounded memory whatever the file size (pandas' chunksize, rows).
DIAG_CHUNK_ROWS = 200_000
# Past this many epochs a log is thinned while it is read (pairs of epochs merged, repeatedly), so memory stays
# bounded whatever the file's size: 200,000 rows of history take ~150 MB. Every detector's window is a share of
# the run or a few epochs, so a trend over a million epochs survives thinning; a non-finite value is never lost.
DIAG_MAX_POINTS = 200_000
# A block of training rows off the relationship the rest follow (``probes/row_blocks.py``): out-of-fold boosting
# residuals over RESIDUAL_BINS stretches of consecutive rows explain ROW_BLOCK_EXCESS of their variance beyond chance
# (p < ROW_BLOCK_P), and boosting fitted without the stretch furthest from zero scores ROW_BLOCK_GAIN better on
# validation. On the 21 healthy regression programs of benchmarks/independent the file's order explains at most
# 0.015 beyond chance (five folds of 100 rounds); files with a block from another logger, unit or labelling
# 0.15-0.25. The intervention is what separates a block from residuals that drift with time for reasons the features
# do not carry. Three folds of 50 boosting rounds each (a second on a few thousand rows, beside the references) flag
# the same two of the set's 95 regression programs as five folds of 100 rounds.
ROW_BLOCK_MIN_ROWS = 200
ROW_BLOCK_SAMPLE = 5000
ROW_BLOCK_FOLDS = 3
ROW_BLOCK_ITER = 50
ROW_BLOCK_EXCESS = 0.08
# ...for class labels, whose residual is a misclassification (0 or 1): its binomial variance dwarfs any difference
# between stretches, so a stretch of half the file misclassified at 0.57 against 0.35 elsewhere explains only 5% of
# it. 0.03 is an error rate 0.2 higher over a fifth to a half of the file; the p-value and the validation gain of
# leaving the stretch out still decide
ROW_BLOCK_EXCESS_LABELS = 0.03
ROW_BLOCK_P = 1e-6
ROW_BLOCK_MIN_SHARE = 0.05
ROW_BLOCK_GAIN = 0.10
# a model within this factor of what boosting reaches without the block is not hurt by it
ROW_BLOCK_MODEL_MARGIN = 1.1
