"""The weekly export and the one CSV writer (etl.export.write_csv): time and MB/s.

    .venv/bin/python bench/export.py [--scale S | --db FILE] [--repeat 5] [--week 2026-W47]

Without --scale or --db it reads the database of ENGAGEMENT_DB (how bench/run_all.py calls it)
or data/engagement.duckdb. The database is only read. Measured:

1. the weekly pack (etl.export.export_weekly, every file of PACK) for one busy week: the last
   complete ISO week with views, as the Monday cron run writes it; time, MB written, MB/s;
2. a full-history export of the two big tables through write_csv: every article
   (articles_enriched: lists, Kyiv times, free text) and every view_intervals row (dates and
   numbers); MB of CSV per second, the fetch from the database timed apart;
3. the same Arrow data with no safety select (plain DuckDB COPY: the floor of this design),
   and with excel=True (the BOM copy);
4. pandas DataFrame.to_csv of the same data (converted to pandas before the clock starts).

Medians of --repeat runs with min-max (pandas: --pandas-repeat runs, 0 skips it). A table is
cut to its first --max-rows rows (10 million: at 1M articles view_intervals has ~70 million).
Files go to bench/out/tmp/export/ and are deleted after each run. Results:
bench/out/results/export[-S].json (S: the scale, or the --db file's name).
"""

from __future__ import annotations

import argparse
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import common
from common import OUT, Timing, timed

MB = 1e6  # MB/s in decimal megabytes, as the "100 MB/s"


def _settings(args: argparse.Namespace) -> Any:
    from etl.settings import Settings

    if args.scale:
        return common.settings_for(args.scale)
    if args.db:
        db = Path(args.db)
        return Settings(db_path=db, raw_dir=db.parent / "raw")
    return Settings()


def busy_week(con: Any) -> str:
    """The last complete ISO week (Monday to Sunday) the counters cover."""
    from datetime import timedelta

    last = con.execute("select max(end_day) from view_intervals").fetchone()[0]
    monday = last - timedelta(days=last.weekday())  # this week's Monday
    if last.weekday() != 6:  # the week of `last` is not complete
        monday -= timedelta(days=7)
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def count(con: Any, table: str) -> int:
    return int(con.execute(f"select count(*) from {table}").fetchone()[0])  # our names


def rate(size: int, t: Timing) -> dict[str, float]:
    """MB/s at the median, and at the slowest and fastest run."""
    return {
        "mb_s": size / MB / t.median,
        "mb_s_min": size / MB / t.max,
        "mb_s_max": size / MB / t.min,
    }


def fmt_rate(r: dict[str, float]) -> str:
    return f"{r['mb_s']:.0f} ({r['mb_s_min']:.0f}-{r['mb_s_max']:.0f}) MB/s"


def measure_file(write: Callable[[Path], None], path: Path, repeat: int) -> tuple[Timing, int]:
    """Time `write(path)` repeat times (one warm-up); the size of the file it writes."""
    size = 0

    def once() -> None:
        nonlocal size
        write(path)
        size = path.stat().st_size
        path.unlink()

    t = timed(once, repeat=repeat, warmup=1)
    return t, size


VARIANTS = (
    ("write_csv", "writer"),
    ("plain DuckDB COPY, no safety", "plain"),
    ("write_csv excel=True (BOM)", "excel"),
    ("pandas to_csv", "pandas"),
)


def full_history(settings: Any, sql: str, path: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Fetch one big table as Arrow, then time each way of writing it as CSV."""
    import duckdb
    import pyarrow as pa

    from etl import db
    from etl.export import write_csv

    with db.connect(settings) as con:
        start = time.perf_counter()
        # At 1M articles view_intervals has ~70M rows: a prefix keeps Arrow + pandas in memory.
        table: pa.Table = con.sql(f"{sql} limit {int(args.max_rows)}").to_arrow_table()
        fetch_s = time.perf_counter() - start

    def writer(p: Path) -> None:
        write_csv(table, p)

    def excel(p: Path) -> None:
        write_csv(table, p, excel=True)

    scratch = duckdb.connect()  # opened once: the floor is COPY alone
    scratch.register("_data", table)

    def plain(p: Path) -> None:
        scratch.execute(f"copy _data to '{p}' (format csv, header true)")

    entry: dict[str, Any] = {"rows": table.num_rows, "fetch_s": fetch_s}
    for key, write, runs in (
        ("writer", writer, args.repeat),
        ("plain", plain, args.repeat),
        ("excel", excel, args.repeat),
    ):
        t, size = measure_file(write, path, runs)
        entry.update({key: t, f"{key}_rate": rate(size, t)})
        if key == "writer":
            entry["bytes"] = size
    scratch.close()
    if not args.pandas_repeat:
        return entry
    frame = table.to_pandas()

    def to_csv(p: Path) -> None:
        frame.to_csv(p, index=False)

    t, size = measure_file(to_csv, path, args.pandas_repeat)
    entry.update(pandas=t, pandas_rate=rate(size, t), pandas_bytes=size)
    return entry


def weekly(settings: Any, week: str, work: Path, repeat: int) -> dict[str, Any]:
    """export_weekly whole (queries, CSVs, manifest, swap), then its CSV writing alone."""
    import json

    from etl import db
    from etl.export import PACK, _fetch, export_weekly, parse_week, write_csv

    packs = work / "packs"
    manifest: dict[str, Any] = {}

    def pack() -> None:
        folder = export_weekly(settings, week, out=packs)
        manifest.update(json.loads((folder / "manifest.json").read_text(encoding="utf-8")))

    t_pack = timed(pack, repeat=repeat, warmup=1)
    shutil.rmtree(packs, ignore_errors=True)
    size = sum(f["bytes"] for f in manifest["files"])
    rows = {f["file"]: f["rows"] for f in manifest["files"]}

    span = parse_week(week)
    with db.connect(settings) as con:
        tables = [_fetch(con, spec, {"start": span.start, "end": span.end}) for spec in PACK]

    def write_all() -> None:
        for i, table in enumerate(tables):
            write_csv(table, work / f"pack-{i}.csv")

    t_write = timed(write_all, repeat=repeat, warmup=1)
    out = {
        "week": week,
        "rows": rows,
        "bytes": size,
        "time": t_pack,
        **rate(size, t_pack),
        "write_time": t_write,
        "write_rate": rate(size, t_write),
    }
    print(
        f"\nweekly pack {week}: {sum(rows.values()):,} rows in {len(rows)} files, "
        f"{size / MB:.1f} MB: {common.fmt_timing(t_pack, 's')} with the queries "
        f"({fmt_rate(rate(size, t_pack))}); writing the CSVs alone "
        f"{common.fmt_timing(t_write, 's')} ({fmt_rate(out['write_rate'])})"
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=list(common.SCALES))
    ap.add_argument("--db", help="a database file (e.g. a demo build); read only")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pandas-repeat", type=int, default=3)
    ap.add_argument("--week", help="ISO week of the pack (default: the last complete one)")
    ap.add_argument("--tables", default="articles,view_intervals")
    ap.add_argument("--max-rows", type=int, default=10_000_000, help="rows per table at most")
    args = ap.parse_args()

    from etl import db
    from etl.export import csv_bytes

    settings = _settings(args)
    work = OUT / "tmp" / "export"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    result: dict[str, Any] = {"database": str(db.current_file(settings))}
    print(f"database {result['database']}; load average {common.load_average()}")

    with db.connect(settings) as con:
        week: str = args.week or busy_week(con)
        counts = {
            "articles": count(con, "articles"),
            "view_intervals": count(con, "view_intervals"),
        }
    result["counts"] = counts
    print(f"articles {counts['articles']:,}, view_intervals {counts['view_intervals']:,}")

    # 1. the weekly pack
    try:
        result["weekly"] = weekly(settings, week, work, args.repeat)
    except Exception as exc:  # an older database whose views predate a query: say so, go on
        result["weekly"] = {"week": week, "error": f"{type(exc).__name__}: {exc}"}
        print(f"\nweekly pack {week}: FAILED {result['weekly']['error'].splitlines()[0]}")

    # 2-4. full history through the writer, plain COPY, Excel flavour, pandas
    sources = {
        "articles": "select * from articles_enriched order by published_date, article_key",
        "view_intervals": "select * from view_intervals",
    }
    result["full"] = {}
    rows: dict[str, list[str]] = {}
    names = args.tables.split(",")
    for name in names:
        entry = full_history(settings, sources[name], work / f"{name}.csv", args)
        result["full"][name] = entry
        rows.setdefault("rows", []).append(f"{entry['rows']:,}")
        rows.setdefault("CSV MB (write_csv)", []).append(f"{entry['bytes'] / MB:,.1f}")
        rows.setdefault("fetch from the database", []).append(f"{entry['fetch_s']:.2f} s")
        for label, key in VARIANTS:
            if key not in entry:
                continue
            cell = f"{entry[key].median:.2f} s, {fmt_rate(entry[key + '_rate'])}"
            rows.setdefault(label, []).append(cell)

    print("\n" + f"{'':<34}" + "".join(f"{n:>32}" for n in names))
    for label, cells in rows.items():
        print(f"{label:<34}" + "".join(f"{c:>32}" for c in cells))

    # a download button's cost: a small table, as the dashboard's pages hand it over
    import pandas as pd

    small = pd.DataFrame(
        {"title": ["Громада", "=1+2"] * 10, "views": range(20), "tags": [["a", "b"]] * 20}
    )
    t_small = timed(lambda: csv_bytes(small), repeat=max(args.repeat, 20), warmup=2)
    result["download_button_20_rows"] = t_small
    print(f"\ncsv_bytes of a 20-row table (one download button): {common.fmt_timing(t_small)}")

    shutil.rmtree(work, ignore_errors=True)
    tag: str | None = args.scale or (Path(args.db).stem if args.db else None)
    path = common.save("export", tag, result)
    print(f"\nload average {common.load_average()}; peak RSS {common.peak_rss_mb():,.0f} MiB")
    print(f"results: {path.relative_to(common.ROOT)}")


if __name__ == "__main__":
    main()
