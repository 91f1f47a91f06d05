"""Named-query latency, warm and cold, and each dashboard page's total query time.

    .venv/bin/python bench/queries.py --scale small|medium|large [--repeat 9]

Every query in etl/sql/queries/ that exists at run time is run with parameters built from its
header's `-- params:` line: the dashboard's default selection (the 28 days up to the last day
with data, compared with the 28 before, all editions, oblasts and tags), grain 'day', top 20.
Warm = the same open connection, after one untimed run (median, p95, min, max of --repeat).
Cold = a freshly opened read-only connection (DuckDB's buffer pool empty; the OS page cache is
not dropped, that needs root), query time and open+close time reported separately.

Page totals call the page functions of dashboard/data.py (overview, readership, regions,
support, twinning, articles) with its cache off, so they time exactly the queries a page runs,
for two selections: the default (every chart that can reads a rollup) and the last 365 days
filtered by a tag (views over time and KPI views from rollup_daily_tag; the per-oblast and
per-tag breakdowns and every per-article question from view_intervals).
"""

from __future__ import annotations

import argparse
import inspect
import os
import time
from datetime import timedelta
from typing import Any

import common
from common import SCALES, Timing, fmt_timing, timed

PAGES = ("overview", "readership", "regions", "support", "twinning", "articles")


def default_params(con: Any) -> dict[str, Any]:
    """The dashboard's default selection on this database."""
    end_day = con.execute("select max(end_day) from view_intervals").fetchone()[0]
    end = end_day + timedelta(days=1)
    start = end - timedelta(days=28)
    oblast = con.execute(
        "select oblast_iso from article_oblasts group by 1 order by count(*) desc limit 1"
    ).fetchone()
    tag = con.execute(
        "select tag from article_tags group by 1 order by count(*) desc limit 1"
    ).fetchone()
    return {
        "start": start,
        "end": end,
        "cmp_start": start - timedelta(days=28),
        "cmp_end": start,
        "edition": None,
        "oblasts": [],
        "hromada": None,
        "tags": [],
        "search": None,
        "grain": "day",
        "top": 20,
        "oblast": oblast[0] if oblast else None,
        "_tag": tag[0] if tag else None,
    }


def params_for(name: str, defaults: dict[str, Any]) -> dict[str, Any]:
    """Bind each declared parameter by name, else by type (DATE -> start, lists -> [])."""
    from etl import queries

    q = queries.get(name)
    out: dict[str, Any] = {}
    for pname, ptype in zip(q.params, q.param_types, strict=True):
        if pname in defaults:
            out[pname] = defaults[pname]
        elif ptype.upper() == "DATE":
            out[pname] = defaults["start"]
        elif ptype.endswith("[]"):
            out[pname] = []
        elif ptype.upper() in ("INTEGER", "BIGINT"):
            out[pname] = 20
        else:
            out[pname] = None
    return out


def bench_named(scale: str, repeat: int) -> dict[str, Any]:
    from etl import db, queries

    settings = common.settings_for(scale)
    con = db.connect(settings)
    defaults = default_params(con)
    results: dict[str, Any] = {}
    for name in queries.names():
        params = params_for(name, defaults)
        try:
            warm = timed(lambda n=name, p=params: queries.run(con, n, **p), repeat, warmup=1)
            rows = len(queries.run(con, name, **params))
        except Exception as exc:  # a query being edited right now must not stop the bench
            results[name] = {"error": str(exc).splitlines()[0]}
            continue
        results[name] = {"warm": warm.summary(), "rows": rows}
    con.close()
    # Cold: every connection closed, so the next open starts with an empty buffer pool.
    for name in list(results):
        if "error" in results[name]:
            continue
        params = params_for(name, defaults)
        cold, opening = Timing(), Timing()
        for _ in range(max(3, repeat // 3)):
            t0 = time.perf_counter()
            c = db.connect(settings)
            t1 = time.perf_counter()
            queries.run(c, name, **params)
            t2 = time.perf_counter()
            c.close()
            t3 = time.perf_counter()
            cold.runs.append(t2 - t1)
            opening.runs.append((t1 - t0) + (t3 - t2))
        results[name]["cold"] = cold.summary()
        results[name]["open_close"] = opening.summary()
    return {"defaults": {k: str(v) for k, v in defaults.items()}, "queries": results}


def _filters(defaults: dict[str, Any], scenario: str) -> Any:
    from dashboard.filters import Filters

    start, end = defaults["start"], defaults["end"]
    tags: tuple[str, ...] = ()
    if scenario == "year_tag":
        start = end - timedelta(days=365)
        tags = (defaults["_tag"],) if defaults["_tag"] else ()
    span = end - start
    fields = {
        "lang": "uk",
        "preset": "28d" if scenario == "default" else "custom",
        "start": start,
        "end": end,
        "compare": "previous",
        "cmp_start": start - span,
        "cmp_end": start,
        "edition": None,
        "oblasts": (),
        "hromada": None,
        "tags": tags,
        "data_end": end - timedelta(days=1),
    }
    known = set(inspect.signature(Filters).parameters)
    return Filters(**{k: v for k, v in fields.items() if k in known})


def _page_call(fn: Any, f: Any, defaults: dict[str, Any]) -> Any:
    extra: dict[str, Any] = {}
    for pname in list(inspect.signature(fn).parameters)[1:]:
        extra[pname] = {"grain": "day", "oblast": defaults["oblast"], "search": None}.get(pname)
    return lambda: fn(f, **extra)


def bench_pages(scale: str, repeat: int) -> dict[str, Any]:
    """Total query time of each page, cache off, per scenario."""
    settings = common.settings_for(scale)
    os.environ["ENGAGEMENT_DB"] = str(settings.db_path)
    try:
        from dashboard import data
    except Exception as exc:
        return {"error": f"dashboard.data not importable: {exc}"}
    from etl import db

    data.CACHING = False
    data.clear()
    con = db.connect(settings)
    defaults = default_params(con)
    con.close()
    out: dict[str, Any] = {}
    for scenario in ("default", "year_tag"):
        try:
            f = _filters(defaults, scenario)
        except Exception as exc:
            out[scenario] = {"error": f"Filters: {exc}"}
            continue
        per: dict[str, Any] = {}
        for page in PAGES:
            fn = getattr(data, page, None)
            if fn is None:
                continue
            try:
                per[page] = timed(_page_call(fn, f, defaults), repeat, warmup=1).summary()
            except Exception as exc:
                per[page] = {"error": str(exc).splitlines()[0]}
        out[scenario] = per
    data.clear()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=SCALES, default="small")
    ap.add_argument("--repeat", type=int, default=9)
    args = ap.parse_args()
    common.point_at_base(args.scale)
    named = bench_named(args.scale, args.repeat)
    pages = bench_pages(args.scale, args.repeat)
    common.save("queries", args.scale, {"named": named, "pages": pages})
    print(f"named queries at {args.scale} (warm: median (min-max); cold: fresh connection)")
    for name, r in named["queries"].items():
        if "error" in r:
            print(f"  {name:<28} ERROR {r['error']}")
            continue
        print(
            f"  {name:<28} warm {fmt_timing(r['warm']):<26} p95 {r['warm']['p95_s'] * 1000:7.1f}"
            f"  cold {fmt_timing(r['cold']):<26} rows {r['rows']}"
        )
    for scenario, per in pages.items():
        if isinstance(per, str) or "error" in per:
            print(f"pages ({scenario}): {per}")
            continue
        print(f"page totals, {scenario} selection (warm, cache off)")
        for page, r in per.items():
            if "error" in r:
                print(f"  {page:<12} ERROR {r['error']}")
            else:
                print(f"  {page:<12} {fmt_timing(r):<28} p95 {r['p95_s'] * 1000:7.1f} ms")
    print(f"peak RSS {common.peak_rss_mb():.0f} MiB; load average {common.load_average()}")


if __name__ == "__main__":
    main()
