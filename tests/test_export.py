"""The weekly pack and the one CSV writer: golden files, formula escaping, Excel, atomicity.

The golden pack is built from a pinned demo corpus (seed, size and "today" fixed, fetch times
from its manifest) plus one hostile page, so every byte is reproducible. After a deliberate
change to a query or the writer, regenerate with:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export.py -k golden
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from etl import queries
from etl.db import connect
from etl.errors import DatabaseMissing, EtlError
from etl.export import PACK, csv_bytes, export_weekly, parse_week, write_csv
from etl.settings import Settings

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden" / "weekly"
WEEK = "2022-W07"  # 14-20 Feb 2022 in the pinned demo: support articles and twinning news
BUILT_AT = datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
HOSTILE_TITLE = '=HYPERLINK("http://example.invalid","click")'


def _hostile_page(folder: Path) -> None:
    """A portal page of that week whose title is a spreadsheet formula."""
    page = (TESTS / "fixtures" / "pages" / "loose_en_labelled.txt").read_text(encoding="utf-8")
    title = page.splitlines()[2]
    page = (
        page.replace(title, HOSTILE_TITLE)
        .replace("/en/news/17001?page=12", "/en/news/99901")
        .replace("14.03.2023 - 10:05 | Views: 1288", "16.02.2022 - 10:05 | Views: 77")
    )
    folder.mkdir(parents=True)
    (folder / "hostile.txt").write_text(page, encoding="utf-8")
    record = {"file": "hostile.txt", "fetched_at": "2022-02-21T09:00:00+00:00", "status": 200}
    (folder / "manifest.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def pinned_db(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    from etl.demo import generate
    from etl.load import load_paths

    root = tmp_path_factory.mktemp("weekly")
    settings = Settings(db_path=root / "engagement.duckdb", raw_dir=root / "raw")
    demo = generate(root / "demo", articles=300, seed=11, today=date(2026, 11, 30))
    _hostile_page(root / "hostile")
    load_paths([demo, root / "hostile"], settings)
    return settings


@pytest.fixture(scope="module")
def pack(pinned_db: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exports")
    return export_weekly(pinned_db, WEEK, out=out, parquet=True, now=BUILT_AT)


def _stable_manifest(path: Path) -> dict:
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["load_run"]["finished_at"] = "<when the test loaded>"
    for entry in manifest["files"]:
        # The SQL is checked against its query file below; a golden copy of it would break
        # with every rewrite of a query that returns the same rows.
        entry["sql"] = f"<etl/sql/queries/{entry['query']}.sql>"
    return manifest


def test_weekly_pack_matches_the_golden_files_byte_for_byte(pack: Path) -> None:
    names = sorted(p.name for p in pack.glob("*.csv"))
    assert names == sorted(f"{spec.name}.csv" for spec in PACK)
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for name in names:
            (GOLDEN / name).write_bytes((pack / name).read_bytes())
        manifest = json.dumps(
            _stable_manifest(pack / "manifest.json"), ensure_ascii=False, indent=2
        )
        (GOLDEN / "manifest.json").write_text(manifest + "\n", encoding="utf-8")
    for name in names:
        assert (pack / name).read_bytes() == (GOLDEN / name).read_bytes(), f"{name} differs"
    golden = json.loads((GOLDEN / "manifest.json").read_text(encoding="utf-8"))
    assert _stable_manifest(pack / "manifest.json") == golden


def test_the_pack_is_complete_and_its_manifest_says_what_each_file_is(
    pack: Path, pinned_db: Settings
) -> None:
    manifest = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["week"] == WEEK
    assert (manifest["start"], manifest["end_exclusive"]) == ("2022-02-14", "2022-02-21")
    assert manifest["time_zone"] == "Europe/Kyiv"
    assert manifest["built_at"] == BUILT_AT.isoformat()
    assert manifest["schema_version"] >= 1 and manifest["load_run"]["run_id"] == 1
    with connect(pinned_db) as con:
        published = con.execute(
            "select count(*) from articles where published_date between ? and ?",
            [date(2022, 2, 14), date(2022, 2, 20)],
        ).fetchone()[0]
        gained = con.execute(
            "select count(*) from views_in_period(?::date, ?::date) where views > 0",
            [date(2022, 2, 14), date(2022, 2, 21)],
        ).fetchone()[0]
    by_file = {f["file"]: f for f in manifest["files"]}
    assert by_file["articles.csv"]["rows"] == published >= 4  # never cut to a top N
    assert by_file["views.csv"]["rows"] == gained > published
    assert by_file["readership_by_oblast.csv"]["rows"] == 27  # every region, zeros included
    assert by_file["twinning.csv"]["rows"] >= 1
    for entry in manifest["files"]:
        path = pack / entry["file"]
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
        assert len(rows) - 1 == entry["rows"] and path.stat().st_size == entry["bytes"]
        assert entry["sql"] == queries.get(entry["query"]).sql
        assert pq.read_table(pack / entry["parquet"]).num_rows == entry["rows"]


def test_formula_like_cells_are_escaped_in_the_pack(pack: Path) -> None:
    rows = list(csv.DictReader(io.StringIO((pack / "articles.csv").read_text(encoding="utf-8"))))
    titles = [row["title"] for row in rows]
    assert "'" + HOSTILE_TITLE in titles
    assert not any(t.startswith(("=", "+", "-", "@")) for t in titles)


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+380 44 000 00 00", "'+380 44 000 00 00"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTAB", "'\tTAB"),
        ("Київ = столиця", "Київ = столиця"),
        ("plain", "plain"),
    ],
)
def test_every_text_cell_that_could_start_a_formula_is_escaped(cell: str, written: str) -> None:
    frame = pd.DataFrame({"title": [cell], "tags": [[cell, "ok"]], "views": [-5]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"))))
    assert rows[1] == [written, f"{written}; ok", "-5"]  # numbers stay numbers


def test_excel_flavour_has_a_bom_and_keeps_cyrillic(tmp_path: Path) -> None:
    frame = pd.DataFrame({"title": ["Ізюмська громада"], "views": [12]})
    data = csv_bytes(frame, excel=True)
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["title,views", "Ізюмська громада,12"]
    write_csv(frame, tmp_path / "a.csv", excel=True)
    assert (tmp_path / "a.csv").read_bytes() == data


def test_cli_excel_pack_opens_with_cyrillic_intact(pinned_db: Settings, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "etl", "--db", str(pinned_db.db_path), "--raw",
         str(pinned_db.raw_dir), "export", "weekly", "--week", WEEK, "--out", str(tmp_path),
         "--excel"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    articles = tmp_path / f"weekly-{WEEK}" / "articles.csv"
    raw = articles.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert any("\u0400" <= ch <= "\u04ff" for ch in raw.decode("utf-8-sig"))


def test_a_download_button_and_the_command_write_the_same_bytes(
    pack: Path, pinned_db: Settings
) -> None:
    """The dashboard hands pandas frames to csv_bytes; the pack writes Arrow tables."""
    with connect(pinned_db) as con:
        frame = queries.run(con, "weekly_articles", start=date(2022, 2, 14), end=date(2022, 2, 21))
    assert csv_bytes(frame) == (pack / "articles.csv").read_bytes()


def test_exporting_again_replaces_the_pack_whole(pinned_db: Settings, tmp_path: Path) -> None:
    first = export_weekly(pinned_db, WEEK, out=tmp_path, now=BUILT_AT)
    (first / "stray.txt").write_text("left by someone")
    again = export_weekly(pinned_db, WEEK, out=tmp_path, now=BUILT_AT)
    assert again == first and not (again / "stray.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"weekly-{WEEK}"]  # no temp left


@pytest.mark.parametrize("text", ["2026-47", "2026-W54", "W47", "last week", "2021-W53"])
def test_a_bad_week_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(EtlError, match="YEAR-Wnn"):
        parse_week(text)


def test_weeks_are_iso_and_the_default_is_the_last_complete_one() -> None:
    assert parse_week("2020-W53").start == date(2020, 12, 28)  # a 53-week year
    assert parse_week("2026w47").label == "2026-W47"
    assert parse_week(None, today=date(2026, 12, 3)).label == "2026-W48"  # a Thursday
    assert parse_week(None, today=date(2026, 11, 30)).label == "2026-W48"  # a Monday


def test_no_database_gives_the_command_that_builds_one(empty_settings: Settings) -> None:
    with pytest.raises(DatabaseMissing, match="python -m etl demo"):
        export_weekly(empty_settings, WEEK, out=empty_settings.db_path.parent / "x")


def test_the_writer_reads_no_files_from_sql(tmp_path: Path) -> None:
    """Column names come from the data: a hostile name is quoted, never run."""
    frame = pd.DataFrame({"a\") from read_text('/etc/passwd') --": ["x"]})
    rows = list(csv.reader(io.StringIO(csv_bytes(frame).decode("utf-8"))))
    assert rows == [["a\") from read_text('/etc/passwd') --"], ["x"]]
    assert duckdb.__version__  # the writer ran on DuckDB's COPY


def test_empty_and_missing_text_cells_stay_empty() -> None:
    frame = pd.DataFrame({"title": ["", None, "'quoted"], "n": [1, 2, 3]})
    assert csv_bytes(frame).decode("utf-8").splitlines() == [
        "title,n",
        '""' + ",1",
        ",2",
        "'quoted,3",
    ]


def test_threads_writing_at_once_each_get_their_own_rows() -> None:
    """The writer shares one in-memory DuckDB per process (a cursor per call): Streamlit runs
    page scripts in threads, and each button must hold its own table."""
    from concurrent.futures import ThreadPoolExecutor

    frames = [pd.DataFrame({"who": [f"thread {i}"] * 200, "n": range(200)}) for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        written = list(pool.map(csv_bytes, frames))
    for i, data in enumerate(written):
        lines = data.decode("utf-8").splitlines()
        assert lines[0] == "who,n" and len(lines) == 201
        assert all(line.startswith(f"thread {i},") for line in lines[1:])


def test_a_database_of_an_older_schema_is_named_with_the_fix(
    pinned_db: Settings, tmp_path: Path
) -> None:
    import shutil

    old = Settings(db_path=tmp_path / "old.duckdb", raw_dir=tmp_path / "raw")
    shutil.copyfile(pinned_db.db_path.resolve(), old.db_path)
    with duckdb.connect(str(old.db_path)) as con:
        con.execute("update schema_info set schema_version = 1")
    with pytest.raises(EtlError, match=r"older version.*etl rebuild"):
        export_weekly(old, WEEK, out=tmp_path / "out")
    assert not (tmp_path / "out" / f"weekly-{WEEK}").exists()
