"""Faults: loads killed at random points, a full disk, a damaged database file.

Written against behaviour, not the loader's internals (a generation may be a copy or a reused
older file): after any fault the previous database opens with identical rows in *every*
table, the next load completes, and its result equals a clean load of the same inputs.
Short versions run in `make test`; `make soak` runs the long ones and prints the figures.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from etl import db
from etl.archive import RawArchive
from etl.errors import DatabaseDamaged
from etl.load import load_paths
from etl.settings import Settings
from tests.conftest import FIXTURE_PAGES, TESTS, make_settings
from tests.reliability_report import report
from tests.test_load import stored_tables
from tests.test_reliability_readers import write_batch


def digest(settings: Settings) -> dict[str, tuple[int, str]]:
    """Per table (all of them, the load log too): row count and a hash of the ordered rows."""
    con = db.connect(settings)
    try:
        out = {}
        for table in stored_tables(con):
            rows = con.execute(f'select * from "{table}" order by all').fetchall()  # our names
            out[table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()[:16])
        return out
    finally:
        con.close()


# Ids a load assigns in its own order (the run, a surrogate article number): the same pages
# loaded in other groupings get other ids but must give the same facts.
ORDER_IDS = {"run_id", "quarantined_at", "article_no"}


def content(settings: Settings) -> dict[str, list[tuple]]:
    """Every row of every table but the load log, without the order-assigned ids."""
    con = db.connect(settings)
    try:
        out = {}
        for (table,) in con.execute(
            "select table_name from duckdb_tables() where not temporary and "
            "table_name <> 'load_runs' order by 1"
        ).fetchall():
            cols = [c[0] for c in con.execute(f'describe "{table}"').fetchall()]
            keep = ", ".join(f'"{c}"' for c in cols if c not in ORDER_IDS)
            out[table] = con.execute(f'select {keep} from "{table}" order by all').fetchall()
        return out
    finally:
        con.close()


def cli(
    settings: Settings, *args: str, limit: Callable[[], None] | None = None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "ENGAGEMENT_DB": str(settings.db_path),
        "ENGAGEMENT_RAW": str(settings.raw_dir),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "etl", *args],
        cwd=TESTS.parent,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=limit,
    )


def finish(proc: subprocess.Popen[bytes]) -> tuple[int, str]:
    _, err = proc.communicate(timeout=300)
    return proc.returncode, err.decode()


def leftovers(settings: Settings) -> list[str]:
    """Files a killed or failed load left that a completed load did not clean up: more
    generations than are kept, or the current one still marked as being written. (A marker on
    an older one is possible - a kill between the swap and the marker's removal - and the next
    load deletes that file.)"""
    folder = settings.generations_dir
    current = settings.db_path.resolve()
    dirty = [p.name for p in folder.glob("*.dirty") if Path(str(p)[: -len(".dirty")]) == current]
    files = sorted(folder.glob("engagement-*.duckdb"))
    extra = [p.name for p in files[: -db.KEEP_GENERATIONS]]
    return dirty + extra


def without_log(tables: dict[str, tuple[int, str]]) -> dict[str, tuple[int, str]]:
    return {t: v for t, v in tables.items() if t != "load_runs"}


def clean_load(tmp_path: Path, folders: list[Path]) -> dict[str, list[tuple]]:
    settings = make_settings(tmp_path)
    for folder in folders:
        load_paths([folder], settings)
    return content(settings)


# --------------------------------------------------------------------------- SIGKILL


def kill_at_random_points(tmp_path: Path, runs: int, label: str) -> None:
    settings = make_settings(tmp_path / "db")
    load_paths([FIXTURE_PAGES], settings)
    batches = [write_batch(tmp_path / f"batch{n}", n, size=40) for n in range(runs + 1)]
    started = time.monotonic()
    code, err = finish(cli(settings, "load", str(batches[0])))
    assert code == 0, err
    duration = time.monotonic() - started  # a whole load, process start to exit
    rng = random.Random(2026)
    landed = finished_first = after_swap = 0
    for folder in batches[1:]:
        before = digest(settings)
        proc = cli(settings, "load", str(folder))
        time.sleep(rng.uniform(0.05, duration * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        killed = digest(settings)
        if proc.returncode != -signal.SIGKILL:
            finished_first += 1
        elif killed == before:
            landed += 1  # killed before the swap: the previous database, identical
        else:
            after_swap += 1  # killed after the atomic swap: must be the finished load
        code, err = finish(cli(settings, "load", str(folder)))  # the next load completes
        assert code == 0, err
        if killed != before:  # the completed load added nothing to what the kill left
            assert without_log(digest(settings)) == without_log(killed), folder.name
        assert leftovers(settings) == []
    lost = int(content(settings) != clean_load(tmp_path / "clean", [FIXTURE_PAGES, *batches]))
    report(
        f"SIGKILL during loads ({label})",
        kills=runs,
        killed_before_swap=landed,
        killed_after_swap=after_swap,
        finished_before_kill=finished_first,
        load_s=round(duration, 1),
        databases_changed_or_lost=lost,
    )
    assert lost == 0, "after the kills, the database differs from a clean load of the same pages"
    assert landed >= runs // 2, "most kills must land inside a load, before its swap"


def test_kills_short(tmp_path: Path) -> None:
    kill_at_random_points(tmp_path, runs=3, label="short")


@pytest.mark.soak
def test_kills_soak(tmp_path: Path) -> None:
    kill_at_random_points(tmp_path, runs=24, label="soak")


# --------------------------------------------------------------------------- disk full


def file_size_limit(limit: int) -> Callable[[], None]:
    """In the child: files may not grow past `limit` bytes (writes fail with EFBIG)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills the writer
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def full_disk_runs(
    settings: Settings, tries: list[Callable[[], Callable[[], None] | None]], folders: list[Path]
) -> tuple[int, int]:
    """Load each folder under one constraint; (failed as disk full, succeeded)."""
    full = ok = 0
    for constrain, folder in zip(tries, folders, strict=True):
        before = digest(settings)
        code, err = finish(cli(settings, "load", str(folder), limit=constrain()))
        if code == 0:
            ok += 1
            continue
        full += 1
        assert code == 2 and "Traceback" not in err, err
        assert re.search("disk is full|no space left|file too large", err, re.I), err
        assert str(settings.db_path.parent) in err, err  # names where room is missing
        assert digest(settings) == before, "a failed load changed the database"
        assert not list(settings.generations_dir.glob("*.dirty")), "half-written file kept"
    return full, ok


# Room left for a load, as a share of the database file's size: 0 = a few KB. Some runs
# fail on the copy, some inside DuckDB's writes or the archive, some fit.
ROOM_SHORT = [0.0, 0.5, 1.01, 1.15, 4.0]
ROOM_SOAK = [0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99, 1.01, 1.03, 1.06, 1.1, 1.2, 1.5, 2.0, 4.0]


def room(size: int, share: float) -> int:
    return max(4096, int(size * share))


def full_disk_by_file_size(tmp_path: Path, shares: list[float], label: str) -> None:
    """Portable: a file-size limit in the loading process (RLIMIT_FSIZE), at several sizes
    around the database's, so the copy, DuckDB's own writes or the archive hit the wall."""
    settings = make_settings(tmp_path / "db")
    load_paths([FIXTURE_PAGES], settings)
    size = settings.db_path.resolve().stat().st_size
    limits = [room(size, share) for share in shares]
    folders = [write_batch(tmp_path / f"b{n}", n, size=30) for n in range(len(limits))]
    full, ok = full_disk_runs(settings, [lambda n=n: file_size_limit(n) for n in limits], folders)
    code, err = finish(cli(settings, "load", *map(str, folders)))  # room again: it completes
    assert code == 0, err
    lost = int(content(settings) != clean_load(tmp_path / "clean", [FIXTURE_PAGES, *folders]))
    report(
        f"disk full, file-size limit ({label})",
        runs=len(limits),
        failed_clearly=full,
        fit=ok,
        databases_changed_or_lost=lost,
    )
    assert full >= 2 and lost == 0


def test_a_full_disk_gives_a_clear_error_and_keeps_the_database(tmp_path: Path) -> None:
    full_disk_by_file_size(tmp_path, ROOM_SHORT, "short")


@pytest.mark.soak
def test_a_full_disk_soak(tmp_path: Path) -> None:
    full_disk_by_file_size(tmp_path, ROOM_SOAK, "soak")


@contextmanager
def small_filesystem(folder: Path) -> Iterator[Callable[[int], None]]:
    """A tmpfs at `folder`; yields resize(bytes). Skips where mounting is not allowed."""
    folder.mkdir(parents=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a size-limited filesystem needs root (mount -t tmpfs)")
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256m", "tmpfs", str(folder)], capture_output=True
    )
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")

    def resize(size: int) -> None:
        subprocess.run(
            ["mount", "-o", f"remount,size={size}", str(folder)], check=True, capture_output=True
        )

    try:
        yield resize
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def full_filesystem(tmp_path: Path, shares: list[float], label: str) -> None:
    """A real ENOSPC: the database lives on a small tmpfs with less room than a load needs."""
    with small_filesystem(tmp_path / "fs") as resize:
        settings = make_settings(tmp_path / "fs")
        load_paths([FIXTURE_PAGES], settings)
        size = settings.db_path.resolve().stat().st_size
        rooms = [room(size, share) for share in shares]
        folders = [write_batch(tmp_path / f"b{n}", n, size=30) for n in range(len(rooms))]

        def squeeze(extra: int) -> Callable[[], None] | None:
            used = shutil.disk_usage(settings.db_path.parent).used
            resize(-(-(used + extra) // 4096) * 4096)
            return None

        full, ok = full_disk_runs(settings, [lambda r=r: squeeze(r) for r in rooms], folders)
        resize(256 << 20)
        code, err = finish(cli(settings, "load", *map(str, folders)))
        assert code == 0, err
        after = content(settings)
    lost = int(after != clean_load(tmp_path / "clean", [FIXTURE_PAGES, *folders]))
    report(
        f"disk full, tmpfs ({label})",
        runs=len(rooms),
        failed_clearly=full,
        fit=ok,
        databases_changed_or_lost=lost,
    )
    assert full >= 2 and lost == 0


def test_a_really_full_filesystem_gives_a_clear_error_and_keeps_the_database(
    tmp_path: Path,
) -> None:
    full_filesystem(tmp_path, ROOM_SHORT, "short")


@pytest.mark.soak
def test_a_really_full_filesystem_soak(tmp_path: Path) -> None:
    full_filesystem(tmp_path, ROOM_SOAK, "soak")


# --------------------------------------------------------------------------- damaged file


def truncate_half(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def truncate_header(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:5000])


def empty(path: Path) -> None:
    path.write_bytes(b"")


def garbage_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:4096] = random.Random(1).randbytes(4096)
    path.write_bytes(bytes(data))


def garbage_blocks(path: Path) -> None:
    """Random bytes over a quarter of the blocks after the headers (DuckDB checksums them)."""
    data = bytearray(path.read_bytes())
    rng = random.Random(2)
    block = 256 << 10
    for start in range(3 * 4096, len(data), block):
        if rng.random() < 0.25:
            data[start : start + 4096] = rng.randbytes(min(4096, len(data) - start))
    path.write_bytes(bytes(data))


DAMAGE_SAID = r"etl rebuild|Corrupt database|Could not read enough"
# Two kinds in `make test` (one caught on opening, one only on reading); all in `make soak`.
DAMAGE = [
    truncate_half,
    garbage_blocks,
    *(pytest.param(f, marks=pytest.mark.soak) for f in (truncate_header, empty, garbage_header)),
]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: getattr(f, "__name__", ""))
def test_a_damaged_database_is_named_clearly_and_rebuild_recovers(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    settings = make_settings(tmp_path / "db")
    load_paths([FIXTURE_PAGES], settings)
    before = content(settings)
    target = settings.db_path.resolve()
    damage(target)
    # Opening says so, or reading every table meets DuckDB's own checksum error (a damaged
    # block is found only when read); the CLI names the file either way.
    with pytest.raises((DatabaseDamaged, duckdb.Error), match=DAMAGE_SAID):
        digest(settings)
    later = write_batch(tmp_path / "next", 1, size=3)
    code, err = finish(cli(settings, "load", str(later)))
    assert code == 2 and "Traceback" not in err, err
    assert str(target) in err and "etl rebuild" in err, err
    code, err = finish(cli(settings, "rebuild"))
    assert code == 0, err
    rebuilt = content(settings)
    if any("next/" in e.file_name for e in RawArchive(settings.raw_dir).entries()):
        # The failed load had archived its pages (the archive keeps every input): they count.
        before = clean_load(tmp_path / "clean", [FIXTURE_PAGES, later])
    assert rebuilt == before
    report(f"damaged database ({damage.__name__})", clear_message=1, rebuilt_equal=1)
