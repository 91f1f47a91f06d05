"""The dashboard's only door to the database, and the only module that caches.

Why: pages must hold no SQL and must show a new load without a restart. Every read goes
through `etl.queries.run` (the named queries in etl/sql/queries/), and every cached result is
keyed by `etl.db.generation_token`, which changes when a load swaps in a new database file;
old entries simply stop being asked for. One DuckDB connection is kept per generation and
each query runs on its own cursor, because one connection must not serve two Streamlit
sessions (threads) at once.

A page runs several queries; a load may swap generations between two of them. So app.py
first calls `pin_generation()` in every script run, which pins the run's thread to one
generation and its open connection, and every query of that run reads it: a page shows the
database before a load or after it, never a mix (tests/test_reliability_readers.py checks
this under loads).

The per-page functions at the end (`overview`, `readership`, ...) are what the pages call and
what bench/dashboard.py times, so the benchmark measures exactly the pages' queries.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

from etl import db, queries
from etl.errors import DatabaseDamaged, DatabaseMissing
from etl.load import SCHEMA_VERSION
from etl.settings import Settings, get_settings

if TYPE_CHECKING:
    from dashboard.filters import Filters

# bench/dashboard.py turns this off to time the queries themselves, warm, without the cache.
CACHING = True
TOP = 20  # rows in top lists and movers


def settings() -> Settings:
    return get_settings()


def token() -> str:
    """The current generation's cache key; raises DatabaseMissing when there is none."""
    return db.generation_token(settings())


@st.cache_resource(max_entries=2, show_spinner=False)
def _connection(generation: str) -> duckdb.DuckDBPyConnection:
    """One read-only connection per generation, to exactly the file the token names."""
    return db.connect(settings(), file=db.token_file(generation))


_pin = threading.local()  # this script run's (token, connection); see the module docstring


def pin_generation(attempts: int = 3) -> None:
    """Make every query of this thread's script run read the current generation.

    The connection is opened here, so the file is held from now on (a load neither reuses
    nor removes a held file); if a load removed it between reading the token and opening,
    the next token names the newer generation. Without a database nothing is pinned and
    `status()` says why.
    """
    _pin.current = None
    for _ in range(attempts):
        try:
            generation = token()
            _pin.current = (generation, _connection(generation))
            return
        except DatabaseMissing:
            return
        except DatabaseDamaged:
            if token() == generation:
                return  # really damaged, not replaced: status() shows the message


def _pinned() -> tuple[str, duckdb.DuckDBPyConnection] | None:
    return getattr(_pin, "current", None)


def _open(generation: str) -> duckdb.DuckDBPyConnection:
    pinned = _pinned()
    if pinned is not None and pinned[0] == generation:
        return pinned[1]  # held by this run even if the cache has let it go
    return _connection(generation)


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


def _run(generation: str, name: str, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    cursor = _open(generation).cursor()  # a cursor per call: safe across sessions
    try:
        bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
        return queries.run(cursor, name, **bound)
    finally:
        cursor.close()


@st.cache_data(max_entries=1000, show_spinner=False)
def _cached(generation: str, name: str, params: tuple[tuple[str, Any], ...]) -> pd.DataFrame:
    return _run(generation, name, params)


def load(name: str, **params: Any) -> pd.DataFrame:
    """Run the named query `name` on this run's generation (else the current), cached."""
    pinned = _pinned()
    generation = pinned[0] if pinned is not None else token()
    frozen = tuple(sorted((k, _freeze(v)) for k, v in params.items()))
    return (_cached if CACHING else _run)(generation, name, frozen).copy()


def clear() -> None:
    """Forget every cached result and connection (tests; a damaged file)."""
    _cached.clear()
    _connection.clear()
    _pin.current = None


@dataclass(frozen=True)
class Status:
    """What the app needs before any page: is there a database, and what does it hold."""

    ready: bool
    path: str
    error: str | None = None
    demo: bool = False
    data_start: date | None = None
    data_end: date | None = None
    last_load_at: datetime | None = None
    last_run_id: int | None = None


def status() -> Status:
    path = str(settings().db_path)
    try:
        version = load("schema_version").iloc[0]["schema_version"]
        built = 0 if pd.isna(version) else int(version)
        if built < SCHEMA_VERSION:  # it lacks tables the queries read: say so, no traceback
            return Status(
                ready=False,
                path=path,
                error=f"{path} was built by an older version (schema {built}, the dashboard "
                f"needs {SCHEMA_VERSION}); run `python -m etl rebuild`, or load new pages, to "
                "upgrade it",
            )
        quality = load("data_quality").iloc[0]
    except DatabaseMissing:
        return Status(ready=False, path=path)
    except Exception as exc:  # a damaged file: the app shows the reason, never a traceback
        return Status(ready=False, path=path, error=str(exc).splitlines()[0])
    return Status(
        ready=True,
        path=path,
        demo=bool(quality["demo_loaded"]),
        data_start=_date(quality["data_start"]),
        data_end=_date(quality["data_end"]),
        last_load_at=None if pd.isna(quality["last_load_at"]) else quality["last_load_at"],
        last_run_id=None if pd.isna(quality["last_run_id"]) else int(quality["last_run_id"]),
    )


def _date(value: Any) -> date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


# --------------------------------------------------------------------------------------------
# What each page reads
# --------------------------------------------------------------------------------------------


def rollup_answers(f: Filters) -> bool:
    """Whether the daily rollups answer these filters (etl/sql/views.sql, rollup_matching):
    no hromada, and one tag or any oblasts but not both."""
    return f.hromada is None and len(f.tags) <= 1 and not (f.tags and f.oblasts)


def unfiltered_by_place_or_tag(f: Filters) -> bool:
    """Per-oblast and per-tag breakdowns come from their rollups only when no oblast, hromada
    or tag is selected: a filter would need each article's other oblasts or tags."""
    return f.hromada is None and not f.tags and not f.oblasts


def views_over_time(f: Filters, grain: str) -> pd.DataFrame:
    """Views per bucket: from the daily rollups when they answer, else from view intervals.

    Both named queries return the same numbers (tests/test_dashboard_data.py checks it).
    """
    if rollup_answers(f):
        return load(
            "views_over_time_rollup",
            start=f.start,
            end=f.end,
            edition=f.edition,
            oblasts=list(f.oblasts),
            tags=list(f.tags),
            grain=grain,
        )
    return load("views_over_time_detail", **f.params(), grain=grain)


def kpis(f: Filters) -> pd.DataFrame:
    return load("kpis_rollup" if rollup_answers(f) else "kpis", **f.params())


def by_oblast(f: Filters) -> pd.DataFrame:
    if unfiltered_by_place_or_tag(f):
        return load("readership_by_oblast_rollup", start=f.start, end=f.end, edition=f.edition)
    return load("readership_by_oblast", **f.params())


def by_tag(f: Filters) -> pd.DataFrame:
    if unfiltered_by_place_or_tag(f):
        return load("readership_by_tag_rollup", start=f.start, end=f.end, edition=f.edition)
    return load("readership_by_tag", **f.params())


# A page's queries run side by side, each on its own cursor of the run's pinned generation:
# DuckDB releases the GIL while it works, so one query's single-threaded stretches (planning,
# building the frame) overlap another's scan. Readership at 1M articles on 2 cores: ~120 ->
# ~100 ms (docs/benchmarks.md).
_POOL = ThreadPoolExecutor(max_workers=6, thread_name_prefix="page-query")


def together(**calls: Callable[[], pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Each call's frame, the calls run at once on this script run's generation."""
    pin = _pinned()
    ctx = get_script_run_ctx(suppress_warning=True)  # st.cache_data needs the run's context

    def run(call: Callable[[], pd.DataFrame]) -> pd.DataFrame:
        _pin.current = pin
        if ctx is not None:
            add_script_run_ctx(threading.current_thread(), ctx)
        try:
            return call()
        finally:
            _pin.current = None

    futures = {name: _POOL.submit(run, call) for name, call in calls.items()}
    return {name: future.result() for name, future in futures.items()}


def overview(f: Filters) -> dict[str, pd.DataFrame]:
    cmp = f.comparison()
    return together(
        kpis=lambda: kpis(f),
        kpis_before=lambda: kpis(cmp) if cmp else pd.DataFrame(),
        trend=lambda: views_over_time(f, auto_grain(f)),
        top=lambda: load("top_articles", **f.params(), top=TOP),
        quality=lambda: load("data_quality"),
    )


def readership(f: Filters, grain: str) -> dict[str, pd.DataFrame]:
    before = f.previous()
    return together(
        trend=lambda: views_over_time(f, grain),
        tags=lambda: by_tag(f),
        oblasts=lambda: by_oblast(f),
        first_week=lambda: load("first_week_views", **f.params()),
        speed=lambda: load("time_to_views", **f.params()),
        movers=lambda: load(
            "movers", **f.params(), cmp_start=before.start, cmp_end=before.end, top=TOP
        ),
    )


def regions(f: Filters, oblast: str | None) -> dict[str, pd.DataFrame]:
    calls = {"oblasts": lambda: by_oblast(f)}
    if oblast:
        calls["hromadas"] = lambda: load("hromadas_in_oblast", **f.params(), oblast=oblast)
    return together(**calls)


def support(f: Filters, grain: str) -> dict[str, pd.DataFrame]:
    return together(
        publications=lambda: load("publications_over_time", **f.params(), grain=grain),
        views=lambda: views_over_time(f, grain),
        oblasts=lambda: by_oblast(f),
        tags=lambda: by_tag(f),
        donors=lambda: load("donors", **f.params()),
        countries=lambda: load("donor_countries", **f.params()),
    )


def twinning(f: Filters, grain: str) -> dict[str, pd.DataFrame]:
    return together(
        pairs=lambda: load("twinning_pairs_in_period", **f.params()),
        timeline=lambda: load("twinning_timeline", **f.params(), grain=grain),
    )


def articles(f: Filters, search: str | None) -> pd.DataFrame:
    return load("articles_list", **f.params(), search=search or None)


def auto_grain(f: Filters) -> str:
    """A readable default bucket for a period's length: days up to ~3 months, then weeks/months."""
    days = (f.end - f.start).days
    if days <= 95:
        return "day"
    if days <= 2 * 366:
        return "week"
    return "month"
