"""Errors the tool reports to the user.

``InputError`` is bad input: the CLI prints it and exits 2 without touching the workspace.
"""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input from the user: names the file, the key or line, and what to do."""

    def __init__(self, message: str, *, path: Path | str | None = None, where: str | None = None,
                 hint: str | None = None) -> None:
        self.path = str(path) if path is not None else None
        self.where = where
        self.hint = hint
        self.detail = message
        super().__init__(self.render())

    def render(self) -> str:
        head = ""
        if self.path:
            head = self.path
            if self.where:
                head += f" ({self.where})"
            head += ": "
        text = head + self.detail
        if self.hint:
            text += f"\n  -> {self.hint}"
        return text
