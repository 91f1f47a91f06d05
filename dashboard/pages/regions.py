"""Regions: an oblast choropleth from the shipped GeoJSON, and one oblast's hromadas."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, ui
from dashboard.i18n import t

METRICS = ("views", "articles", "views_per_article")

f = filters.sidebar()
lang = f.lang
ui.header(f, "page_regions")
name = "name_uk" if lang == "uk" else "name_en"

metric = st.radio(
    t("map_metric", lang),
    METRICS,
    key="regions_metric",
    horizontal=True,
    format_func=lambda m: t(m, lang),
)
oblasts = data.regions(f, None)["oblasts"]
geojson = data.settings().reference_dir / "ukraine_oblasts.geojson"
ui.chart(
    charts.oblast_map(oblasts, geojson, metric, lang, title=t("oblast_map", lang)),
    key="regions_map",
    caption=t("tz_note", lang),
)

ranked = oblasts.sort_values(["views", "articles"], ascending=False)
names = dict(zip(ranked["oblast_iso"], ranked[name], strict=True))
if st.session_state.get("regions_oblast") not in names:
    st.session_state["regions_oblast"] = next(iter(names), None)
oblast = st.selectbox(
    t("choose_oblast", lang), list(names), key="regions_oblast", format_func=names.get
)
if oblast:
    st.subheader(t("hromadas_of", lang, oblast=ui.md_escape(names[oblast])))
    st.caption(t("hromadas_caption", lang))
    hromadas = data.regions(f, oblast)["hromadas"]
    if hromadas.empty:
        ui.empty(lang)
    else:
        shown = ui.table(
            hromadas,
            {
                name: ("hromada", "text"),
                "raion_name": ("raion", "text"),
                "articles": ("articles", "int"),
                "views": ("views", "int"),
                "partners": ("partners", "list"),
            },
            lang,
            key="regions_hromadas",
        )
        ui.download(shown, f, f"hromadas_{oblast}", key="regions_hromadas_csv")
