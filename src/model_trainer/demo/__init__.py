"""Built-in end-to-end examples: ``model-trainer demo`` writes each workspace and trains it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from model_trainer.demo import neural, sir


def run_demo(out: Path, ui: Any = None) -> dict[str, int]:
    """Write and train every example under ``out``; returns each example's exit status."""
    from model_trainer.session import train

    results = {}
    for name, module in (("sir_network", sir), ("neural", neural)):
        spec = module.write_workspace(out / name)
        if ui:
            ui.message(f"== demo: {name} ({spec})")
        results[name] = train(spec, None, ui).exit_code
    return results
