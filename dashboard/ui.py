"""Small Streamlit building blocks the pages share: KPI tiles, tables, charts, empty states.

Why: so every page formats numbers and dates the same way for the chosen language, shows the
same empty state, and puts data into markdown only through `md_escape` / `safe_url` (titles
scraped from the web may hold HTML or script; they must show as text, and nothing here ever
passes unsafe_allow_html).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.filters import Filters
from dashboard.i18n import Lang, fmt_date, fmt_int, fmt_num, fmt_pct, fmt_signed, t
from etl.export import csv_bytes

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$:])")
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def md_escape(text: object) -> str:
    """Text that markdown shows literally: HTML entities escaped, markdown marks backslashed."""
    escaped = html.escape(str(text), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped).replace("\n", " ")


def safe_url(url: object) -> str | None:
    """An http(s) link fit for a markdown link target, or None."""
    if not isinstance(url, str) or not re.match(r"^https?://[^\s<>\"']+$", url):
        return None
    return url.replace("(", "%28").replace(")", "%29")


def header(f: Filters, title_key: str) -> None:
    """Page title, the period and comparison, and the Kyiv-time / ISO-week note."""
    st.title(t(title_key, f.lang))
    period = t(
        "period_label", f.lang, start=fmt_date(f.start, f.lang), end=fmt_date(f.last_day, f.lang)
    )
    st.caption(f"{period} · {t('tz_note', f.lang)}")


def empty(lang: Lang) -> None:
    st.info(t("empty", lang), icon="🔍")


def chart(fig: go.Figure, key: str, caption: str | None = None) -> None:
    st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch")
    if caption:
        st.caption(caption)


def delta(now: float | None, before: float | None, lang: Lang, share: bool = False) -> str | None:
    """A KPI delta: '+12,3 %' for counts, '+1,5 п. п.' for shares; None when not comparable.

    It starts with an ASCII '+' or '-' because st.metric colours the arrow by that sign.
    """
    if now is None or before is None or pd.isna(now) or pd.isna(before):
        return None
    if share:
        points = (float(now) - float(before)) * 100
        unit = "п. п." if lang == "uk" else "pp"
        return fmt_signed(points, lang, 1).replace("−", "-") + f" {unit}"
    if float(before) == 0:
        return None
    change = float(now) / float(before) - 1
    return fmt_signed(change * 100, lang, 1).replace("−", "-") + (
        "\u00a0%" if lang == "uk" else "%"
    )


def kpi(
    column: Any,
    label: str,
    value: str,
    delta_text: str | None,
    before: str | None,
    help_text: str | None = None,
) -> None:
    column.metric(label, value, delta=delta_text, help=help_text, border=True)
    if before:
        column.caption(before)


Formatter = Callable[[Any], str]


def formatters(lang: Lang) -> dict[str, Formatter]:
    return {
        "int": lambda v: fmt_int(v, lang),
        "num": lambda v: fmt_num(v, lang, 1),
        "pct": lambda v: fmt_pct(v, lang),
        "date": lambda v: "" if v is None or pd.isna(v) else fmt_date(v, lang),
        "list": lambda v: (
            ", ".join(map(str, v))
            if isinstance(v, list | tuple) or hasattr(v, "tolist")
            else ("" if v is None else str(v))
        ),
        "bool": lambda v: t("support_yes" if v else "support_no", lang),
    }


def display_frame(
    frame: pd.DataFrame, columns: Mapping[str, tuple[str, str]], lang: Lang
) -> pd.DataFrame:
    """The columns to show, renamed to their labels; list cells joined (what the CSV holds)."""
    out = pd.DataFrame(index=frame.index)
    for name, (label_key, kind) in columns.items():
        value = frame[name]
        if kind == "list":
            value = value.map(formatters(lang)["list"])
        elif kind == "bool":
            value = value.map(formatters(lang)["bool"])
        elif kind == "date":
            value = pd.to_datetime(value).dt.date
        elif kind in ("int", "num", "pct"):
            value = pd.to_numeric(value, errors="coerce")
        out[t(label_key, lang)] = value
    return out.reset_index(drop=True)


def table(
    frame: pd.DataFrame,
    columns: Mapping[str, tuple[str, str]],
    lang: Lang,
    key: str,
    height: int | str = "auto",
) -> pd.DataFrame:
    """st.dataframe with numbers and dates in the language's format; links clickable.

    `columns` maps a source column to (label key, kind) with kind in int, num, pct, date,
    list, bool, text, link. Returns the frame shown (the CSV download uses it).
    """
    shown = display_frame(frame, columns, lang)
    styled = len(shown) <= STYLED_ROWS
    fmt = formatters(lang)
    styles: dict[str, Formatter] = {}
    config: dict[str, Any] = {}
    for _name, (label_key, kind) in columns.items():
        label = t(label_key, lang)
        if kind in ("int", "num", "pct", "date") and styled:
            styles[label] = fmt[kind]
        elif kind in BROWSER_FORMATS:
            config[label] = BROWSER_FORMATS[kind](label, lang)
        if kind == "link":
            config[label] = st.column_config.LinkColumn(label, display_text="↗ decentralization.ua")
    body: Any = shown.style.format(styles, na_rep="—") if styled else shown
    st.dataframe(
        body, key=key, hide_index=True, column_config=config, height=height, width="stretch"
    )
    return shown


# Up to this many rows a table's numbers and dates are formatted here, in the page's language.
# pandas' Styler does it cell by cell in Python: ~0.6 s per run for the 6,000 articles of a
# month at 1M articles. Longer tables leave it to the browser (its own locale for numbers).
STYLED_ROWS = 1000
BROWSER_FORMATS: dict[str, Callable[[str, Lang], Any]] = {
    "int": lambda label, lang: st.column_config.NumberColumn(label, format="localized"),
    "num": lambda label, lang: st.column_config.NumberColumn(label, format="localized"),
    "pct": lambda label, lang: st.column_config.NumberColumn(label, format="percent"),
    "date": lambda label, lang: st.column_config.DateColumn(
        label, format="DD.MM.YYYY" if lang == "uk" else "D MMM YYYY"
    ),
}


def download(shown: pd.DataFrame, f: Filters, name: str, key: str) -> None:
    """A CSV of exactly the table shown, written by the weekly export's writer (etl.export:
    formula-safe text, lists joined with '; ', UTF-8), named after the table and the period."""
    st.download_button(
        t("download_csv", f.lang),
        data=csv_bytes(shown),
        file_name=f"{name}_{f.start.isoformat()}_{f.last_day.isoformat()}.csv",
        mime="text/csv",
        key=key,
    )
