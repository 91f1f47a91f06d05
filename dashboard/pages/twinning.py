"""Twinning: partner countries on a world map, hromada-partner pairs, news by stage, oblasts."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, ui
from dashboard.i18n import stage_label, t

f = filters.sidebar()
lang = f.lang
ui.header(f, "page_twinning")
grain = st.radio(
    t("grain", lang),
    ("week", "month", "year"),
    index=1,
    key="twinning_grain",
    horizontal=True,
    format_func=lambda g: t(f"grain_{g}", lang),
)
d = data.twinning(f, grain)
pairs = d["pairs"]

world = data.settings().reference_dir / "world_countries.geojson"
map_col, bars_col = st.columns([3, 2])
with map_col:
    ui.chart(
        charts.world_map(pairs, world, lang, title=t("partner_map", lang)),
        key="twin_map",
        caption=t("world_map_caption", lang),
    )
with bars_col:
    countries = charts.partner_countries(pairs)
    countries["name"] = [charts.country_name(c, lang) for c in countries["country"]]
    ui.chart(
        charts.ranked_bars(
            countries,
            "name",
            "pairs",
            lang,
            title=t("partner_map", lang),
            value_title=t("n_pairs", lang),
        ),
        key="twin_countries",
    )

left, right = st.columns([3, 2])
with left:
    ui.chart(
        charts.twinning_timeline(d["timeline"], grain, lang, title=t("twinning_timeline", lang)),
        key="twin_timeline",
        caption=t("tz_note", lang),
    )
with right:
    by_oblast = charts.pairs_by_oblast(pairs, lang)
    ui.chart(
        charts.ranked_bars(
            by_oblast,
            "oblast",
            "pairs",
            lang,
            title=t("twinning_by_oblast", lang),
            value_title=t("n_pairs", lang),
        ),
        key="twin_oblast",
    )

st.subheader(t("pairs", lang))
if pairs.empty:
    ui.empty(lang)
else:
    shown = pairs.assign(
        country_name=[charts.country_name(c, lang) for c in pairs["country"]],
        stage=[stage_label(s, lang) for s in pairs["latest_stage"]],
        oblast=pairs["oblast_uk" if lang == "uk" else "oblast_en"],
        side=pairs["ukrainian_name_uk" if lang == "uk" else "ukrainian_name_en"],
    )
    table = ui.table(
        shown,
        {
            "side": ("ukrainian_side", "text"),
            "oblast": ("oblast", "text"),
            "partner": ("partner", "text"),
            "country_name": ("country", "text"),
            "stage": ("stage", "text"),
            "first_mentioned": ("first_mentioned", "date"),
            "last_mentioned": ("last_mentioned", "date"),
            "mentions": ("mentions", "int"),
        },
        lang,
        key="twin_pairs",
    )
    ui.download(table, f, "twinning_pairs", key="twin_pairs_csv")
