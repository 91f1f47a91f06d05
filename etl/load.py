"""Load pages into the database: archive, parse, save in bulk, derive, swap.

One path serves every command: `load` and `demo` first put their files into the raw archive,
the crawler puts what it fetches there itself, and then `ingest` parses every archived input
the current database has not seen, writes a new generation (the current database, copied or
an older generation caught up, plus the new rows), derives what analysts read, and swaps it in
(etl/db.py). A page that cannot be
parsed is quarantined with its reason; a crash at any point leaves the previous database
current and intact; loading the same bytes again changes no row.
"""

from __future__ import annotations

import fcntl
import functools
import gc
import json
import os
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import pyarrow as pa

from etl import __version__, db, reference_tables
from etl.archive import Entry, RawArchive, sha256_of
from etl.errors import EtlError, ParseError
from etl.models import Page
from etl.settings import Settings, get_settings
from etl.sql_files import statements

SCHEMA_VERSION = 5  # 2: per-day rollups, no snapshot primary key; 3: article_no;
# 4: twinning_pairs' register names (views.sql is re-applied by every load); 5: raw_files and
# page_versions without a primary key, raw_files.sha_key (see prepare_schema)
MAX_VIEWS = 10**10  # above any real counter; larger values are garbage in the page
PARALLEL_FROM = 64  # below this many pages, process start-up costs more than it saves


@dataclass
class LoadSummary:
    run_id: int = 0
    command: str = "load"
    inputs: int = 0
    new_pages: int = 0
    updated_pages: int = 0
    unchanged_pages: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    snapshots_added: int = 0
    database: str = ""
    manifest_bytes: int = 0  # the raw archive's manifest read up to here

    def lines(self) -> list[str]:
        out = [
            f"load run {self.run_id} ({self.command}): {self.inputs} inputs, "
            f"{self.new_pages} new, {self.updated_pages} updated, "
            f"{self.unchanged_pages} unchanged, {len(self.quarantined)} quarantined; "
            f"{self.snapshots_added} view snapshots added",
            f"database: {self.database}",
        ]
        out += [f"quarantined {name}: {reason}" for name, reason in self.quarantined]
        return out


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Input:
    path: Path
    name: str  # as the user named it (relative to the folder they gave)
    url: str | None = None
    observed_at: datetime | None = None  # from a manifest.jsonl beside the files
    status: int | None = None
    etag: str | None = None
    last_modified: str | None = None


MANIFEST = "manifest.jsonl"


def _read_manifest(folder: Path) -> dict[str, dict]:
    path = folder / MANIFEST
    if not path.is_file():
        return {}
    found: dict[str, dict] = {}
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                found[str(record["file"])] = record
            except (ValueError, KeyError, TypeError) as exc:
                raise EtlError(
                    f"{path} line {number} is not a manifest record: {exc}",
                    'each line must be JSON with at least {"file": ...}',
                ) from exc
    return found


def _input(path: Path, name: str, meta: dict | None) -> Input:
    if not meta:
        return Input(path, name)
    fetched = meta.get("fetched_at")
    return Input(
        path,
        name,
        url=meta.get("url"),
        observed_at=datetime.fromisoformat(fetched) if fetched else None,
        status=meta.get("status"),
        etag=meta.get("etag"),
        last_modified=meta.get("last_modified"),
    )


def gather(paths: Iterable[Path]) -> Iterator[Input]:
    """Every file under the given files and folders, with manifest facts where given."""
    for given in paths:
        if given.is_dir():
            manifest = _read_manifest(given)
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                rel = path.relative_to(given).as_posix()
                if path.name == MANIFEST or any(part.startswith(".") for part in path.parts[-1:]):
                    continue
                yield _input(path, f"{given.name}/{rel}", manifest.get(rel))
        elif given.is_file():
            yield _input(given, str(given), _read_manifest(given.parent).get(given.name))
        else:
            raise EtlError(f"{given}: no such file or folder", "check the path you gave to load")


# Inputs read, hashed and looked up in the database at a time: small, so the parsing workers
# get their first pages early (300 at a time made the 20,000-article demo build ~8 s slower).
ARCHIVE_CHUNK = 64


def archive_inputs(
    archive: RawArchive,
    inputs: Iterable[Input],
    summary: LoadSummary,
    archived: Callable[[Entry], None] | None = None,
    loaded: Callable[[Iterable[str]], set[str]] | None = None,
    since: int = 0,
) -> list[Entry]:
    """Put every input into the raw archive before anything parses it; the entries of those
    the database does not hold yet. `archived` is told of each as soon as its bytes are in
    (load_paths parses them meanwhile).

    What was archived is known without reading the whole manifest: the database answers for
    everything up to `since` (the manifest offset its last load read up to: every entry
    before it was loaded or quarantined then), the manifest's lines after it for the rest.
    An input the database holds counts as unchanged; its bytes are put back only if they
    went missing from the archive.
    """
    known = {e.sha256: e for e in archive.tail(since)[0]}
    entries = []
    with archive.bulk():
        for chunk in _chunks(inputs, ARCHIVE_CHUNK):
            read = []
            for item in chunk:
                summary.inputs += 1
                try:
                    read.append((item, item.path.read_bytes()))
                except OSError as exc:
                    summary.quarantined.append((item.name, f"cannot be read: {exc.strerror}"))
            hashes = [sha256_of(data) for _, data in read]
            held = loaded(hashes) if loaded is not None else set()
            for (item, data), sha in zip(read, hashes, strict=True):
                if sha in held:
                    summary.unchanged_pages += 1
                    if not archive.has(sha):  # its archive copy went missing: put it back
                        _put(archive, item, data, sha, known)
                    continue
                entry = _put(archive, item, data, sha, known)
                entries.append(entry)
                if archived is not None:
                    archived(entry)
    return entries


def _chunks(items: Iterable[Input], size: int) -> Iterator[list[Input]]:
    chunk: list[Input] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _put(archive: RawArchive, item: Input, data: bytes, sha: str, known: dict[str, Entry]) -> Entry:
    observed = item.observed_at
    source = "manifest"
    if observed is None:
        observed = datetime.fromtimestamp(item.path.stat().st_mtime, UTC)
        source = "file_mtime"
    entry, _ = archive.put(
        data,
        file_name=item.name,
        observed_at=observed,
        observed_from=source,
        url=item.url,
        status=item.status,
        etag=item.etag,
        last_modified=item.last_modified,
        known=known,
        sha=sha,
    )
    return entry


# --------------------------------------------------------------------------- parsing


@dataclass
class Parsed:
    entry: Entry
    page: Page | None
    error: str | None
    fingerprint: str = ""


def _parse_entry(args: tuple[Entry, str]) -> Parsed:
    entry, raw_root = args
    from etl.facts import fingerprint
    from etl.parse import parse_bytes

    try:
        data = RawArchive(Path(raw_root)).read(entry.sha256)
        page = parse_bytes(data, entry.file_name, url=entry.url)
        _validate(page)
    except ParseError as exc:
        return Parsed(entry, None, exc.message)
    except EtlError as exc:
        return Parsed(entry, None, str(exc))
    except Exception as exc:  # a parser bug must quarantine one page, not stop the load
        return Parsed(entry, None, f"parser failed: {type(exc).__name__}: {exc}")
    page.body = page.body if page.kind != "listing" else ""
    fp = fingerprint(page.body, page.title, page.language) if page.kind != "listing" else ""
    page.body = ""  # not needed past this point; keeps inter-process traffic small
    return Parsed(entry, page, None, fp)


def _validate(page: Page) -> None:
    for views in [page.views, *(item.views for item in page.items)]:
        if views is not None and not 0 <= views < MAX_VIEWS:
            raise ParseError(f"implausible view count {views}")
    if page.kind == "listing" and not page.items:
        raise ParseError("listing page without any article item")


def _parse_batch(entries: list[Entry], raw_root: str) -> list[Parsed]:
    return [_parse_entry((e, raw_root)) for e in entries]


class ParsingPipeline:
    """Parses entries in worker processes while the caller is still archiving the rest."""

    BATCH = 64

    def __init__(self, raw_root: Path) -> None:
        self.raw_root = str(raw_root)
        self.pool = ProcessPoolExecutor(max_workers=os.cpu_count() or 1)
        self.seen: set[str] = set()
        self.batch: list[Entry] = []
        self.futures: list[Future[list[Parsed]]] = []

    def add(self, entry: Entry) -> None:
        if entry.sha256 in self.seen:
            return
        self.seen.add(entry.sha256)
        self.batch.append(entry)
        if len(self.batch) >= self.BATCH:
            self._submit()

    def _submit(self) -> None:
        if self.batch:
            self.futures.append(self.pool.submit(_parse_batch, self.batch, self.raw_root))
            self.batch = []

    def results(self) -> dict[str, Parsed]:
        self._submit()
        try:
            return {p.entry.sha256: p for f in self.futures for p in f.result()}
        finally:
            self.pool.shutdown()


def parse_entries(entries: list[Entry], raw_root: Path) -> list[Parsed]:
    jobs = [(e, str(raw_root)) for e in entries]
    workers = os.cpu_count() or 1
    if len(jobs) < PARALLEL_FROM or workers == 1:
        return [_parse_entry(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(_parse_entry, jobs, chunksize=64))


# --------------------------------------------------------------------------- rows


def page_key(page: Page, entry: Entry) -> str | None:
    """The portal's key; else a stable one, so a page without an address is still kept.

    Reprints are keyed by their own address; a portal page saved without its URL by its title
    and date, so two renderings of it meet in one article.
    """
    if page.article_key:
        return page.article_key
    if page.kind == "listing":
        return None
    prefix = "reprint" if page.kind == "reprint" else "page"
    ident = page.source_url or page.url or entry.url
    if not ident and page.title:
        ident = f"{page.title}|{page.published_at or ''}"
    return f"{prefix}:" + (sha256_of(ident.encode()) if ident else entry.sha256)[:16]


KYIV = ZoneInfo("Europe/Kyiv")


@functools.lru_cache(maxsize=1 << 16)  # a listing repeats each article's date in every sighting
def _ts(value: str | None) -> tuple[datetime | None, bool | None]:
    """A parser date string -> (aware datetime, has_time). Bare dates mean Kyiv midnight."""
    if not value:
        return None, None
    if "T" in value:
        return datetime.fromisoformat(value), True
    return datetime.fromisoformat(value).replace(tzinfo=KYIV), False


class Columns(dict[str, list]):
    """One table's new rows held as columns, which Arrow takes without a pass per row (a
    weekly load at 1M articles has ~170,000 listing items)."""

    def add(self, **row: object) -> None:
        for name, value in row.items():
            self.setdefault(name, []).append(value)

    def extend(self, **columns: list) -> None:
        for name, values in columns.items():
            self.setdefault(name, []).extend(values)

    def __len__(self) -> int:
        return len(next(iter(self.values()), ()))

    def column(self, name: str) -> list:
        return self.get(name, [])


@dataclass
class Rows:
    raw_files: Columns = field(default_factory=Columns)
    quarantine: Columns = field(default_factory=Columns)
    versions: Columns = field(default_factory=Columns)
    items: Columns = field(default_factory=Columns)
    snapshots: Columns = field(default_factory=Columns)  # article pages' (listings': items)


def build_rows(parsed: list[Parsed], run_id: int, now: datetime) -> Rows:
    rows = Rows()
    for p in parsed:
        e = p.entry
        observed = datetime.fromisoformat(e.observed_at)
        page = p.page
        key = page_key(page, e) if page else None
        kind = page.kind if page else "quarantined"
        rows.raw_files.add(
            sha256=e.sha256,
            file_name=e.file_name,
            size_bytes=e.size_bytes,
            url=(page.url if page else None) or e.url,
            observed_at=observed,
            observed_from=e.observed_from,
            kind=kind,
            run_id=run_id,
        )
        if page is None:
            rows.quarantine.add(
                sha256=e.sha256,
                file_name=e.file_name,
                reason=p.error or "unknown",
                run_id=run_id,
                quarantined_at=now,
            )
            continue
        if page.kind == "listing":
            _add_items(rows.items, e.sha256, observed, page.items)
            continue  # its items' view counts become snapshots in _write
        assert key is not None
        published, has_time = _ts(page.published_at)
        rows.versions.add(
            sha256=e.sha256,
            article_key=key,
            kind=page.kind,
            edition=page.edition,
            url=page.url or page.source_url,
            language=page.language,
            title=page.title,
            published_at=published,
            published_has_time=has_time,
            source=page.source,
            views=page.views,
            tags=page.tags,
            oblasts=page.oblasts,
            hromadas=page.hromadas,
            donors=page.donors,
            international_support=page.international_support,
            twinning=[_pair_dict(t) for t in page.twinning],
            body_chars=None,
            fingerprint=p.fingerprint,
            observed_at=observed,
            run_id=run_id,
        )
        if page.views is not None:
            rows.snapshots.add(
                article_key=key,
                observed_at=observed,
                views=page.views,
                sha256=e.sha256,
                origin="article",
            )
    return rows


def _add_items(items: Columns, sha: str, observed: datetime, listed: list) -> None:
    """A listing page's items with an article key, a column at a time."""
    kept = [(position, i) for position, i in enumerate(listed) if i.article_key]
    dates = [_ts(i.published_at) for _, i in kept]
    items.extend(
        sha256=[sha] * len(kept),
        position=[position for position, _ in kept],
        article_key=[i.article_key for _, i in kept],
        title=[i.title for _, i in kept],
        published_at=[d[0] for d in dates],
        published_has_time=[d[1] for d in dates],
        views=[i.views for _, i in kept],
        oblasts=[i.oblasts for _, i in kept],
        tags=[i.tags for _, i in kept],
        observed_at=[observed] * len(kept),
    )


def _pair_dict(pair: object) -> dict:
    from dataclasses import asdict, is_dataclass

    return asdict(pair) if is_dataclass(pair) else dict(pair)  # type: ignore[arg-type, call-overload]


# --------------------------------------------------------------------------- database


@contextmanager
def load_lock(settings: Settings) -> Iterator[None]:
    """One load at a time; a second waits rather than racing for the swap."""
    settings.db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(settings.db_path.parent / ".load.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# Keys looked up per query. An IN list of bound values lets DuckDB answer from an index (~10
# ms per 300 keys at 7.6 million raw files; sha_key(?) is folded to a constant too); a list
# parameter or a join scans the whole column, and fetching every stored hash into Python took
# ~5-9 s at that size. Each lookup: its query and the placeholder of one key.
LOOKUP_CHUNK = 300
LOOKUPS = {
    "raw_files": ("select sha256 from raw_files where sha_key in ({})", "sha_key(?)"),
    # a file from before schema 5, until its first load: its primary key on sha256
    "raw_files_keyed": ("select sha256 from raw_files where sha256 in ({})", "?"),
    "articles": ("select article_key from articles where article_key in ({})", "?"),
}


def _present(con: duckdb.DuckDBPyConnection, lookup: str, keys: Iterable[str]) -> set[str]:
    """The given keys (raw file hashes or article keys) that the table of `lookup` holds."""
    wanted = set(keys)
    keys = sorted(wanted)
    query, placeholder = LOOKUPS[lookup]
    found: set[str] = set()
    for i in range(0, len(keys), LOOKUP_CHUNK):
        chunk = keys[i : i + LOOKUP_CHUNK]
        sql = query.format(", ".join([placeholder] * len(chunk)))  # placeholders only
        found.update(r[0] for r in con.execute(sql, chunk).fetchall())
    return found & wanted  # another file can share a sha_key (1 in 2^64)


class LoadedHashes:
    """Which raw files the current database holds, asked of its sha_key index."""

    def __init__(self, settings: Settings) -> None:
        exists = settings.db_path.exists()
        self.con = db.connect(settings) if exists else None
        self.lookup = "raw_files"
        if self.con is not None and "raw_files" in _keyed(self.con):
            self.lookup = "raw_files_keyed"

    def __call__(self, hashes: Iterable[str]) -> set[str]:
        return _present(self.con, self.lookup, hashes) if self.con is not None else set()

    def close(self) -> None:
        if self.con is not None:
            self.con.close()
            self.con = None


def _manifest_read(settings: Settings) -> int:
    """How far into the raw archive's manifest the current database's last load read."""
    if not settings.db_path.exists():
        return 0
    con = db.connect(settings)
    try:
        row = con.execute(
            "select manifest_bytes from load_runs order by run_id desc limit 1"
        ).fetchone()
    except duckdb.BinderException:
        return 0  # a file from before the column: read the whole manifest once
    finally:
        con.close()
    return int(row[0]) if row and row[0] is not None else 0


def _loaded_hashes(settings: Settings, hashes: Iterable[str]) -> set[str]:
    loaded = LoadedHashes(settings)
    try:
        return loaded(hashes)
    finally:
        loaded.close()


# Tables a file from before schema 5 defined with a primary key on sha256.
UNKEYED = ("raw_files", "page_versions")
# Columns the database computes from the others when rows are inserted.
COMPUTED = {"raw_files": {"sha_key": "sha_key(sha256)"}}


def _computed(table: str) -> str:
    return "".join(f", {expr} as {col}" for col, expr in COMPUTED.get(table, {}).items())


def _keyed(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The UNKEYED tables that still have their primary key: a file from before schema 5."""
    return [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_constraints() where database_name = current_database()"
            " and constraint_type = 'PRIMARY KEY' and list_contains(?, table_name)",
            [list(UNKEYED)],
        ).fetchall()
    ]


def prepare_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a generation's tables to schema.sql: create what is missing, and move the rows of
    a table that an older file keyed into its current definition (once per file: DuckDB cannot
    drop a primary key; ~20 s at 1M articles, in the load's private generation)."""
    keyed = _keyed(con)
    for table in keyed:  # names: our constants
        con.execute(f"alter table {table} rename to {table}_keyed")
    for sql in statements("schema.sql"):
        con.execute(sql)
    for table in keyed:
        con.execute(f"insert into {table} by name select *{_computed(table)} from {table}_keyed")
        con.execute(f"drop table {table}_keyed")


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Columns) -> None:
    count = len(rows)
    if not count:
        return
    # Each column converted to the table's own Arrow type: inferring types from the values
    # took ~0.5 s of a weekly load at 1M articles (168,000 listing items).
    with warnings.catch_warnings():  # DuckDB warns that Arrow output copies the rows: none here
        warnings.simplefilter("ignore", UserWarning)
        schema = con.execute(f"from {table} limit 0").to_arrow_table().schema  # type: ignore[union-attr]
    arrays = {
        f.name: pa.array(rows.get(f.name) or [None] * count, type=f.type)
        for f in schema
        if f.name not in COMPUTED.get(table, {})
    }
    # Registered explicitly: DuckDB's implicit scan of Python locals silently inserted no rows
    # for a large frame inside the load's transaction.
    con.register("_rows", pa.table(arrays))
    try:
        con.execute(f"insert into {table} by name select *{_computed(table)} from _rows")
    finally:
        con.unregister("_rows")


def ingest(
    settings: Settings,
    command: str,
    summary: LoadSummary,
    rebuild: bool = False,
    parsed_already: dict[str, Parsed] | None = None,
) -> None:
    """Parse every archived input the database lacks and swap in a new generation."""
    archive = RawArchive(settings.raw_dir)
    # Every entry before the offset the last load read up to was loaded or quarantined then.
    entries, manifest_bytes = archive.tail(0 if rebuild else _manifest_read(settings))
    summary.manifest_bytes = manifest_bytes
    loaded = set() if rebuild else _loaded_hashes(settings, (e.sha256 for e in entries))
    # Once per file: the database admits a raw file once (raw_files has no key to refuse it).
    first = {e.sha256: e for e in reversed(entries) if e.sha256 not in loaded}
    pending = [e for e in entries if first.get(e.sha256) is e]
    done = parsed_already or {}
    # Archive order: what an earlier, failed load left unparsed comes first, then this load's.
    parsed = parse_entries([e for e in pending if e.sha256 not in done], settings.raw_dir)
    parsed += [done[e.sha256] for e in pending if e.sha256 in done]

    generation = db.new_generation(settings, copy_current=not rebuild)
    try:
        con = db.open_generation(generation)
        if generation.behind is not None and not _can_catch_up(con, generation.behind):
            con.close()  # another history (a rebuild since) or schema: copy after all
            db.discard(generation.path)
            generation = db.new_generation(settings, copy_current=True, reuse=False)
            con = db.open_generation(generation)
        try:
            with _cycle_gc_paused():
                _write(con, settings, command, summary, parsed, rebuild, generation.behind)
        finally:
            con.close()
        db.swap_in(settings, generation.path)
    except BaseException:
        db.discard(generation.path)  # the previous generation stays current and untouched
        raise
    summary.database = str(settings.db_path)


@contextmanager
def _cycle_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a load writes.

    The write builds hundreds of thousands of short-lived, acyclic objects (rows, story
    features) while the parsed pages are alive: each full collection walked all of them, ~0.8 s
    of a weekly load at 1,000,000 articles (docs/benchmarks.md, finding 15). Reference counting
    still frees everything; cycles made meanwhile wait for the collection after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _can_catch_up(con: duckdb.DuckDBPyConnection, current: Path) -> bool:
    """True if the reused file is an earlier state of `current`: its load runs are the
    current one's first runs, and both have this schema version."""
    _attach_current(con, current)
    try:
        return bool(
            con.execute(
                "select (select count(*) from load_runs) = "
                "(select count(*) from load_runs o join cur.load_runs c "
                "using (run_id, command, started_at, finished_at)) "
                "and (select max(schema_version) from schema_info) = ? "
                "and (select max(schema_version) from cur.schema_info) = ?",
                [SCHEMA_VERSION, SCHEMA_VERSION],
            ).fetchone()[0]  # type: ignore[index]
        )
    except duckdb.Error:
        return False
    finally:
        con.execute("detach cur")


def _attach_current(con: duckdb.DuckDBPyConnection, current: Path) -> None:
    # ATTACH takes no bound parameters; the path is a generation file name we made.
    quoted = str(current).replace("'", "''")
    con.execute(f"attach '{quoted}' as cur (read_only)")


def _catch_up(con: duckdb.DuckDBPyConnection, current: Path) -> set[str]:
    """Copy what the reused file lacks from the current generation; the touched articles."""
    _attach_current(con, current)
    try:
        for sql in statements("catch_up.sql"):
            con.execute(sql)
    finally:
        con.execute("detach cur")
    return {r[0] for r in con.execute("select article_key from caught_up").fetchall()}


def _write(
    con: duckdb.DuckDBPyConnection,
    settings: Settings,
    command: str,
    summary: LoadSummary,
    parsed: list[Parsed],
    rebuild: bool,
    behind: Path | None = None,
) -> None:
    prepare_schema(con)
    # The snapshots this load adds (and a catch-up copies): derive.sql reads these, not the
    # stored history, for articles whose new readings come after their last one.
    con.execute(
        "create or replace temp table load_snapshots as "
        "select article_key, observed_at, views from view_snapshots limit 0"
    )
    caught_up = _catch_up(con, behind) if behind is not None else set()
    now = datetime.now(UTC)
    # No explicit transaction: the generation file is private until swap_in(), which is what
    # makes a load atomic. (duckdb 2.0.0 also returned empty scans of a table that received
    # more than one row group from Arrow inside an open transaction: seen at 185,070 rows.)
    run_id = con.execute("select coalesce(max(run_id), 0) + 1 from load_runs").fetchone()[0]  # type: ignore[index]
    summary.run_id = run_id
    summary.command = command
    # Articles the copy would know: a caught-up run's pages and listings make articles too.
    rows = build_rows(parsed, run_id, now)
    known_keys = _present(con, "articles", rows.versions.column("article_key"))
    known_keys |= caught_up
    for table, data in (
        ("raw_files", rows.raw_files),
        ("quarantine", rows.quarantine),
        ("page_versions", rows.versions),
    ):
        _insert(con, table, data)
    con.execute("create or replace temp table incoming_items as from listing_items limit 0")
    _insert(con, "incoming_items", rows.items)
    con.execute("insert into listing_items from incoming_items")
    before = con.execute("select count(*) from view_snapshots").fetchone()[0]  # type: ignore[index]
    if rows.snapshots or rows.items:
        # The same counter value can arrive twice (two renderings fetched together): one row
        # per (article_key, observed_at, sha256), the highest. No row already stored can match:
        # sha256 names a raw file, and the loader admits only files the database lacks - so
        # no anti-join against the stored snapshots (a full scan of ~100 million rows at
        # 1,000,000 articles) and no primary-key index (docs/benchmarks.md).
        con.execute("create or replace temp table incoming as from view_snapshots limit 0")
        _insert(con, "incoming", rows.snapshots)
        con.execute(
            "insert into incoming select article_key, observed_at, views, sha256, 'listing' "
            "from incoming_items where views is not null"
        )
        con.execute(
            "create or replace temp table incoming_rows as "
            "select distinct on (article_key, observed_at, sha256) * from incoming "
            "order by article_key, observed_at, sha256, views desc"
        )
        con.execute("insert into view_snapshots from incoming_rows")
        con.execute(
            "insert into load_snapshots select article_key, observed_at, views from incoming_rows"
        )
    after = con.execute("select count(*) from view_snapshots").fetchone()[0]  # type: ignore[index]
    summary.snapshots_added = after - before

    _count_pages(summary, rows, known_keys)
    summary.quarantined += list(
        zip(rows.quarantine.column("file_name"), rows.quarantine.column("reason"), strict=True)
    )

    reference_tables.refresh(con, settings)
    touched = set(rows.versions.column("article_key")) | set(rows.items.column("article_key"))
    touched |= caught_up
    con.execute("create or replace temp table affected (article_key varchar primary key)")
    if rebuild:
        con.execute(
            "insert into affected select distinct article_key from page_versions "
            "union select distinct article_key from listing_items"
        )
    elif touched:
        _insert(con, "affected", Columns(article_key=sorted(touched)))
    for sql in statements("derive.sql"):
        con.execute(sql)
    _link_stories(con)
    for sql in statements("views.sql"):
        con.execute(sql)
    con.execute("delete from schema_info")
    con.execute("insert into schema_info values (?, ?)", [SCHEMA_VERSION, __version__])
    con.execute(
        "insert into load_runs by name select ? as run_id, ? as command, ? as started_at, "
        "? as finished_at, ? as inputs, ? as new_pages, ? as updated_pages, "
        "? as unchanged_pages, ? as quarantined_pages, ? as snapshots_added, "
        "? as manifest_bytes",
        [
            run_id,
            command,
            now,
            datetime.now(UTC),
            summary.inputs,
            summary.new_pages,
            summary.updated_pages,
            summary.unchanged_pages,
            len(summary.quarantined),
            summary.snapshots_added,
            summary.manifest_bytes,
        ],
    )
    con.execute("checkpoint")


def _count_pages(summary: LoadSummary, rows: Rows, known_keys: set[str]) -> None:
    seen: set[str] = set()
    for key in rows.versions.column("article_key"):
        if key in known_keys or key in seen:
            summary.updated_pages += 1
        else:
            summary.new_pages += 1
        seen.add(key)
    listings = set(rows.items.column("sha256"))
    summary.updated_pages += len(listings)


STORY_COLUMNS = "article_key, kind, edition, language, published_at, title, fingerprint"


def _link_stories(con: duckdb.DuckDBPyConnection) -> None:
    """Link the affected articles whose linking inputs changed (story_inputs) into stories
    against the stored index (story_features, story_links), and re-assign only the stories
    that can have changed.

    The same pairs as linking everything from scratch (etl.facts.stories.link_stories) as long
    as no feature crosses the rarity cut and no pair's score crosses the threshold through the
    growth of the database alone: document frequencies of untouched pairs are those of the load
    that last scored them. An empty index (a new or upgraded database) links everything.
    """
    from etl.facts.stories import MAX_DF_SHARE, MIN_MAX_DF, assign_stories, link_edges

    n = con.execute("select count(*) from articles").fetchone()[0]  # type: ignore[index]
    con.execute(
        "create or replace temp table story_params as select ? as max_df",
        [max(MIN_MAX_DF, int(n * MAX_DF_SHARE))],
    )
    for sql in statements("story_index.sql"):
        con.execute(sql)
    scope = con.execute(
        f"select {STORY_COLUMNS} from articles "  # a constant column list
        "where article_key in (select article_key from story_scope)"
    ).df()
    df = dict(con.execute("select feature, df from story_df").fetchall())
    only = {r[0] for r in con.execute("select article_key from story_affected").fetchall()}
    edges = link_edges(scope, n=n, df=df, only=only)
    con.register(
        "new_links",
        pa.table(
            {"a": [e[0] for e in edges], "b": [e[1] for e in edges]},
            schema=pa.schema([("a", pa.string()), ("b", pa.string())]),
        ),
    )
    try:
        for sql in statements("story_links.sql"):
            con.execute(sql)
    finally:
        con.unregister("new_links")
    members = con.execute(
        f"select {STORY_COLUMNS} from articles "  # a constant column list
        "where article_key in (select article_key from story_members)"
    ).df()
    links = con.execute(
        "select a, b from story_links where a in (select article_key from story_members) "
        "and b in (select article_key from story_members)"
    ).fetchall()
    con.register("_links", assign_stories(members, links))
    try:
        con.execute(
            "delete from stories where article_key in (select article_key from story_members) "
            "or article_key in (select article_key from story_affected)"
        )
        con.execute("insert into stories by name select * from _links")
    finally:
        con.unregister("_links")


# --------------------------------------------------------------------------- commands


def load_paths(
    paths: list[Path], settings: Settings | None = None, command: str = "load"
) -> LoadSummary:
    settings = settings or get_settings()
    summary = LoadSummary(command=command)
    with load_lock(settings), db.storage_errors(settings):
        inputs = list(gather(paths))
        archive = RawArchive(settings.raw_dir)
        parsed: dict[str, Parsed] | None = None
        since = _manifest_read(settings)
        loaded = LoadedHashes(settings)
        try:
            if len(inputs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
                pipeline = ParsingPipeline(settings.raw_dir)
                try:
                    archive_inputs(archive, inputs, summary, pipeline.add, loaded, since)
                    parsed = pipeline.results()
                finally:
                    pipeline.pool.shutdown(cancel_futures=True)
            else:
                archive_inputs(archive, inputs, summary, None, loaded, since)
        finally:
            loaded.close()
        ingest(settings, command, summary, parsed_already=parsed)
    return summary


def load_pending(settings: Settings | None = None, command: str = "update") -> LoadSummary:
    """Ingest what the crawler put into the archive since the last load."""
    settings = settings or get_settings()
    summary = LoadSummary(command=command)
    with load_lock(settings), db.storage_errors(settings):
        ingest(settings, command, summary)
    return summary


def rebuild(settings: Settings | None = None) -> LoadSummary:
    """Recreate the database from the raw archive alone."""
    settings = settings or get_settings()
    summary = LoadSummary(command="rebuild")
    with load_lock(settings), db.storage_errors(settings):
        summary.inputs = sum(1 for _ in RawArchive(settings.raw_dir).entries())
        if not summary.inputs:
            raise EtlError(f"the raw archive {settings.raw_dir} is empty", "load some pages first")
        ingest(settings, "rebuild", summary, rebuild=True)
    return summary
