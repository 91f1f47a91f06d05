"""The dashboard's data layer: named queries agree with direct SQL, and both views paths agree."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pandas as pd
import pytest

from dashboard import data, filters, ui
from etl import queries
from etl.settings import Settings

ALL = {"edition": None, "oblasts": [], "hromada": None, "tags": []}


@pytest.fixture(scope="module")
def con(fixture_db: Settings) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(fixture_db.db_path.resolve()), read_only=True)


def span(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    first, last = con.execute(
        "select min(published_date), (select max(end_day) from view_intervals) from articles"
    ).fetchone()
    return first, last + timedelta(days=1)


def test_every_dashboard_query_declares_its_columns(con: duckdb.DuckDBPyConnection) -> None:
    start, end = span(con)
    extra = {"grain": "month", "top": 5, "cmp_start": start, "cmp_end": end, "search": None}
    for name in queries.names():
        query = queries.get(name)
        if name.startswith("weekly_") or not query.columns:
            continue
        frame = queries.run(con, name, start=start, end=end, oblast="UA-46", **ALL, **extra)
        assert list(frame.columns) == list(query.columns), name


@pytest.mark.parametrize("edition", ["uk", "en"])
@pytest.mark.parametrize("grain", ["day", "week", "month"])
def test_rollup_and_interval_paths_give_the_same_views(
    con: duckdb.DuckDBPyConnection, edition: str, grain: str
) -> None:
    start, end = span(con)
    params = {**ALL, "edition": edition, "start": start, "end": end, "grain": grain}
    fast = queries.run(con, "views_over_time_rollup", **params)
    slow = queries.run(con, "views_over_time_detail", **params)
    keys = ["period", "edition", "international_support"]
    merged = fast.merge(slow, on=keys, how="outer", suffixes=("_fast", "_slow")).fillna(0)
    assert len(merged) > 0
    assert (merged["views_fast"] - merged["views_slow"]).abs().max() < 0.01


def test_rollup_counts_reprints_too(con: duckdb.DuckDBPyConnection) -> None:
    start, end = span(con)
    params = {**ALL, "start": start, "end": end, "grain": "month"}
    fast = queries.run(con, "views_over_time_rollup", **params)["views"].sum()
    slow = queries.run(con, "views_over_time_detail", **params)["views"].sum()
    assert fast == pytest.approx(slow, abs=0.01)


def test_kpis_match_direct_sql(con: duckdb.DuckDBPyConnection) -> None:
    start, end = span(con)
    kpis = queries.run(con, "kpis", start=start, end=end, **{**ALL, "edition": "en"}).iloc[0]
    articles = con.execute(
        "select count(*) from articles where edition = 'en' and published_date >= ? "
        "and published_date < ?",
        [start, end],
    ).fetchone()[0]
    views = con.execute(
        "select sum(i.views) from view_intervals i join articles a using (article_key) "
        "where a.edition = 'en'"
    ).fetchone()[0]
    assert kpis["articles"] == articles
    assert kpis["views"] == pytest.approx(views or 0)


def test_cached_results_are_keyed_by_the_database_generation(
    fixture_db: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    data.clear()
    calls: list[str] = []
    real = data._run

    def counting(generation: str, name: str, params: tuple) -> pd.DataFrame:
        calls.append(generation)
        return real(generation, name, params)

    monkeypatch.setattr(data, "_run", counting)
    data.load("oblasts")
    data.load("oblasts")
    assert len(calls) == 1  # the second call is served from the cache
    real_token = data.token()
    path, mtime, size = real_token.rsplit(":", 2)  # the same file, as if rewritten by a load
    monkeypatch.setattr(data, "token", lambda: f"{path}:{int(mtime) + 1}:{size}")
    data.load("oblasts")
    assert len(calls) == 2  # a new generation is a new cache key
    data.clear()


def test_presets_count_back_from_the_last_day_with_data() -> None:
    anchor = date(2026, 11, 30)  # a Monday
    assert filters.preset_period("7d", anchor) == (date(2026, 11, 24), date(2026, 12, 1))
    assert filters.preset_period("this_week", anchor) == (date(2026, 11, 30), date(2026, 12, 1))
    assert filters.preset_period("last_week", anchor) == (date(2026, 11, 23), date(2026, 11, 30))
    assert filters.preset_period("last_month", anchor) == (date(2026, 10, 1), date(2026, 11, 1))
    assert filters.preset_period("last_quarter", anchor) == (date(2026, 7, 1), date(2026, 10, 1))
    assert filters.preset_period("this_year", anchor) == (date(2026, 1, 1), date(2026, 12, 1))
    assert filters.preset_period("custom", anchor) is None


def test_comparison_periods() -> None:
    start, end = date(2026, 11, 3), date(2026, 12, 1)
    assert filters.comparison_period(start, end, "previous") == (date(2026, 10, 6), start)
    assert filters.comparison_period(start, end, "year") == (date(2025, 11, 3), date(2025, 12, 1))
    assert filters.comparison_period(date(2024, 2, 29), date(2024, 3, 1), "year") == (
        date(2023, 2, 28),
        date(2023, 3, 1),
    )
    assert filters.comparison_period(start, end, "none") is None


def test_markdown_never_carries_markup_from_data() -> None:
    text = ui.md_escape('<script>alert("x")</script> [link](javascript:alert(1)) *b*')
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\\[link\\]" in text and "\\*b\\*" in text
    assert ui.safe_url("javascript:alert(1)") is None
    assert ui.safe_url("https://decentralization.ua/news/1") == "https://decentralization.ua/news/1"


def _whole_span_articles(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every article with the views it gained over the whole span (all of its intervals)."""
    articles = con.execute("select article_no, published_date, donors, hromadas from articles").df()
    views = con.execute(
        "select article_no, sum(views) as views from view_intervals group by all"
    ).df()
    out = articles.merge(views, on="article_no", how="left").fillna({"views": 0.0})
    return out[out["published_date"].notna() | (out["views"] > 0)]


def test_donor_queries_match_a_direct_count(con: duckdb.DuckDBPyConnection) -> None:
    start, end = span(con)
    countries = dict(con.execute("select donor, country from donors").fetchall())
    rows = [
        {
            "article_no": a.article_no,
            "donor": d,
            "country": countries.get(d) or "multilateral",
            "views": a.views,
        }
        for a in _whole_span_articles(con).itertuples()
        for d in set(a.donors)
    ]
    named = pd.DataFrame(rows)
    assert len(named) > 0, "the fixture pages name no donor: this test would prove nothing"

    donors = queries.run(con, "donors", start=start, end=end, **ALL).set_index("donor")
    per_donor = named.groupby("donor").agg(
        articles=("article_no", "nunique"), views=("views", "sum")
    )
    assert set(donors.index) == set(per_donor.index)
    assert (donors["articles"] == per_donor["articles"].reindex(donors.index)).all()
    assert donors["views"].to_numpy() == pytest.approx(per_donor["views"].reindex(donors.index))

    by_country = queries.run(con, "donor_countries", start=start, end=end, **ALL)
    by_country = by_country.set_index("donor_country")
    once = named.drop_duplicates(["country", "article_no"])
    expected = pd.DataFrame(
        {
            "donors": named.groupby("country")["donor"].nunique(),
            "articles": once.groupby("country")["article_no"].nunique(),
            "views": once.groupby("country")["views"].sum(),
        }
    )
    assert set(by_country.index) == set(expected.index)
    expected = expected.reindex(by_country.index)
    assert (by_country["donors"] == expected["donors"]).all()
    assert (by_country["articles"] == expected["articles"]).all()
    assert by_country["views"].to_numpy() == pytest.approx(expected["views"].to_numpy())


def test_hromadas_in_oblast_match_a_direct_count(con: duckdb.DuckDBPyConnection) -> None:
    start, end = span(con)
    register = con.execute("select hromada_code, oblast_iso from hromadas").df()
    oblast_of = dict(zip(register["hromada_code"], register["oblast_iso"], strict=True))
    rows = [
        {"hromada_code": h, "oblast": oblast_of[h], "article_no": a.article_no, "views": a.views}
        for a in _whole_span_articles(con).itertuples()
        for h in set(a.hromadas)
        if h in oblast_of
    ]
    mentions = pd.DataFrame(rows)
    assert len(mentions) > 0, "the fixture pages name no hromada: this test would prove nothing"
    oblast = mentions["oblast"].mode().iloc[0]
    mine = mentions[mentions["oblast"] == oblast]
    expected = mine.groupby("hromada_code").agg(
        articles=("article_no", "nunique"), views=("views", "sum")
    )
    got = queries.run(con, "hromadas_in_oblast", start=start, end=end, oblast=oblast, **ALL)
    got = got[got["articles"] > 0].set_index("hromada_code")  # hromadas with partners only
    assert set(got.index) == set(expected.index)
    assert (got["articles"] == expected["articles"].reindex(got.index)).all()
    assert got["views"].to_numpy() == pytest.approx(expected["views"].reindex(got.index))
