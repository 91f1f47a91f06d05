"""Entry point: `python -m streamlit run dashboard/app.py` from the repo root.

Why it is this small: page config, the language switch (it titles the pages), st.navigation,
and the two states in which no page can run (no database, a damaged one). Everything else
lives in the pages and the modules they import.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:  # `streamlit run` puts dashboard/, not the repo, on the path
    sys.path.insert(0, str(HERE.parent))

import streamlit as st  # noqa: E402

from dashboard import data, filters  # noqa: E402
from dashboard.i18n import fmt_date, t  # noqa: E402

st.set_page_config(page_title="Децентралізація · аналітика", page_icon="📰", layout="wide")
lang = filters.language()

PAGES = [
    ("overview", "page_overview", ":material/dashboard:"),
    ("readership", "page_readership", ":material/trending_up:"),
    ("regions", "page_regions", ":material/map:"),
    ("support", "page_support", ":material/public:"),
    ("twinning", "page_twinning", ":material/handshake:"),
    ("articles", "page_articles", ":material/article:"),
    ("sql_console", "page_sql", ":material/terminal:"),  # another engineer's page, if present
]
pages = [
    st.Page(
        HERE / "pages" / f"{name}.py", title=t(key, lang), icon=icon, url_path=name, default=i == 0
    )
    for i, (name, key, icon) in enumerate(PAGES)
    if (HERE / "pages" / f"{name}.py").exists()
]
navigation = st.navigation(pages)

data.pin_generation()  # every query of this run reads one generation (see dashboard/data.py)
status = data.status()
if not status.ready:
    if status.error:
        st.error(t("db_damaged", lang, error=status.error))
        st.code("python -m etl rebuild", language="bash")
    else:
        st.info(t("no_db", lang, path=status.path))
        st.code("python -m etl demo --articles 20000 --seed 7", language="bash")
    st.stop()
if status.demo:
    st.warning(t("demo_banner", lang), icon=":material/science:")
if status.data_end:
    st.sidebar.caption(t("data_as_of", lang, date=fmt_date(status.data_end, lang)))
navigation.run()
