"""Opening the database, and swapping a freshly built one into place.

DuckDB lets one process write a file and, while it does, no other process may open it, even
read-only; inside one process it also caches open databases by path, so a second connect()
to a path whose file was replaced returns the old data. So a load never writes the file
readers use. It writes a new *generation* file under `data/generations/`, then atomically
repoints the symlink `data/engagement.duckdb` at it. Readers resolve the symlink: each
generation has its own path, so DuckDB's cache can never hand out stale data, a reader that
still holds the old generation keeps a consistent snapshot, and the next resolve (cheap:
one readlink) finds the new one. A crash before the swap leaves the previous generation
current and untouched.

Copy or catch up. A load's new generation must start as the current database; copying the
file costs time in its size (~20 s per 4 GB on this disk, which has no reflink), far over a
weekly load's budget at a million articles. So KEEP_GENERATIONS files stay in rotation and a
load *reuses the oldest one* when it can: it renames the file to the new generation's name,
opens it read-write, and the loader catches it up - it copies the few load runs it lacks from
the current generation (facts and load_runs rows, ATTACHed read-only) and re-derives the
articles they touched, then loads the new pages as usual; the result is the same rows as a
copy (tests/test_load.py checks it). It falls back to the copy when:
- a reader still holds that file: DuckDB's file lock refuses the read-write open (another
  process), or a descriptor of this process points at it (locks do not separate a process from
  itself) - a load never blocks on a reader;
- the file is dirty: a `<file>.dirty` marker is written (and the folder fsynced) before a
  generation's first byte is written and removed only after it has been swapped in, so a
  file a killed load left behind is never reused, only deleted;
- it has a WAL beside it, or another schema version (checked by the loader).
The alternative, immutable Parquet files per load for the append-only facts, would also avoid
the copy but change every reader and the kill-safety argument; the rotation keeps one file per
generation and the same atomic swap.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from etl.errors import DatabaseDamaged, DatabaseMissing, DiskFull
from etl.settings import TIMEZONE, Settings, get_settings

KEEP_GENERATIONS = 3  # the current one and two before it: the oldest is reused (see above)
DIRTY = ".dirty"  # suffix of the marker beside a generation being written


def current_file(settings: Settings | None = None) -> Path:
    """The generation file readers should open now (the symlink's target)."""
    settings = settings or get_settings()
    path = settings.db_path
    if not path.exists():
        raise DatabaseMissing(
            f"no database at {path}",
            "build one with `python -m etl demo` (demo data) or `python -m etl load PAGES...`",
        )
    return path.resolve()


def generation_token(settings: Settings | None = None) -> str:
    """Changes whenever a load swaps in a new database: a cache key for readers."""
    target = current_file(settings)
    stat = target.stat()
    return f"{target}:{stat.st_mtime_ns}:{stat.st_size}"


def configure(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    con.execute(f"set TimeZone = '{TIMEZONE}'")  # a constant, not user input
    return con


def token_file(token: str) -> Path:
    """The generation file a `generation_token` names."""
    return Path(token.rsplit(":", 2)[0])


def connect(
    settings: Settings | None = None, read_only: bool = True, file: Path | None = None
) -> duckdb.DuckDBPyConnection:
    """A connection to the current generation (or to the given generation file), in Kyiv time.

    A reader that must see one generation throughout (a dashboard page run) passes the file
    its token named: the current one may have been swapped in the meantime.
    """
    target = file or current_file(settings)
    try:
        con = duckdb.connect(str(target), read_only=read_only)
    except duckdb.Error as exc:
        raise DatabaseDamaged(
            f"the database {target} cannot be opened: {str(exc).splitlines()[0]}", REBUILD_HINT
        ) from exc
    try:
        con.execute("select count(*) from load_runs").fetchone()
    except duckdb.Error as exc:
        con.close()
        raise DatabaseDamaged(
            f"the database {target} is not an engagement database or is damaged: {exc}",
            REBUILD_HINT,
        ) from exc
    return configure(con)


@dataclass(frozen=True)
class Generation:
    """A file a load writes; `behind` is set when it is a reused older generation that the
    loader must first catch up with that (the current) generation."""

    path: Path
    behind: Path | None = None


def new_generation(settings: Settings, copy_current: bool, reuse: bool = True) -> Generation:
    """A fresh file for a load to write: the current database, or an empty one.

    The current database is the oldest reusable generation renamed (to be caught up) when
    there is one, else a copy of the current file. Caller holds the load lock.
    """
    settings.generations_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = settings.generations_dir / f"engagement-{stamp}-{os.getpid()}.duckdb"
    source = settings.db_path.resolve() if copy_current and settings.db_path.exists() else None
    _discard_dirty(settings, source)
    if source is not None and reuse:
        reused = _reuse_oldest(settings, source, target)
        if reused is not None:
            return reused
    _mark_dirty(target)
    if source is not None:
        try:
            with open(source, "rb") as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst, length=16 << 20)
                dst.flush()
                os.fsync(dst.fileno())
        except BaseException:
            discard(target)  # a half copy (disk full, a kill signal we survive) is never kept
            raise
    return Generation(target)


def open_generation(generation: Generation) -> duckdb.DuckDBPyConnection:
    con = configure(duckdb.connect(str(generation.path)))
    # One checkpoint per load, the loader's own at the end. By default DuckDB checkpoints
    # whenever the write-ahead log passes 16 MB, inside whichever statement crosses it, and a
    # weekly load at 1M articles crossed it several times, each rewriting the tables touched
    # so far (~9 s of a 29 s load). The file is private until swap_in(): a killed load leaves
    # a file (and log) that is never reused.
    con.execute("set checkpoint_threshold = '1TB'")
    return con


def _reuse_oldest(settings: Settings, current: Path, target: Path) -> Generation | None:
    """The oldest clean generation renamed to `target`, if the rotation is full and no
    reader holds it; None means: copy instead."""
    clean = [
        f
        for f in _generations(settings)
        if f != current and not _dirty(f) and not Path(f"{f}.wal").exists()
    ]
    if len(clean) < KEEP_GENERATIONS - 1:
        return None  # the rotation is still filling: keep every file for readers
    oldest = clean[0]
    if _open_in_this_process(oldest):
        return None
    _mark_dirty(target)
    os.replace(oldest, target)
    try:
        duckdb.connect(str(target)).close()  # DuckDB's lock: fails if another process reads it
    except duckdb.Error:
        os.replace(target, oldest)
        Path(f"{target}.wal").unlink(missing_ok=True)
        _mark_clean(target)
        return None
    return Generation(target, behind=current)


def _open_in_this_process(path: Path) -> bool:
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        return True  # cannot tell: do not reuse
    for fd in fds.iterdir():
        try:
            if os.readlink(fd) == str(path):
                return True
        except OSError:
            continue
    return False


def _generations(settings: Settings) -> list[Path]:
    """Generation files, oldest first."""
    return sorted(
        settings.generations_dir.glob("engagement-*.duckdb"), key=lambda p: p.stat().st_mtime
    )


def _dirty(path: Path) -> bool:
    return Path(f"{path}{DIRTY}").exists()


def _mark_dirty(path: Path) -> None:
    Path(f"{path}{DIRTY}").touch()
    _fsync_dir(path.parent)


def _mark_clean(path: Path) -> None:
    Path(f"{path}{DIRTY}").unlink(missing_ok=True)


def _discard_dirty(settings: Settings, current: Path | None) -> None:
    """Delete what killed loads left: dirty generations that are not current."""
    for marker in settings.generations_dir.glob(f"engagement-*.duckdb{DIRTY}"):
        generation = Path(str(marker)[: -len(DIRTY)])
        if generation != current:
            discard(generation)


def swap_in(settings: Settings, generation: Path) -> None:
    """Point db_path at the new generation in one atomic rename, then prune old ones.

    The generation is marked clean (reusable once it is old) only after the swap.
    """
    link = settings.db_path
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists() and not link.is_symlink():
        # A plain file from an older layout or a user's copy: keep it as a generation.
        kept = settings.generations_dir / f"engagement-preexisting-{os.getpid()}.duckdb"
        os.replace(link, kept)
    tmp_link = link.with_name(f".{link.name}.{os.getpid()}.swap")
    tmp_link.unlink(missing_ok=True)
    tmp_link.symlink_to(os.path.relpath(generation, link.parent))
    os.replace(tmp_link, link)
    _fsync_dir(link.parent)
    _mark_clean(generation)
    prune(settings)


def prune(settings: Settings) -> None:
    """Delete generations beyond the newest few; never the current one.

    A reader holding a deleted generation keeps reading it (POSIX unlink semantics).
    """
    current = settings.db_path.resolve() if settings.db_path.exists() else None
    for old in _generations(settings)[:-KEEP_GENERATIONS]:
        if old != current:
            discard(old)


def discard(generation: Path) -> None:
    generation.unlink(missing_ok=True)
    Path(f"{generation}.wal").unlink(missing_ok=True)
    _mark_clean(generation)


FULL_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}
# What DuckDB says when the same OS errors reach it (it raises its own IOException).
FULL_MESSAGES = ("no space left", "file too large", "disk quota")
# What DuckDB says when a block fails its checksum or the file ends early.
DAMAGE_MESSAGES = ("corrupt database file", "could not read enough bytes")
REBUILD_HINT = "run `python -m etl rebuild` to recreate it from the raw archive"


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in FULL_ERRNOS:
        return True
    return isinstance(exc, duckdb.Error) and any(m in str(exc).lower() for m in FULL_MESSAGES)


def is_damage(exc: BaseException) -> bool:
    return isinstance(exc, duckdb.Error) and any(m in str(exc).lower() for m in DAMAGE_MESSAGES)


def damaged(settings: Settings, exc: BaseException) -> DatabaseDamaged:
    """A read that found a damaged block: name the current file (a load reads it via its copy)."""
    target = settings.db_path.resolve()
    return DatabaseDamaged(
        f"the database {target} is damaged: {str(exc).splitlines()[0]}", REBUILD_HINT
    )


@contextmanager
def storage_errors(settings: Settings) -> Iterator[None]:
    """Turn a full disk while writing the archive or a generation, and a damaged current
    database found while reading it, into one clear DiskFull / DatabaseDamaged.

    The caller (the loader) has already discarded its half-written generation, so the
    previous database stays current and untouched.
    """
    try:
        yield
    except (OSError, duckdb.Error) as exc:
        if is_damage(exc):
            raise damaged(settings, exc) from exc
        if not is_disk_full(exc):
            raise
        folders = sorted({str(settings.db_path.parent), str(settings.raw_dir)})
        raise DiskFull(
            f"the disk is full (no space left to write under {' and '.join(folders)}): "
            f"{str(exc).splitlines()[0]}; the previous database is unchanged",
            "free some space (a load needs room for one more copy of the database), "
            "then run the same command again",
        ) from exc


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
