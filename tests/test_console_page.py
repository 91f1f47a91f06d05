"""AppTest of the SQL console page: both languages, examples, results as data, refusals,
row-limit truncation, the time limit, and no filter bar."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data
from dashboard.ui import md_escape
from etl.console_examples import examples
from etl.db import current_file
from etl.settings import Settings

APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")
PAGE = "pages/sql_console.py"


def console(lang: str = "uk") -> AppTest:
    data.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run_query(at: AppTest, sql: str) -> AppTest:
    at.text_area(key="sql_text").set_value(sql)
    at.button(key="sql_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def result_frame(at: AppTest) -> pd.DataFrame:
    """The query's result: the query column's dataframe (the schema column has the others)."""
    frames = at.columns[0].dataframe
    assert len(frames) == 1, [m.value for m in (*at.error, *at.warning, *at.code)]
    return frames[0].value


@pytest.mark.parametrize(
    ("lang", "title", "no_filters"),
    [
        ("uk", "SQL-консоль", "Фільтри бічної панелі тут не діють"),
        ("en", "SQL console", "do not apply"),
    ],
)
def test_page_runs_in_both_languages_without_the_filter_bar(
    fixture_db: Settings, lang: str, title: str, no_filters: str
) -> None:
    at = console(lang)
    assert at.title[0].value == title
    assert any(no_filters in i.value for i in at.info)
    keys = {w.key for w in at.sidebar.selectbox} | {w.key for w in at.sidebar.multiselect}
    assert "f_preset" not in keys and "f_oblasts" not in keys  # no period or place filters
    expanders = [e.label for e in at.expander]
    assert any(label.startswith("articles ·") for label in expanders)
    assert any(label.startswith("twinning_pairs ·") for label in expanders)
    run_query(at, "select count(*) as n from articles")
    assert result_frame(at)["n"].iloc[0] > 0


def test_an_example_loads_into_the_editor_and_runs(fixture_db: Settings) -> None:
    at = console("en")
    example = examples()[2]
    at.selectbox(key="sql_example").set_value(example.name).run()
    assert at.text_area(key="sql_text").value == example.sql
    at.button(key="sql_run").click().run()
    assert not at.exception
    assert len(result_frame(at)) > 0
    assert any(md_escape(example.description) == c.value for c in at.caption)


def test_a_refusal_shows_why_and_changes_nothing(fixture_db: Settings) -> None:
    path = current_file(fixture_db)
    before = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    at = run_query(console("en"), "delete from articles")
    assert "Query refused" in at.error[0].value
    assert "DELETE changes the database" in at.code[0].value
    at = run_query(console("uk"), "copy articles to '/tmp/console_page_test.csv'")
    assert "Запит відхилено" in at.error[0].value
    assert not Path("/tmp/console_page_test.csv").exists()
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == before


def test_an_sql_mistake_shows_duckdbs_message(fixture_db: Settings) -> None:
    at = run_query(console("en"), "select no_such_column from articles")
    assert "could not run" in at.warning[0].value
    assert "no_such_column" in at.code[0].value


def test_truncation_is_announced(fixture_db: Settings) -> None:
    at = run_query(console("uk"), "select range as n from range(12000)")
    assert len(result_frame(at)) == 10_000
    assert any("перші 10\u00a0000 рядків" in w.value for w in at.warning)


def test_html_in_a_cell_is_shown_as_data(fixture_db: Settings) -> None:
    at = run_query(console("en"), "select '<script>alert(1)</script>' as cell")
    assert result_frame(at)["cell"].tolist() == ["<script>alert(1)</script>"]
    assert not any("<script>" in m.value for m in at.markdown)


def test_a_slow_query_is_stopped_at_the_time_limit(fixture_db: Settings) -> None:
    at = run_query(
        console("en"),
        "select sum(hash(range) % 7) from range(1000000000000)",
    )
    assert "ran longer than 10 s" in at.error[0].value, [c.value for c in at.code]
