"""The load: idempotent, quarantines bad pages, swaps atomically, rebuilds from the archive."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pytest

from etl import db
from etl.archive import RawArchive
from etl.errors import DatabaseDamaged, DatabaseMissing
from etl.load import load_paths, rebuild
from etl.settings import Settings
from tests.conftest import FIXTURE_PAGES, TESTS, make_settings

# Columns that legitimately differ between a load and a rebuild of the same inputs.
RUN_COLUMNS = {"run_id", "quarantined_at"}


def stored_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The database's own tables (no temporary ones), by name."""
    return [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where not temporary order by 1"
        ).fetchall()
    ]


def table_rows(settings: Settings, skip_run_columns: bool = False) -> dict[str, list[tuple]]:
    """Every stored row of every table except the load-run log, in a stable order."""
    con = db.connect(settings)
    try:
        out = {}
        for table in stored_tables(con):
            if table in ("load_runs",):
                continue
            cols = [c[0] for c in con.execute(f"describe {table}").fetchall()]
            if skip_run_columns:
                cols = [c for c in cols if c not in RUN_COLUMNS]
            select = ", ".join(f'"{c}"' for c in cols)
            out[table] = con.execute(f"select {select} from {table} order by all").fetchall()
        return out
    finally:
        con.close()


def copy_fixtures(target: Path) -> Path:
    shutil.copytree(FIXTURE_PAGES, target)
    return target


def test_loading_the_same_pages_twice_changes_nothing(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    first = load_paths([pages], settings)
    assert first.new_pages > 0
    before = table_rows(settings)
    second = load_paths([pages], settings)
    assert (second.new_pages, second.updated_pages, second.snapshots_added) == (0, 0, 0)
    assert second.unchanged_pages == second.inputs == first.inputs
    assert table_rows(settings) == before


def test_a_bad_page_is_quarantined_with_its_reason_and_the_rest_loads(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    (pages / "empty.txt").write_bytes(b"")
    (pages / "binary.bin").write_bytes(bytes(range(256)) * 40)
    summary = load_paths([pages], settings)
    reasons = dict(summary.quarantined)
    assert set(reasons) == {"pages/empty.txt", "pages/binary.bin"}
    assert all(reasons.values())
    assert any(line.startswith("quarantined pages/empty.txt: ") for line in summary.lines())
    con = db.connect(settings)
    stored = dict(con.execute("select file_name, reason from quarantine").fetchall())
    loaded = con.execute("select count(distinct article_key) from page_versions").fetchone()[0]
    con.close()
    assert stored == reasons
    assert loaded == summary.new_pages > 0


def test_nothing_given_is_lost_the_archive_keeps_every_input_byte_for_byte(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    (pages / "broken.html").write_bytes(b"<html><body>\xff\xfe garbage")
    load_paths([pages], settings)
    archived = sorted(
        p.read_bytes() for p in (settings.raw_dir / "objects").rglob("*") if p.is_file()
    )
    given = sorted({p.read_bytes() for p in pages.rglob("*") if p.is_file()})
    assert archived == given


def test_rebuild_recreates_the_database_from_the_raw_archive_alone(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    (pages / "empty.txt").write_bytes(b"")
    load_paths([pages], settings)
    before = table_rows(settings, skip_run_columns=True)
    shutil.rmtree(pages)
    settings.db_path.unlink()
    shutil.rmtree(settings.generations_dir)
    with pytest.raises(DatabaseMissing):
        db.connect(settings)
    rebuild(settings)
    assert table_rows(settings, skip_run_columns=True) == before


def test_a_damaged_database_gives_a_clear_message_and_rebuild_recovers(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    load_paths([copy_fixtures(tmp_path / "pages")], settings)
    before = table_rows(settings, skip_run_columns=True)
    target = settings.db_path.resolve()
    target.write_bytes(target.read_bytes()[:5000])
    with pytest.raises(DatabaseDamaged, match="etl rebuild"):
        db.connect(settings)
    rebuild(settings)
    assert table_rows(settings, skip_run_columns=True) == before


def test_observed_time_comes_from_the_manifest_else_the_file_time(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    files = sorted(p for p in pages.iterdir() if p.is_file())
    manifest = {"file": files[0].name, "fetched_at": "2024-03-31T21:30:00+00:00"}
    (pages / "manifest.jsonl").write_text(json.dumps(manifest) + "\n")
    mtime = 1_700_000_000
    os.utime(files[1], (mtime, mtime))
    load_paths([pages], settings)
    con = db.connect(settings)
    rows = dict(
        con.execute(
            "select file_name, strftime(observed_at at time zone 'UTC', '%Y-%m-%dT%H:%M:%S') "
            "|| ' ' || observed_from from raw_files"
        ).fetchall()
    )
    con.close()
    assert rows[f"pages/{files[0].name}"] == "2024-03-31T21:30:00 manifest"
    assert rows[f"pages/{files[1].name}"] == "2023-11-14T22:13:20 file_mtime"


def test_a_reader_keeps_its_snapshot_and_reconnecting_finds_the_new_load(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    files = sorted(p for p in pages.iterdir() if p.is_file())
    held = tmp_path / "held"
    held.mkdir()
    for f in files[len(files) // 2 :]:
        shutil.move(f, held / f.name)
    load_paths([pages], settings)
    old = db.connect(settings)
    count_before = old.execute("select count(*) from raw_files").fetchone()[0]
    load_paths([held], settings)  # a reader holding the old generation never blocks a load
    assert old.execute("select count(*) from raw_files").fetchone()[0] == count_before
    new = db.connect(settings)
    assert new.execute("select count(*) from raw_files").fetchone()[0] == len(files)
    old.close()
    new.close()


KILL_RUNS = int(os.environ.get("KILL_RUNS", "3"))


def _load_in_subprocess(settings: Settings, pages: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "ENGAGEMENT_DB": str(settings.db_path),
        "ENGAGEMENT_RAW": str(settings.raw_dir),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "etl", "load", str(pages)],
        cwd=TESTS.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def test_a_load_killed_at_random_points_leaves_the_previous_database_intact(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    files = sorted(p for p in pages.iterdir() if p.is_file())
    later = tmp_path / "later"
    later.mkdir()
    for f in files[::2]:
        shutil.move(f, later / f.name)
    load_paths([pages], settings)
    before = table_rows(settings)
    # What a load that finished would leave (run ids and times aside): a kill that lands after
    # the new generation was swapped in, while the process exits, may leave exactly this.
    reference = make_settings(tmp_path / "reference")
    load_paths([pages], reference)
    load_paths([later], reference)
    complete = table_rows(reference, skip_run_columns=True)
    rng = random.Random(11)
    for _ in range(KILL_RUNS):
        proc = _load_in_subprocess(settings, later)
        time.sleep(rng.uniform(0.05, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.returncode == 0:
            break  # finished before the kill: the next check still holds for the new state
        if table_rows(settings) != before:  # never a mix: all of the load or none of it
            assert table_rows(settings, skip_run_columns=True) == complete
            break
    proc = _load_in_subprocess(settings, later)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    after = table_rows(settings)
    assert len(after["raw_files"]) == len(files)


def test_the_database_file_is_a_complete_duckdb_file_after_every_load(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    load_paths([copy_fixtures(tmp_path / "pages")], settings)
    assert settings.db_path.is_symlink()
    con = duckdb.connect(str(settings.db_path), read_only=True)  # what a notebook user does
    assert con.execute("select count(*) from articles").fetchone()[0] > 0
    con.close()


def test_a_load_larger_than_one_duckdb_row_group_keeps_every_snapshot(tmp_path: Path) -> None:
    """duckdb 2.0.0 lost rows read back inside an open transaction past 122,880 Arrow rows."""
    import etl.load as load
    from etl.archive import Entry
    from etl.models import ListingItem, Page

    settings = make_settings(tmp_path)
    n = 130_000
    page = Page(
        file="big-listing.html",
        kind="listing",
        items=[
            ListingItem(f"uk:{i}", None, f"t{i}", "2024-01-01T10:00:00+02:00", i) for i in range(n)
        ],
    )
    entry = Entry("ab" * 32, "big-listing.html", 1, "2024-02-01T00:00:00+00:00", "manifest")
    summary = load.LoadSummary()
    generation = tmp_path / "gen.duckdb"
    con = db.configure(duckdb.connect(str(generation)))
    load._write(con, settings, "load", summary, [load.Parsed(entry, page, None)], False)
    assert summary.snapshots_added == n
    assert con.execute("select count(*) from articles").fetchone()[0] == n
    assert (
        con.execute("select count(distinct article_key) from view_intervals").fetchone()[0] == n - 1
    )
    con.close()


def _last_manifest_bytes(settings: Settings) -> int:
    con = db.connect(settings)
    try:
        return con.execute(
            "select manifest_bytes from load_runs order by run_id desc limit 1"
        ).fetchone()[0]
    finally:
        con.close()


def test_a_load_reads_only_what_was_archived_since_the_last_one(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    later = tmp_path / "later"
    later.mkdir()
    for f in sorted(p for p in pages.iterdir() if p.is_file())[::2]:
        shutil.move(f, later / f.name)
    load_paths([pages], settings)
    archive = RawArchive(settings.raw_dir)
    read_up_to = _last_manifest_bytes(settings)
    assert read_up_to == archive.manifest.stat().st_size
    assert archive.tail(read_up_to) == ([], read_up_to)  # the next load starts here

    load_paths([later], settings)
    since, end = archive.tail(read_up_to)
    assert {e.file_name for e in since} == {f"later/{f.name}" for f in later.iterdir()}
    assert _last_manifest_bytes(settings) == end == archive.manifest.stat().st_size
    con = db.connect(settings)
    loaded = con.execute("select count(*) from raw_files").fetchone()[0]
    con.close()
    assert loaded == len(list(archive.entries()))


def test_the_manifest_tail_skips_a_torn_line_and_rereads_a_replaced_archive(
    tmp_path: Path,
) -> None:
    archive = RawArchive(tmp_path / "raw")
    for n in range(3):
        archive.put(
            f"page {n}".encode(),
            file_name=f"p{n}.html",
            observed_at=datetime(2026, 11, 1, tzinfo=UTC),
            observed_from="manifest",
        )
    entries, end = archive.tail(0)
    assert [e.file_name for e in entries] == ["p0.html", "p1.html", "p2.html"]
    first_line = archive.manifest.read_bytes().index(b"\n") + 1
    assert [e.file_name for e in archive.tail(first_line)[0]] == ["p1.html", "p2.html"]
    # An offset that is no line boundary, or past the end: another archive; read it all.
    assert len(archive.tail(first_line + 3)[0]) == 3
    assert len(archive.tail(end + 100)[0]) == 3
    # A line torn by a crash is not consumed: the offset stays before it.
    with open(archive.manifest, "ab") as fh:
        fh.write(b'{"sha256": "ab')
    assert archive.tail(end) == ([], end)


def test_loading_again_leaves_the_manifest_alone_and_restores_a_lost_archive_file(
    tmp_path: Path,
) -> None:
    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    first = load_paths([pages], settings)
    archive = RawArchive(settings.raw_dir)
    manifest = archive.manifest.read_bytes()
    before = table_rows(settings)
    # The database answers for what it holds: the manifest is neither read whole nor grown.
    again = load_paths([pages], settings)
    assert again.unchanged_pages == first.inputs
    assert archive.manifest.read_bytes() == manifest
    # A stored input whose archive copy went missing is put back (and noted once more).
    lost = next(iter(archive.entries()))
    archive.path_of(lost.sha256).unlink()
    healed = load_paths([pages], settings)
    assert healed.unchanged_pages == first.inputs
    assert archive.has(lost.sha256)
    assert archive.manifest.read_bytes().startswith(manifest)
    assert archive.manifest.read_bytes().count(lost.sha256.encode()) == 2
    assert table_rows(settings) == before
    # A rebuild reads that file's two manifest lines and admits it once.
    stored = table_rows(settings, skip_run_columns=True)
    rebuild(settings)
    assert table_rows(settings, skip_run_columns=True) == stored


def _as_schema_4(settings: Settings) -> None:
    """Turn the current generation into a file from before schema 5, as an earlier release
    wrote it: raw_files and page_versions keyed on sha256, no sha_key column."""
    con = duckdb.connect(str(settings.db_path.resolve()))
    try:
        for table in ("raw_files", "page_versions"):
            dropped = " exclude (sha_key)" if table == "raw_files" else ""
            con.execute(f"create table old as select *{dropped} from {table}")
            con.execute(f"drop table {table}")
            con.execute(f"alter table old rename to {table}")
            con.execute(f"alter table {table} add primary key (sha256)")
        con.execute("drop macro sha_key")
        con.execute("update schema_info set schema_version = 4")
    finally:
        con.close()


def test_a_file_from_before_schema_5_is_upgraded_by_its_next_load(tmp_path: Path) -> None:
    from etl.load import SCHEMA_VERSION, LoadedHashes

    settings = make_settings(tmp_path / "db")
    pages = copy_fixtures(tmp_path / "pages")
    first = load_paths([pages], settings)
    current = table_rows(settings)
    _as_schema_4(settings)
    # The older file still answers which files it holds (through its primary key).
    loaded = LoadedHashes(settings)
    try:
        assert loaded.lookup == "raw_files_keyed"
        hashes = {e.sha256 for e in RawArchive(settings.raw_dir).entries()}
        assert loaded(hashes | {"0" * 64}) == hashes
    finally:
        loaded.close()

    again = load_paths([pages], settings)
    assert again.unchanged_pages == first.inputs and again.new_pages == 0
    con = db.connect(settings)
    try:
        keyed = con.execute(
            "select table_name from duckdb_constraints() where constraint_type = 'PRIMARY KEY' "
            "and table_name in ('raw_files', 'page_versions')"
        ).fetchall()
        version = con.execute("select schema_version from schema_info").fetchone()[0]
    finally:
        con.close()
    assert keyed == [] and version == SCHEMA_VERSION
    assert table_rows(settings) == current  # the same rows, sha_key filled in


def test_a_load_pauses_the_cyclic_gc_only_while_it_writes(tmp_path: Path) -> None:
    import gc

    from etl import load

    seen: list[bool] = []
    write = load._write

    def spying_write(*args: object, **kwargs: object) -> None:
        seen.append(gc.isenabled())
        write(*args, **kwargs)  # type: ignore[arg-type]

    load._write = spying_write  # type: ignore[assignment]
    try:
        load_paths([FIXTURE_PAGES], make_settings(tmp_path))
    finally:
        load._write = write  # type: ignore[assignment]
    assert seen == [False] and gc.isenabled()

    # Re-enabled after a failure too, and left off when the caller had it off.
    with pytest.raises(RuntimeError), load._cycle_gc_paused():
        raise RuntimeError("a failed write")
    assert gc.isenabled()
    gc.disable()
    try:
        with load._cycle_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
