"""The sidebar filters, as one frozen `Filters` value that lives in the URL query string.

Why: every page answers the same question for the same selection, and a copied link must
reopen the same view. The widgets are keyed; on a session's first run their state is seeded
from `st.query_params`, and after every run the current state is written back, so the URL
always says what is shown. The date arithmetic (presets, comparison periods) is pure and
tested without Streamlit. Periods are Kyiv days, end exclusive; weeks are ISO weeks.
"""

from __future__ import annotations

import calendar
import contextlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

import streamlit as st

from dashboard import data
from dashboard.i18n import COMPARES, DEFAULT_LANG, LANGS, PRESETS, Lang, fmt_date, t

DEFAULT_PRESET = "28d"
DEFAULT_COMPARE = "previous"

# URL parameter -> session-state key of its widget
_URL = {
    "lang": "f_lang",
    "period": "f_preset",
    "cmp": "f_compare",
    "ed": "f_edition",
    "hr": "f_hromada",
}
_URL_LISTS = {"ob": "f_oblasts", "tag": "f_tags"}


@dataclass(frozen=True)
class Filters:
    """What every page shows: Kyiv days [start, end), compared with [cmp_start, cmp_end)."""

    lang: Lang
    preset: str
    start: date
    end: date  # exclusive
    compare: str  # previous | year | none
    cmp_start: date | None
    cmp_end: date | None
    edition: str | None  # uk | en | None = all
    oblasts: tuple[str, ...] = ()
    hromada: str | None = None
    tags: tuple[str, ...] = ()
    data_end: date | None = None  # the last Kyiv day with observations: presets count back from it

    def params(self) -> dict[str, Any]:
        """The named queries' filter parameters."""
        return {
            "start": self.start,
            "end": self.end,
            "edition": self.edition,
            "oblasts": list(self.oblasts),
            "hromada": self.hromada,
            "tags": list(self.tags),
        }

    def comparison(self) -> Filters | None:
        """The same filters over the comparison period, or None when comparing with nothing."""
        if self.cmp_start is None or self.cmp_end is None:
            return None
        return replace(self, start=self.cmp_start, end=self.cmp_end, cmp_start=None, cmp_end=None)

    def previous(self) -> Filters:
        """The comparison period, or the previous period when comparing with nothing."""
        cmp = self.comparison()
        if cmp is not None:
            return cmp
        start, end = comparison_period(self.start, self.end, "previous") or (self.start, self.end)
        return replace(self, start=start, end=end)

    @property
    def last_day(self) -> date:
        """The period's last day (inclusive), for display."""
        return self.end - timedelta(days=1)

    def uses_rollup(self) -> bool:
        """The daily rollup covers edition and oblast filters; hromada and tags need intervals."""
        return self.hromada is None and not self.tags


# --------------------------------------------------------------------------------------------
# Pure date arithmetic
# --------------------------------------------------------------------------------------------


def _quarter_start(d: date) -> date:
    return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)


def _shift_months(d: date, months: int) -> date:
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def preset_period(
    preset: str, anchor: date, first_day: date | None = None
) -> tuple[date, date] | None:
    """[start, end) of a preset, counting back from `anchor` (the last day with data, included).

    Returns None for 'custom'. 'this_*' periods run to the anchor; 'last_*' are whole.
    """
    end = anchor + timedelta(days=1)
    if preset in ("7d", "28d", "90d"):
        return end - timedelta(days=int(preset[:-1])), end
    if preset == "this_week":
        return anchor - timedelta(days=anchor.weekday()), end
    if preset == "last_week":
        monday = anchor - timedelta(days=anchor.weekday())
        return monday - timedelta(days=7), monday
    if preset == "this_month":
        return anchor.replace(day=1), end
    if preset == "last_month":
        first = anchor.replace(day=1)
        return _shift_months(first, -1), first
    if preset == "this_quarter":
        return _quarter_start(anchor), end
    if preset == "last_quarter":
        first = _quarter_start(anchor)
        return _shift_months(first, -3), first
    if preset == "this_year":
        return date(anchor.year, 1, 1), end
    if preset == "last_year":
        return date(anchor.year - 1, 1, 1), date(anchor.year, 1, 1)
    if preset == "all":
        return (first_day or date(2014, 1, 1)), end
    return None


def _minus_year(d: date) -> date:
    try:
        return d.replace(year=d.year - 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year - 1, day=28)


def comparison_period(start: date, end: date, mode: str) -> tuple[date, date] | None:
    """The period a KPI's delta compares against: the one just before, or a year earlier."""
    if mode == "previous":
        return start - (end - start), start
    if mode == "year":
        return _minus_year(start), _minus_year(end)
    return None


# --------------------------------------------------------------------------------------------
# Widgets
# --------------------------------------------------------------------------------------------


def _seed_from_url() -> None:
    """On a session's first run, take the selection from the URL."""
    if "_filters" in st.session_state:
        return
    kept: dict[str, Any] = {}
    qp = st.query_params
    for param, key in _URL.items():
        if qp.get(param):
            kept[key] = qp[param]
    for param, key in _URL_LISTS.items():
        values = qp.get_all(param)
        if values:
            kept[key] = list(values)
    if "from" in qp and "to" in qp:
        with contextlib.suppress(ValueError):
            kept["f_dates"] = (date.fromisoformat(qp["from"]), date.fromisoformat(qp["to"]))
    # Values the widgets cannot show (a stale link) fall back to the defaults.
    for key, allowed in (
        ("f_lang", LANGS),
        ("f_preset", PRESETS),
        ("f_compare", COMPARES),
        ("f_edition", ("all", "uk", "en")),
    ):
        if key in kept and kept[key] not in allowed:
            del kept[key]
    st.session_state["_filters"] = kept


def _kept(key: str, default: Any) -> Any:
    """The remembered value of a filter.

    Widgets get it as their default (index / default / value), never through
    st.session_state[key]: Streamlit forgets a widget's state when a run (another page) does
    not draw it, and widget identities differ between pages, so the selection lives under a
    plain key and each widget starts from it.
    """
    return st.session_state["_filters"].get(key, default)


def _remember(key: str, value: Any) -> Any:
    st.session_state["_filters"][key] = value
    return value


def _index(options: Sequence[Any], value: Any) -> int:
    return list(options).index(value) if value in options else 0


def language() -> Lang:
    """The interface language switch; call first, before st.navigation titles the pages."""
    _seed_from_url()
    lang: Lang = st.sidebar.radio(
        "Мова / Language",
        LANGS,
        index=_index(LANGS, _kept("f_lang", DEFAULT_LANG)),
        key="f_lang",
        horizontal=True,
        format_func=lambda code: {"uk": "Українська", "en": "English"}[code],
    )
    return _remember("f_lang", lang)


def current_language() -> Lang:
    value = st.session_state.get("_filters", {}).get("f_lang", DEFAULT_LANG)
    return value if value in LANGS else DEFAULT_LANG


def _leave_legacy_pages_mode() -> None:
    """Run deep links through app.py even right after a server start.

    Streamlit treats an app whose script sits beside a `pages/` folder as an old-style
    multipage app until some session first calls st.navigation; a deep link (/readership)
    opened first after a restart would run its page alone, without app.py (no language switch,
    no demo banner). Switch the flag st.navigation would set, and rerun through app.py.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def without_filters() -> Lang:
    """The language, for a page the filters do not apply to (the SQL console); like
    `sidebar()` it first makes a deep link run through app.py."""
    _leave_legacy_pages_mode()
    return current_language()


def sidebar() -> Filters:
    """Draw the filters and return the selection; keeps the URL in step."""
    _leave_legacy_pages_mode()
    _seed_from_url()
    lang = current_language()
    status = data.status()
    anchor = status.data_end or date.today()
    sb = st.sidebar
    sb.header(t("filters", lang))

    preset = _remember(
        "f_preset",
        sb.selectbox(
            t("period", lang),
            PRESETS,
            index=_index(PRESETS, _kept("f_preset", DEFAULT_PRESET)),
            key="f_preset",
            format_func=lambda p: t(f"preset_{p}", lang),
        ),
    )
    period = preset_period(preset, anchor, status.data_start)
    if period is None:
        picked = _remember(
            "f_dates",
            sb.date_input(
                t("custom_dates", lang),
                value=_kept("f_dates", (anchor - timedelta(days=27), anchor)),
                min_value=date(2000, 1, 1),
                max_value=anchor + timedelta(days=366),
                key="f_dates",
                format="DD.MM.YYYY",
            ),
        )
        if isinstance(picked, tuple | list) and len(picked) == 2:
            start, end = picked[0], picked[1] + timedelta(days=1)
        else:  # the user has picked only the first day so far
            first = picked[0] if isinstance(picked, tuple | list) and picked else anchor
            start, end = first, first + timedelta(days=1)
    else:
        start, end = period
    last = end - timedelta(days=1)
    sb.caption(t("period_label", lang, start=fmt_date(start, lang), end=fmt_date(last, lang)))

    compare = _remember(
        "f_compare",
        sb.selectbox(
            t("compare", lang),
            COMPARES,
            index=_index(COMPARES, _kept("f_compare", DEFAULT_COMPARE)),
            key="f_compare",
            format_func=lambda c: t(f"cmp_{c}", lang),
        ),
    )
    cmp = comparison_period(start, end, compare)
    if cmp:
        cmp_last = cmp[1] - timedelta(days=1)
        sb.caption(t("cmp_label", lang, start=fmt_date(cmp[0], lang), end=fmt_date(cmp_last, lang)))

    editions = ("all", "uk", "en")
    edition = _remember(
        "f_edition",
        sb.radio(
            t("edition", lang),
            editions,
            index=_index(editions, _kept("f_edition", "all")),
            key="f_edition",
            horizontal=True,
            format_func=lambda e: t(f"edition_{e}", lang),
        ),
    )

    oblasts = data.load("oblasts")
    name_col = "name_uk" if lang == "uk" else "name_en"
    names = dict(zip(oblasts["oblast_iso"], oblasts[name_col], strict=True))
    chosen_oblasts = _remember(
        "f_oblasts",
        sb.multiselect(
            t("oblasts", lang),
            list(names),
            default=[c for c in _kept("f_oblasts", []) if c in names],
            key="f_oblasts",
            format_func=lambda c: names.get(c, c),
            placeholder=t("all_oblasts", lang),
        ),
    )

    options = data.load("filter_options")
    hromadas = options[options["kind"] == "hromada"]
    if chosen_oblasts:
        hromadas = hromadas[hromadas["oblast_iso"].isin(chosen_oblasts)]
    hromada_names = {
        code: f"{name} ({names.get(oblast, '')})"
        for code, name, oblast in zip(
            hromadas["value"], hromadas[name_col], hromadas["oblast_iso"], strict=True
        )
    }
    choices = ["", *sorted(hromada_names, key=lambda c: hromada_names[c])]
    hromada = _remember(
        "f_hromada",
        sb.selectbox(
            t("hromada", lang),
            choices,
            index=_index(choices, _kept("f_hromada", "")),
            key="f_hromada",
            format_func=lambda c: hromada_names.get(c, t("hromada_all", lang)),
        ),
    )

    tags = options[options["kind"] == "tag"]
    tag_counts = dict(zip(tags["value"], tags["articles"], strict=True))
    chosen_tags = _remember(
        "f_tags",
        sb.multiselect(
            t("tags", lang),
            list(tag_counts),
            default=[g for g in _kept("f_tags", []) if g in tag_counts],
            key="f_tags",
            format_func=lambda g: f"{g} ({tag_counts[g]})",
            placeholder=t("all_tags", lang),
        ),
    )

    filters = Filters(
        lang=lang,
        preset=preset,
        start=start,
        end=end,
        compare=compare,
        cmp_start=cmp[0] if cmp else None,
        cmp_end=cmp[1] if cmp else None,
        edition=None if edition == "all" else edition,
        oblasts=tuple(sorted(chosen_oblasts)),
        hromada=hromada or None,
        tags=tuple(chosen_tags),
        data_end=status.data_end,
    )
    _write_url(filters)
    return filters


def url_params(f: Filters) -> dict[str, str | list[str]]:
    """The query string that reopens `f` (defaults left out, to keep links short)."""
    out: dict[str, str | list[str]] = {}
    if f.lang != DEFAULT_LANG:
        out["lang"] = f.lang
    if f.preset != DEFAULT_PRESET:
        out["period"] = f.preset
    if f.preset == "custom":
        out["from"] = f.start.isoformat()
        out["to"] = f.last_day.isoformat()
    if f.compare != DEFAULT_COMPARE:
        out["cmp"] = f.compare
    if f.edition:
        out["ed"] = f.edition
    if f.oblasts:
        out["ob"] = list(f.oblasts)
    if f.hromada:
        out["hr"] = f.hromada
    if f.tags:
        out["tag"] = list(f.tags)
    return out


def _write_url(f: Filters) -> None:
    wanted = url_params(f)
    current = {
        k: (st.query_params.get_all(k) if k in _URL_LISTS else st.query_params[k])
        for k in st.query_params
    }
    if current != wanted:
        st.query_params.from_dict(wanted)
