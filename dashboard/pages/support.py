"""International support: coverage (share of articles) against attention (share of views)."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, filters, ui
from dashboard.i18n import GRAINS, t

f = filters.sidebar()
lang = f.lang
ui.header(f, "page_support")
grain = st.radio(
    t("grain", lang),
    GRAINS,
    index=1,
    key="support_grain",
    horizontal=True,
    format_func=lambda g: t(f"grain_{g}", lang),
)
d = data.support(f, grain)

ui.chart(
    charts.support_over_time(
        d["publications"], d["views"], grain, lang, title=t("support_over_time", lang)
    ),
    key="support_time",
    caption=t("tz_note", lang),
)
ui.chart(
    charts.support_by_oblast(d["oblasts"], lang, title=t("support_by_oblast", lang)),
    key="support_oblast",
)
ui.chart(
    charts.coverage_vs_attention(d["tags"], lang, title=t("support_by_tag", lang)),
    key="support_tags",
    caption=t("support_by_tag_caption", lang),
)

left, right = st.columns(2)
with left:
    st.subheader(t("donors", lang))
    donors = d["donors"]
    if donors.empty:
        ui.empty(lang)
    else:
        donors = donors.assign(
            country=[charts.country_name(c, lang) for c in donors["donor_country"]]
        )
        shown = ui.table(
            donors,
            {
                "donor": ("donor", "text"),
                "country": ("country", "text"),
                "articles": ("articles", "int"),
                "views": ("views", "int"),
            },
            lang,
            key="support_donors",
        )
        ui.download(shown, f, "donors", key="support_donors_csv")
with right:
    st.subheader(t("donor_countries", lang))
    countries = d["countries"]
    if countries.empty:
        ui.empty(lang)
    else:
        countries = countries.assign(
            country=[charts.country_name(c, lang) for c in countries["donor_country"]]
        )
        ui.chart(
            charts.ranked_bars(countries, "country", "views", lang),
            key="support_countries",
        )
        shown = ui.table(
            countries,
            {
                "country": ("country", "text"),
                "donors": ("donors", "int"),
                "articles": ("articles", "int"),
                "views": ("views", "int"),
            },
            lang,
            key="support_countries_table",
        )
        ui.download(shown, f, "donor_countries", key="support_countries_csv")
