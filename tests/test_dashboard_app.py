"""AppTest: every page runs, and on each page a changed filter shows the number direct SQL gives."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test
from streamlit.testing.v1.element_tree import Dataframe, DownloadButton

from dashboard import data
from dashboard.i18n import t
from etl.export import csv_bytes
from etl.settings import Settings
from tests.conftest import make_settings

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
PAGES = ["overview", "readership", "regions", "support", "twinning", "articles", "sql_console"]


@pytest.fixture(scope="module")
def con(fixture_db: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(fixture_db.db_path.resolve()), read_only=True)
    yield connection
    connection.close()


@pytest.fixture
def span(con: duckdb.DuckDBPyConnection) -> tuple[date, date]:
    """The 'all time' period: first publish day to the day after the last observation."""
    first, last = con.execute(
        "select min(published_date), (select max(end_day) from view_intervals) from articles"
    ).fetchone()
    return first, last + timedelta(days=1)


def app(page: str = "overview", **query: str) -> AppTest:
    data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def number(text: str) -> float:
    return float(text.replace("\u00a0", "").replace(" ", "").replace(",", ".").replace("−", "-"))


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_page_runs_without_exception(fixture_db: Settings, lang: str) -> None:
    at = app(lang=lang, period="all")
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.title, page


def test_a_filter_that_matches_nothing_shows_an_empty_state(fixture_db: Settings) -> None:
    at = app(period="7d", tag="no such tag")  # an unknown tag from a stale link is dropped
    at.sidebar.radio(key="f_edition").set_value("en").run()
    at.sidebar.selectbox(key="f_preset").set_value("custom").run()
    at.sidebar.date_input(key="f_dates").set_value((date(2001, 1, 1), date(2001, 1, 2))).run()
    for page in PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
    # back from the SQL console (which has no filter bar): the filters are still set
    at.switch_page("pages/articles.py").run()
    assert any("нічого не підпадає" in i.value for i in at.info)


def test_without_a_database_the_app_says_how_to_build_one(
    fixture_db: Settings, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = make_settings(tmp_path)
    monkeypatch.setenv("ENGAGEMENT_DB", str(missing.db_path))
    at = app()
    assert "python -m etl demo" in at.code[0].value
    assert str(missing.db_path) in at.info[0].value


def test_demo_data_is_announced(fixture_db: Settings, con: duckdb.DuckDBPyConnection) -> None:
    demo = con.execute("select count(*) from load_runs where command = 'demo'").fetchone()[0]
    at = app()
    assert any("Демонстраційні дані" in w.value for w in at.warning) == bool(demo)


def test_overview_articles_follow_the_edition_filter(
    con: duckdb.DuckDBPyConnection, span: tuple[date, date]
) -> None:
    at = app(period="all")
    for edition in ("en", "uk"):
        at.sidebar.radio(key="f_edition").set_value(edition).run()
        shown = next(m.value for m in at.metric if m.label == "Статей")
        expected = con.execute(
            "select count(*) from articles where edition = ? and published_date >= ? "
            "and published_date < ?",
            [edition, *span],
        ).fetchone()[0]
        assert number(shown) == expected
        assert at.query_params["ed"] == edition  # the link reopens this view


def test_a_copied_link_reopens_the_same_view(fixture_db: Settings) -> None:
    at = app("readership", lang="en", period="90d", ed="en", cmp="year")
    assert at.title[0].value == "Readership"
    assert at.sidebar.radio(key="f_edition").value == "en"
    assert at.sidebar.selectbox(key="f_compare").value == "year"
    assert at.query_params == {"lang": "en", "period": "90d", "ed": "en", "cmp": "year"}


def test_readership_top_views_follow_the_tag_filter(
    con: duckdb.DuckDBPyConnection, span: tuple[date, date]
) -> None:
    tag = con.execute(
        "select tag from article_tags group by tag order by count(*) desc"
    ).fetchone()[0]
    at = app("readership", period="all")
    at.sidebar.multiselect(key="f_tags").set_value([tag]).run()
    movers = at.dataframe[0].value
    top = movers.iloc[:, 3].max()  # the views column of the movers table
    expected = con.execute(
        "select max(v) from (select i.article_key, sum(i.views * (date_diff('day', "
        "greatest(i.start_day, ?::date), least(i.end_day, ?::date - 1)) + 1) / i.days) as v "
        "from view_intervals i join articles a using (article_key) "
        "where list_contains(a.tags, ?) and i.end_day >= ? and i.start_day < ? group by 1)",
        [span[0], span[1], tag, *span],
    ).fetchone()[0]
    assert top == pytest.approx(expected)


def test_regions_hromada_articles_follow_the_chosen_oblast(
    con: duckdb.DuckDBPyConnection, span: tuple[date, date]
) -> None:
    oblast = con.execute(
        "select h.oblast_iso from article_hromadas ah join hromadas h using (hromada_code) "
        "group by 1 order by count(*) desc"
    ).fetchone()[0]
    at = app("regions", period="all")
    at.selectbox(key="regions_oblast").set_value(oblast).run()
    table = at.dataframe[0].value
    expected = con.execute(
        "select count(*) from articles a, unnest(a.hromadas) as u(code) "
        "join hromadas h on h.hromada_code = u.code "
        "where h.oblast_iso = ? and a.published_date >= ? and a.published_date < ?",
        [oblast, *span],
    ).fetchone()[0]
    assert table.iloc[:, 2].sum() == expected  # the articles column


def test_support_donor_articles_follow_the_edition_filter(
    con: duckdb.DuckDBPyConnection, span: tuple[date, date]
) -> None:
    at = app("support", period="all")
    at.sidebar.radio(key="f_edition").set_value("uk").run()
    donors = at.dataframe[0].value
    shown = dict(zip(donors.iloc[:, 0], donors.iloc[:, 2], strict=True))
    expected = dict(
        con.execute(
            "select donor, count(*) from donor_articles where edition = 'uk' "
            "and published_date >= ? and published_date < ? group by donor",
            list(span),
        ).fetchall()
    )
    assert {k: v for k, v in shown.items() if v} == expected


def test_twinning_pairs_follow_the_edition_filter(
    con: duckdb.DuckDBPyConnection, span: tuple[date, date]
) -> None:
    at = app("twinning", period="all")
    for edition in ("uk", "en"):
        at.sidebar.radio(key="f_edition").set_value(edition).run()
        expected = con.execute(
            "select count(distinct (coalesce(t.ukrainian_code, lower(t.ukrainian)), "
            "lower(t.partner_normalised))) from twinning_mentions t join articles a "
            "using (article_key) where a.edition = ? and t.published_date >= ? "
            "and t.published_date < ?",
            [edition, *span],
        ).fetchone()[0]
        shown = len(at.dataframe[0].value) if at.dataframe else 0
        assert shown == expected


def test_articles_search_counts_what_direct_sql_counts(
    con: duckdb.DuckDBPyConnection, span: tuple[date, date]
) -> None:
    at = app("articles", period="all")
    at.text_input(key="articles_search").set_value("громад").run()
    expected = con.execute(
        "select count(*) from articles where contains(lower(coalesce(title, '')), 'громад') "
        "and published_date >= ? and published_date < ?",
        list(span),
    ).fetchone()[0]
    assert len(at.dataframe[0].value) == expected
    assert any(f"Показано статей: {expected}" in c.value.replace("\u00a0", "") for c in at.caption)


# the download buttons each page must show on the fixture database over all time (more, such
# as drop-outs of the movers, appear when there are rows for them; all are checked)
DOWNLOADS = {
    "readership": {"movers_csv", "movers_new_csv"},
    "regions": {"regions_hromadas_csv"},
    "support": {"support_donors_csv", "support_countries_csv"},
    "twinning": {"twin_pairs_csv"},
    "articles": {"articles_csv"},
}


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> list[MemoryMediaFileStorage]:
    """The in-memory file stores AppTest gives each run, kept so a test can read what a
    download button serves (AppTest itself exposes only the button's URL)."""
    stores: list[MemoryMediaFileStorage] = []

    class Kept(MemoryMediaFileStorage):
        def __init__(self, media_endpoint: str) -> None:
            super().__init__(media_endpoint)
            stores.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Kept)
    return stores


def _table_above(at: AppTest, button_key: str) -> pd.DataFrame:
    """The table shown right above a download button (AppTest gives dataframes no key)."""
    table = None
    for node in at.main:
        if isinstance(node, Dataframe):
            table = node.value
        elif isinstance(node, DownloadButton) and node.key == button_key:
            assert table is not None, f"no table above {button_key}"
            return table
    raise AssertionError(f"no download button {button_key}")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_download_button_serves_exactly_the_table_shown(
    fixture_db: Settings, media: list[MemoryMediaFileStorage], lang: str
) -> None:
    at = app(lang=lang, period="all")
    for page, required in DOWNLOADS.items():
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert required <= {b.key for b in at.download_button}, page
        for button in at.download_button:
            assert button.label == t("download_csv", lang)
            served = media[-1].get_file(button.proto.url.rsplit("/", 1)[-1]).content
            shown = _table_above(at, button.key)
            assert len(shown) > 0, (page, button.key)
            assert served == csv_bytes(shown), (page, button.key)
            header = served.decode("utf-8").splitlines()[0]
            assert header.split(",")[0] == str(shown.columns[0])  # the labels of `lang`


def _long_table_script() -> None:
    from datetime import date

    import pandas as pd

    from dashboard import ui

    rows = ui.STYLED_ROWS + 1
    frame = pd.DataFrame(
        {
            "published_date": [date(2026, 11, 1)] * rows,
            "views": list(range(rows)),
        }
    )
    columns = {"published_date": ("published", "date"), "views": ("views_period", "int")}
    ui.table(frame.head(3), columns, "uk", key="short")
    ui.table(frame, columns, "uk", key="long")


def test_a_long_table_leaves_number_formats_to_the_browser() -> None:
    """Styling every cell in Python cost ~0.6 s per run at 6,000 rows: past STYLED_ROWS the
    browser formats numbers and dates (column_config) and the values stay numbers."""
    at = AppTest.from_function(_long_table_script, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    short, long = at.dataframe
    assert "localized" not in short.proto.columns  # styled here, in the page's language
    assert '"localized"' in long.proto.columns and "DD.MM.YYYY" in long.proto.columns
    assert long.value.iloc[:, 1].tolist() == list(range(1001))
