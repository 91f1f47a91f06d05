"""Behaviour of the fact extractors on invented sentences (no article text is copied here)."""

from __future__ import annotations

import pandas as pd

from etl.facts import analyse, fingerprint
from etl.facts.boilerplate import strip_boilerplate
from etl.facts.countries import country_of
from etl.facts.donors import donor_country, find_donors
from etl.facts.partners import PARTNERS_CSV, lookup
from etl.facts.stories import link_stories
from etl.facts.twinning import normalise_partner


def test_countries_come_from_nouns_adjectives_and_case_forms_in_both_languages() -> None:
    assert country_of("French") == "FR"
    assert country_of("французьким") == "FR"
    assert country_of("у Франції") == "FR"
    assert country_of("Federal Republic of Germany") == "DE"
    assert country_of("Чеської Республіки") == "CZ"
    assert country_of("England") == "GB"


def test_donor_aliases_in_both_languages_map_to_one_canonical_name() -> None:
    assert find_donors("Funded by the U-LEAD with Europe Programme.") == ["U-LEAD with Europe"]
    assert find_donors("За підтримки Програми «U-LEAD з Європою».") == ["U-LEAD with Europe"]
    assert find_donors("Експерти Ради Європи приїхали.") == ["Council of Europe"]
    assert donor_country("DECIDE") == "CH"
    assert donor_country("Council of Europe") == ""


def test_a_country_named_without_a_support_word_is_not_a_donor() -> None:
    assert find_donors("The mayor travelled to Canada last spring.") == []
    assert find_donors("The school was built with the support of Canada.") == [
        "Government of Canada"
    ]


def test_the_partnership_reminder_is_not_story_text() -> None:
    sents = [
        "Our hromada opened a new library.",
        "The library has 5000 books.",
        "Decentralization reminds that municipalities can use the Guidelines.",
        "They were made with DECIDE and U-LEAD with Europe.",
    ]
    assert strip_boilerplate(sents) == sents[:2]


def test_an_english_twinning_sentence_gives_a_signed_pair() -> None:
    body = "Last week the city of Irpin signed a twinning agreement with the Polish city of Opole."
    facts = analyse(body, "en")
    [pair] = facts.twinning
    assert (pair.partner_normalised, pair.country, pair.stage) == ("Opole", "PL", "signed")
    assert pair.ukrainian_code == "UA32080150000035443" or pair.ukrainian_code is None
    assert facts.international_support


def test_a_ukrainian_sentence_in_talks_gives_a_talks_pair_with_transliterated_partner() -> None:
    body = "Ірпінська громада веде перемовини про побратимство з німецьким містом Госляр."
    [pair] = analyse(body, "uk").twinning
    assert (pair.country, pair.stage, pair.partner_normalised) == ("DE", "talks", "Hosliar")


def test_a_page_with_only_the_reminder_has_no_pair() -> None:
    body = (
        "«Децентралізація» нагадує, що громади можуть укладати угоди про побратимство з містом "
        "Люблін (Польща). Такі рекомендації містять поради."
    )
    facts = analyse(body, "uk")
    assert facts.twinning == [] and facts.donors == []


def test_the_support_tag_flags_an_article_without_donors() -> None:
    assert analyse(
        "A quiet day in the hromada.", "en", tags=["international support"]
    ).international_support
    assert not analyse("A quiet day in the hromada.", "en", tags=["budget"]).international_support


def test_an_english_edition_and_its_ukrainian_original_are_one_story() -> None:
    en = (
        "Mayor Olena Kovalenko of Izium met officials of Chennevières-sur-Marne "
        "on 12 May 2023 about 350 homes."
    )
    uk = (
        "Мер Олена Коваленко з Ізюма зустрілася з представниками Шеннв’єр-сюр-Марн "
        "12 травня 2023 щодо 350 будинків."
    )
    other = "Budget of Lutsk grew by 17 percent, said Ivan Petrenko of Volyn."
    frame = pd.DataFrame(
        {
            "article_key": ["en:1", "uk:1", "en:2"],
            "kind": ["article"] * 3,
            "edition": ["en", "uk", "en"],
            "language": ["en", "uk", "en"],
            "published_at": pd.to_datetime(
                ["2023-05-13 10:00", "2023-05-12 09:00", "2023-05-13 11:00"]
            ).tz_localize("Europe/Kyiv"),
            "title": ["", "", ""],
            "fingerprint": [
                fingerprint(en, None, "en"),
                fingerprint(uk, None, "uk"),
                fingerprint(other, None, "en"),
            ],
        }
    )
    out = link_stories(frame).set_index("article_key")
    assert out.loc["en:1", "story_id"] == "uk:1"
    assert out.loc["en:1", "role"] == "translation"
    assert out.loc["en:1", "lag_hours"] == 25.0
    assert out.loc["uk:1", "role"] == "original"
    assert out.loc["en:2", "story_id"] == "en:2"


def test_stories_are_not_linked_across_more_than_two_weeks() -> None:
    fp = "#350 #2023 zm shnvrsrmrn kvlnk"
    frame = pd.DataFrame(
        {
            "article_key": ["a", "b"],
            "kind": ["article", "article"],
            "edition": ["uk", "en"],
            "language": ["uk", "en"],
            "published_at": pd.to_datetime(["2023-01-01", "2023-03-01"]).tz_localize("UTC"),
            "title": ["", ""],
            "fingerprint": [fp, fp],
        }
    )
    assert set(link_stories(frame)["role"]) == {"original"}


def test_linking_fifty_thousand_articles_is_fast() -> None:
    import random
    import time

    rng = random.Random(1)
    n = 50_000
    frame = pd.DataFrame(
        {
            "article_key": [f"k{i}" for i in range(n)],
            "kind": ["article"] * n,
            "edition": ["uk"] * n,
            "language": ["uk"] * n,
            "published_at": pd.Timestamp("2020-01-01", tz="UTC")
            + pd.to_timedelta([rng.randrange(0, 3000 * 24) for _ in range(n)], unit="h"),
            "title": [""] * n,
            "fingerprint": [
                " ".join(f"f{rng.randrange(200_000)}" for _ in range(30)) for _ in range(n)
            ],
        }
    )
    start = time.perf_counter()
    out = link_stories(frame)
    assert len(out) == n
    assert time.perf_counter() - start < 60


def test_a_partner_in_cyrillic_gets_its_own_spelling_from_the_gazetteer() -> None:
    body = "Ізюмська громада готується до побратимства з французьким містом Шеннв’єр-сюр-Марн."
    [pair] = analyse(body, "uk").twinning
    assert (pair.partner_normalised, pair.country, pair.stage) == (
        "Chennevières-sur-Marne",
        "FR",
        "talks",
    )


def test_gazetteer_lookup_ignores_case_forms_apostrophes_and_transliteration() -> None:
    assert normalise_partner("Вроцлавом", "PL") == "Wrocław"
    assert normalise_partner("Кочев'є", "SI") == "Kočevje"
    assert normalise_partner("Кочевʼє", None) == "Kočevje"
    assert normalise_partner("Мілішівцями", "RO") == "Milișăuți"
    assert normalise_partner("Rzheporiie", "CZ") == "Řeporyje"
    assert normalise_partner("Shennvier-siur-Marn", None) == "Chennevières-sur-Marne"
    assert normalise_partner("Wroclaw", "PL") == "Wrocław"
    # Same name, other country: no match, transliteration fallback.
    assert normalise_partner("Сіракузи", "IT") == "Sirakuzy"


def test_a_gazetteer_partner_named_without_a_country_is_found_beside_a_cue() -> None:
    body = (
        "The city of Lutsk signed a twinning agreement with Lublin, Poland. "
        "The mayor of Lutsk also met his Manchester counterpart. "
        "They discussed cooperation between the two municipalities."
    )
    pairs = {p.partner_normalised: (p.country, p.stage) for p in analyse(body, "en").twinning}
    assert pairs == {"Lublin": ("PL", "signed"), "Manchester": ("GB", "talks")}


def test_a_venue_is_not_a_partner() -> None:
    body = "Mayors signed a memorandum on cooperation in Manchester during the twinning forum."
    assert analyse(body, "en").twinning == []


def test_every_demo_partner_gets_one_spelling_in_both_languages() -> None:
    from etl import demo_content

    for en, uk, code, _, _ in getattr(demo_content, "PARTNERS", []):
        assert normalise_partner(en, code) == normalise_partner(uk, code), (en, uk)
        assert lookup(en, code) is not None, en


def test_the_gazetteer_is_well_formed() -> None:
    import csv

    import pycountry

    with PARTNERS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 100
    names = [(r["name"], r["country"]) for r in rows]
    assert len(names) == len(set(names))
    for row in rows:
        assert pycountry.countries.get(alpha_2=row["country"]), row
        assert row["country"] not in {"UA", "RU", "BY"}, row
        assert row["uk"] and all(s.strip() for s in row["uk"].split("|")), row
