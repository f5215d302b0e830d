"""``lint`` on hand-written diaries: the seed's own bad examples are flagged, its good examples pass."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import cli
from model_trainer.gates.lint import lint

# The seed's anti-pattern examples, as a person would write them in dev_diary.md, with the pattern each shows.
BAD = {
    "silent_success": ("Training succeeded after parameter tuning.", {"silent_failure"}),
    "vague_fix": ("## Dev Diary Entry #1\n\nFixed by adjusting hyperparameters.\n\n**Status**: ✅ RESOLVED\n",
                  {"silent_failure"}),
    "magic_number": ("## Dev Diary Entry #2\n\n**Hypothesis**: the learning rate is too high (test 1 failed ❌).\n\n"
                     "I set learning_rate=0.00237 and it worked.\n", {"magic_number"}),
    "magic_number_in_words": ("## Dev Diary Entry #5\n\n**Hypothesis**: too slow (test 1 failed ❌).\n\n"
                              "We used a learning rate of 0.0237 and it worked.\n", {"magic_number"}),
    "hiding_failures": ("## Dev Diary Entry #1\n\nRun 1 with lr 0.01 converged ✅\n\n"
                        "## Dev Diary Entry #2\n\nTested a deeper network because of capacity: converged ✅\n",
                        {"hiding_failures"}),
    "no_physical_connection": ("## Dev Diary Entry #4\n\nHypothesis: the lr was too high; test 1 diverged ❌, "
                               "test 2 with clipping converged.\n\nLoss converged to 0.42\n",
                               {"no_physical_connection"}),
}

# The seed's good examples (its "Fix" lines, its template entry and its O-Award example).
GOOD = {
    "honest_failure": "Initial training diverged (loss → NaN at epoch 50). Root cause: learning rate 0.1 too high for "
                      "data scale (max gradient 10^3). Reducing to 0.01 achieved convergence, suggesting high variance "
                      "in features.",
    "physical": "Gradient clipping necessary because infection rates vary 100× across cities → standard SGD unstable "
                "→ adaptive methods (Adam) required",
    "hypothesis": "Hypothesis: Network hubs need stronger regularization (high degree → high variance in β_ij). "
                  "Validation: L2 penalty on hub parameters reduced overfitting by 40%.",
    "justified_number": "Learning rate 0.002 balances gradient scale (10^2 for hubs) with stability (Lipschitz "
                        "constant ~500).",
    "method_evolution": "We tried A (failed), B (partial), C (success). Insight: Data needs X property.",
    "measured_not_set": "Test 2 failed ❌: the hub group received a gradient norm of 5078.5547 against 148.7629 for "
                        "the periphery, because hubs have more routes.",
    "meaningful_number": "RMSE = 4.2 cases/day corresponds to 3% error in peak prediction → acceptable for policy "
                         "planning (±5% standard in public health).",
    "template_entry": textwrap.dedent("""\
        ## Dev Diary Entry #3

        **Date**: 2026-01-25 14:30
        **Phase**: Phase 5B (Model Training)
        **Agent**: @model_trainer

        ### The Struggle

        **What Happened**:
        Training diverged at epoch 50. Loss suddenly jumped from 0.5 → NaN. Parameters exploded to 10^6 magnitude.

        **Error Message**:
        ```
        RuntimeWarning: overflow encountered in exp
        RuntimeError: NaN detected in loss computation
        ```

        **Initial Hypothesis**:
        Learning rate too high causing gradient explosion.

        ### The Investigation

        **Test 1**: Reduced learning rate 0.1 → 0.01
        - Result: Still diverged at epoch 45 ❌

        **Test 2**: Checked gradient magnitudes
        - Found: Gradients for β_hub (hub transmission) = 10^3, β_periphery = 10^1
        - Insight: Hub cities have 100× more connections → gradients scale with degree

        **Test 3**: Added gradient clipping (max_norm=1.0)
        - Result: Training converged ✅
        - Final loss: 0.42

        ### The Fix

        **What I Did**:
        ```python
        # Before (diverged):
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

        # After (converged):
        optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        ```

        **Result**:
        - Convergence at epoch 80
        - Validation RMSE: 4.2
        - No further divergence issues

        ### The Why (Physical Interpretation)

        **Root Cause**:
        Network heterogeneity. Hub cities (Beijing, Shanghai) have 10× more connections than periphery → \
        transmission parameters β_ij for hubs have 100× more gradient flow → standard SGD unstable.

        **Domain Insight**:
        This suggests hub cities are fundamentally different entities—they need specialized treatment (stronger \
        regularization or separate parameter class).

        **Implication for Paper**:
        We should add a section on "Network Heterogeneity Effects" explaining why hub-specific modeling is \
        necessary (validated by this training behavior).

        ### Actionable Next Steps

        1. Test hub-specific regularization (L2 penalty × degree)
        2. Consider hierarchical model: β_hub vs β_periphery (two parameter classes)
        3. Add this insight to Phase 5.8 input for @metacognition_agent

        **Status**: ✅ RESOLVED (but insight extracted for narrative)
        """),
    "o_award_entry": textwrap.dedent("""\
        ## Dev Diary Entry #1

        **Phase**: Phase 5B
        **Date**: 2026-01-25 12:00

        ### The Struggle

        Training the SIR-Network model failed with error:
        ```
        LinAlgError: Singular matrix in parameter estimation
        ```

        ### The Investigation

        **Hypothesis 1**: Data insufficient (rank deficiency)
        - Checked: 15 cities × 90 days = 1350 data points vs. 2 parameters → NOT the issue

        **Test**: Reduced to 3-tier model (β_hub, β_medium, β_periphery based on traffic volume)
        - Result: Covariance matrix full rank ✅
        - Convergence achieved

        ### The Fix

        ```python
        tier = categorize(traffic_volume, thresholds=[500, 2000])  # Low/Med/High
        ```

        **Result**:
        - MLE converged in 25 iterations
        - Final log-likelihood: -1240.3
        - Parameter estimates: β_hub=0.42, β_med=0.28, β_peri=0.15

        ### The Why (Physical Interpretation)

        **Root Cause**:
        Sparse edges (low traffic) have few infection events → insufficient data to estimate edge-specific \
        transmission → overfitting risk.

        **Domain Insight**:
        Detailed edge-specific β_ij captures heterogeneity BUT requires rich data.

        **Status**: ✅ RESOLVED + INSIGHT EXTRACTED
        """),
}


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "dev_diary.md").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("name", sorted(BAD))
def test_every_bad_example_of_the_seed_is_flagged_with_its_line(tmp_path, name):
    text, patterns = BAD[name]
    problems = lint(write(tmp_path, text))
    assert patterns <= {p.pattern for p in problems}, [p.render() for p in problems]
    lines = text.splitlines()
    for p in problems:
        assert p.file == "dev_diary.md" and p.line and lines[p.line - 1].strip() == p.text.strip()


@pytest.mark.parametrize("name", sorted(GOOD))
def test_every_good_example_of_the_seed_passes(tmp_path, name):
    problems = lint(write(tmp_path, GOOD[name]))
    assert problems == [], [p.render() for p in problems]


def test_the_cli_quotes_file_line_and_text_of_a_hand_written_diary(tmp_path):
    root = write(tmp_path, "# Notes\n\nTraining succeeded after parameter tuning.\n"
                           "I set learning_rate=0.00237 and it worked.\nLoss converged to 0.42\n")
    res = cli("lint", str(root))
    assert res.returncode == 1, res.stdout + res.stderr
    out = res.stdout
    assert 'dev_diary.md:3: silent_failure' in out and '"Training succeeded after parameter tuning."' in out
    assert 'dev_diary.md:4: magic_number' in out and "learning_rate = 0.00237" in out
    assert 'dev_diary.md:5: no_physical_connection' in out and '"Loss converged to 0.42"' in out
    assert "hiding_failures" in out
    # a diary file can be named directly too
    assert cli("lint", str(root / "dev_diary.md")).returncode == 1


def test_lint_bad_input_is_exit_2(tmp_path):
    assert cli("lint", str(tmp_path / "missing")).returncode == 2
    (tmp_path / "dev_diary.md").write_bytes(b"\xff\xfe\x00binary")
    res = cli("lint", str(tmp_path))
    assert res.returncode == 2 and "dev_diary.md" in res.stderr and "Traceback" not in res.stderr
