"""Overview: the morning read — KPIs against the comparison period, trend, top articles, quality."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, ui
from dashboard.i18n import edition_label, fmt_date, fmt_datetime, fmt_int, fmt_num, fmt_pct, t

f = filters.sidebar()
lang = f.lang
d = data.overview(f)
ui.header(f, "page_overview")

now = d["kpis"].iloc[0]
before = d["kpis_before"].iloc[0] if not d["kpis_before"].empty else None
tiles = [
    ("kpi_articles", "articles", lambda v: fmt_int(v, lang), False, "kpi_articles_help"),
    ("kpi_views", "views", lambda v: fmt_int(v, lang), False, "kpi_views_help"),
    ("kpi_median", "median_views", lambda v: fmt_num(v, lang, 0), False, "kpi_median_help"),
    ("kpi_support", "support_share", lambda v: fmt_pct(v, lang), True, "kpi_support_help"),
    ("kpi_twinning", "twinning_events", lambda v: fmt_int(v, lang), False, "kpi_twinning_help"),
]
for column, (label, field, fmt, share, help_key) in zip(st.columns(5), tiles, strict=True):
    old = None if before is None else before[field]
    ui.kpi(
        column,
        t(label, lang),
        fmt(now[field]),
        ui.delta(now[field], old, lang, share=share),
        None if old is None else t("vs_before", lang, value=fmt(old)),
        t(help_key, lang) if help_key else None,
    )

grain = data.auto_grain(f)
ui.chart(
    charts.views_trend(d["trend"], grain, lang, title=t("trend", lang)),
    key="overview_trend",
    caption=f"{t('grain', lang)}: {t(f'grain_{grain}', lang)}. {t('tz_note', lang)}",
)

st.subheader(t("top_articles", lang))
top = d["top"]
if top.empty:
    ui.empty(lang)
else:
    names = "oblast_names_uk" if lang == "uk" else "oblast_names_en"
    lines = []
    for i, row in enumerate(top.itertuples(), start=1):
        title = ui.md_escape(row.title or row.article_key)
        url = ui.safe_url(row.url)
        link = f"[{title}]({url})" if url else title
        regions = ", ".join(getattr(row, names)) or t("national", lang)
        meta = " · ".join(
            ui.md_escape(part)
            for part in (
                edition_label(row.edition, lang),
                fmt_date(row.published_date, lang),
                regions,
                ", ".join(row.tags),
            )
            if part
        )
        lines.append(
            f"{i}. {link}  \n   {meta} · **{fmt_int(row.views, lang)}** {t('views', lang).lower()}"
        )
    st.markdown("\n".join(lines))

q = d["quality"].iloc[0]
with st.container(border=True):
    st.markdown(f"**{t('quality', lang)}**")
    cols = st.columns([1, 1, 1, 1, 2])
    cols[0].metric(t("q_no_region", lang), fmt_int(q["no_region"], lang))
    cols[1].metric(t("q_no_tags", lang), fmt_int(q["no_tags"], lang))
    cols[2].metric(t("q_counters_down", lang), fmt_int(q["counters_down"], lang))
    cols[3].metric(t("q_quarantined", lang), fmt_int(q["quarantined"], lang))
    cols[4].metric(t("q_last_load", lang), fmt_datetime(q["last_load_at"], lang))
    st.caption(
        t("q_caption", lang, articles=fmt_int(q["articles"], lang))
        + " "
        + t("q_run", lang, run=q["last_run_id"], command=q["last_load_command"])
    )
