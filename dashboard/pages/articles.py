"""Articles: every matching article, searchable and sortable; the CSV holds exactly what shows."""

from __future__ import annotations

import streamlit as st

from dashboard import data, filters, ui
from dashboard.i18n import fmt_int, t

SORTS = {
    "published_date": ("published", False),
    "views": ("views_period", False),
    "total_views": ("total_views", False),
    "title": ("title", True),
}

f = filters.sidebar()
lang = f.lang
ui.header(f, "page_articles")
search_col, sort_col = st.columns([3, 1])
search = search_col.text_input(t("search", lang), key="articles_search").strip()
sort = sort_col.selectbox(
    t("sort_by", lang), list(SORTS), key="articles_sort", format_func=lambda s: t(SORTS[s][0], lang)
)
frame = data.articles(f, search)
st.caption(t("n_shown", lang, n=fmt_int(len(frame), lang)))
if frame.empty:
    ui.empty(lang)
    st.stop()

frame = frame.sort_values(sort, ascending=SORTS[sort][1], kind="stable", na_position="last")
names = "oblast_names_uk" if lang == "uk" else "oblast_names_en"
shown = ui.table(
    frame,
    {
        "published_date": ("published", "date"),
        "edition": ("edition_col", "text"),
        "title": ("title", "text"),
        names: ("oblasts", "list"),
        "tags": ("tags", "list"),
        "international_support": ("support_flag", "bool"),
        "views": ("views_period", "int"),
        "total_views": ("total_views", "int"),
        "url": ("link", "link"),
    },
    lang,
    key="articles_table",
    height=600,
)

ui.download(shown, f, "articles", key="articles_csv")
