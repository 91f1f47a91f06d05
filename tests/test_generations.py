"""Generation rotation (etl/db.py): a load reuses the oldest generation and catches it up
instead of copying the current file; the result is the same rows as the copy, a dirty file is
never reused, and a reader holding the oldest file makes the load copy instead of waiting."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from etl import db
from etl.load import load_paths
from etl.settings import Settings
from tests.conftest import FIXTURE_PAGES, make_settings
from tests.test_load import table_rows

BATCHES = 6


def batches(tmp_path: Path) -> list[Path]:
    """The fixture pages split into BATCHES folders, one per weekly load."""
    files = sorted(p for p in FIXTURE_PAGES.iterdir() if p.is_file())
    out = []
    for n in range(BATCHES):
        folder = tmp_path / "pages" / f"week{n}"
        folder.mkdir(parents=True)
        for f in files[n::BATCHES]:
            shutil.copy2(f, folder / f.name)  # copy2: the same file times in every database
        out.append(folder)
    return out


def rows_and_runs(settings: Settings) -> tuple[dict, list]:
    tables = table_rows(settings)
    tables["quarantine"] = [r[:-1] for r in tables["quarantine"]]  # quarantined_at: wall time
    con = db.connect(settings)
    runs = con.execute(
        "select * exclude (started_at, finished_at) from load_runs order by run_id"
    ).fetchall()
    con.close()
    return tables, runs


def inodes(settings: Settings) -> set[int]:
    return {f.stat().st_ino for f in settings.generations_dir.glob("engagement-*.duckdb")}


def current_inode(settings: Settings) -> int:
    return db.current_file(settings).stat().st_ino


def fill_rotation(settings: Settings, weeks: list[Path]) -> None:
    for week in weeks[: db.KEEP_GENERATIONS]:
        load_paths([week], settings)
    assert len(inodes(settings)) == db.KEEP_GENERATIONS


def test_catching_up_gives_the_same_rows_as_copying(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    weeks = batches(tmp_path)
    rotated = make_settings(tmp_path / "rotated")
    reused = 0
    for week in weeks:
        before = inodes(rotated)
        load_paths([week], rotated)
        reused += current_inode(rotated) in before
    assert reused == BATCHES - db.KEEP_GENERATIONS  # every load once the rotation is full
    copied = make_settings(tmp_path / "copied")
    monkeypatch.setattr(db, "KEEP_GENERATIONS", 10**6)  # the rotation never fills: copy always
    for week in weeks:
        before = inodes(copied)
        load_paths([week], copied)
        assert current_inode(copied) not in before
    assert rows_and_runs(rotated) == rows_and_runs(copied)


def test_a_dirty_generation_is_never_reused_and_is_deleted(tmp_path: Path) -> None:
    weeks = batches(tmp_path)
    settings = make_settings(tmp_path / "db")
    fill_rotation(settings, weeks)
    oldest = db._generations(settings)[0]
    Path(f"{oldest}{db.DIRTY}").touch()  # as a load killed while writing it leaves it
    # A second name keeps the file's inode allocated after the load deletes it: otherwise the
    # filesystem may hand the same inode number to the copy and the check below means nothing.
    os.link(oldest, tmp_path / "oldest-kept")
    before = inodes(settings)
    load_paths([weeks[db.KEEP_GENERATIONS]], settings)
    assert current_inode(settings) not in before  # a copy
    assert not oldest.exists() and not Path(f"{oldest}{db.DIRTY}").exists()
    assert not list(settings.generations_dir.glob(f"*{db.DIRTY}"))


def test_a_reader_in_another_process_on_the_oldest_file_makes_the_load_copy(
    tmp_path: Path,
) -> None:
    weeks = batches(tmp_path)
    settings = make_settings(tmp_path / "db")
    fill_rotation(settings, weeks)
    oldest = db._generations(settings)[0]
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True)\n"
            "for _ in sys.stdin:\n"
            "    print(c.execute('select count(*) from raw_files').fetchone()[0], flush=True)",
            str(oldest),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def reader_count() -> int:
        assert reader.stdin is not None and reader.stdout is not None
        reader.stdin.write("count\n")
        reader.stdin.flush()
        return int(reader.stdout.readline())

    try:
        held = reader_count()
        before = inodes(settings)
        started = time.monotonic()
        load_paths([weeks[db.KEEP_GENERATIONS]], settings)
        assert time.monotonic() - started < 30  # did not wait for the reader
        assert reader.poll() is None  # the reader still runs
        assert current_inode(settings) not in before  # a copy
        assert reader_count() == held  # its file untouched (and pruned: unlinked, still open)
    finally:
        reader.kill()
        reader.wait()
    con = db.connect(settings)
    loaded = con.execute("select count(*) from raw_files").fetchone()[0]
    con.close()
    assert loaded == sum(len(list(w.iterdir())) for w in weeks[: db.KEEP_GENERATIONS + 1])


def test_a_reader_in_this_process_on_the_oldest_file_makes_the_load_copy(tmp_path: Path) -> None:
    weeks = batches(tmp_path)
    settings = make_settings(tmp_path / "db")
    fill_rotation(settings, weeks)
    oldest = db._generations(settings)[0]
    reader = duckdb.connect(str(oldest), read_only=True)
    held = reader.execute("select count(*) from raw_files").fetchone()[0]
    before = inodes(settings)
    load_paths([weeks[db.KEEP_GENERATIONS]], settings)
    assert current_inode(settings) not in before
    assert reader.execute("select count(*) from raw_files").fetchone()[0] == held
    reader.close()
