"""CSV (and Parquet) out of the database: the weekly pack, and the one CSV writer.

Every CSV the product writes goes through `write_csv`: the weekly pack, `etl sql --csv` and
the dashboard's download buttons, so a file from a button and one from the command are
byte-identical for the same rows. The writer is DuckDB's `COPY ... TO` (about 7x pandas'
`to_csv` here, docs/benchmarks.md) over a select that makes the text safe and plain:

- text cells that begin with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`,
  so a spreadsheet shows them instead of running them as formulas (OWASP "CSV injection");
  numbers are numbers and are left alone;
- lists become `a; b` text (then escaped like any text);
- times are ISO 8601 in Kyiv time with the offset (`2023-01-10T15:35:00+02:00`);
- RFC 4180 quoting, `\\n` line ends, UTF-8; `excel=True` adds a byte-order mark, without which
  Excel reads UTF-8 Cyrillic as cp1252 mojibake.

The weekly pack is a folder per ISO week (Monday to Sunday, Kyiv): complete CSVs, never a top
N, plus manifest.json saying what each file is, the SQL behind it and the load run it came
from. It is written beside its final place and renamed in, so a failed export leaves the
previous pack (or none) and never a half one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd
import pyarrow as pa

from etl import __version__, queries
from etl.db import connect
from etl.errors import EtlError
from etl.settings import TIMEZONE, Settings

BOM = b"\xef\xbb\xbf"
# The characters spreadsheets read as the start of a formula (= + - @ tab CR), as code points:
# `ascii(x) in (...)` costs about half of an anchored regexp_matches (docs/benchmarks.md).
FORMULA_START = (61, 43, 45, 64, 9, 13)

Data: TypeAlias = pd.DataFrame | pa.Table


# ------------------------------------------------------------------------------ the writer


def _safe_query(schema: pa.Schema) -> str:
    """The select over `_data` that makes every cell plain, safe text (identifiers from the
    data's own schema, quoted; positional names inside, so duplicate names cannot clash).

    Two levels: the inner one turns lists, times and floats into their text, the outer one
    escapes formula-like text. In one level the CASE would repeat the list join or time
    format for its test and its result (DuckDB evaluates both: ~2x for those columns).
    """
    inner, outer = [], []
    starts = ", ".join(map(str, FORMULA_START))
    for i, field in enumerate(schema):
        name = '"' + field.name.replace('"', '""') + '"'
        kind = field.type
        escape = True
        if (pa.types.is_list(kind) or pa.types.is_large_list(kind)) and (
            pa.types.is_string(kind.value_type) or pa.types.is_large_string(kind.value_type)
        ):
            value = f"array_to_string({name}, '; ')"  # no lambda: ~30% less time per list
        elif pa.types.is_list(kind) or pa.types.is_large_list(kind):
            value = f"array_to_string(list_transform({name}, lambda x: x::varchar), '; ')"
        elif pa.types.is_timestamp(kind) and kind.tz is not None:
            # Kyiv's offsets are whole hours; %z alone prints "+02".
            value = f"strftime({name}, '%Y-%m-%dT%H:%M:%S%z') || ':00'"
        elif pa.types.is_timestamp(kind):
            # pandas turns DATE into midnight timestamps: print those as the dates they were,
            # so a frame from the dashboard and an Arrow table from the export agree.
            value = (
                f"case when {name}::time = time '00:00:00' then strftime({name}, '%Y-%m-%d') "
                f"else strftime({name}, '%Y-%m-%dT%H:%M:%S') end"
            )
            escape = False
        elif pa.types.is_floating(kind):
            # Sums of spread views carry float noise in the last digits, which would differ
            # from run to run with the threads' order: four decimals are exact enough.
            value, escape = f"round({name}, 4)", False
        elif pa.types.is_string(kind) or pa.types.is_large_string(kind):
            value = name
        else:
            value, escape = name, False
        inner.append(f"{value} as c{i}")
        cell = f"c{i}"
        outer.append(
            f"case when ascii({cell}) in ({starts}) then '''' || {cell} else {cell} end as {name}"
            if escape
            else f"{cell} as {name}"
        )
    if not inner:
        return "select * from _data"
    return f"select {', '.join(outer)} from (select {', '.join(inner)} from _data)"


def _arrow(data: Data) -> pa.Table:
    if isinstance(data, pa.Table):
        return data
    return pa.Table.from_pandas(data, preserve_index=False)


_SCRATCH: tuple[int, duckdb.DuckDBPyConnection] | None = None
_SCRATCH_LOCK = threading.Lock()


@contextmanager
def _scratch() -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to an in-memory DuckDB in Kyiv time that reads no files of its own.

    Opening a DuckDB instance costs ~30 ms (more with the time zone), which every download
    button paid at every page run; so one instance per process is kept and each call gets a
    cursor of its own (its own connection: the `_data` it registers is visible to it alone,
    and threads, like Streamlit's script runs, can write at the same time).
    """
    global _SCRATCH
    with _SCRATCH_LOCK:
        if _SCRATCH is None or _SCRATCH[0] != os.getpid():  # a forked child starts afresh
            instance = duckdb.connect()
            instance.execute(f"set global TimeZone = '{TIMEZONE}'")  # a constant
            _SCRATCH = (os.getpid(), instance)
        con = _SCRATCH[1].cursor()
    try:
        yield con
    finally:
        con.close()


def write_csv(data: Data, path: Path, excel: bool = False) -> int:
    """Write `data` as a safe CSV at `path`; returns the number of rows."""
    table = _arrow(data)
    path = Path(path)
    target = path.with_name(path.name + ".part") if excel else path
    with _scratch() as con:
        con.register("_data", table)
        # COPY takes no bound parameter for its target: the path (ours, or the --out folder)
        # goes in as a quoted string literal; the column list comes from the data's schema.
        literal = "'" + str(target).replace("'", "''") + "'"
        con.execute(
            f"copy ({_safe_query(table.schema)}) to {literal} "
            "(format csv, header true, delimiter ',', quote '\"', escape '\"', "
            "new_line '\\n', null '')"
        )
    if excel:
        _prepend_bom(target, path)
    return table.num_rows


def _prepend_bom(source: Path, path: Path) -> None:
    """`path` = BOM + `source`, then `source` removed. DuckDB's COPY has no BOM option (its
    PREFIX cannot go with HEADER), so the file is copied once more (~0.2 s per 300 MB here;
    os.sendfile was slower on this filesystem)."""
    with path.open("wb") as out, source.open("rb") as src:
        out.write(BOM)
        shutil.copyfileobj(src, out, 1 << 20)
    source.unlink()


def csv_bytes(data: Data, excel: bool = False) -> bytes:
    """The CSV `write_csv` would write, as bytes (the dashboard's download buttons)."""
    with tempfile.TemporaryDirectory(prefix="csv-") as tmp:
        path = Path(tmp) / "data.csv"
        write_csv(data, path, excel=excel)
        return path.read_bytes()


def write_parquet(data: Data, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(_arrow(data), path, compression="zstd")


# ------------------------------------------------------------------------------ ISO weeks


@dataclass(frozen=True)
class Week:
    year: int
    week: int

    @property
    def label(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def start(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def end(self) -> date:
        """The Monday after: periods are end-exclusive everywhere."""
        return self.start + timedelta(days=7)


def parse_week(text: str | None, today: date | None = None) -> Week:
    """`2026-W47` (or `2026W47`); None = the last complete ISO week in Kyiv."""
    if text is None:
        today = today or datetime.now(ZoneInfo(TIMEZONE)).date()
        year, number, _ = (today - timedelta(days=7)).isocalendar()
        return Week(year, number)
    cleaned = text.strip().upper().replace("W", "-W", 1).replace("--", "-")
    try:
        year_part, week_part = cleaned.split("-W")
        week = Week(int(year_part), int(week_part))
        week.start  # noqa: B018 - validates the week number (W53 exists only in some years)
    except ValueError:
        raise EtlError(
            f"not an ISO week: {text!r}",
            "write it as YEAR-Wnn, e.g. 2026-W47 (Monday to Sunday, Kyiv time)",
        ) from None
    return week


# ------------------------------------------------------------------------------ the pack


@dataclass(frozen=True)
class PackFile:
    name: str  # file stem
    query: str  # named query in etl/sql/queries/
    sort: tuple[tuple[str, str], ...] = ()  # for queries that leave the order to their reader


PACK: tuple[PackFile, ...] = (
    PackFile("articles", "weekly_articles"),
    PackFile("views", "weekly_views"),
    PackFile("readership_by_oblast", "readership_by_oblast",
             (("views", "descending"), ("oblast_iso", "ascending"))),
    PackFile("readership_by_tag", "readership_by_tag",
             (("views", "descending"), ("tag", "ascending"))),
    PackFile("readership_by_edition", "readership_by_edition"),
    PackFile("international_support", "support_coverage"),
    PackFile("donors", "donors", (("articles", "descending"), ("views", "descending"),
                                  ("donor", "ascending"))),
    PackFile("twinning", "twinning_pairs_in_period",
             (("mentions", "descending"), ("ukrainian", "ascending"), ("partner", "ascending"))),
)  # fmt: skip


def _fetch(con: duckdb.DuckDBPyConnection, spec: PackFile, params: dict[str, Any]) -> pa.Table:
    table = queries.run_arrow(con, spec.query, **params)
    return table.sort_by(list(spec.sort)) if spec.sort and table.num_rows else table


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _provenance(con: duckdb.DuckDBPyConnection, db_file: str) -> dict[str, Any]:
    from etl.load import SCHEMA_VERSION

    # fetchall, not fetchone: DuckDB 2.0 keeps a half-read result open on the connection.
    built = con.execute("select max(schema_version) from schema_info").fetchall()[0][0] or 0
    if built < SCHEMA_VERSION:  # the queries would meet missing tables or columns
        raise EtlError(
            f"{db_file} was built by an older version (schema {built}, the export needs "
            f"{SCHEMA_VERSION})",
            "run `python -m etl rebuild`, or load new pages, to upgrade it",
        )
    runs = con.execute(
        "select run_id, command, finished_at from load_runs order by run_id desc limit 1"
    ).fetchall()
    run = runs[0] if runs else None
    return {
        "schema_version": built,
        "load_run": None
        if run is None
        else {
            "run_id": run[0],
            "command": run[1],
            "finished_at": run[2].astimezone(UTC).isoformat() if run[2] else None,
        },
    }


def export_weekly(
    settings: Settings,
    week: str | None = None,
    out: Path = Path("exports"),
    excel: bool = False,
    parquet: bool = False,
    now: datetime | None = None,
) -> Path:
    """Write `out/weekly-<YYYY-Www>/` and return it. `now` pins the build time (tests)."""
    span = parse_week(week)
    params: dict[str, Any] = {"start": span.start, "end": span.end}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    final = out / f"weekly-{span.label}"
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=out))
    try:
        con = connect(settings)
        try:
            provenance = _provenance(con, str(settings.db_path))
            files = []
            for spec in PACK:
                table = _fetch(con, spec, params)
                csv_path = work / f"{spec.name}.csv"
                write_csv(table, csv_path, excel=excel)
                entry: dict[str, Any] = {
                    "file": csv_path.name,
                    "rows": table.num_rows,
                    "bytes": csv_path.stat().st_size,
                    "sha256": _sha256(csv_path),
                    "query": spec.query,
                    "description": queries.get(spec.query).description,
                    "sql": queries.get(spec.query).sql,
                    "parameters": {k: v.isoformat() for k, v in params.items()},
                    "order": [f"{c} {d}" for c, d in spec.sort] or "as the query orders",
                }
                if parquet:
                    write_parquet(table, work / f"{spec.name}.parquet")
                    entry["parquet"] = f"{spec.name}.parquet"
                files.append(entry)
        finally:
            con.close()
        manifest = {
            "week": span.label,
            "start": span.start.isoformat(),
            "end_exclusive": span.end.isoformat(),
            "time_zone": TIMEZONE,
            "filters": "none: every article, edition and region",
            "csv": {
                "encoding": "utf-8 with BOM" if excel else "utf-8",
                "line_end": "\\n",
                "formula_escape": "text cells starting with = + - @ tab CR get a leading '",
                "lists": "joined with '; '",
                "times": "ISO 8601, Kyiv time with offset",
            },
            **provenance,
            "built_at": (now or datetime.now(UTC)).astimezone(UTC).isoformat(),
            "generator": f"etl {__version__}",
            "files": files,
        }
        (work / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2, default=str) + "\n",
            encoding="utf-8",
        )
        _swap_in(work, final)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return final


def _swap_in(work: Path, final: Path) -> None:
    """Replace `final` by `work` so that a reader sees the old pack or the new one."""
    os.chmod(work, 0o755)  # mkdtemp makes it private
    if not final.exists():
        work.rename(final)
        return
    if _exchange(work, final):  # `work` now holds the old pack
        shutil.rmtree(work, ignore_errors=True)
        return
    old = final.with_name(f".{final.name}.old-{os.getpid()}")  # not Linux: a moment without
    final.rename(old)
    work.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0
