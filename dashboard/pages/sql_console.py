"""SQL console: one read-only query at a time, with saved examples and the schema beside it.

The sandbox is etl.console (the same one `python -m etl sql` uses); this page only shows it.
The sidebar filters do not apply: the query says what it selects, so the page renders no
filter bar and says so. Results are data (st.dataframe), never markdown or HTML.
"""

from __future__ import annotations

import streamlit as st

from dashboard import data, filters, ui
from dashboard.i18n import Lang, fmt_int, fmt_num, t
from etl.console import ROW_LIMIT, TIMEOUT_S, ConsoleResult, QueryFailed, QueryTimedOut, run_sql
from etl.console_examples import Example, examples
from etl.console_schema import Relation, browse
from etl.errors import EtlError, QueryRefused

SQL_KEY = "sql_text"
RESULT_KEY = "sql_result"  # ConsoleResult | EtlError: kept across reruns (download, language)
DEFAULT_SQL = (
    "select edition, count(*) as articles, sum(views) as views\n"
    "from articles\ngroup by all\norder by articles desc"
)


@st.cache_data(max_entries=4, show_spinner=False)
def schema(generation: str) -> list[Relation]:
    """The tables, views and macros of one generation (the token keys the cache)."""
    return browse(data.settings())


def title(example: Example, lang: Lang) -> str:
    return example.title_uk if lang == "uk" else example.title


def use_example() -> None:
    picked = st.session_state.get("sql_example")
    for example in examples():
        if example.name == picked:
            st.session_state[SQL_KEY] = example.sql
            st.session_state.pop(RESULT_KEY, None)


def run_query() -> None:
    """The Run button's callback: callbacks run before the script, so the result survives the
    rerun with which a deep link first passes through app.py (filters.without_filters)."""
    outcome: ConsoleResult | EtlError
    try:
        outcome = run_sql(data.settings(), st.session_state.get(SQL_KEY) or "")
    except EtlError as exc:  # refusals, SQL mistakes, a missing database: all shown
        outcome = exc
    st.session_state[RESULT_KEY] = outcome


def show_schema(lang: Lang) -> None:
    st.subheader(t("sql_schema", lang))
    st.caption(t("sql_schema_note", lang))
    kinds = {"table": "sql_table", "view": "sql_view", "table macro": "sql_table_macro"}
    for rel in schema(data.token()):
        kind = t(kinds.get(rel.kind, "sql_macro"), lang)
        macro = rel.kind.endswith("macro")
        with st.expander(f"{rel.name} · {kind}"):
            if rel.description:
                st.caption(ui.md_escape(rel.description))
            st.dataframe(
                {
                    t("sql_parameter" if macro else "sql_column", lang): [
                        c.name for c in rel.columns
                    ],
                    t("sql_type", lang): [c.data_type for c in rel.columns],
                    t("sql_meaning", lang): [c.description for c in rel.columns],
                },
                hide_index=True,
                width="stretch",
            )


def show_result(outcome: ConsoleResult | EtlError, lang: Lang) -> None:
    if isinstance(outcome, QueryTimedOut):
        st.error(t("sql_timeout", lang, seconds=fmt_num(TIMEOUT_S, lang)), icon="⏱️")
        st.caption(ui.md_escape(outcome.hint))
        return
    if isinstance(outcome, QueryRefused):
        st.error(t("sql_refused", lang), icon="🛡️")
        st.code(str(outcome), language=None, wrap_lines=True)
        return
    if isinstance(outcome, QueryFailed):
        st.warning(t("sql_failed", lang), icon="⚠️")
        st.code(str(outcome), language=None, wrap_lines=True)
        return
    if isinstance(outcome, EtlError):  # DatabaseMissing and the like
        st.error(str(outcome))
        return
    frame = outcome.frame
    if outcome.truncated:
        st.warning(t("sql_truncated", lang, n=fmt_int(len(frame), lang)), icon="✂️")
    st.caption(
        t("sql_rows", lang, n=fmt_int(len(frame), lang), seconds=fmt_num(outcome.elapsed, lang, 2))
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    try:
        from etl.export import csv_bytes
    except ImportError:  # the export module is optional for the console
        return
    st.download_button(
        t("sql_download", lang),
        data=csv_bytes(frame),
        file_name="query.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )


lang = filters.without_filters()
st.title(t("page_sql", lang))
st.caption(t("sql_intro", lang, rows=fmt_int(ROW_LIMIT, lang), seconds=fmt_num(TIMEOUT_S, lang)))
st.info(t("sql_no_filters", lang), icon=":material/filter_alt_off:")

query_col, schema_col = st.columns([3, 2])
with schema_col:
    show_schema(lang)
with query_col:
    options = [e.name for e in examples()]
    by_name = {e.name: e for e in examples()}
    st.selectbox(
        t("sql_examples", lang),
        options,
        index=None,
        key="sql_example",
        placeholder=t("sql_example_pick", lang),
        format_func=lambda name: title(by_name[name], lang),
        on_change=use_example,
    )
    picked = st.session_state.get("sql_example")
    if picked in by_name:
        st.caption(ui.md_escape(by_name[picked].description))
    st.session_state.setdefault(SQL_KEY, DEFAULT_SQL)
    st.text_area(t("sql_query", lang), key=SQL_KEY, height=220)
    st.button(
        t("sql_run", lang),
        type="primary",
        icon=":material/play_arrow:",
        key="sql_run",
        on_click=run_query,
    )
    kept = st.session_state.get(RESULT_KEY)
    if kept is not None:
        show_result(kept, lang)
