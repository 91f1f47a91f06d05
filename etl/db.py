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
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from etl.errors import DatabaseDamaged, DatabaseMissing
from etl.settings import TIMEZONE, Settings, get_settings

KEEP_GENERATIONS = 3  # the current one and two before it, for readers still holding them


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


def connect(settings: Settings | None = None, read_only: bool = True) -> duckdb.DuckDBPyConnection:
    """A connection to the current generation, in Kyiv time."""
    target = current_file(settings)
    try:
        con = duckdb.connect(str(target), read_only=read_only)
    except duckdb.Error as exc:
        raise DatabaseDamaged(
            f"the database {target} cannot be opened: {str(exc).splitlines()[0]}",
            "run `python -m etl rebuild` to recreate it from the raw archive",
        ) from exc
    try:
        con.execute("select count(*) from load_runs").fetchone()
    except duckdb.Error as exc:
        con.close()
        raise DatabaseDamaged(
            f"the database {target} is not an engagement database or is damaged: {exc}",
            "run `python -m etl rebuild` to recreate it from the raw archive",
        ) from exc
    return configure(con)


def new_generation(settings: Settings, copy_current: bool) -> Path:
    """A fresh file for a load to write, optionally starting as a copy of the current one."""
    settings.generations_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    target = settings.generations_dir / f"engagement-{stamp}-{os.getpid()}.duckdb"
    if copy_current and settings.db_path.exists():
        source = settings.db_path.resolve()
        with open(source, "rb") as src, open(target, "wb") as dst:
            shutil.copyfileobj(src, dst, length=16 << 20)
            dst.flush()
            os.fsync(dst.fileno())
    return target


def swap_in(settings: Settings, generation: Path) -> None:
    """Point db_path at the new generation in one atomic rename, then prune old ones."""
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
    prune(settings)


def prune(settings: Settings) -> None:
    """Delete generations beyond the newest few; never the current one.

    A reader holding a deleted generation keeps reading it (POSIX unlink semantics).
    """
    current = settings.db_path.resolve() if settings.db_path.exists() else None
    files = sorted(
        settings.generations_dir.glob("engagement-*.duckdb"), key=lambda p: p.stat().st_mtime
    )
    for old in files[:-KEEP_GENERATIONS]:
        if old != current:
            old.unlink(missing_ok=True)
            Path(f"{old}.wal").unlink(missing_ok=True)


def discard(generation: Path) -> None:
    generation.unlink(missing_ok=True)
    Path(f"{generation}.wal").unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
