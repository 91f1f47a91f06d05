"""docs/schema.md describes exactly what a freshly loaded database holds.

Every table, view and macro of the database has a `### name (kind)` section with a purpose line
and a table: `| column | type | meaning |` (the type as DuckDB reports it) or, for macros,
`| parameter | meaning |`. A failure names each object, column or parameter that is missing
from the document or that the document describes but the database no longer has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pytest

from etl.db import connect
from etl.settings import Settings

DOC = Path(__file__).resolve().parents[1] / "docs" / "schema.md"
SECTION = re.compile(
    r"^###\s+`?([A-Za-z_][A-Za-z0-9_]*)`?\s+\((table|view|macro|table macro)\)\s*$"
)
KIND = {"BASE TABLE": "table", "VIEW": "view", "macro": "macro", "table_macro": "table macro"}


@dataclass
class Section:
    name: str
    kind: str
    line: int
    purpose: str = ""
    header: list[str] = field(default_factory=list)
    rows: dict[str, list[str]] = field(default_factory=dict)  # first cell -> the other cells


def _cells(line: str) -> list[str]:
    return [c.strip().strip("`").strip() for c in line.strip().strip("|").split("|")]


def parse(text: str) -> tuple[dict[str, Section], list[str]]:
    """Sections by name, and problems with the document's own shape."""
    sections: dict[str, Section] = {}
    problems: list[str] = []
    current: Section | None = None
    table_done = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("#"):
            current = None
            if match := SECTION.match(line):
                name, kind = match.groups()
                if name in sections:
                    problems.append(f"line {number}: {name} is described twice")
                current = sections[name] = Section(name, kind, number)
                table_done = False
            continue
        if current is None:
            continue
        if line.startswith("|") and not table_done:
            cells = _cells(line)
            if not current.header:
                current.header = cells
            elif not set("".join(cells)) <= set("-: "):
                if cells[0] in current.rows:
                    problems.append(f"line {number}: {current.name}.{cells[0]} twice")
                current.rows[cells[0]] = cells[1:]
        elif current.header:
            table_done = True  # only the first table after the heading is the column list
        elif line and not current.purpose:
            current.purpose = line
    for s in sections.values():
        wanted = ["parameter", "meaning"] if "macro" in s.kind else ["column", "type", "meaning"]
        if s.header != wanted:
            problems.append(
                f"{s.name} (line {s.line}): its table must start | {' | '.join(wanted)} |"
            )
        if not s.purpose:
            problems.append(f"{s.name} (line {s.line}): no line saying what it holds")
        for key, rest in s.rows.items():
            if not rest or not rest[-1]:
                problems.append(f"{s.name}.{key}: no meaning given")
    return sections, problems


@dataclass
class Actual:
    kind: str
    columns: dict[str, str]  # column or parameter -> type ('' for macro parameters)


def actual_objects(con: duckdb.DuckDBPyConnection) -> dict[str, Actual]:
    """The file's own tables, views and macros (not DuckDB's, not a load's temp objects)."""
    found: dict[str, Actual] = {}
    rows = con.execute(
        "select t.table_name, t.table_type, c.column_name, c.data_type "
        "from information_schema.tables t join information_schema.columns c "
        "using (table_catalog, table_schema, table_name) "
        "where t.table_catalog = current_database() and t.table_schema = 'main' "
        "order by t.table_name, c.ordinal_position"
    ).fetchall()
    for table, table_type, column, data_type in rows:
        found.setdefault(table, Actual(KIND[table_type], {})).columns[column] = data_type
    macros = con.execute(
        "select function_name, function_type, parameters from duckdb_functions() "
        "where database_name = current_database() and schema_name = 'main' and not internal "
        "and function_type in ('macro', 'table_macro')"
    ).fetchall()
    for name, function_type, parameters in macros:
        found[name] = Actual(KIND[function_type], dict.fromkeys(parameters, ""))
    return found


def compare(documented: dict[str, Section], actual: dict[str, Actual]) -> list[str]:
    problems = []
    for name in sorted(actual.keys() - documented.keys()):
        problems.append(f"{name} ({actual[name].kind}) is in the database but not in {DOC.name}")
    for name in sorted(documented.keys() - actual.keys()):
        problems.append(f"{name} is in {DOC.name} but not in the database: remove or rename it")
    for name in sorted(actual.keys() & documented.keys()):
        doc, real = documented[name], actual[name]
        if doc.kind != real.kind:
            problems.append(f"{name}: documented as a {doc.kind}, the database has a {real.kind}")
        word = "parameter" if "macro" in real.kind else "column"
        for key in real.columns.keys() - doc.rows.keys():
            problems.append(f"{name}.{key}: {word} not described")
        for key in doc.rows.keys() - real.columns.keys():
            problems.append(f"{name}.{key}: described but the database has no such {word}")
        if word == "column":
            for key in real.columns.keys() & doc.rows.keys():
                if doc.rows[key][0] != real.columns[key]:
                    problems.append(
                        f"{name}.{key}: documented type {doc.rows[key][0]!r}, "
                        f"the database has {real.columns[key]!r}"
                    )
    return problems


def test_schema_doc_describes_exactly_the_loaded_database(fixture_db: Settings) -> None:
    sections, problems = parse(DOC.read_text(encoding="utf-8"))
    con = connect(fixture_db)
    try:
        actual = actual_objects(con)
    finally:
        con.close()
    assert {"articles", "articles_enriched", "daily_views", "matching_articles"} <= actual.keys()
    problems += compare(sections, actual)
    assert not problems, "docs/schema.md is out of date:\n" + "\n".join(problems)


def test_every_example_query_in_the_doc_runs(fixture_db: Settings) -> None:
    examples = re.findall(r"`(select [^`]+)`", DOC.read_text(encoding="utf-8"))
    assert len(examples) >= 8
    con = connect(fixture_db)
    try:
        for sql in examples:
            try:
                con.execute(" ".join(sql.split())).fetchall()
            except duckdb.Error as exc:
                pytest.fail(f"docs/schema.md example fails: {sql}\n{exc}")
    finally:
        con.close()


SAMPLE = """
### articles (table)

One row per article.

| column | type | meaning |
|---|---|---|
| article_key | VARCHAR | key |
| views | BIGINT | counter |

| other | table |
|---|---|
| ignored | x |

### views_in_period (table macro)

Views gained in a period.

| parameter | meaning |
|---|---|
| p_start | first day |
"""


def test_comparison_names_missing_stale_and_mistyped_things() -> None:
    sections, shape = parse(SAMPLE)
    assert shape == []
    assert set(sections["articles"].rows) == {"article_key", "views"}  # second table ignored
    actual = {
        "articles": Actual("table", {"article_key": "VARCHAR", "views": "DOUBLE", "title": ""}),
        "views_in_period": Actual("table macro", {"p_start": "", "p_end": ""}),
        "daily_views": Actual("view", {"day": "DATE"}),
    }
    problems = compare(sections, actual)
    assert sorted(problems) == sorted(
        [
            f"daily_views (view) is in the database but not in {DOC.name}",
            "articles.title: column not described",
            "articles.views: documented type 'BIGINT', the database has 'DOUBLE'",
            "views_in_period.p_end: parameter not described",
        ]
    )
    del actual["daily_views"]
    sections["gone"] = Section("gone", "view", 1)
    assert (
        compare(sections, actual)[0]
        == f"gone is in {DOC.name} but not in the database: remove or rename it"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("### a (table)\n\nHolds a.\n\n| name | type |\n|--|--|\n| x | INTEGER |\n", "must start"),
        (
            "### a (table)\n\n| column | type | meaning |\n|--|--|--|\n| x | INTEGER | x |\n",
            "no line",
        ),
        (
            "### a (table)\n\nHolds a.\n\n| column | type | meaning |\n|--|--|--|\n| x | INT | |\n",
            "no meaning",
        ),
    ],
)
def test_malformed_sections_are_reported(text: str, problem: str) -> None:
    _, problems = parse(text)
    assert any(problem in p for p in problems), problems
