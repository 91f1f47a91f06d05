"""The one read layer: named, parameterised queries in etl/sql/queries/<name>.sql.

The dashboard, the weekly export and notebooks all call run(); none of them holds SQL.
Each file starts with a header:

    -- description: Views per oblast in a period (end exclusive), Kyiv time.
    -- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[]
    -- columns: oblast_iso, oblast_name, articles, views

Parameters are bound by name ($start), never formatted into the SQL text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from etl.errors import EtlError

QUERY_DIR = Path(__file__).resolve().parent / "sql" / "queries"
_HEADER = re.compile(r"^--\s*(description|params|columns):\s*(.*)$")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[str, ...]  # names, in header order
    param_types: tuple[str, ...]
    columns: tuple[str, ...]
    sql: str


@cache
def get(name: str) -> NamedQuery:
    path = QUERY_DIR / f"{name}.sql"
    if not path.is_file():
        raise EtlError(f"no named query {name!r}", f"known queries: {', '.join(names())}")
    sql = path.read_text(encoding="utf-8")
    header: dict[str, str] = {}
    for line in sql.splitlines():
        match = _HEADER.match(line.strip())
        if match:
            header[match.group(1)] = match.group(2).strip()
        elif line.strip() and not line.startswith("--"):
            break
    params, types = [], []
    for part in filter(None, (p.strip() for p in header.get("params", "").split(","))):
        pname, _, ptype = part.partition(" ")
        params.append(pname)
        types.append(ptype.strip())
    columns = tuple(c.strip() for c in header.get("columns", "").split(",") if c.strip())
    return NamedQuery(
        name, header.get("description", ""), tuple(params), tuple(types), columns, sql
    )


def names() -> list[str]:
    return sorted(p.stem for p in QUERY_DIR.glob("*.sql"))


def _bind(query: NamedQuery, params: dict[str, Any]) -> dict[str, Any]:
    """Only the parameters the query declares are bound; missing ones are NULL."""
    bound = {p: params.get(p) for p in query.params if f"${p}" in query.sql}
    for p, ptype in zip(query.params, query.param_types, strict=True):
        if p in bound and ptype.endswith("[]") and bound[p] is None:
            bound[p] = []  # an unset list filter means "all"
    return bound


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pd.DataFrame:
    """Run a named query as a DataFrame (dashboard, notebooks)."""
    query = get(name)
    return con.execute(query.sql, _bind(query, params)).df()


def run_arrow(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> pa.Table:
    """Run a named query as an Arrow table (exports: no pandas round trip for big results)."""
    query = get(name)
    return con.sql(query.sql, params=_bind(query, params)).to_arrow_table()


def catalogue() -> pd.DataFrame:
    """Every named query: what it answers, its parameters (name TYPE) and result columns."""
    rows = []
    for name in names():
        query = get(name)
        rows.append(
            {
                "name": name,
                "description": query.description,
                "params": ", ".join(
                    f"{p} {t}" for p, t in zip(query.params, query.param_types, strict=True)
                ),
                "columns": ", ".join(query.columns),
            }
        )
    return pd.DataFrame(rows, columns=["name", "description", "params", "columns"])


def describe(name: str) -> str:
    """One named query's header as text, e.g. `print(queries.describe("top_articles"))`."""
    query = get(name)
    params = ", ".join(f"{p} {t}" for p, t in zip(query.params, query.param_types, strict=True))
    return (
        f"{name}: {query.description}\n"
        f"  params:  {params or '(none)'}\n"
        f"  columns: {', '.join(query.columns)}"
    )
