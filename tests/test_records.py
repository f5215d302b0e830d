"""Writers and the console: formats the contract fixes, from the event model."""

from __future__ import annotations

import io

from model_trainer.events import EpochLogged, OutputLine, RunRecord
from model_trainer.records.diary import _fence
from model_trainer.records.fmt import num
from model_trainer.records.history import HistoryWriter
from model_trainer.records.log import epoch_text
from model_trainer.ui import ConsoleUI


def test_epoch_line_matches_the_contract():
    ev = EpochLogged(12, {"train_loss": 0.41, "val_loss": 0.44, "metric": 4.2, "grad_norm": 0.8, "lr": 0.01}, 3.1)
    assert epoch_text(ev, "rmse") == ("epoch: 12 train_loss: 0.4100 val_loss: 0.4400 rmse: 4.2000 grad_norm: 0.8000 "
                                      "lr: 0.01 time: 3.1s")


def test_numbers_keep_their_magnitude():
    assert num(1.5e-7) == "1.500e-07" and num(2.5e9) == "2.500e+09" and num(float("nan")) == "nan"
    assert num(float("inf")) == "inf" and num(None) == ""


def test_history_widens_its_header_and_leaves_unmeasured_cells_empty(tmp_path):
    w = HistoryWriter(tmp_path / "h.csv")
    w.append(EpochLogged(1, {"train_loss": 1.0}, 0.5))
    w.append(EpochLogged(2, {"train_loss": float("nan"), "dead_frac": 0.25}, 0.5))
    lines = (tmp_path / "h.csv").read_text().splitlines()
    assert lines[0] == "epoch,train_loss,val_loss,metric,grad_norm,time_s,lr,dead_frac"
    assert lines[1] == "1,1.0,,,,0.5,,"
    assert lines[2] == "2,nan,,,,0.5,,0.25"


def test_code_fence_outgrows_backticks_in_the_content():
    fenced = _fence("a ``` b")
    assert fenced.startswith("````\n") and fenced.endswith("\n````")


def test_console_plain_when_piped_rich_on_a_terminal_silent_when_quiet():
    out = io.StringIO()
    ui = ConsoleUI(metric_name="rmse", tty=False, out=out)
    ui.start_run("r1", "train", 3)
    ui.epoch(EpochLogged(1, {"train_loss": 1.0}, 0.1))
    ui.output(OutputLine("stdout", "hello"))
    text = out.getvalue()
    assert "run r1 (train)" in text and "epoch: 1 train_loss: 1.0000" in text and "stdout: hello" in text
    quiet = io.StringIO()
    q = ConsoleUI(metric_name="rmse", tty=False, quiet=True, out=quiet)
    q.start_run("r1", "train", 3)
    q.epoch(EpochLogged(1, {"train_loss": 1.0}, 0.1))
    assert quiet.getvalue() == ""
    from rich.console import Console

    rich_ui = ConsoleUI(metric_name="rmse", tty=True)
    buf = io.StringIO()
    rich_ui._console = Console(file=buf, force_terminal=True, width=100)
    rich_ui.start_run("20261126-000000-01-train", "train", 2)
    rich_ui.epoch(EpochLogged(1, {"train_loss": 1.0, "val_loss": 2.0}, 0.1))
    rec = RunRecord(run_id="20261126-000000-01-train", config={}, data_repairs={})
    rich_ui.end_run(rec)
    shown = buf.getvalue()
    assert "train 1.0000" in shown and "val 2.0000" in shown and "1/2" in shown


def test_waiting_spends_itself_on_the_figure_import_and_stops_when_the_wait_ends():
    from model_trainer.records.plots import _STEPS, preload_while

    answers = iter([True, True, False])
    assert preload_while(lambda: next(answers)) == 2  # the awaited work ended after two steps: one more at most
    assert preload_while(lambda: False) == 0
    assert preload_while(lambda: True) == len(_STEPS)
    import sys

    assert "matplotlib.backends.backend_agg" in sys.modules
