"""Bad input: a corpus of hostile pages (tests/hostile.py) loaded on top of a known database.

`python -m etl load CORPUS` in its own process must exit 0 (a quarantined page is not a
crash), account for every file (loaded, or quarantined with a specific reason), change no row
that was there before, stay within a memory bound, and change nothing when run again.
Short version in `make test` (~160 pages and the 50 MB one); `make soak` loads 1,200.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from etl import db
from etl.load import MAX_VIEWS, load_paths
from etl.settings import Settings
from tests import hostile
from tests.conftest import TESTS, make_settings
from tests.reliability_report import report
from tests.test_reliability_faults import content

FACTS = ["raw_files", "page_versions", "listing_items", "view_snapshots", "quarantine"]
RSS_LIMIT_MB = 1500
GENERIC = re.compile(r"^(unknown|error|parser fail)", re.I)  # a reason that explains nothing


def run_measured(settings: Settings, folder: Path) -> tuple[int, str, float, float]:
    """`python -m etl load folder`: exit code, stderr, seconds, peak RSS in MB.

    The peak is wait4's ru_maxrss for that one child: the largest resident set of the load
    process or of a process it waited for (its parser workers).
    """
    env = {
        **os.environ,
        "ENGAGEMENT_DB": str(settings.db_path),
        "ENGAGEMENT_RAW": str(settings.raw_dir),
    }
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "etl", "load", str(folder)],
        cwd=TESTS.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()  # the load prints little; reading it all cannot block the child
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, err.decode(), time.monotonic() - started, usage.ru_maxrss / 1024


def rows(settings: Settings, tables: list[str]) -> dict[str, Counter[str]]:
    """Each table's rows as a multiset (of their reprs: list columns are not hashable)."""
    con = db.connect(settings)
    try:
        return {
            t: Counter(map(repr, con.execute(f'select * from "{t}"').fetchall())) for t in tables
        }
    finally:
        con.close()


def hostile_load(tmp_path: Path, count: int, label: str) -> None:
    from etl.demo import generate

    settings = make_settings(tmp_path / "db")
    load_paths([generate(tmp_path / "demo", articles=400, seed=3)], settings)
    facts_before = rows(settings, FACTS)
    con = db.connect(settings)
    articles_before = con.execute("select * from articles order by article_key").fetchall()
    con.close()
    corpus = tmp_path / "corpus"
    cases = hostile.corpus(corpus, count)

    code, err, seconds, peak_mb = run_measured(settings, corpus)
    assert code == 0 and "Traceback" not in err, err[-3000:]

    con = db.connect(settings)
    try:
        kinds = dict(con.execute("select sha256, kind from raw_files").fetchall())
        reasons = dict(con.execute("select sha256, reason from quarantine").fetchall())
        titles = {
            sha: title
            for sha, title in con.execute("select sha256, title from page_versions").fetchall()
        }
        insane_views = con.execute(
            "select count(*) from view_snapshots where views < 0 or views >= ?", [MAX_VIEWS]
        ).fetchone()[0]  # type: ignore[index]
        keys = {r[0] for r in con.execute("select article_key from articles").fetchall()}
        articles_after = con.execute(
            "select * from articles where article_key in (select unnest(?)) order by article_key",
            [[a[0] for a in articles_before]],
        ).fetchall()
    finally:
        con.close()

    unaccounted, wrong, generic, by_reason, loaded = [], [], [], Counter(), 0
    for case in cases:
        sha = hashlib.sha256((corpus / case.file).read_bytes()).hexdigest()
        if sha not in kinds:
            unaccounted.append(case.file)
            continue
        quarantined = sha in reasons
        if quarantined:
            by_reason[re.sub(r"-?\d+", "N", reasons[sha])[:60]] += 1
            if GENERIC.match(reasons[sha]) or not reasons[sha].strip():
                generic.append((case.file, reasons[sha]))
        else:
            loaded += 1
        if case.expect == "load" and quarantined:
            wrong.append((case.file, "quarantined", reasons[sha]))
        if case.expect == "quarantine" and not quarantined:
            wrong.append((case.file, "loaded"))
        shown = titles.get(sha) or ""
        if case.title_prefix and sha in titles and not shown.startswith(case.title_prefix.strip()):
            wrong.append((case.file, "title changed", shown))
    facts_after = rows(settings, FACTS)
    lost = sum(
        (facts_before[t] - facts_after[t]).total() for t in FACTS
    )  # rows that were there and are gone or changed
    changed_articles = int(articles_after != articles_before)

    again_before = content(settings)
    code2, err2, _, _ = run_measured(settings, corpus)
    assert code2 == 0, err2[-3000:]
    changed_by_reload = int(content(settings) != again_before)

    report(
        f"hostile pages ({label})",
        inputs=len(cases),
        loaded=loaded,
        quarantined=len(cases) - loaded - len(unaccounted),
        unaccounted=len(unaccounted),
        unexpected=len(wrong),
        generic_reasons=len(generic),
        rows_lost_or_changed=lost + changed_articles,
        changed_by_reload=changed_by_reload,
        peak_rss_mb=round(peak_mb),
        load_s=round(seconds, 1),
        articles=len(keys),
    )
    report(
        f"hostile pages ({label}) quarantine reasons",
        **{f'"{reason}"': n for reason, n in by_reason.most_common()},
    )
    assert unaccounted == [], unaccounted[:10]
    assert wrong == [], wrong[:10]
    assert generic == [], generic[:10]
    assert lost == 0 and changed_articles == 0, "a hostile page changed what was loaded before"
    assert insane_views == 0
    assert changed_by_reload == 0
    assert peak_mb < RSS_LIMIT_MB, f"peak RSS {peak_mb:.0f} MB"


def test_hostile_pages_short(tmp_path: Path) -> None:
    hostile_load(tmp_path, count=160, label="short")


@pytest.mark.soak
def test_hostile_pages_soak(tmp_path: Path) -> None:
    hostile_load(tmp_path, count=1200, label="soak")


def counter_page(folder: Path, views: int, when: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    page = folder / "news_990001.txt"
    page.write_text(
        "URL: https://decentralization.gov.ua/en/news/990001\n\n"
        "A hromada counts its visitors\n\n"
        "The library in the hromada centre now opens on Saturdays.\n\n\n"
        f"05.03.2024 - 10:00 | Views: {views}\n"
        "A hromada counts its visitors\n\n"
        "Tags:\n\nculture\n\nОбласть:\n\nПолтавська область\n",
        encoding="utf-8",
    )
    os.utime(page, (when, when))  # the observation time (no manifest: the file's mtime)
    return folder


def test_a_view_counter_that_goes_down_is_kept_and_flagged(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    now = time.time()
    load_paths([counter_page(tmp_path / "first", 5000, now - 86_400 * 3)], settings)
    load_paths([counter_page(tmp_path / "later", 4200, now - 86_400)], settings)
    con = db.connect(settings)
    try:
        kept = con.execute(
            "select views from view_snapshots where article_key = 'en:990001' order by observed_at"
        ).fetchall()
        flagged = con.execute(
            "select count(*) from view_anomalies where article_key = 'en:990001'"
        ).fetchone()[0]  # type: ignore[index]
        down = con.execute(
            "select count(*) from view_intervals where article_key = 'en:990001' and decreased"
        ).fetchone()[0]  # type: ignore[index]
    finally:
        con.close()
    assert kept == [(5000,), (4200,)]  # both observations kept, none silently dropped
    assert flagged >= 1 and down >= 1


def test_view_counts_are_read_as_shown_sign_and_size_included() -> None:
    """Found by the corpus: "-640" was read as 640 and 20-digit counts as no count at all."""
    from etl.transform import parse_int

    assert parse_int("Views: 12 345") == 12345
    assert parse_int("Views: -640") == -640
    assert parse_int("99999999999999999999999") >= MAX_VIEWS  # type: ignore[operator]
    assert parse_int("Views:") is None


def test_an_impossible_year_is_no_date() -> None:
    """Found by the corpus: '16 Жовтня, 905050 р.' was read as 9050-10-16 (no time given)."""
    from etl.transform import parse_date

    assert parse_date("16 Жовтня, 905050 р.") is None
    assert parse_date("31.02.2023") is None
    assert parse_date("16 Жовтня, 2024 р.") == "2024-10-16"
