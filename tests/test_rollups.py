"""The per-day rollups equal the same aggregates computed from view_intervals, after a full
load and after an incremental one; and the dashboard's page functions, whichever path they
route to, give the numbers direct SQL over the intervals gives."""

from __future__ import annotations

import itertools
import json
import math
import shutil
import statistics
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest

from dashboard import data
from dashboard.filters import Filters
from etl import db
from etl.load import load_paths, rebuild
from etl.settings import Settings
from tests.conftest import FIXTURE_PAGES, make_settings

# Each rollup and the grouping it must equal: (table, its group column, SQL giving one row
# per article and group value). Reprints count under 'reprint'.
ROLLUPS = {
    "rollup_daily": ("''", "select article_key, '' as part from articles"),
    "rollup_daily_oblast": (
        "oblast_iso",
        "select article_key, oblast_iso as part from article_oblasts",
    ),
    "rollup_daily_tag": ("tag", "select article_key, tag as part from article_tags"),
}

EXPECTED = """
with parts as ({parts}),
per as (
    select d.day, coalesce(a.edition, 'reprint') as edition, p.part, a.international_support,
           d.views, 0 as articles
    from daily_views d join articles a using (article_key) join parts p using (article_key)
    union all
    select a.published_date, coalesce(a.edition, 'reprint'), p.part, a.international_support,
           0, 1
    from articles a join parts p using (article_key) where a.published_date is not null
)
select day, edition, part, international_support, round(sum(views), 4) as views,
       sum(articles)::integer as articles
from per group by all
having round(sum(views), 6) > 0 or sum(articles) > 0
"""


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> Any:
    row = con.execute(sql).fetchone()
    assert row is not None
    return row[0]


def rollup_rows(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    part = ROLLUPS[table][0]
    got = con.execute(
        f"select day, edition::varchar as edition, {part} as part, international_support, "
        f"round(views, 4) as views, articles from {table} where views > 0 or articles > 0"
    ).df()
    return got.sort_values(list(got.columns[:4])).reset_index(drop=True)


def expected_rows(con: duckdb.DuckDBPyConnection, table: str) -> pd.DataFrame:
    want = con.execute(EXPECTED.format(parts=ROLLUPS[table][1])).df()
    return want.sort_values(list(want.columns[:4])).reset_index(drop=True)


def region_sets(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """rollup_views_daily regrouped by day, edition (reprints under 'reprint'), region set."""
    return con.execute(
        "select day, coalesce(edition, 'reprint') as edition, oblasts_key, "
        "round(sum(views), 4) as views from rollup_views_daily group by all order by all"
    ).df()


def region_sets_expected(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        "select d.day, coalesce(a.edition, 'reprint') as edition, "
        "array_to_string(list_sort(a.oblasts), ',') as oblasts_key, round(sum(d.views), 4) "
        "as views from daily_views d join articles a using (article_key) group by all "
        "having round(sum(d.views), 6) > 0 order by all"
    ).df()


def assert_rollups_match_intervals(settings: Settings) -> None:
    con = db.connect(settings)
    try:
        for table in ROLLUPS:
            got, want = rollup_rows(con, table), expected_rows(con, table)
            assert len(got) > 0, table
            pd.testing.assert_frame_equal(got, want, check_dtype=False, atol=1e-3, obj=table)
        pd.testing.assert_frame_equal(
            region_sets(con), region_sets_expected(con), check_dtype=False, atol=1e-3
        )
        down = con.execute(
            "select day, sum(counters_down)::integer from rollup_daily group by all "
            "having sum(counters_down) > 0 order by all"
        ).fetchall()
        assert (
            down
            == con.execute(
                "select end_day, count(*)::integer from view_intervals where decreased "
                "group by all order by all"
            ).fetchall()
        )
        reprints = scalar(con, "select sum(views) from rollup_daily where edition = 'reprint'")
        assert reprints and reprints > 0  # reprints are counted (they once were dropped)
    finally:
        con.close()


def with_manifest(folder: Path, fetched_at: str) -> Path:
    lines = [
        json.dumps({"file": p.name, "fetched_at": fetched_at})
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "manifest.jsonl"
    ]
    (folder / "manifest.jsonl").write_text("\n".join(lines) + "\n")
    return folder


def later_crawl(target: Path) -> Path:
    """Old articles and a reprint seen again months later with higher counters."""
    target.mkdir()
    for name, old, new in (
        ("reprint_uk.txt", "\n1705\n", "\n2505\n"),
        ("loose_en_labelled.txt", "Views: 1288", "Views: 2188"),
    ):
        text = (FIXTURE_PAGES / name).read_text(encoding="utf-8")
        assert old in text
        (target / name).write_text(text.replace(old, new), encoding="utf-8")
    return with_manifest(target, "2025-03-01T09:00:00+00:00")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Fixture pages and a small demo loaded in full; the rollups as a full load left them."""
    from etl.demo import generate

    root = tmp_path_factory.mktemp("rollups")
    settings = make_settings(root)
    pages = root / "pages"
    shutil.copytree(FIXTURE_PAGES, pages)
    with_manifest(pages, "2024-11-01T09:00:00+00:00")
    load_paths([pages, generate(root / "demo", articles=80, seed=11)], settings)
    return settings


def test_rollups_equal_the_intervals_after_a_full_load(loaded: Settings) -> None:
    assert_rollups_match_intervals(loaded)


def test_rollups_equal_the_intervals_and_a_rebuild_after_an_incremental_load(
    loaded: Settings, tmp_path: Path
) -> None:
    root = tmp_path / "copy"
    shutil.copytree(loaded.db_path.parent, root, symlinks=True)
    settings = make_settings(root)
    con = db.connect(settings)
    before = con.execute("select count(*), max(day) from rollup_daily").fetchone()
    con.close()
    summary = load_paths([later_crawl(tmp_path / "later")], settings)
    assert summary.snapshots_added == 2
    assert_rollups_match_intervals(settings)
    con = db.connect(settings)
    after = {t: rollup_rows(con, t) for t in ROLLUPS}
    assert con.execute("select count(*), max(day) from rollup_daily").fetchone() != before
    con.close()
    rebuild(settings)
    con = db.connect(settings)
    for table, rows in after.items():
        pd.testing.assert_frame_equal(rows, rollup_rows(con, table), atol=1e-3, obj=table)
    con.close()


def test_a_database_from_schema_1_is_refused_by_the_dashboard_and_upgraded_by_a_load(
    loaded: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "old"
    shutil.copytree(loaded.db_path.parent, root, symlinks=True)
    settings = make_settings(root)
    con = duckdb.connect(str(settings.db_path.resolve()))
    for table in ROLLUPS:  # what schema 1 lacked, and the reprints it dropped
        con.execute(f"drop table {table}")
    con.execute("delete from rollup_views_daily where edition is null")
    con.execute("alter table view_intervals drop column article_no")  # schema 3 added it
    con.execute("alter table articles drop column article_no")
    con.execute("update schema_info set schema_version = 1")
    con.close()
    monkeypatch.setenv("ENGAGEMENT_DB", str(settings.db_path))
    data.clear()
    status = data.status()
    assert not status.ready and status.error and "etl rebuild" in status.error
    load_paths([later_crawl(tmp_path / "later")], settings)
    data.clear()
    assert data.status().ready
    assert_rollups_match_intervals(settings)
    con = db.connect(settings)
    unnumbered = scalar(
        con,
        "select count(*) from view_intervals i join articles a using (article_key) "
        "where i.article_no is distinct from a.article_no or a.article_no is null",
    )
    numbers = con.execute("select count(distinct article_no), count(*) from articles").fetchone()
    con.close()
    assert unnumbered == 0
    assert numbers is not None and numbers[0] == numbers[1]
    data.clear()


# --------------------------------------------------------------------------------------------
# Page functions vs direct SQL, for filters on every routing path
# --------------------------------------------------------------------------------------------

DIRECT = """
with m as (
    select * from articles
    where ($edition is null or edition = $edition)
      and (len($oblasts::varchar[]) = 0 or list_has_any(oblasts, $oblasts::varchar[]))
      and ($hromada is null or list_contains(hromadas, $hromada))
      and (len($tags::varchar[]) = 0 or list_has_any(tags, $tags::varchar[]))
),
v as (
    select article_key, sum(views) as views from daily_views
    where day >= $start and day < $end group by all
)
select
    (select coalesce(sum(v.views), 0) from v join m using (article_key)) as views,
    (select count(*) from m where published_date >= $start and published_date < $end)
        as articles,
    (select map(list(o), list(views)) from (
        select o, sum(v.views) as views from m join v using (article_key), unnest(m.oblasts) u(o)
        group by o)) as by_oblast,
    (select map(list(t), list(views)) from (
        select t, sum(v.views) as views from m join v using (article_key), unnest(m.tags) u(t)
        group by t)) as by_tag,
    (select map(list(donor), list(views)) from (
        select d.donor, sum(v.views) as views
        from article_donors d join m using (article_key) join v using (article_key)
        group by d.donor)) as by_donor
"""


def selections(con: duckdb.DuckDBPyConnection) -> list[dict]:
    oblast, second = [
        r[0]
        for r in con.execute(
            "select oblast_iso from article_oblasts group by 1 order by count(*) desc, 1 limit 2"
        ).fetchall()
    ]
    tag = scalar(con, "select tag from article_tags group by 1 order by count(*) desc, 1 limit 1")
    hromada = scalar(
        con,
        "select hromada_code from article_hromadas group by 1 order by count(*) desc, 1 limit 1",
    )
    none: dict = {"edition": None, "oblasts": (), "hromada": None, "tags": ()}
    return [
        none,  # rollup_daily and the per-oblast / per-tag rollups
        {**none, "edition": "en"},
        {**none, "oblasts": (oblast,)},  # rollup_daily_oblast
        {**none, "tags": (tag,)},  # rollup_daily_tag
        {**none, "oblasts": (oblast, second)},  # rollup_views_daily
        {**none, "oblasts": (oblast,), "tags": (tag,)},  # view_intervals
        {**none, "hromada": hromada},  # view_intervals
    ]


def query_params(sel: dict) -> dict:
    """A selection as named-query parameters (lists, not tuples)."""
    return {**sel, "oblasts": list(sel["oblasts"]), "tags": list(sel["tags"])}


def matching_views(con: duckdb.DuckDBPyConnection, sel: dict, start: date, end: date) -> dict:
    """Each article matching the selection -> its views_in_period (0 if it gained none)."""
    params = query_params(sel)
    return dict(
        con.execute(
            "select m.article_key, coalesce(v.views, 0) from matching_articles(?, ?, ?, ?) m "
            "left join views_in_period(?, ?) v using (article_key)",
            [sel["edition"], params["oblasts"], sel["hromada"], params["tags"], start, end],
        ).fetchall()
    )


def test_page_functions_equal_direct_sql_for_every_routing_path(fixture_db: Settings) -> None:
    con = db.connect(fixture_db)
    last = scalar(con, "select max(end_day) from view_intervals")
    start, end = last - timedelta(days=400), last + timedelta(days=1)
    data.clear()
    try:
        for sel in selections(con):
            f = Filters("en", "custom", start, end, "none", None, None, **sel)
            want = con.execute(DIRECT, f.params()).df().iloc[0]
            overview = data.overview(f)
            readership = data.readership(f, "week")
            support = data.support(f, "month")
            kpis = overview["kpis"].iloc[0]
            assert kpis["views"] == pytest.approx(want["views"], abs=0.01), sel
            assert kpis["articles"] == want["articles"], sel
            for trend in (overview["trend"], readership["trend"], support["views"]):
                assert trend["views"].sum() == pytest.approx(want["views"], abs=0.01), sel
            for frame, key, expected in (
                (readership["oblasts"], "oblast_iso", want["by_oblast"]),
                (data.regions(f, None)["oblasts"], "oblast_iso", want["by_oblast"]),
                (readership["tags"], "tag", want["by_tag"]),
                (support["tags"], "tag", want["by_tag"]),
                (support["donors"], "donor", want["by_donor"]),
            ):
                got = {k: v for k, v in zip(frame[key], frame["views"], strict=True) if v > 0}
                expected = {
                    k: v
                    for k, v in (expected if isinstance(expected, dict) else {}).items()
                    if v > 1e-6
                }
                assert got.keys() == expected.keys(), (sel, key)
                for k, v in expected.items():
                    assert got[k] == pytest.approx(v, abs=0.01), (sel, key, k)
    finally:
        con.close()
        data.clear()


def test_kpis_fast_and_interval_paths_agree(fixture_db: Settings) -> None:
    from etl import queries

    con = db.connect(fixture_db)
    last = scalar(con, "select max(end_day) from view_intervals")
    for sel in selections(con)[:5]:
        params = query_params(sel) | {"start": date(2000, 1, 1), "end": last + timedelta(days=1)}
        fast = queries.run(con, "kpis_rollup", **params).iloc[0]
        slow = queries.run(con, "kpis", **params).iloc[0]
        assert fast["views"] == pytest.approx(slow["views"], abs=0.01), sel
        assert fast.drop("views").equals(slow.drop("views")), sel
    con.close()


def _days_to_shares(intervals: list[tuple], published: date) -> tuple[int, int] | None:
    """Days from publication until an article had half and 80% of its views so far, in plain
    Python: walk its intervals in order, each spreading its views evenly over its days."""
    total = sum(views for _, _, _, views in intervals)
    if total <= 0:
        return None
    reached: list[int] = []
    for share in (0.5, 0.8):
        done = 0.0
        for start, _end, days, views in sorted(intervals, key=lambda i: (i[1], i[0])):
            if views > 0 and done + views >= share * total - 1e-9:
                need = math.ceil((share * total - done) / (views / days))
                reached.append(max((start + timedelta(days=max(need, 1) - 1) - published).days, 0))
                break
            done += views
    return reached[0], reached[1]


def test_time_to_views_equals_walking_each_articles_intervals(fixture_db: Settings) -> None:
    from etl import queries

    con = db.connect(fixture_db)
    try:
        last = scalar(con, "select max(end_day) from view_intervals")
        start, end = last - timedelta(days=3650), last + timedelta(days=1)
        articles = con.execute(
            "select article_no, published_date, tags from articles "
            "where published_date >= ? and published_date < ?",
            [start, end],
        ).fetchall()
        per_tag: dict[str, list[tuple[int, int]]] = {}
        for no, published, tags in articles:
            intervals = con.execute(
                "select start_day, end_day, days, views from view_intervals "
                "where article_no = ? and end_day >= ?",
                [no, start],
            ).fetchall()
            days = _days_to_shares(intervals, published)
            for tag in tags if days else ():
                per_tag.setdefault(tag, []).append(days)
        assert per_tag, "the fixture pages give no article to measure"
        params = {"edition": None, "oblasts": [], "hromada": None, "tags": []}
        got = queries.run(con, "time_to_views", start=start, end=end, **params)
    finally:
        con.close()
    assert set(got["tag"]) == set(per_tag)
    for row in got.itertuples():
        days = per_tag[row.tag]
        assert row.articles == len(days)
        assert row.days_to_half == statistics.median(d[0] for d in days)
        assert row.days_to_80 == statistics.median(d[1] for d in days)


def test_top_articles_and_the_article_list_count_each_articles_period_views(
    fixture_db: Settings,
) -> None:
    """Both read only the matching (or listed) articles' intervals when filtered, every
    article's when not: either way each article's views equal views_in_period's."""
    from etl import queries

    con = db.connect(fixture_db)
    try:
        last = scalar(con, "select max(end_day) from view_intervals")
        start, end = last - timedelta(days=400), last + timedelta(days=1)
        compared = 0
        for sel in selections(con):
            params = query_params(sel)
            period = {"start": start, "end": end}
            want = matching_views(con, sel, start, end)
            top = queries.run(con, "top_articles", **params, **period, top=1000)
            gained = {k: v for k, v in want.items() if v > 0}
            assert set(top["article_key"]) == set(gained), sel
            listed = queries.run(con, "articles_list", **params, **period, search=None)
            compared += len(top) + len(listed)
            for frame in (top, listed):
                for key, views in zip(frame["article_key"], frame["views"], strict=True):
                    assert views == pytest.approx(want[key], abs=1e-6), (sel, key)
        assert compared > 20  # the fixture pages give articles to compare
    finally:
        con.close()


def test_movers_rank_each_matching_articles_views_in_both_periods(fixture_db: Settings) -> None:
    from etl import queries

    con = db.connect(fixture_db)
    try:
        last = scalar(con, "select max(end_day) from view_intervals")
        end = last + timedelta(days=1)
        compared = 0
        # The dashboard's default periods (read from recent_views), then longer ones.
        for days, sel in itertools.product((28, 200), selections(con)):
            start, cmp_start = end - timedelta(days=days), end - timedelta(days=2 * days)
            params = query_params(sel)
            views = {
                lo: {k: v for k, v in matching_views(con, sel, lo, hi).items() if v > 0}
                for lo, hi in ((start, end), (cmp_start, start))
            }
            top = 5
            got = queries.run(
                con,
                "movers",
                **params,
                start=start,
                end=end,
                cmp_start=cmp_start,
                cmp_end=start,
                top=top,
            )
            for period, column, rank in (
                (start, "views", "rank"),
                (cmp_start, "views_before", "rank_before"),
            ):
                ranked = sorted(views[period].values(), reverse=True)
                for row in got.itertuples():
                    want = views[period].get(row.article_key, 0)
                    assert getattr(row, column) == pytest.approx(want, abs=1e-6), sel
                    if want > 0:  # rank(): one more than the articles with more views
                        assert getattr(row, rank) == 1 + sum(v > want + 1e-9 for v in ranked)
                shown = {
                    r.article_key
                    for r in got.itertuples()
                    if pd.notna(getattr(r, rank)) and getattr(r, rank) <= top
                }
                cut = ranked[top - 1] if len(ranked) >= top else 0
                assert shown == {k for k, v in views[period].items() if v >= cut - 1e-9}, sel
            compared += len(got)
        assert compared > 10
    finally:
        con.close()
