"""Reference tables and place lookups."""

from __future__ import annotations

import csv
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl import reference
from etl.settings import ROOT


def test_all_27_first_level_units_with_the_five_odd_codes() -> None:
    units = {o.iso: o for o in reference.oblasts()}
    assert len(units) == 27
    assert {
        iso: units[iso].katottg_prefix for iso in ("UA-43", "UA-09", "UA-77", "UA-30", "UA-40")
    } == {"UA-43": "UA01", "UA-09": "UA44", "UA-77": "UA73", "UA-30": "UA80", "UA-40": "UA85"}
    assert units["UA-63"].name_uk == "Харківська" and units["UA-63"].name_en == "Kharkiv Oblast"


def test_every_hromada_sits_in_a_known_oblast_with_an_english_name() -> None:
    isos = {o.iso for o in reference.oblasts()}
    rows = reference.hromadas()
    assert len(rows) == 1772
    assert all(h.oblast_iso in isos and h.name_en for h in rows)
    izium = next(h for h in rows if h.code == "UA63040090000021240")
    assert (izium.name_uk, izium.name_en) == ("Ізюмська", "Iziumska")


def test_tag_table_has_both_languages_and_weights() -> None:
    with (ROOT / "data" / "reference" / "tags.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["language"] for r in rows} == {"en", "uk"}
    assert all(int(r["weight"]) > 0 and r["slug"] for r in rows)
    assert "партнерство" in reference.tags("uk") and "partnership" in reference.tags("en")


def test_oblasts_are_matched_in_order_without_repeats() -> None:
    assert reference.match_oblasts("Донецька область Харківська область Донецька область") == [
        "UA-14",
        "UA-63",
    ]
    assert reference.match_oblasts("Луганська область") == ["UA-09"]
    assert reference.match_oblasts("Чернівецька область") == ["UA-77"]
    assert reference.match_oblasts("м. Київ") == ["UA-30"]
    assert reference.match_oblasts("Kharkiv Oblast and Lviv region") == ["UA-63", "UA-46"]
    assert reference.match_oblasts("") == []


def test_old_and_new_hromada_names_give_one_code() -> None:
    line = "Мереф’янська міська об’єднана територіальна громада Мереф'янська територіальна громада"
    assert reference.match_hromadas(line, ["UA-63"]) == ["UA63120150000086206"]


def test_same_named_hromadas_are_settled_by_the_page_oblast() -> None:
    stems: dict[str, set[str]] = {}
    for h in reference.hromadas():
        stems.setdefault(h.name_uk, set()).add(h.oblast_iso)
    name, isos = next((n, i) for n, i in stems.items() if len(i) > 1)
    for iso in isos:
        codes = reference.match_hromadas(f"{name} територіальна громада", [iso])
        assert len(codes) == 1 and reference.hromada_oblast(codes[0]) == iso


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Izium", "UA63040090000021240"),
        ("Ізюм", "UA63040090000021240"),
        ("Ізюмська громада", "UA63040090000021240"),
        ("Ізюмської громади", "UA63040090000021240"),
        ("Ізюмській територіальній громаді", "UA63040090000021240"),
        ("Iziumska hromada", "UA63040090000021240"),
        ("Bucha", "UA32080070000050759"),
        ("Kyiv", "UA80000000000093317"),
        ("Merefyanska", "UA63120150000086206"),
        ("Chennevières-sur-Marne", None),
        ("", None),
    ],
)
def test_places_in_running_text_resolve_to_their_hromada(name: str, code: str | None) -> None:
    assert reference.find_place(name) == code


@given(st.text(max_size=200), st.one_of(st.none(), st.text(max_size=30)))
def test_find_place_never_raises(name: str, hint: str | None) -> None:
    reference.find_place(name, hint)


def test_find_place_is_fast_once_warm() -> None:
    reference.find_place("Izium")
    names = [f"Place{i}" for i in range(2000)] + ["Ізюм", "Bucha", "Kyiv"] * 100
    t = time.perf_counter()
    for n in names:
        reference.find_place(n)
    assert (time.perf_counter() - t) / len(names) < 0.001
