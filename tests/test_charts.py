"""Chart builders and formatters as pure functions: figures from tiny frames, both languages."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, i18n

ROOT = Path(__file__).resolve().parent.parent
GEOJSON = ROOT / "data" / "reference" / "ukraine_oblasts.geojson"
WORLD = ROOT / "data" / "reference" / "world_countries.geojson"


def trend_frame(days: int = 10) -> pd.DataFrame:
    rows = []
    for i in range(days):
        for edition in ("uk", "en"):
            rows.append(
                {
                    "period": pd.Timestamp("2026-11-01") + pd.Timedelta(days=i),
                    "edition": edition,
                    "international_support": i % 2 == 0,
                    "views": 100.0 + i,
                }
            )
    return pd.DataFrame(rows)


def test_every_text_has_both_languages() -> None:
    for key, (uk, en) in i18n.TEXT.items():
        assert uk.strip() and en.strip(), key
    for preset in i18n.PRESETS:
        assert f"preset_{preset}" in i18n.TEXT


def test_ukrainian_numbers_use_space_thousands_and_decimal_comma() -> None:
    assert i18n.fmt_num(1234567.25, "uk", 1) == "1\u00a0234\u00a0567,2"
    assert i18n.fmt_num(1234567.25, "en", 1) == "1,234,567.2"
    assert i18n.fmt_pct(0.136, "uk") == "13,6\u00a0%"
    assert i18n.fmt_pct(0.136, "en") == "13.6%"
    assert i18n.fmt_int(None, "uk") == "—"


def test_dates_follow_the_language() -> None:
    assert i18n.fmt_date(date(2026, 12, 4), "uk") == "4 грудня 2026"
    assert i18n.fmt_date(date(2026, 12, 4), "en") == "4 Dec 2026"
    assert i18n.fmt_period(date(2026, 11, 30), "week", "uk") == "тиждень 49, 2026"
    assert i18n.fmt_period(date(2026, 11, 1), "month", "uk") == "лис 2026"


def test_trend_is_localised_and_stacked_by_edition() -> None:
    fig = charts.views_trend(trend_frame(), "day", "uk", title="t")
    assert isinstance(fig, go.Figure)
    assert fig.layout.separators == ",\u00a0"
    assert {trace.name for trace in fig.data} == {"українське", "англійське"}
    assert any("лис" in label for label in fig.layout.xaxis.ticktext)
    assert charts.views_trend(trend_frame(), "day", "en").layout.separators == ".,"


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_every_builder_accepts_an_empty_frame(lang: i18n.Lang) -> None:
    empty = pd.DataFrame(
        columns=[
            "period", "edition", "international_support", "views", "articles", "tag",
            "support_articles", "support_views", "oblast_iso", "name_uk", "name_en",
            "views_per_article", "stage", "mentions", "days_to_half", "days_to_80",
            "ukrainian", "partner", "country", "oblast_uk", "oblast_en",
        ]
    )  # fmt: skip
    figures = [
        charts.views_trend(empty, "week", lang),
        charts.edition_bars(empty, lang),
        charts.ranked_bars(empty, "tag", "views", lang),
        charts.histogram(pd.Series([], dtype=float), lang),
        charts.time_to_views(empty, lang),
        charts.oblast_map(empty, GEOJSON, "views", lang),
        charts.world_map(empty, WORLD, lang),
        charts.support_over_time(empty, empty, "month", lang),
        charts.support_by_oblast(empty, lang),
        charts.coverage_vs_attention(empty, lang),
        charts.twinning_timeline(empty, "month", lang),
    ]
    for fig in figures:
        assert isinstance(fig, go.Figure)
        assert fig.layout.annotations[0].text == i18n.t("empty", lang)


def test_oblast_map_draws_every_shape_from_the_shipped_geojson() -> None:
    frame = pd.DataFrame(
        {
            "oblast_iso": ["UA-63", "UA-30"],
            "name_uk": ["Харківська", "Київ"],
            "name_en": ["Kharkiv Oblast", "Kyiv"],
            "views": [100.0, 50.0],
            "articles": [2, 1],
            "views_per_article": [50.0, 50.0],
        }
    )
    fig = charts.oblast_map(frame, GEOJSON, "views", "uk")
    labels = [trace.name for trace in fig.data if trace.name]
    assert len(labels) == 27  # every oblast is drawn, zero or not
    assert "Харківська: 100" in labels
    assert charts.points(fig) < charts.MAX_POINTS


def test_support_shares_are_coverage_and_attention() -> None:
    pubs = pd.DataFrame(
        {"period": ["2026-11-02"] * 2, "international_support": [True, False], "articles": [1, 3]}
    )
    views = pd.DataFrame(
        {
            "period": ["2026-11-02"] * 2,
            "international_support": [True, False],
            "views": [60.0, 40.0],
        }
    )
    shares = charts.support_shares(pubs, views)
    assert shares["coverage"].iloc[0] == pytest.approx(0.25)
    assert shares["attention"].iloc[0] == pytest.approx(0.6)


def test_partner_countries_convert_alpha2_to_iso3_and_name_them() -> None:
    pairs = pd.DataFrame(
        {
            "ukrainian": ["Чортківська", "Ізюмська", "Ізюмська"],
            "partner": ["Kutná Hora", "Lublin", "Paris"],
            "country": ["CZ", "PL", "FR"],
            "mentions": [1, 2, 3],
        }
    )
    countries = charts.partner_countries(pairs)
    assert set(countries["iso3"]) == {"CZE", "POL", "FRA"}
    assert charts.country_name("PL", "uk") == "Польща"
    assert charts.country_name("EU", "en") == "European Union"
    assert charts.country_name("??", "en") == "??"
    fig = charts.world_map(pairs, WORLD, "uk")
    labels = [trace.text for trace in fig.data if trace.text]
    assert labels[0] == "Україна"  # drawn, highlighted, in its recognised borders
    assert {label.split(":")[0] for label in labels[1:]} == {"Чехія", "Польща", "Франція"}
    west, east = fig.layout.xaxis.range
    assert west < -4 and east > 40  # framed around Ukraine and every partner (France)


def test_world_outlines_put_crimea_in_ukraine() -> None:
    outlines = charts._outlines(str(WORLD), None)

    def in_crimea(shape: tuple[list, list]) -> int:
        return sum(
            1
            for x, y in zip(*shape, strict=True)
            if x is not None and 33.0 < x < 36.4 and 44.4 < y < 45.9
        )

    assert in_crimea(outlines["UKR"]) > 5
    assert in_crimea(outlines["RUS"]) == 0


def test_histogram_sends_bins_not_points() -> None:
    values = pd.Series(np.random.default_rng(1).lognormal(5, 2, 200_000))
    fig = charts.histogram(values, "uk")
    assert charts.points(fig) < 40
    assert fig.data[0].y.sum() == len(values)


def test_a_decade_of_days_stays_under_the_point_budget() -> None:
    frame = trend_frame(days=3700)
    assert charts.points(charts.views_trend(frame, "day", "en")) <= charts.MAX_POINTS


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_the_core_never_imports_streamlit() -> None:
    core = [*sorted((ROOT / "etl").rglob("*.py")), ROOT / "dashboard" / "charts.py"]
    core.append(ROOT / "dashboard" / "i18n.py")
    offenders = [str(p.relative_to(ROOT)) for p in core if "streamlit" in _imports(p)]
    assert offenders == []
    # ... nor through anything they import.
    code = (
        "import sys, pkgutil, importlib, etl, dashboard.charts\n"
        "for m in pkgutil.walk_packages(etl.__path__, 'etl.'):\n"
        "    if not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "assert 'streamlit' not in sys.modules, 'streamlit was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)
