"""The SQL console: one read-only SELECT at a time against the current database, sandboxed.

Why several layers, each of which would refuse most things alone (defence in depth):
1. A fresh in-memory DuckDB instance per query that ATTACHes the current generation
   read-only, then turns off external access (no files, no network, no extension
   install/load) and locks its configuration, so SQL can never turn anything back on. It is a
   separate instance rather than `duckdb.connect(file, config=...)` because DuckDB refuses a
   second connection to a file with a different configuration while the dashboard holds one.
2. DuckDB's own parser splits the text: exactly one statement, of type SELECT (which covers
   WITH, FROM-first, VALUES, SUMMARIZE, DESCRIBE, SHOW). Everything else is refused by type
   with a message saying what and why, before anything runs. A SELECT's parse tree
   (json_serialize_sql) is walked too: DuckDB 2.0 types `WITH x AS (DELETE ... RETURNING *)
   SELECT ...` and `WITH x AS (COPY ... TO ...)` as SELECT, so any INSERT, UPDATE, DELETE or
   COPY node anywhere in the tree is refused, and so is query('...'), whose text the tree
   cannot show.
3. The result is fetched as the relation's first `row_limit + 1` rows (DuckDB stops there), and
   a timer thread interrupts the connection at the time limit.
A refusal raises QueryRefused; an SQL mistake (unknown column, bad syntax) raises QueryFailed.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pandas as pd

from etl.db import current_file
from etl.errors import DatabaseDamaged, EtlError, QueryRefused
from etl.settings import TIMEZONE, Settings

ROW_LIMIT = 10_000
TIMEOUT_S = 10.0
MEMORY_LIMIT = "1GB"  # the dashboard shares the machine: a console query must not starve it
THREADS = 2
DATABASE = "engagement"  # the alias the current generation is attached under

# Set before the database is attached; an in-memory instance accepts them at connect time.
_CONNECT_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
    "allow_persistent_secrets": False,
    "python_enable_replacements": False,  # no reading Python variables as tables
    "memory_limit": MEMORY_LIMIT,
    "threads": THREADS,
    "temp_directory": "",  # no spilling to disk: a query too big for memory fails instead
}

_CHANGES = (
    "changes the database: the console only reads. Data changes only through `python -m etl load`"
)
_FILES = (
    "the console only reads the database. To save a result use --csv (CLI) or the "
    "download button (dashboard); weekly files: `python -m etl export weekly`"
)
# Why each statement type is refused; keys are duckdb.StatementType names.
_REFUSALS = {
    "COPY": "COPY reads or writes files: " + _FILES,
    "EXPORT": "EXPORT DATABASE writes files: " + _FILES,
    "ATTACH": "ATTACH opens another database: the console reads only the engagement database",
    "DETACH": "DETACH changes which databases are open: the console's are fixed",
    "LOAD": "{keyword} adds extensions: the console runs with DuckDB's built-in functions only",
    "SET": "{keyword} changes settings: the console's settings are fixed (read-only, no files)",
    "PRAGMA": "PRAGMA changes or inspects settings: the console's settings are fixed",
    "CALL": "CALL runs a procedure: use SELECT * FROM the table function instead",
    "CREATE": "CREATE " + _CHANGES,
    "INSERT": "INSERT " + _CHANGES,
    "UPDATE": "UPDATE " + _CHANGES,
    "DELETE": "DELETE " + _CHANGES,
    "DROP": "DROP " + _CHANGES,
    "ALTER": "ALTER " + _CHANGES,
    "MERGE_INTO": "MERGE " + _CHANGES,
    "VACUUM": "VACUUM " + _CHANGES,
    "ANALYZE": "ANALYZE " + _CHANGES,
    "TRANSACTION": "{keyword} controls transactions: each console query runs on its own",
    "EXPLAIN": "EXPLAIN is not offered: the console runs SELECT queries only",
    "MULTI": "{keyword} runs several statements inside (PIVOT without IN list does): list "
    "the values, PIVOT t ON col IN ('a', 'b') USING ..., or use GROUP BY with FILTER",
}
_SELECT_ONLY = "write one SELECT query (WITH, FROM, SUMMARIZE, DESCRIBE and SHOW work too)"
# Query nodes a read-only SELECT is made of; anything else in the tree writes (see above).
_READ_NODES = {"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"}
_NODE_KEYWORDS = {
    "INSERT_QUERY_NODE": "INSERT",
    "UPDATE_QUERY_NODE": "UPDATE",
    "DELETE_QUERY_NODE": "DELETE",
    "COPY_QUERY_NODE": "COPY",
    "MERGE_INTO_QUERY_NODE": "MERGE",
}
_COMMENT = re.compile(r"\s*(--[^\n]*(\n|$)|/\*.*?\*/)", re.S)


class QueryTimedOut(QueryRefused):
    """The query ran past the time limit and was interrupted."""


class QueryFailed(EtlError):
    """The console ran the query and DuckDB rejected it (unknown column, type error...)."""


@dataclass(frozen=True)
class ConsoleResult:
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    truncated: bool = False
    elapsed: float = 0.0  # seconds


def sandbox(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A new connection that can read the current generation and nothing else."""
    con = duckdb.connect(":memory:", config=_CONNECT_CONFIG)
    target = current_file(settings)
    try:
        con.execute(f"attach ? as {DATABASE} (read_only)", [str(target)])
        con.execute(f"use {DATABASE}")
        con.execute(f"set TimeZone = '{TIMEZONE}'")  # constants, not user input
        # Order matters: external access off, then the lock, after which no SET works.
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except duckdb.Error as exc:  # e.g. a load retired that generation a moment ago
        con.close()
        raise DatabaseDamaged(
            f"the console cannot open {target}: {str(exc).strip().splitlines()[0]}",
            "run the query again; if it keeps failing, `python -m etl rebuild`",
        ) from exc
    except BaseException:
        con.close()
        raise
    return con


def _keyword(sql: str) -> str:
    """The statement's first word (INSTALL, LOAD, SET, RESET...), for messages."""
    text = sql
    while (m := _COMMENT.match(text)) and m.group(0):
        text = text[m.end() :]
    word = re.match(r"\s*\(*\s*((?:force\s+)?[a-z_]+)", text, re.I)
    return " ".join(word.group(1).upper().split()) if word else "this statement"


def check(con: duckdb.DuckDBPyConnection, sql: str) -> str:
    """The one SELECT statement in `sql`, or QueryRefused saying why not."""
    if not sql.strip():
        raise QueryRefused("the query is empty", "write one SELECT query")
    try:
        statements = con.extract_statements(sql)
    except (duckdb.Error, ValueError) as exc:  # ValueError: a type the Python client lacks
        first = str(exc).strip().splitlines()[0]
        raise QueryRefused(f"the query cannot be parsed: {first}", _SELECT_ONLY) from exc
    if not statements:
        raise QueryRefused("the query holds only comments", "write one SELECT query")
    if len(statements) > 1:
        raise QueryRefused(
            f"{len(statements)} statements at once: the console runs one statement at a time",
            "remove the `;` and everything after it, and run each statement on its own",
        )
    statement = statements[0]
    try:
        kind = statement.type.name
    except ValueError:  # a statement type newer than the Python client's enum (UPDATE EXTENSIONS)
        kind = "UNKNOWN"
    if kind != "SELECT":
        reason = _REFUSALS.get(kind, "{keyword} is not a query: the console only reads")
        raise QueryRefused(
            f"refused: {reason.format(keyword=_keyword(statement.query))}", _SELECT_ONLY
        )
    _check_tree(con, sql)
    return sql


def _check_tree(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Refuse a SELECT that hides a write (a data-modifying CTE) or SQL in a string."""
    rows = con.execute("select json_serialize_sql(?)", [sql]).fetchall()  # fetch all: 2.0 wants it
    tree = json.loads(rows[0][0]) if rows else {"error": True}
    if tree.get("error"):
        raise QueryRefused(
            "refused: this statement cannot be checked as a plain query "
            f"({tree.get('error_message', 'unknown form')})",
            "PIVOT without an IN list is one such form: list the values (PIVOT ... ON x IN "
            "(...)) or use GROUP BY with FILTER",
        )
    for key, node in _walk(tree):
        kind = node.get("type")
        if key in ("node", "query_node") and kind not in _READ_NODES:
            keyword = _NODE_KEYWORDS.get(str(kind), str(kind))
            reason = _REFUSALS.get(keyword, "{keyword} inside a query is not allowed")
            raise QueryRefused(
                f"refused: {keyword} inside the query (in a WITH clause or subquery): "
                + reason.removeprefix(keyword + " ").format(keyword=keyword),
                _SELECT_ONLY,
            )
        if node.get("class") == "FUNCTION" and node.get("function_name") == "query":
            raise QueryRefused(
                "refused: query('...') runs SQL from a string, which the console cannot check",
                "write that SQL directly, as a subquery or in a WITH clause",
            )


def _walk(value: Any, key: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every JSON object of a parse tree with the key it hangs under."""
    if isinstance(value, dict):
        yield key, value
        for child_key, child in value.items():
            yield from _walk(child, child_key)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item, key)


def run_sql(
    settings: Settings,
    sql: str,
    *,
    row_limit: int = ROW_LIMIT,
    timeout_s: float = TIMEOUT_S,
) -> ConsoleResult:
    """Run one read-only SELECT; at most `row_limit` rows, stopped after `timeout_s` seconds."""
    con = sandbox(settings)
    timed_out = threading.Event()

    def stop() -> None:
        timed_out.set()
        con.interrupt()

    timer = threading.Timer(timeout_s, stop)
    started = time.perf_counter()
    try:
        check(con, sql)
        timer.start()
        frame = con.sql(sql).limit(row_limit + 1).df()
    except duckdb.PermissionException as exc:
        raise QueryRefused(
            "refused: the query reads a file or URL (read_csv, read_text, read_parquet, glob, "
            "a quoted path...): the console reads only the database's tables and views",
            "query the tables instead; `python -m etl sql --schema` lists them",
        ) from exc
    except duckdb.InterruptException as exc:
        if not timed_out.is_set():
            raise
        raise QueryTimedOut(
            f"stopped: the query ran past the {timeout_s:g} s time limit",
            "narrow it (a shorter period, fewer joins, aggregate before joining) or add LIMIT",
        ) from exc
    except duckdb.OutOfMemoryException as exc:
        raise QueryRefused(
            f"stopped: the query needs more than the console's {MEMORY_LIMIT} of memory",
            "aggregate or filter earlier, or select fewer columns",
        ) from exc
    except duckdb.Error as exc:
        if timed_out.is_set():  # an interrupt can surface as another error type
            raise QueryTimedOut(
                f"stopped: the query ran past the {timeout_s:g} s time limit",
                "narrow it (a shorter period, fewer joins) or add LIMIT",
            ) from exc
        first = str(exc).strip().splitlines()[0]
        raise QueryFailed(f"DuckDB could not run the query: {first}", _hint(exc)) from exc
    finally:
        timer.cancel()
        con.close()
    elapsed = time.perf_counter() - started
    truncated = len(frame) > row_limit
    notes = []
    if truncated:
        frame = frame.iloc[:row_limit]
        notes.append(
            f"showing the first {row_limit:,} rows: the result has more. "
            "Add LIMIT, or aggregate, to see what you need"
        )
    notes.append(f"{len(frame):,} row{'' if len(frame) == 1 else 's'} in {elapsed:.2f} s")
    return ConsoleResult(frame=frame, notes=notes, truncated=truncated, elapsed=elapsed)


def _hint(exc: duckdb.Error) -> str:
    if isinstance(exc, duckdb.CatalogException | duckdb.BinderException):
        return "`python -m etl sql --schema` lists the tables, views and their columns"
    return "check the query's syntax; the saved examples show working queries"
