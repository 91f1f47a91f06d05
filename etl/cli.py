"""The command line: `python -m etl COMMAND`. Each command's docstring is its --help.

Library code raises typed errors and never prints; this module turns them into one sentence
on stderr and exit status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from etl.errors import EtlError
from etl.settings import Settings, get_settings


def cmd_parse(args: argparse.Namespace) -> int:
    """Print what each page says, one JSON object per file.

    Example: python -m etl parse --format jsonl ../shared/seeds/*.txt
    A file that cannot be parsed prints {"file": ..., "error": "<reason>"}; parsing goes on.
    """
    from etl.parse import parse_file

    failures = 0
    records = []
    for name in args.files:
        try:
            record = parse_file(Path(name)).to_json()
        except EtlError as exc:
            record = {"file": name, "error": exc.message}
            failures += 1
        records.append(record)
        if args.format == "jsonl":
            print(json.dumps(record, ensure_ascii=False), flush=True)
    if args.format == "table":
        _print_table(records)
    return 1 if failures and failures == len(records) else 0


def _print_table(records: list[dict]) -> None:
    columns = ["file", "article_key", "language", "published_at", "views", "title", "error"]
    rows = [[_cell(r.get(c)) for c in columns] for r in records]
    widths = [min(48, max([len(c)] + [len(row[i]) for row in rows])) for i, c in enumerate(columns)]
    print("  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)))
    for row in rows:
        print("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)))


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _print_summary(summary: object) -> None:
    for line in summary.lines():  # type: ignore[attr-defined]
        print(line)


def cmd_load(args: argparse.Namespace) -> int:
    """Archive and load page files or folders into the database.

    Example: python -m etl load ../shared/pages
    Every input is first kept byte for byte in data/raw/; a page that cannot be parsed is
    quarantined with its reason and named below. Loading the same files again changes nothing.
    """
    from etl.load import load_paths

    _print_summary(load_paths([Path(p) for p in args.paths], args.settings))
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    """Recreate the database from the raw archive alone (after damage, or a schema change).

    Example: python -m etl rebuild
    """
    from etl.load import rebuild

    _print_summary(rebuild(args.settings))
    return 0


def cmd_crawl(args: argparse.Namespace) -> int:
    """Fetch new pages and listing view counts from the portal into the raw archive.

    Example: python -m etl crawl --edition both --since 2026-11-01 --max-pages 20
    Polite: honours robots.txt, one request per second, retries with backoff.
    """
    from etl.crawl import crawl

    summary = crawl(
        args.settings,
        base_url=args.base_url,
        edition=args.edition,
        since=args.since,
        max_pages=args.max_pages,
        delay=args.delay,
    )
    for line in summary.lines():
        print(line)
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    """Crawl, then load what was fetched: the one command a weekly timer runs.

    Example (cron, Mondays 06:00): 0 6 * * 1  cd /srv/engagement && .venv/bin/python -m etl update
    """
    from etl.load import load_pending

    cmd_crawl(args)
    _print_summary(load_pending(args.settings))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Write a realistic demo corpus of raw pages and load it.

    Example: python -m etl demo --articles 20000 --seed 7
    """
    from etl.demo import build

    _print_summary(build(args.settings, articles=args.articles, seed=args.seed))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the weekly CSV pack for an ISO week (default: the last complete week, Kyiv time).

    Example: python -m etl export weekly --week 2026-W47 --out exports --excel --parquet
    """
    from etl.export import export_weekly

    folder = export_weekly(
        args.settings, week=args.week, out=Path(args.out), excel=args.excel, parquet=args.parquet
    )
    print(folder)
    return 0


def cmd_sql(args: argparse.Namespace) -> int:
    """Run one read-only SQL statement against the database, sandboxed.

    Example: python -m etl sql "select edition, count(*) from articles group by all" --csv
    No file or network access, no writes, one statement, a time limit and a row limit.
    --schema lists the tables and views with their columns; etl/sql/examples/ holds examples.
    """
    if args.schema:
        from etl.console_schema import as_text, browse

        print(as_text(browse(args.settings)), end="")
        return 0
    if not args.query:
        raise EtlError("no query given", 'pass one, e.g. python -m etl sql "from articles limit 5"')
    from etl.console import run_sql

    result = run_sql(args.settings, args.query, row_limit=args.max_rows, timeout_s=args.timeout)
    if args.csv:
        from etl.export import csv_bytes

        sys.stdout.buffer.write(csv_bytes(result.frame))
    else:
        print(result.frame.to_string(index=False, max_rows=200))
    for note in result.notes:
        print(note, file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    parser.add_argument(
        "--db", help="database path (default data/engagement.duckdb; env ENGAGEMENT_DB)"
    )
    parser.add_argument("--raw", help="raw archive folder (default data/raw; env ENGAGEMENT_RAW)")
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        doc = func.__doc__ or ""
        p = sub.add_parser(
            name,
            help=doc.splitlines()[0],
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        p.set_defaults(func=func)
        return p

    p = add("parse", cmd_parse)
    p.add_argument("--format", choices=["jsonl", "table"], default="jsonl")
    p.add_argument("files", nargs="+")

    p = add("load", cmd_load)
    p.add_argument("paths", nargs="+")

    add("rebuild", cmd_rebuild)

    for name, func in (("crawl", cmd_crawl), ("update", cmd_update)):
        p = add(name, func)
        p.add_argument("--base-url", default="https://decentralization.gov.ua")
        p.add_argument("--edition", choices=["uk", "en", "both"], default="both")
        p.add_argument("--since", help="oldest publish date to walk back to (YYYY-MM-DD)")
        p.add_argument("--max-pages", type=int, default=50, help="listing pages per edition")
        p.add_argument("--delay", type=float, help="seconds between requests (default 1)")

    p = add("demo", cmd_demo)
    p.add_argument("--articles", type=int, default=20000)
    p.add_argument("--seed", type=int, default=7)

    p = add("export", cmd_export)
    p.add_argument("what", choices=["weekly"])
    p.add_argument("--week", help="ISO week such as 2026-W47")
    p.add_argument("--out", default="exports")
    p.add_argument("--excel", action="store_true", help="UTF-8 with BOM, for Excel")
    p.add_argument("--parquet", action="store_true", help="add Parquet copies")

    p = add("sql", cmd_sql)
    p.add_argument("query", nargs="?")
    p.add_argument("--csv", action="store_true", help="the whole result as CSV on stdout")
    p.add_argument("--schema", action="store_true", help="list tables, views and columns")
    p.add_argument("--max-rows", type=int, default=10_000, help="row limit (default 10000)")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds (default 10)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    base = get_settings()
    overrides = {}
    if args.db:
        overrides["db_path"] = Path(args.db).expanduser().absolute()
    if args.raw:
        overrides["raw_dir"] = Path(args.raw).expanduser().absolute()
    args.settings = Settings(**{**base.__dict__, **overrides}) if overrides else base
    try:
        try:
            return args.func(args)
        except Exception as exc:
            from etl import db

            if db.is_damage(exc):  # a damaged block met while reading: name it, no traceback
                raise db.damaged(args.settings, exc) from exc
            raise
    except EtlError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
