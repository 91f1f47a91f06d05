"""DataFrame -> Plotly figure, and the small pure reshapes the figures need.

Why a module of pure functions: charts are tested as figures with tiny DataFrames, without a
browser or a Streamlit runtime, and notebooks can reuse them. This module must never import
streamlit (a test enforces it). Every figure takes `lang` and localises its axis titles, tick
labels, hover text and number separators; time axes are labelled with Kyiv-day buckets and ISO
weeks. No figure sends more than MAX_POINTS points to the browser.
"""

from __future__ import annotations

import gettext
import itertools
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from dashboard.i18n import (
    Lang,
    edition_label,
    fmt_int,
    fmt_num,
    fmt_pct,
    fmt_period,
    plotly_separators,
    stage_label,
    t,
)

MAX_POINTS = 100_000  # the budget per chart; checked by points()

EDITION_COLOURS = {"uk": "#0057B7", "en": "#E09F00", "reprint": "#8A94A6"}
SUPPORT_COLOUR = "#0057B7"
OTHER_COLOUR = "#B8C2D0"
STAGE_COLOURS = {
    "talks": "#9DC3E6",
    "activity": "#4A8BC9",
    "signed": "#0B4F8A",
    "unknown": "#B8C2D0",
}
STAGE_ORDER = ("talks", "activity", "signed", "unknown")
SCALE = "Blues"
FONT = "Inter, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"


# --------------------------------------------------------------------------------------------
# Shared layout
# --------------------------------------------------------------------------------------------


def _layout(fig: go.Figure, lang: Lang, title: str | None = None, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "font": {"size": 16}} if title else None,
        separators=plotly_separators(lang),
        height=height,
        margin={"l": 8, "r": 8, "t": 48 if title else 16, "b": 8},
        font={"family": FONT, "size": 13},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0, "title": None},
        hoverlabel={"font": {"family": FONT}},
        plot_bgcolor="white",
    )
    fig.update_xaxes(gridcolor="#EEF1F5", zeroline=False)
    fig.update_yaxes(gridcolor="#EEF1F5", zeroline=False)
    return fig


def empty_figure(lang: Lang, title: str | None = None) -> go.Figure:
    """A figure that says nothing matched: pages never have to special-case a chart."""
    fig = go.Figure()
    fig.add_annotation(
        text=t("empty", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return _layout(fig, lang, title, height=220)


def _time_ticks(fig: go.Figure, periods: Sequence[Any], grain: str, lang: Lang) -> None:
    """Localised tick labels on a time axis (Plotly's own month names are English only)."""
    unique = sorted(pd.to_datetime(pd.Series(list(periods))).dropna().unique())
    if not unique:
        return
    step = max(1, int(np.ceil(len(unique) / 8)))
    ticks = unique[::step]
    fig.update_xaxes(
        tickmode="array",
        tickvals=ticks,
        ticktext=[fmt_period(pd.Timestamp(v).date(), grain, lang) for v in ticks],
    )


def points(fig: go.Figure) -> int:
    """How many data points a figure sends to the browser (x, locations or values)."""
    total = 0
    for trace in fig.data:
        for attr in ("x", "locations", "values", "y"):
            value = getattr(trace, attr, None)
            if value is not None:
                total += len(value)
                break
    return total


def _cap(frame: pd.DataFrame, limit: int = MAX_POINTS) -> pd.DataFrame:
    """Keep a frame within the point budget (largest values first when it has to cut)."""
    if len(frame) <= limit:
        return frame
    return frame.nlargest(limit, frame.columns[-1]) if len(frame.columns) else frame.head(limit)


# --------------------------------------------------------------------------------------------
# Readership over time
# --------------------------------------------------------------------------------------------


def views_trend(
    frame: pd.DataFrame, grain: str, lang: Lang, by: str = "edition", title: str | None = None
) -> go.Figure:
    """Stacked areas of views per period bucket, one per edition (or per support flag).

    `frame` has the columns of the views_over_time_* queries: period, edition,
    international_support, views.
    """
    if frame.empty or frame["views"].sum() <= 0:
        return empty_figure(lang, title)
    data = frame.groupby(["period", by], as_index=False)["views"].sum()
    data = _cap(data.sort_values("period"))
    fig = go.Figure()
    keys = (
        [k for k in ("uk", "en", "reprint") if k in set(data[by])]
        if by == "edition"
        else [
            True,
            False,
        ]
    )
    for key in keys:
        part = data[data[by] == key]
        if part.empty:
            continue
        if by == "edition":
            name, colour = edition_label(str(key), lang), EDITION_COLOURS.get(str(key), "#888")
        else:
            name = t("support_yes" if key else "support_no", lang)
            colour = SUPPORT_COLOUR if key else OTHER_COLOUR
        labels = [fmt_period(p, grain, lang) for p in part["period"]]
        fig.add_trace(
            go.Scatter(
                x=part["period"],
                y=part["views"],
                name=name,
                mode="lines",
                stackgroup="views",
                line={"width": 1.5, "color": colour},
                customdata=labels,
                hovertemplate="%{customdata}<br>" + name + ": %{y:,.0f}<extra></extra>",
            )
        )
    _layout(fig, lang, title)
    fig.update_yaxes(title=t("views", lang), rangemode="tozero")
    _time_ticks(fig, data["period"], grain, lang)
    fig.update_layout(hovermode="x unified")
    return fig


def edition_totals(frame: pd.DataFrame) -> pd.DataFrame:
    """Views per edition from a views-over-time frame, largest first."""
    if frame.empty:
        return pd.DataFrame({"edition": [], "views": []})
    out = frame.groupby("edition", as_index=False)["views"].sum()
    return out.sort_values("views", ascending=False, ignore_index=True)


def edition_bars(frame: pd.DataFrame, lang: Lang, title: str | None = None) -> go.Figure:
    data = edition_totals(frame)
    if data.empty or data["views"].sum() <= 0:
        return empty_figure(lang, title)
    labels = [edition_label(e, lang) for e in data["edition"]]
    fig = go.Figure(
        go.Bar(
            x=data["views"],
            y=labels,
            orientation="h",
            marker_color=[EDITION_COLOURS.get(e, "#888") for e in data["edition"]],
            text=[fmt_int(v, lang) for v in data["views"]],
            textposition="auto",
            hovertemplate="%{y}: %{x:,.0f}<extra></extra>",
        )
    )
    _layout(fig, lang, title, height=220)
    fig.update_xaxes(title=t("views", lang))
    fig.update_yaxes(autorange="reversed")
    return fig


def ranked_bars(
    frame: pd.DataFrame,
    label: str,
    value: str,
    lang: Lang,
    title: str | None = None,
    top: int = 15,
    value_title: str | None = None,
    digits: int = 0,
) -> go.Figure:
    """Horizontal bars of the `top` largest `value`s, labelled by `label`."""
    if frame.empty or frame[value].fillna(0).sum() <= 0:
        return empty_figure(lang, title)
    data = frame.nlargest(top, value)
    fig = go.Figure(
        go.Bar(
            x=data[value],
            y=data[label].astype(str),
            orientation="h",
            marker_color=SUPPORT_COLOUR,
            text=[fmt_num(v, lang, digits) for v in data[value]],
            textposition="auto",
            hovertemplate="%{y}: %{x:,." + str(digits) + "f}<extra></extra>",
        )
    )
    _layout(fig, lang, title, height=max(240, 26 * len(data) + 80))
    fig.update_xaxes(title=value_title or t("views", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


def histogram(
    values: pd.Series, lang: Lang, title: str | None = None, x_title: str | None = None
) -> go.Figure:
    """A histogram binned here (so only the bins travel), on a log scale of views."""
    clean = pd.to_numeric(values, errors="coerce").dropna()
    if clean.empty:
        return empty_figure(lang, title)
    counts, edges = log_bins(clean)
    labels = [f"{fmt_int(lo, lang)}–{fmt_int(hi, lang)}" for lo, hi in itertools.pairwise(edges)]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=counts,
            marker_color=SUPPORT_COLOUR,
            hovertemplate="%{x}: %{y:,.0f}<extra></extra>",
        )
    )
    _layout(fig, lang, title)
    fig.update_xaxes(title=x_title or t("views", lang), type="category", tickangle=-45)
    fig.update_yaxes(title=t("n_articles", lang))
    return fig


def log_bins(values: pd.Series, bins: int = 14) -> tuple[np.ndarray, np.ndarray]:
    """Counts over about `bins` rounded, log-spaced edges spanning the values (0 included)."""
    data = values.to_numpy(dtype=float)
    low = max(float(data[data > 0].min()) if (data > 0).any() else 1.0, 1.0)
    high = max(float(data.max()), low + 1)
    raw = np.geomspace(low, high * 1.0001, num=bins)
    nice = [0.0]
    for edge in raw:
        magnitude = 10 ** max(np.floor(np.log10(edge)) - 1, 0)
        rounded = float(np.ceil(edge / magnitude) * magnitude)
        if rounded > nice[-1]:
            nice.append(rounded)
    if nice[-1] <= high:
        nice.append(high + 1)
    counts, edges = np.histogram(data, bins=np.array(nice))
    return counts, edges


def time_to_views(
    frame: pd.DataFrame, lang: Lang, title: str | None = None, top: int = 15
) -> go.Figure:
    """Grouped bars: median days to 50% and to 80% of views, per tag (most articles first)."""
    if frame.empty:
        return empty_figure(lang, title)
    data = frame.nlargest(top, "articles")
    fig = go.Figure()
    for column, colour in (("days_to_half", "#9DC3E6"), ("days_to_80", SUPPORT_COLOUR)):
        name = t(column, lang)
        fig.add_trace(
            go.Bar(
                x=data[column],
                y=data["tag"],
                name=name,
                orientation="h",
                marker_color=colour,
                hovertemplate="%{y}: %{x:,.1f}<extra>" + name + "</extra>",
            )
        )
    _layout(fig, lang, title, height=max(260, 34 * len(data) + 80))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title=t("days", lang))
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig


# --------------------------------------------------------------------------------------------
# Maps
# --------------------------------------------------------------------------------------------


@cache
def _geojson(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _rings(geometry: dict[str, Any], max_points: int = 400) -> list[list[list[float]]]:
    """The outer and inner rings of a (Multi)Polygon, thinned to at most `max_points` each."""
    polygons = (
        [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    )
    rings = []
    for polygon in polygons:
        for ring in polygon:
            step = max(1, len(ring) // max_points)
            rings.append([*ring[::step], ring[-1]])
    return rings


@cache
def _outlines(
    path: str, id_property: str | None
) -> dict[str, tuple[list[float | None], list[float | None]]]:
    """Per feature id (or property), x (lon) and y (lat) with None between rings."""
    out: dict[str, tuple[list[float | None], list[float | None]]] = {}
    for feature in _geojson(path)["features"]:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for ring in _rings(feature["geometry"]):
            xs += [p[0] for p in ring] + [None]
            ys += [p[1] for p in ring] + [None]
        key = feature["properties"][id_property] if id_property else feature["id"]
        out[str(key)] = (xs, ys)

    def extent(item: tuple[str, tuple[list[float | None], list[float | None]]]) -> float:
        return max(_bbox_area(ring) for ring in _split_rings(*item[1]))

    # Large shapes first, so Kyiv city is drawn over Kyiv Oblast, not hidden by it.
    return dict(sorted(out.items(), key=extent, reverse=True))


def oblast_map(
    frame: pd.DataFrame, geojson_path: Path, metric: str, lang: Lang, title: str | None = None
) -> go.Figure:
    """Choropleth of oblasts (GeoJSON shapeISO = ISO 3166-2:UA) coloured by `metric`.

    Drawn as filled polygons on plain axes rather than a Plotly geo subplot: geo subplots
    fetch their base map from Plotly's CDN at view time, and this map must work offline.
    """
    if frame.empty:
        return empty_figure(lang, title)
    name_col = "name_uk" if lang == "uk" else "name_en"
    digits = 1 if metric == "views_per_article" else 0
    metric_title = t(metric, lang)
    values = frame.set_index("oblast_iso")[metric].fillna(0).astype(float)
    names = frame.set_index("oblast_iso")[name_col].astype(str)
    top = float(values.max()) or 1.0
    outlines = _outlines(str(geojson_path), "shapeISO")
    fig = go.Figure()
    for iso, (xs, ys) in outlines.items():
        value = float(values.get(iso, 0.0))
        # min(): 0.92 * top / top can round to 0.92000...02, past the scale's end (IndexError)
        colour = sample_colorscale(SCALE, [min(1.0, 0.08 + 0.92 * value / top)])[0]
        label = f"{names.get(iso, iso)}: {fmt_num(value, lang, digits)}"
        fig.add_trace(_shape(xs, ys, colour, label, width=0.8))
    fig.add_trace(_colour_bar(top, metric_title))
    _layout(fig, lang, title, height=520)
    fig.update_xaxes(visible=False, showgrid=False)
    # Degrees of longitude are shorter than degrees of latitude at Ukraine's ~48.5° N.
    fig.update_yaxes(visible=False, showgrid=False, scaleanchor="x", scaleratio=1.51)
    return fig


@cache
def _country_names(lang: str) -> gettext.NullTranslations:
    import pycountry

    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def country_name(alpha2: str | None, lang: Lang) -> str:
    """'FR' -> 'Франція' (uk) / 'France' (en); EU and multilateral bodies by name."""

    if not isinstance(alpha2, str) or not alpha2 or alpha2 == "multilateral":
        return t("multilateral", lang)
    if alpha2 == "EU":
        return t("eu", lang)
    country = _lookup(alpha2)
    if country is None:
        return alpha2
    if lang == "en":
        return str(getattr(country, "common_name", None) or country.name)
    return _country_names(lang).gettext(country.name)


def alpha3(alpha2: str | None) -> str | None:
    """ISO alpha-2 -> alpha-3 (Plotly's choropleth needs ISO-3); None when unknown."""

    country = _lookup(alpha2)
    return country.alpha_3 if country else None


def _lookup(alpha2: object) -> Any:
    """The pycountry record for an alpha-2 code, or None (pycountry raises on bad input)."""
    import pycountry

    if not isinstance(alpha2, str) or len(alpha2) != 2:
        return None
    try:
        return pycountry.countries.get(alpha_2=alpha2.upper())
    except (LookupError, KeyError):
        return None


def partner_countries(pairs: pd.DataFrame) -> pd.DataFrame:
    """Per partner country: pairs, distinct Ukrainian sides and mentions in the period."""
    if pairs.empty:
        return pd.DataFrame(columns=["country", "iso3", "pairs", "hromadas", "mentions"])
    data = pairs.dropna(subset=["country"])
    out = data.groupby("country", as_index=False).agg(
        pairs=("partner", "size"), hromadas=("ukrainian", "nunique"), mentions=("mentions", "sum")
    )
    out["iso3"] = [alpha3(c) for c in out["country"]]
    return out.sort_values("pairs", ascending=False, ignore_index=True)


def world_map(
    pairs: pd.DataFrame, geojson_path: Path, lang: Lang, title: str | None = None
) -> go.Figure:
    """Partner countries coloured by the number of pairs, over the shipped world outlines.

    Filled polygons on plain axes, like the oblast map: a Plotly geo subplot would fetch its
    base map from a CDN at view time and stay blank offline. Ukraine is drawn in its
    recognised borders (data/reference/SOURCES.md); the view frames Ukraine and every partner.
    """
    data = partner_countries(pairs).dropna(subset=["iso3"])
    if data.empty:
        return empty_figure(lang, title)
    outlines = _outlines(str(geojson_path), None)
    counts = dict(zip(data["iso3"], data["pairs"], strict=True))
    names = dict(zip(data["iso3"], data["country"], strict=True))
    top = float(max(counts.values()))
    fig = go.Figure()
    rest_x: list[float | None] = []
    rest_y: list[float | None] = []
    for iso3, (xs, ys) in outlines.items():
        if iso3 not in counts and iso3 != "UKR":
            rest_x += xs
            rest_y += ys
    fig.add_trace(_shape(rest_x, rest_y, "#EEF1F5", None))
    # Edged in its own colour: the Crimean polygon meets the mainland without a seam.
    fig.add_trace(_shape(*outlines["UKR"], "#FFD500", country_name("UA", lang), edge="#FFD500"))
    for iso3, count in counts.items():
        if iso3 not in outlines:
            continue  # too small for a 1:110m map (Malta, Monaco...): the bars beside show it
        colour = sample_colorscale(SCALE, [min(1.0, 0.15 + 0.85 * count / top)])[0]  # as above
        label = f"{country_name(names[iso3], lang)}: {fmt_int(count, lang)}"
        fig.add_trace(_shape(*outlines[iso3], colour, label))
    fig.add_trace(_colour_bar(top, t("n_pairs", lang)))
    _layout(fig, lang, title, height=460)
    west, south, east, north = _frame([outlines[i] for i in [*counts, "UKR"] if i in outlines])
    fig.update_xaxes(visible=False, showgrid=False, range=[west, east])
    fig.update_yaxes(
        visible=False,
        showgrid=False,
        range=[south, north],
        scaleanchor="x",
        # Degrees of longitude shrink with latitude: scale by the frame's middle latitude.
        scaleratio=1 / max(0.2, np.cos(np.radians((south + north) / 2))),
    )
    return fig


def _shape(
    xs: list[float | None],
    ys: list[float | None],
    colour: str,
    label: str | None,
    width: float = 0.6,
    edge: str = "white",
) -> go.Scatter:
    """One filled outline; hover shows `label` (none for background shapes)."""
    return go.Scatter(
        x=xs,
        y=ys,
        fill="toself",
        fillcolor=colour,
        mode="lines",
        line={"color": edge, "width": width},
        hoveron="fills",
        name=label or "",
        text=label,
        hoverinfo="text" if label else "skip",
        showlegend=False,
    )


def _colour_bar(top: float, title: str) -> go.Scatter:
    """An invisible trace that carries the colour bar of a polygon map."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        showlegend=False,
        hoverinfo="skip",
        marker={
            "colorscale": SCALE,
            "cmin": 0,
            "cmax": top,
            "color": [0],
            "showscale": True,
            "colorbar": {"title": {"text": title}, "thickness": 12},
        },
    )


def _frame(shapes: list[tuple[list[float | None], list[float | None]]]) -> tuple[float, ...]:
    """West, south, east, north around each shape's main ring, padded; at least Europe.

    Main rings only: France's outline includes French Guiana, which should not pull a
    map of European partners across the Atlantic.
    """
    rings = [max(_split_rings(*shape), key=_bbox_area) for shape in shapes]
    xs = [x for ring in rings for x in ring[0]]
    ys = [y for ring in rings for y in ring[1]]
    west, east = min(min(xs), -10.0) - 3, max(max(xs), 42.0) + 3
    south, north = max(min(min(ys), 35.0) - 3, -60.0), min(max(max(ys), 60.0) + 3, 80.0)
    return west, south, east, north


def _split_rings(
    xs: list[float | None], ys: list[float | None]
) -> list[tuple[list[float], list[float]]]:
    rings: list[tuple[list[float], list[float]]] = [([], [])]
    for x, y in zip(xs, ys, strict=True):
        if x is None or y is None:
            rings.append(([], []))
        else:
            rings[-1][0].append(x)
            rings[-1][1].append(y)
    return [ring for ring in rings if ring[0]]


def _bbox_area(ring: tuple[list[float], list[float]]) -> float:
    return (max(ring[0]) - min(ring[0])) * (max(ring[1]) - min(ring[1]))


# --------------------------------------------------------------------------------------------
# International support
# --------------------------------------------------------------------------------------------


def support_shares(publications: pd.DataFrame, views: pd.DataFrame) -> pd.DataFrame:
    """Per period: coverage (share of articles with support) and attention (share of views)."""
    parts = []
    if not publications.empty:
        pub = (
            publications.groupby(["period", "international_support"])["articles"]
            .sum()
            .unstack(fill_value=0)
        )
        parts.append((pub.get(True, 0) / pub.sum(axis=1)).rename("coverage"))
    if not views.empty:
        vw = views.groupby(["period", "international_support"])["views"].sum().unstack(fill_value=0)
        parts.append((vw.get(True, 0) / vw.sum(axis=1)).rename("attention"))
    if not parts:
        return pd.DataFrame(columns=["period", "coverage", "attention"])
    out = pd.concat(parts, axis=1, sort=True).reset_index().rename(columns={"index": "period"})
    for column in ("coverage", "attention"):
        if column not in out:
            out[column] = np.nan
    return out[["period", "coverage", "attention"]]


def support_over_time(
    publications: pd.DataFrame,
    views: pd.DataFrame,
    grain: str,
    lang: Lang,
    title: str | None = None,
) -> go.Figure:
    data = support_shares(publications, views)
    if data.empty:
        return empty_figure(lang, title)
    fig = go.Figure()
    for column, colour, dash in (
        ("coverage", "#8A94A6", "dot"),
        ("attention", SUPPORT_COLOUR, "solid"),
    ):
        name = t(column, lang)
        labels = [fmt_period(p, grain, lang) for p in data["period"]]
        fig.add_trace(
            go.Scatter(
                x=data["period"],
                y=data[column],
                name=name,
                mode="lines+markers" if len(data) < 60 else "lines",
                line={"color": colour, "dash": dash, "width": 2},
                customdata=labels,
                hovertemplate="%{customdata}<br>" + name + ": %{y:.1%}<extra></extra>",
            )
        )
    _layout(fig, lang, title)
    fig.update_yaxes(tickformat=".0%", rangemode="tozero")
    _time_ticks(fig, data["period"], grain, lang)
    return fig


def with_shares(frame: pd.DataFrame) -> pd.DataFrame:
    """Add coverage and attention columns to a frame with (support_)articles and (support_)views."""
    out = frame.copy()
    out["coverage"] = out["support_articles"] / out["articles"].where(out["articles"] > 0)
    out["attention"] = out["support_views"] / out["views"].where(out["views"] > 0)
    return out


def support_by_oblast(frame: pd.DataFrame, lang: Lang, title: str | None = None) -> go.Figure:
    """Grouped bars per oblast: coverage and attention."""
    data = with_shares(frame)
    data = data[(data["articles"] > 0) | (data["views"] > 0)]
    if data.empty:
        return empty_figure(lang, title)
    name_col = "name_uk" if lang == "uk" else "name_en"
    data = data.sort_values("attention", ascending=False, na_position="last")
    fig = go.Figure()
    for column, colour in (("coverage", "#9DC3E6"), ("attention", SUPPORT_COLOUR)):
        name = t(column, lang)
        fig.add_trace(
            go.Bar(
                x=data[name_col],
                y=data[column],
                name=name,
                marker_color=colour,
                hovertemplate="%{x}: %{y:.1%}<extra>" + name + "</extra>",
            )
        )
    _layout(fig, lang, title, height=420)
    fig.update_layout(barmode="group")
    fig.update_yaxes(tickformat=".0%")
    fig.update_xaxes(tickangle=-45)
    return fig


def coverage_vs_attention(
    frame: pd.DataFrame, lang: Lang, title: str | None = None, min_articles: int = 3
) -> go.Figure:
    """Scatter per tag: coverage (x) against attention (y), sized by articles; diagonal = parity."""
    data = with_shares(frame)
    data = data[data["articles"] >= min_articles].dropna(subset=["coverage", "attention"])
    if data.empty:
        return empty_figure(lang, title)
    labelled = set(data.nlargest(12, "articles")["tag"])
    size = 8 + 24 * np.sqrt(data["articles"] / data["articles"].max())
    fig = go.Figure(
        go.Scatter(
            x=data["coverage"],
            y=data["attention"],
            mode="markers+text",
            text=[tag if tag in labelled else "" for tag in data["tag"]],
            textposition="top center",
            marker={"size": size, "color": SUPPORT_COLOUR, "opacity": 0.65},
            customdata=np.stack(
                [data["tag"].astype(str), [fmt_int(v, lang) for v in data["articles"]]], axis=-1
            ),
            hovertemplate=(
                "%{customdata[0]}<br>"
                + t("coverage", lang)
                + ": %{x:.1%}<br>"
                + t("attention", lang)
                + ": %{y:.1%}<br>"
                + t("articles", lang)
                + ": %{customdata[1]}<extra></extra>"
            ),
        )
    )
    fig.add_shape(type="line", x0=0, y0=0, x1=1, y1=1, line={"color": "#B8C2D0", "dash": "dash"})
    _layout(fig, lang, title, height=460)
    fig.update_xaxes(title=t("coverage", lang), tickformat=".0%", range=[-0.02, 1.02])
    fig.update_yaxes(title=t("attention", lang), tickformat=".0%", range=[-0.02, 1.05])
    fig.update_layout(showlegend=False)
    return fig


# --------------------------------------------------------------------------------------------
# Twinning
# --------------------------------------------------------------------------------------------


def twinning_timeline(
    frame: pd.DataFrame, grain: str, lang: Lang, title: str | None = None
) -> go.Figure:
    """Stacked bars of twinning mentions per period bucket and stage."""
    if frame.empty:
        return empty_figure(lang, title)
    fig = go.Figure()
    for stage in STAGE_ORDER:
        part = frame[frame["stage"] == stage]
        if part.empty:
            continue
        name = stage_label(stage, lang)
        fig.add_trace(
            go.Bar(
                x=part["period"],
                y=part["mentions"],
                name=name,
                marker_color=STAGE_COLOURS[stage],
                customdata=[fmt_period(p, grain, lang) for p in part["period"]],
                hovertemplate="%{customdata}<br>" + name + ": %{y:,.0f}<extra></extra>",
            )
        )
    _layout(fig, lang, title)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=t("mentions", lang))
    _time_ticks(fig, frame["period"], grain, lang)
    return fig


def pairs_by_oblast(pairs: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """Per oblast of the Ukrainian side: pairs and mentions in the period."""
    if pairs.empty:
        return pd.DataFrame(columns=["oblast", "pairs", "mentions"])
    name_col = "oblast_uk" if lang == "uk" else "oblast_en"
    data = pairs.assign(oblast=pairs[name_col].fillna(t("national", lang)))
    out = data.groupby("oblast", as_index=False).agg(
        pairs=("partner", "size"), mentions=("mentions", "sum")
    )
    return out.sort_values("pairs", ascending=False, ignore_index=True)


def share_text(value: float | None, lang: Lang) -> str:
    return fmt_pct(value, lang)
