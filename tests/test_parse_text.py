"""Portal text renderings (loose and compact) on our own fixture pages."""

from __future__ import annotations

from pathlib import Path

from etl.parse import parse_file

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def test_loose_labelled_page_gives_every_field() -> None:
    p = parse_file(PAGES / "loose_en_labelled.txt")
    assert (p.article_key, p.url, p.edition) == (
        "en:17001",
        "https://decentralization.gov.ua/en/news/17001",
        "en",
    )
    assert p.title == "Poltava municipality opens a youth hub with support from partners in Lublin"
    assert (p.published_at, p.views) == ("2023-03-14T10:05:00+02:00", 1288)
    assert p.tags == ["partnership", "youth", "international support"]
    assert p.oblasts == ["UA-53"] and len(p.hromadas) == 1
    assert p.source == 'Пресцентр ініціативи "Децентралізація"'
    assert p.body.startswith("Poltava municipality opened") and p.body.endswith("at the opening.")


def test_unlabelled_tag_region_hromada_and_source_lines_are_told_apart() -> None:
    p = parse_file(PAGES / "loose_en_unlabelled.txt")
    assert p.tags == ["amalgamation of hromadas", "Mykola Kovalenko"]
    assert p.oblasts == ["UA-59"] and len(p.hromadas) == 1
    assert p.source == "Сумська обласна державна адміністрація"
    assert "full version" not in p.body


def test_compact_glued_labels_are_split() -> None:
    p = parse_file(PAGES / "compact_glued_uk.txt")
    assert p.tags == ["міжмуніципальне співробітництво"]
    assert p.oblasts == ["UA-61"] and len(p.hromadas) == 2
    assert p.source == "Тернопільська обласна військова адміністрація"
    assert p.published_at is None and p.title is None


def test_empty_tag_list_stays_empty() -> None:
    p = parse_file(PAGES / "compact_en_empty_tags.txt")
    assert p.tags == [] and p.oblasts == ["UA-32"] and p.source == "Decentralization portal"


def test_related_news_dates_are_never_the_page_date() -> None:
    p = parse_file(PAGES / "related_only_dates.txt")
    assert p.published_at is None
    assert "Related" not in p.body


def test_english_stub_page_keeps_summary_and_drops_the_stub_line() -> None:
    p = parse_file(PAGES / "stub_en.txt")
    assert p.body == (
        "Forty starostas from Volyn Oblast completed a two-day training course on land management."
    )
    assert p.tags == ["starostas", "land"] and p.source == "DOBRE"


def test_english_edition_with_ukrainian_body_is_ukrainian() -> None:
    p = parse_file(PAGES / "en_url_uk_body.txt")
    assert (p.edition, p.language, p.article_key) == ("en", "uk", "en:16999")


def test_ukrainian_header_date_gives_a_bare_date() -> None:
    p = parse_file(PAGES / "uk_header_date.txt")
    assert p.published_at == "2024-07-16"
    assert p.title == "Огляд виконання місцевих бюджетів за перше півріччя"
    assert p.tags == ["місцеві бюджети"]
    assert not p.body.startswith("Децентралізація")


def test_notes_about_pages_are_not_pages() -> None:
    """A Markdown note beside the pages quotes a date/views line; it must not become an article."""
    import pytest

    from etl.errors import ParseError
    from etl.parse import parse_bytes

    note = (
        "# What the pages look like\n\nSome pages show a line such as\n\n"
        "    03.02.2021 - 10:15 | Views: 512\n    A made-up title for the note\n\n"
        "## Traps\n\nLabels glued to values.\n"
    )
    with pytest.raises(ParseError, match="Markdown"):
        parse_bytes(note.encode(), "NOTES.md")
