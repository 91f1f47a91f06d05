"""The SQL console's saved examples: etl/sql/examples/*.sql, each with `-- title:`,
`-- title_uk:` (the title in Ukrainian) and `-- description:` header lines, in file-name
order. Questions the team asks often, kept as files so they are reviewed, tested
(tests/test_console.py runs each) and easy to add to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from etl.sql_files import SQL_DIR

EXAMPLES_DIR = SQL_DIR / "examples"
_HEADER = re.compile(r"^--\s*(title|title_uk|description):\s*(.*)$")


@dataclass(frozen=True)
class Example:
    name: str  # the file name without .sql
    title: str
    title_uk: str
    description: str
    sql: str  # the whole file, header included: the header comments explain the query


def _read(path: Path) -> Example:
    header: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if match := _HEADER.match(line.strip()):
            header[match.group(1)] = match.group(2).strip()
        elif not line.startswith("--"):
            break
    return Example(
        name=path.stem,
        title=header.get("title") or path.stem.replace("_", " "),
        title_uk=header.get("title_uk") or header.get("title") or path.stem,
        description=header.get("description", ""),
        sql=path.read_text(encoding="utf-8").strip() + "\n",
    )


@cache
def examples(folder: Path = EXAMPLES_DIR) -> tuple[Example, ...]:
    return tuple(_read(p) for p in sorted(folder.glob("*.sql")))
