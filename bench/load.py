"""Incremental load of one week's crawl into a scale's database, through the real loader.

    .venv/bin/python bench/load.py --scale small|medium|large [--repeat 3] [--copy] [--demo]

The week is the crawl bench/scale.py left out (TODAY - 7 days .. TODAY): the new article pages
published in it and the listing pages (about 30 items each) with every snapshot taken in it,
from the same generator, as parsed pages (etl.models.Page) with their archive entries. They go
through etl.load.load_pending, the loader's own path: a new generation (by default the
steady state of the rotation in etl/db.py: an older generation file is reused and caught up;
it is a copy of the base made before the timer starts, so there are no runs to catch up, and
KEEP_GENERATIONS is 2 so one spare file suffices; --copy times copying the current file
instead), insert, derive for the affected articles, story linking, views, checkpoint and swap.
Only parsing is skipped (bench/parse.py measures it): etl.load.parse_entries is replaced by
one that returns these pages. Each run starts again from the base generation. Reported: total
time (median, min, max), per phase and per statement, rows added, peak memory.

--demo also times `etl.demo.build` at 20,000 articles (what `make run` does on first start)
into bench/out/demo/ - generating the raw pages and a full load through the same loader.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from collections import defaultdict
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import common
import duckdb
from common import SCALES, TODAY, WEEK, Timing, fmt_timing

WEEK_ROWS = """
create temp table week as
select s.*, a.title_hint, a.published_at, a.oblasts, a.tags
from ({rows}) s
join (select article_key, published_at, oblasts, tags,
             'Новина громади № ' || article_id as title_hint from art) a using (article_key)
"""


def week_crawl(scale: str) -> list[Any]:
    """The last week's crawl as the loader's Parsed records (pages and listings)."""
    import scale as gen

    from etl.archive import Entry
    from etl.load import Parsed
    from etl.models import ListingItem, Page, TwinningPair

    settings = common.settings_for(scale)
    con = duckdb.connect(config=common.duckdb_config())
    con.execute("set TimeZone = 'Europe/Kyiv'")
    con.execute(f"attach '{common.base_file(scale)}' as b (read_only)")
    for table in ("oblasts", "hromadas", "donors"):
        con.execute(f"create temp table {table} as from b.{table}")
    con.execute("detach b")
    tags_csv = settings.reference_dir / "tags.csv"
    con.execute(f"create temp table tags_csv as from read_csv('{tags_csv}')")
    pages = gen.generate_articles(con, SCALES[scale], lambda _name, sql: con.execute(sql))
    lo = (TODAY - timedelta(days=WEEK - 1)).isoformat()
    rows = gen.SNAPSHOT_ROWS.format(
        horizon=gen.HORIZON_DAYS, articles="true", lo=lo, hi=TODAY, pages=pages
    )
    con.execute(WEEK_ROWS.format(rows=rows))
    articles = con.execute(
        "select * from (" + gen.PAGES.split("by name", 1)[1].format(snapshots="week") + ")"
    ).fetchall()
    cols = [d[0] for d in con.description]  # type: ignore[union-attr]
    listed = con.execute(
        "select sha256, article_key, observed_at, views, title_hint, published_at, oblasts, tags "
        "from week where origin = 'listing' order by sha256, article_key"
    ).fetchall()
    con.close()

    def iso(ts: Any) -> str:
        return ts.astimezone(UTC).isoformat(timespec="seconds")

    out: list[Any] = []
    for values in articles:
        r = dict(zip(cols, values, strict=True))
        page = Page(
            file=f"news/{r['article_key']}.html",
            article_key=r["article_key"],
            url=r["url"],
            language=r["language"],
            title=r["title"],
            published_at=r["published_at"].isoformat(),
            views=r["views"],
            tags=list(r["tags"]),
            oblasts=list(r["oblasts"]),
            hromadas=list(r["hromadas"]),
            source=r["source"],
            twinning=[TwinningPair(**t) for t in r["twinning"]],
            international_support=r["international_support"],
            donors=list(r["donors"]),
            kind="article",
            edition=r["edition"],
        )
        entry = Entry(r["sha256"], page.file, 60000, iso(r["observed_at"]), "manifest", r["url"])
        out.append(Parsed(entry, page, None, r["fingerprint"]))
    by_file: dict[str, list[tuple]] = defaultdict(list)
    for row in listed:
        by_file[row[0]].append(row)
    for sha, items in by_file.items():
        page = Page(
            file=f"listing/{sha[:12]}.html",
            kind="listing",
            items=[
                ListingItem(
                    article_key=key,
                    url=None,
                    title=title,
                    published_at=published.isoformat(),
                    views=views,
                    oblasts=list(oblasts),
                    tags=list(tags),
                )
                for _, key, _, views, title, published, oblasts, tags in items
            ],
        )
        observed = min(i[2] for i in items)
        out.append(Parsed(Entry(sha, page.file, 90000, iso(observed), "manifest"), page, None))
    return out


class _TimedConnection:
    """A DuckDB connection that adds each statement's time to `into` (by its first words)."""

    def __init__(self, con: Any, into: dict[str, float]) -> None:
        self._con, self._into = con, into

    def execute(self, sql: str, *args: Any) -> Any:
        # DuckDB finds Python frames (replacement scans) in the caller's locals, not ours.
        caller = sys._getframe(1).f_locals
        frames = [
            name
            for name, value in caller.items()
            if f" {name}" in sql and type(value).__name__ in ("Table", "DataFrame")
        ]
        for name in frames:
            self._con.register(name, caller[name])
        t = time.perf_counter()
        try:
            return self._con.execute(sql, *args)
        finally:
            for name in frames:
                self._con.unregister(name)
            body = [ln for ln in sql.splitlines() if ln.strip() and not ln.startswith("--")]
            key = " ".join(" ".join(body[:1]).split()[:7])[:70]
            self._into[key] = self._into.get(key, 0.0) + time.perf_counter() - t

    def __getattr__(self, name: str) -> Any:
        return getattr(self._con, name)


def incremental(scale: str, repeat: int, copy: bool = False) -> dict[str, Any]:
    from etl import db, load

    settings = common.settings_for(scale)
    prepare_s_base = prepare_base(scale)
    t = time.perf_counter()
    parsed = week_crawl(scale)
    prepare_s = time.perf_counter() - t
    pages = sum(1 for p in parsed if p.page.kind == "article")
    items = sum(len(p.page.items) for p in parsed if p.page.kind == "listing")

    phases: dict[str, Timing] = defaultdict(Timing)

    def timed_fn(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                phases[name].runs.append(time.perf_counter() - t0)

        return wrapper

    original = (
        load.parse_entries,
        db.new_generation,
        load._link_stories,
        load._write,
        load._catch_up,
        db.KEEP_GENERATIONS,
    )
    load.parse_entries = lambda entries, raw_root: list(parsed)  # type: ignore[assignment]
    phase = "copy generation" if copy else "new generation (reuse)"
    db.new_generation = timed_fn(phase, db.new_generation)  # type: ignore[assignment]
    load._catch_up = timed_fn("catch up", load._catch_up)  # type: ignore[assignment]
    db.KEEP_GENERATIONS = 10**6 if copy else 2
    load._link_stories = timed_fn("link stories", load._link_stories)  # type: ignore[assignment]
    load._write = timed_fn("write+derive+checkpoint", load._write)  # type: ignore[assignment]
    statements: dict[str, float] = {}

    class _Shim:  # etl.load's and etl.db's `duckdb`, with connect() returning a timed connection
        def __getattr__(self, name: str) -> Any:
            return getattr(duckdb, name)

        @staticmethod
        def connect(*args: Any, **kwargs: Any) -> Any:
            return _TimedConnection(duckdb.connect(*args, **kwargs), statements)

    load.duckdb = _Shim()  # type: ignore[assignment]
    db.duckdb = _Shim()  # type: ignore[assignment]
    total = Timing()
    added: list[int] = []
    try:
        for _ in range(repeat):
            common.point_at_base(scale)
            _clear_generations(settings.generations_dir)
            if not copy:
                _spare_generation(scale)
            t0 = time.perf_counter()
            summary = load.load_pending(settings, command="update")
            total.runs.append(time.perf_counter() - t0)
            added.append(summary.snapshots_added)
    finally:
        (
            load.parse_entries,
            db.new_generation,
            load._link_stories,
            load._write,
            load._catch_up,
            db.KEEP_GENERATIONS,
        ) = original
        load.duckdb = duckdb
        db.duckdb = duckdb
        common.point_at_base(scale)
        _clear_generations(settings.generations_dir)
    return {
        "pages": pages,
        "listing_pages": len(parsed) - pages,
        "listing_items": items,
        "snapshots_added": added,
        "prepare_s": prepare_s,
        "prepare_base_s": prepare_s_base,
        "total": total.summary(),
        "phases": {k: v.summary() for k, v in phases.items()},
        "statements_mean_s": dict(
            sorted(((k, v / repeat) for k, v in statements.items()), key=lambda kv: -kv[1])
        ),
        "base_bytes": common.base_file(scale).stat().st_size,
    }


def _clear_generations(folder: Path) -> None:
    for f in folder.glob("engagement-*.duckdb*"):
        f.unlink()


def prepare_base(scale: str) -> float:
    """Bring the base to the loader's schema version and fill its story index once, as the
    first load on an older database does (bench/scale.py leaves the index empty); in place, so
    later runs (and the read-side benches) start from it. Seconds taken, 0 if nothing to do."""
    from etl import __version__, db, load
    from etl.sql_files import statements

    con = db.configure(duckdb.connect(str(common.base_file(scale))))
    try:
        load.prepare_schema(con)
        version = con.execute("select max(schema_version) from schema_info").fetchone()[0]  # type: ignore[index]
        linked = con.execute("select count(*) from story_inputs").fetchone()[0]  # type: ignore[index]
        derived = con.execute("select count(*) from articles").fetchone()[0]  # type: ignore[index]
        if version == load.SCHEMA_VERSION and linked and derived:
            return 0.0
        t = time.perf_counter()
        con.execute("create or replace temp table affected (article_key varchar primary key)")
        # derive.sql reads this load's snapshots from load_snapshots: none when only upgrading;
        # all when the base has facts only (a scale.py build stopped before its derive).
        limit = " limit 0" if derived else ""  # one of two constant texts
        con.execute(
            "create or replace temp view load_snapshots as "
            "select article_key, observed_at, views from view_snapshots" + limit
        )
        if not derived:
            con.execute("insert into affected select distinct article_key from page_versions")
        for sql in statements("derive.sql"):  # no article affected: only an older file's upgrade
            con.execute(sql)
        load._link_stories(con)  # an empty index links every article
        for sql in statements("views.sql"):
            con.execute(sql)
        con.execute("delete from schema_info")
        con.execute("insert into schema_info values (?, ?)", [load.SCHEMA_VERSION, __version__])
        con.execute("checkpoint")
        return time.perf_counter() - t
    finally:
        con.close()


def _spare_generation(scale: str) -> None:
    """A clean older generation for the load to reuse: a copy of the base (not timed).

    Everything is flushed to disk before the timer starts (os.sync): a reused generation has
    been on disk for a week, while this fresh 4.6 GB copy, and the previous run's files just
    deleted (ext4 mounted with `discard` trims them at the next journal commit), made the
    load's checkpoint fsync wait for the bench's own setup: 4-9 s that a real rotation never
    pays."""
    folder = common.settings_for(scale).generations_dir
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(common.base_file(scale), folder / "engagement-00000000T000000000000-0.duckdb")
    os.sync()


def demo_build() -> dict[str, Any]:
    from etl import demo
    from etl.settings import Settings

    out = common.OUT / "demo"
    shutil.rmtree(out, ignore_errors=True)
    settings = Settings(db_path=out / "engagement.duckdb", raw_dir=out / "raw")
    t = time.perf_counter()
    summary = demo.build(settings, articles=20000, seed=7)
    total = time.perf_counter() - t
    size = settings.db_path.resolve().stat().st_size
    return {"seconds": total, "file_bytes": size, "summary": getattr(summary, "lines", list)()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=SCALES, default="small")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--demo", action="store_true", help="also time the 20,000-article demo build")
    ap.add_argument("--copy", action="store_true", help="copy the current file, do not reuse")
    args = ap.parse_args()
    r = incremental(args.scale, args.repeat, args.copy)
    r["generation"] = "copy" if args.copy else "reuse"
    if args.demo:
        r["demo"] = demo_build()
    common.save("load" if not args.copy else "load-copy", args.scale, r)
    print(
        f"{args.scale}: incremental load of one week: {r['pages']:,} new pages, "
        f"{r['listing_pages']:,} listing pages ({r['listing_items']:,} items), "
        f"snapshots added {r['snapshots_added']}"
    )
    print(f"  base prepared once (schema upgrade, story index): {r['prepare_base_s']:.1f} s")
    print(f"  total  {fmt_timing(r['total'], 's')}  (base file {r['base_bytes'] / 2**20:.0f} MiB)")
    for name, t in r["phases"].items():
        print(f"    {name:<26} {fmt_timing(t, 's')}")
    print("    slowest statements (mean s per load):")
    for sql, secs in list(r["statements_mean_s"].items())[:12]:
        print(f"      {secs:7.2f}  {sql}")
    if "demo" in r:
        print(f"  demo build (20,000 articles, make run): {r['demo']['seconds']:.1f} s")
    print(f"peak RSS {common.peak_rss_mb():.0f} MiB; load average {common.load_average()}")


if __name__ == "__main__":
    main()
