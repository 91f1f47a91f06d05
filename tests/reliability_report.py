"""Figures of the reliability tests, printed at the end of the pytest run.

Each test calls `report(name, **figures)`; tests/conftest.py's terminal-summary hook prints
one line per test, so `make soak` (and `make test`) show what was tried and what was lost.
The lines are also appended to $RELIABILITY_REPORT when it is set (docs/reliability.md).
"""

from __future__ import annotations

import json
import os

FIGURES: list[tuple[str, dict[str, object]]] = []


def report(name: str, **figures: object) -> None:
    FIGURES.append((name, figures))
    path = os.environ.get("RELIABILITY_REPORT")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"test": name, **figures}) + "\n")


def lines() -> list[str]:
    return [
        f"{name}: " + ", ".join(f"{key}={value}" for key, value in figures.items())
        for name, figures in FIGURES
    ]
