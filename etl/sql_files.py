"""The project's SQL lives in etl/sql/*.sql; this reads it. No SQL strings are built here."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent / "sql"


@cache
def text(name: str) -> str:
    return (SQL_DIR / name).read_text(encoding="utf-8")


def statements(name: str) -> list[str]:
    """The statements of a script file, split on lines holding only ';' or ending in ';'."""
    parts, current = [], []
    for line in text(name).splitlines():
        current.append(line)
        if line.rstrip().endswith(";"):
            statement = "\n".join(current).strip().rstrip(";").strip()
            current = []
            if statement and not all(
                ln.strip().startswith("--") or not ln.strip() for ln in statement.splitlines()
            ):
                parts.append(statement)
    return parts
