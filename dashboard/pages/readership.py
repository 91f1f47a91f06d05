"""Readership: views over time, by edition, tag and oblast; first-week views; speed; movers."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, ui
from dashboard.i18n import GRAINS, fmt_date, fmt_int, t

f = filters.sidebar()
lang = f.lang
ui.header(f, "page_readership")
grain = st.radio(
    t("grain", lang),
    GRAINS,
    key="readership_grain",
    horizontal=True,
    format_func=lambda g: t(f"grain_{g}", lang),
)
d = data.readership(f, grain)

ui.chart(
    charts.views_trend(d["trend"], grain, lang, title=t("trend", lang)),
    key="read_trend",
    caption=t("tz_note", lang),
)
left, right = st.columns(2)
with left:
    ui.chart(charts.edition_bars(d["trend"], lang, title=t("by_edition", lang)), key="read_ed")
    name = "name_uk" if lang == "uk" else "name_en"
    ui.chart(
        charts.ranked_bars(d["oblasts"], name, "views", lang, title=t("by_oblast", lang)),
        key="read_oblast",
    )
with right:
    ui.chart(
        charts.ranked_bars(d["tags"], "tag", "views", lang, title=t("by_tag", lang), top=20),
        key="read_tag",
    )

left, right = st.columns(2)
with left:
    first = d["first_week"]["first_week_views"]
    ui.chart(
        charts.histogram(first, lang, title=t("first_week", lang)),
        key="read_first",
        caption=t("first_week_caption", lang, median=fmt_int(first.median(), lang)),
    )
with right:
    ui.chart(
        charts.time_to_views(d["speed"], lang, title=t("speed", lang)),
        key="read_speed",
        caption=t("speed_caption", lang),
    )

st.subheader(t("movers", lang))
before = f.previous()
st.caption(
    t(
        "movers_caption",
        lang,
        top=data.TOP,
        start=fmt_date(f.start, lang),
        end=fmt_date(f.last_day, lang),
        cstart=fmt_date(before.start, lang),
        cend=fmt_date(before.last_day, lang),
    )
)
movers = d["movers"]
if movers.empty:
    ui.empty(lang)
else:
    movers = movers.assign(status=[t(f"status_{s}", lang) for s in movers["status"]])
    current = movers[movers["rank"] <= data.TOP]
    shown = ui.table(
        current,
        {
            "rank": ("rank", "int"),
            "rank_before": ("rank_before", "int"),
            "title": ("title", "text"),
            "views": ("views", "int"),
            "views_before": ("views_before", "int"),
            "change": ("change", "int"),
            "status": ("status", "text"),
            "url": ("link", "link"),
        },
        lang,
        key="movers_table",
    )
    ui.download(shown, f, "movers", key="movers_csv")
    new, gone = st.columns(2)
    for column, status, label in ((new, "new", "new_entrants"), (gone, "dropped", "drop_outs")):
        rows = d["movers"][d["movers"]["status"] == status]
        with column:
            st.markdown(f"**{t(label, lang)}** ({fmt_int(len(rows), lang)})")
            if not rows.empty:
                listed = ui.table(
                    rows,
                    {
                        "title": ("title", "text"),
                        "views": ("views", "int"),
                        "views_before": ("views_before", "int"),
                    },
                    lang,
                    key=f"movers_{status}",
                )
                ui.download(listed, f, f"movers_{status}", key=f"movers_{status}_csv")
