"""The SQL console's schema browser: tables and views, their columns and types, and what each
holds (the one-line description from docs/schema.md when that file describes it).

Why from the live database and not from schema.sql: the console queries what is there, and a
database of an older or newer schema must be described as it is. docs/schema.md is optional:
without it (or without a line for a table) the description is empty, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl import queries
from etl.console import DATABASE, sandbox
from etl.settings import Settings

SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"
# "## `articles`", "### articles (table)", "| `articles` | one line |", "- `articles`: one line"
_HEADING = re.compile(r"^#{1,6}\s+`?([A-Za-z_][A-Za-z0-9_]*)`?(?:\s.*)?$")
_ROW = re.compile(r"^\|\s*`?([A-Za-z_][A-Za-z0-9_]*)`?\s*\|\s*([^|]+?)\s*\|")
_ITEM = re.compile(r"^[-*]\s+`([A-Za-z_][A-Za-z0-9_]*)`\s*[:—–-]\s*(.+)$")


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # table | view
    description: str
    columns: tuple[Column, ...]


def descriptions(doc: Path = SCHEMA_DOC) -> dict[str, str]:
    """Table or view name -> the first sentence-line written under its heading, row or item."""
    if not doc.is_file():
        return {}
    found: dict[str, str] = {}
    pending: str | None = None  # a heading whose first paragraph line we still look for
    for raw in doc.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if heading := _HEADING.match(line):
            pending = heading.group(1)
            continue
        for pattern in (_ROW, _ITEM):
            if (match := pattern.match(line)) and not set(match.group(2)) <= set("-: "):
                found.setdefault(match.group(1), _plain(match.group(2)))
        if pending and line and not line.startswith(("|", "```", "<", "-", "*")):
            found.setdefault(pending, _plain(line))
            pending = None
    return found


def _plain(text: str) -> str:
    return text.replace("`", "").replace("**", "").strip()


def browse(settings: Settings, doc: Path = SCHEMA_DOC) -> list[Relation]:
    """Every table and view the console can query, tables first, each sorted by name."""
    con = sandbox(settings)
    try:
        frame = queries.run(con, "schema_columns", database=DATABASE)
    finally:
        con.close()
    described = descriptions(doc)
    relations = []
    for (kind, name), group in frame.groupby(["kind", "name"], sort=True):
        pairs = zip(group["column_name"], group["data_type"], strict=True)
        columns = tuple(Column(str(c), str(t)) for c, t in pairs)
        relations.append(Relation(str(name), str(kind), described.get(str(name), ""), columns))
    return relations


def as_text(relations: list[Relation]) -> str:
    """The schema as plain text for the terminal (`python -m etl sql --schema`)."""
    lines = []
    for rel in relations:
        title = f"{rel.name} ({rel.kind})"
        lines.append(f"{title} - {rel.description}" if rel.description else title)
        width = max(len(c.name) for c in rel.columns)
        lines.extend(f"    {c.name.ljust(width)}  {c.data_type}" for c in rel.columns)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
