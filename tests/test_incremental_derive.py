"""A weekly load derives only what changed (intervals appended after an article's last reading,
totals from this load's snapshots, stories of re-linked articles); after several weekly loads
every derived table equals a rebuild from the raw archive."""

from __future__ import annotations

import json
from pathlib import Path

from etl import db
from etl.load import load_paths, rebuild
from tests.conftest import make_settings
from tests.test_load import table_rows
from tests.test_story_index import crawl_weeks

FIXTURES = Path(__file__).parent / "fixtures" / "pages"

DERIVED = (
    "articles",
    "view_intervals",
    "rollup_daily",
    "rollup_daily_oblast",
    "rollup_daily_tag",
    "rollup_views_daily",
    "stories",
    "story_links",
    "twinning_mentions",
)


def rounded(rows: list[tuple]) -> list[tuple]:
    """Rollup views are sums of per-day rates: equal to 1e-6, not to the last bit."""
    return [tuple(round(v, 6) if isinstance(v, float) else v for v in r) for r in rows]


def test_weekly_loads_derive_the_same_rows_as_a_rebuild(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    for week in crawl_weeks(tmp_path):
        load_paths([week], settings)
    weekly = table_rows(settings)
    con = db.connect(settings)
    appended = con.execute(
        "select count(*) from articles where versions > 1 and views is not null"
    ).fetchone()[0]
    con.close()
    assert appended > 50  # articles read again in later weeks: the append path ran
    rebuild(settings)
    rebuilt = table_rows(settings)
    for table in DERIVED:
        a, b = weekly[table], rebuilt[table]
        if table in ("articles", "view_intervals"):
            # article_no is given in load order (a rebuild numbers all at once): compare the rest
            a, b = [r[:-1] for r in a], [r[:-1] for r in b]
        assert sorted(rounded(a), key=repr) == sorted(rounded(b), key=repr), table


def test_a_listing_that_renames_an_article_rewrites_its_row(tmp_path: Path) -> None:
    """A listing sighting normally updates only an article's counters in place; when it also
    changes what the row shows (a listing-only article's title), the row is rewritten."""
    listing = (FIXTURES / "listing_uk.html").read_text(encoding="utf-8")
    assert ">Репортаж номер 0 з громади<" in listing
    weeks = []
    for n, (text, fetched) in enumerate(
        [
            (listing, "2026-11-02T09:00:00+00:00"),
            (
                listing.replace(">Репортаж номер 0 з громади<", ">Нова назва репортажу<"),
                "2026-11-09T09:00:00+00:00",
            ),
        ]
    ):
        week = tmp_path / f"week{n}"
        week.mkdir()
        (week / "listing.html").write_text(text, encoding="utf-8")
        record = {"file": "listing.html", "fetched_at": fetched}
        (week / "manifest.jsonl").write_text(json.dumps(record) + "\n")
        weeks.append(week)
    settings = make_settings(tmp_path / "db")
    for week in weeks:
        load_paths([week], settings)
    con = db.connect(settings)
    titles = dict(con.execute("select article_key, title from articles").fetchall())
    versions = dict(con.execute("select article_key, versions from articles").fetchall())
    con.close()
    assert titles["uk:16000"] == "Нова назва репортажу"
    assert versions == {"uk:16000": 2, "uk:16001": 2, "uk:16002": 2}  # the others: in place
    weekly = table_rows(settings)["articles"]
    rebuild(settings)
    assert [r[:-1] for r in weekly] == [r[:-1] for r in table_rows(settings)["articles"]]
