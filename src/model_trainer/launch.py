"""The console entry: start the command's helper processes (``engine/early.py``), then the command line."""

from __future__ import annotations

import sys


def main() -> None:
    from model_trainer.engine import early

    early.start(sys.argv[1:])
    from model_trainer.cli import main as cli_main

    cli_main()
