"""Pure transforms: keys, language, dates (Kyiv offsets), tags, label splitting."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl import reference
from etl.transform import (
    canonical_url,
    detect_language,
    normalise_apostrophes,
    parse_date,
    segment_tags,
    split_glued_labels,
    split_hromadas,
    split_oblasts,
)


@pytest.mark.parametrize(
    ("url", "canon", "key"),
    [
        (
            "https://decentralization.ua/en/news/16049?page=117",
            "https://decentralization.gov.ua/en/news/16049",
            "en:16049",
        ),
        (
            "https://www.decentralization.ua/news/16886.amp",
            "https://decentralization.gov.ua/news/16886",
            "uk:16886",
        ),
        (
            "https://decentralization.gov.ua/en/news/15913.amp",
            "https://decentralization.gov.ua/en/news/15913",
            "en:15913",
        ),
        (
            "http://www.decentralization.gov.ua/news/15654",
            "https://decentralization.gov.ua/news/15654",
            "uk:15654",
        ),
        (
            "https://decentralization.gov.ua/news/item?id=355",
            "https://decentralization.gov.ua/news/item?id=355",
            None,
        ),
        (
            "https://decentralization.gov.ua/en/news/tag/reportazh?page=3",
            "https://decentralization.gov.ua/en/news/tag/reportazh",
            None,
        ),
        ("https://example.com/news/15654", None, None),
        ("not a url", None, None),
        (None, None, None),
    ],
)
def test_portal_urls_collapse_to_one_canonical_address_and_key(url, canon, key) -> None:
    assert canonical_url(url) == (canon, key)


def test_language_is_read_from_the_text_not_the_url() -> None:
    assert detect_language("Громада підписала угоду з містом Bergamo") == "uk"
    assert detect_language("Bucha signed a twinning pact with Бергамо city") == "en"
    assert detect_language("123 456") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("10.01.2023 - 15:35 | Views: 2436", "2023-01-10T15:35:00+02:00"),
        ("21.07.2020 - 11:38", "2020-07-21T11:38:00+03:00"),
        ("21 May 2022 - 16:50", "2022-05-21T16:50:00+03:00"),
        ("04 June 2025", "2025-06-04"),
        ("08 січня 2026", "2026-01-08"),
        ("16 липня 2024", "2024-07-16"),
        ("Січень 10\n18:45 2023", "2023-01-10T18:45:00+02:00"),
        ("16 Жовтня, 2024 р., 20:43", "2024-10-16T20:43:00+03:00"),
        ("04 ЖОВТНЯ 2024, 15:29", "2024-10-04T15:29:00+03:00"),
        ("Дата: 24.12.2025 19:40", "2025-12-24T19:40:00+02:00"),
        ("23 березня 2023, 13:16", "2023-03-23T13:16:00+02:00"),
        ("11:00, 18 вересня 2012 р.", "2012-09-18T11:00:00+03:00"),
        ("13:43 19.05.2023", "2023-05-19T13:43:00+03:00"),
        ("📅 18.11.2020 🕐 13:35", "2020-11-18T13:35:00+02:00"),
        ("18:37 3.022026", "2026-02-03T18:37:00+02:00"),
        ("12 Dec 2021", "2021-12-12"),
        ("3 Лис, 20:49", None),  # no year shown: no date rather than a guess
        ("31.02.2023 - 10:00", None),
        ("25:61 10.01.2023", "2023-01-10"),
        ("no date here", None),
        ("", None),
    ],
)
def test_every_date_layout_becomes_kyiv_iso_or_none(text: str, iso: str | None) -> None:
    assert parse_date(text) == iso


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2035, 12, 31)))
def test_kyiv_offset_follows_summer_time(moment: datetime) -> None:
    moment = moment.replace(second=0, microsecond=0)
    text = moment.strftime("%d.%m.%Y - %H:%M")
    got = parse_date(text)
    expected = moment.replace(tzinfo=ZoneInfo("Europe/Kyiv"))
    assert got is not None
    assert got[:16] == moment.strftime("%Y-%m-%dT%H:%M")
    assert got.endswith("+03:00" if expected.utcoffset() == timedelta(hours=3) else "+02:00")


def test_offsets_switch_on_the_last_sundays_of_march_and_october() -> None:
    assert parse_date("26.03.2023 - 02:30").endswith("+02:00")
    assert parse_date("26.03.2023 - 05:00").endswith("+03:00")
    assert parse_date("29.10.2023 - 05:00").endswith("+02:00")


@given(st.text(max_size=300))
def test_date_parsing_never_raises(text: str) -> None:
    parse_date(text)


def test_space_joined_tags_split_by_the_vocabulary() -> None:
    en = reference.tags("en")
    assert segment_tags("partnership war stories international support", en) == [
        "partnership",
        "war stories",
        "international support",
    ]
    assert segment_tags("Vitalii Bezghin administrative and territorial structure", en) == [
        "Vitalii Bezghin",
        "administrative and territorial structure",
    ]
    assert segment_tags("subvention subventsiia 2019", en) == ["subvention", "subventsiia 2019"]


def test_unknown_person_names_stay_one_tag() -> None:
    uk = reference.tags("uk")
    assert segment_tags("створення спроможних громад Тетяна Пульна (Заєць)", uk) == [
        "створення спроможних громад",
        "Тетяна Пульна (Заєць)",
    ]
    assert segment_tags("partnership Ivan Petrenko", reference.tags("en")) == [
        "partnership",
        "Ivan Petrenko",
    ]
    assert segment_tags("energy Hanna Bondar Oleh Melnyk", ()) == [
        "energy",
        "Hanna Bondar",
        "Oleh Melnyk",
    ]


def test_apostrophes_become_one_form() -> None:
    assert (
        normalise_apostrophes("Мереф'янська Мерефʼянська Мереф`янська")
        == "Мереф’янська " * 2 + "Мереф’янська"
    )


def test_glued_labels_are_split_onto_their_own_lines() -> None:
    text = "Тернопільська областьГромади:\nЧортківська територіальна громадаSource:\nX"
    assert split_glued_labels(text).split("\n") == [
        "Тернопільська область",
        "Громади:",
        "Чортківська територіальна громада",
        "Source:",
        "X",
    ]


def test_several_regions_and_hromadas_on_one_line_are_split() -> None:
    assert split_oblasts("Донецька область Харківська область") == [
        "Донецька область",
        "Харківська область",
    ]
    assert split_hromadas(
        "Мереф’янська міська об’єднана територіальна громада Мереф'янська територіальна громада"
    ) == [
        "Мереф’янська міська об’єднана територіальна громада",
        "Мереф’янська територіальна громада",
    ]
