"""The SQL console's schema browser: tables, views and macros, their columns (a macro's
parameters) and types, and what each holds (the one-line description from docs/schema.md when
that file describes it).

Why from the live database and not from schema.sql: the console queries what is there, and a
database of an older or newer schema must be described as it is. docs/schema.md is optional:
without it (or without a line for a table) the description is empty, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from etl import queries
from etl.console import DATABASE, sandbox
from etl.settings import Settings

SCHEMA_DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"
# "### articles (table)" or "## `articles`", then a paragraph, then a | column | type | meaning |
# table (a macro's: | parameter | meaning |)
_HEADING = re.compile(r"^#{2,6}\s+`?([A-Za-z_][A-Za-z0-9_]*)`?(?:\s+\(.*\))?\s*$")
_ROW = re.compile(r"^\|\s*`?([A-Za-z_][A-Za-z0-9_]*)`?\s*\|(?:[^|]*\|)?\s*(.+?)\s*\|\s*$")
_HEADER_ROWS = {"column", "parameter"}
# The browser's order: what is queried most first.
KIND_ORDER = {"table": 0, "view": 1, "table macro": 2, "macro": 3}
_SENTENCE = re.compile(r"^(.+?[.!?])(\s|$)")


@dataclass(frozen=True)
class Column:
    name: str
    data_type: str
    description: str = ""


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # table | view | table macro | macro
    description: str
    columns: tuple[Column, ...]


@dataclass
class _Doc:
    paragraph: list[str] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)


def _documented(doc: Path) -> dict[str, _Doc]:
    """Each documented object's first paragraph and its column table's meanings."""
    found: dict[str, _Doc] = {}
    current: _Doc | None = None
    in_paragraph = False
    for raw in doc.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line.startswith("#"):
            heading = _HEADING.match(line)
            current = found.setdefault(heading.group(1), _Doc()) if heading else None
            in_paragraph = True
            continue
        if current is None:
            continue
        if line.startswith("|"):
            in_paragraph = False
            if (row := _ROW.match(line)) and row.group(1) not in _HEADER_ROWS:
                current.columns.setdefault(row.group(1), _plain(row.group(2)))
        elif not line:
            in_paragraph = in_paragraph and not current.paragraph
        elif in_paragraph:
            current.paragraph.append(line)
    return found


def descriptions(doc: Path = SCHEMA_DOC) -> dict[str, str]:
    """Table or view name -> the first sentence written under its heading in docs/schema.md;
    empty when the file is missing."""
    if not doc.is_file():
        return {}
    out = {}
    for name, documented in _documented(doc).items():
        text = _plain(" ".join(documented.paragraph))
        sentence = _SENTENCE.match(text)
        if text:
            out[name] = sentence.group(1) if sentence else text
    return out


def column_descriptions(doc: Path = SCHEMA_DOC) -> dict[str, dict[str, str]]:
    """Table or view name -> column -> its meaning from docs/schema.md."""
    if not doc.is_file():
        return {}
    return {name: d.columns for name, d in _documented(doc).items() if d.columns}


def _plain(text: str) -> str:
    return text.replace("`", "").replace("**", "").strip()


def browse(settings: Settings, doc: Path = SCHEMA_DOC) -> list[Relation]:
    """Every table, view and macro the console can use: tables, views, table macros, then
    macros, each sorted by name; a macro's columns are its parameters."""
    con = sandbox(settings)
    try:
        frame = queries.run(con, "schema_columns", database=DATABASE)
    finally:
        con.close()
    described = descriptions(doc)
    meanings = column_descriptions(doc)
    relations = []
    for (kind, name), group in frame.groupby(["kind", "name"], sort=True):
        meaning = meanings.get(str(name), {})
        pairs = zip(group["column_name"], group["data_type"], strict=True)
        columns = tuple(Column(str(c), str(t), meaning.get(str(c), "")) for c, t in pairs)
        relations.append(Relation(str(name), str(kind), described.get(str(name), ""), columns))
    return sorted(relations, key=lambda r: (KIND_ORDER.get(r.kind, len(KIND_ORDER)), r.name))


def as_text(relations: list[Relation]) -> str:
    """The schema as plain text for the terminal (`python -m etl sql --schema`)."""
    lines = []
    for rel in relations:
        title = f"{rel.name} ({rel.kind})"
        lines.append(f"{title} - {rel.description}" if rel.description else title)
        width = max(len(c.name) for c in rel.columns)
        types = max(len(c.data_type) for c in rel.columns)
        lines.extend(
            f"    {c.name.ljust(width)}  {c.data_type.ljust(types)}  {c.description}".rstrip()
            for c in rel.columns
        )
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
