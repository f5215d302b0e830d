"""Repairs, one module each. ``plan(symptom, ...)`` orders them for an investigation.

To add one: write ``repairs/NAME.py`` with a ``Repair`` subclass and add it to ``REPAIRS``; list it in the
``repairs`` of the symptoms' ``DESCRIPTOR`` (``detect/SYMPTOM.py``) it should be tried for.
"""

from __future__ import annotations

from model_trainer.repairs.align_feature_codes import AlignFeatureCodes
from model_trainer.repairs.align_label_codes import AlignLabelCodes
from model_trainer.repairs.align_validation import AlignValidation
from model_trainer.repairs.base import Change, Context, Repair
from model_trainer.repairs.batch_size import BatchSize
from model_trainer.repairs.clip_gradients import ClipGradients
from model_trainer.repairs.copy_state_dicts import CopyStateDicts
from model_trainer.repairs.drop_constant_columns import DropConstantColumns
from model_trainer.repairs.drop_non_finite import DropNonFinite
from model_trainer.repairs.drop_row_block import DropRowBlock
from model_trainer.repairs.drop_target_outliers import DropTargetOutliers
from model_trainer.repairs.dropout import Dropout
from model_trainer.repairs.early_stopping import EarlyStopping
from model_trainer.repairs.eval_before_predict import EvalBeforePredict
from model_trainer.repairs.fix_parameter import FixParameter
from model_trainer.repairs.init_scheme import InitScheme
from model_trainer.repairs.leave_out_columns import LeaveOutColumns
from model_trainer.repairs.leave_out_row_block import LeaveOutRowBlock
from model_trainer.repairs.less_capacity import LessCapacity
from model_trainer.repairs.log_softmax_to_nll import LogSoftmaxToNLL
from model_trainer.repairs.log_transform import LogTransform
from model_trainer.repairs.loss_shapes_aligned import LossShapesAligned
from model_trainer.repairs.lower_lr import LowerLR
from model_trainer.repairs.lower_regularization import LowerRegularization
from model_trainer.repairs.missing_codes import MissingCodes
from model_trainer.repairs.more_capacity import MoreCapacity
from model_trainer.repairs.more_embedding_rows import MoreEmbeddingRows
from model_trainer.repairs.more_epochs import MoreEpochs
from model_trainer.repairs.more_iterations import MoreIterations
from model_trainer.repairs.numeric_gradient import NumericGradient
from model_trainer.repairs.output_activation import OutputActivation
from model_trainer.repairs.prepare_splits_alike import PrepareSplitsAlike
from model_trainer.repairs.raise_lr import RaiseLR
from model_trainer.repairs.regularization import Regularization
from model_trainer.repairs.rescale_parameters import RescaleParameters
from model_trainer.repairs.rescale_target import RescaleTarget
from model_trainer.repairs.ridge import Ridge
from model_trainer.repairs.scheduler_per_epoch import SchedulerPerEpoch
from model_trainer.repairs.shrink_init import ShrinkInit
from model_trainer.repairs.softmax_scores_to_loss import SoftmaxScoresToLoss
from model_trainer.repairs.standardize import Standardize
from model_trainer.repairs.standardize_target import StandardizeTarget
from model_trainer.repairs.switch_activation import SwitchActivation
from model_trainer.repairs.switch_loss import SwitchLoss
from model_trainer.repairs.switch_method import SwitchMethod
from model_trainer.repairs.switch_optimizer import SwitchOptimizer
from model_trainer.repairs.tie_tiers import TieTiers
from model_trainer.repairs.tighter_tolerance import TighterTolerance
from model_trainer.repairs.weight_decay import WeightDecay
from model_trainer.repairs.zero_grad_after_step import ZeroGradAfterStep

REPAIRS: dict[str, Repair] = {r.name: r for r in (
    DropNonFinite(), Standardize(), StandardizeTarget(), LowerLR(), ClipGradients(), RaiseLR(), SwitchOptimizer(),
    MoreEpochs(), MoreCapacity(), EarlyStopping(), WeightDecay(), Dropout(), SwitchActivation(), InitScheme(),
    OutputActivation(), RescaleTarget(), TieTiers(), Ridge(), LogTransform(), MoreIterations(), Regularization(),
    ShrinkInit(), FixParameter(), RescaleParameters(), LowerRegularization(), DropConstantColumns(), BatchSize(),
    ZeroGradAfterStep(), SchedulerPerEpoch(), LessCapacity(), AlignValidation(), PrepareSplitsAlike(),
    SoftmaxScoresToLoss(), MissingCodes(), DropTargetOutliers(), LossShapesAligned(), SwitchLoss(),
    TighterTolerance(), LogSoftmaxToNLL(), DropRowBlock(), LeaveOutColumns(), LeaveOutRowBlock(), EvalBeforePredict(),
    MoreEmbeddingRows(), AlignLabelCodes(), AlignFeatureCodes(), NumericGradient(), CopyStateDicts(), SwitchMethod())}

# causes only a change to the code reaches
CODE_ONLY = ("label_corruption",)


def plan(symptom: str, onset_epoch: int | None = None, overflow: bool = False,
         cause: str | None = None) -> list[Repair]:
    from model_trainer.detect import DESCRIPTORS

    d = DESCRIPTORS.get(symptom)
    names = list(d.repairs if d else ())
    if cause == "insufficient_training":
        # the validation curve was still falling steeply at the end: more of the same training first
        names = ["tighter_tolerance", "more_epochs", "more_iterations",
                 *[n for n in names if n not in ("tighter_tolerance", "more_epochs", "more_iterations")]]
    if cause in CODE_ONLY:
        # the evidence is of the code's own making (its metric is not the model's score on the file): no knob
        # reaches it, so no budget is spent on knobs; the entry names the code instead
        return []
    if overflow:
        # a likelihood that overflows: move the start, then the scale of the parameters, then of the inputs
        names = ["shrink_init", "log_transform", "standardize"]
    if symptom == "dying_relu" and onset_epoch == 1:
        # dead from the first epoch: the initial weights, not the step size, killed the units
        names = ["kaiming_init", "switch_activation", "lower_lr"]
    return [REPAIRS[n] for n in names]


def for_cause(cause: str) -> list[Repair]:
    """The repairs whose success would confirm ``cause``: what a measurement pointing at it asks to test."""
    return [r for r in REPAIRS.values() if r.root_cause == cause]


__all__ = ["CODE_ONLY", "REPAIRS", "Change", "Context", "Repair", "for_cause", "plan"]
