"""News and tag listing pages, text and HTML."""

from __future__ import annotations

from pathlib import Path

from etl.parse import parse_file

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def test_text_tag_listing_gives_date_views_and_region_per_item() -> None:
    p = parse_file(PAGES / "listing_en_tag.txt")
    assert p.kind == "listing" and len(p.items) == 3
    first, second, third = p.items
    assert first.title == "A day in a frontline hromada: how the school keeps working underground"
    assert (first.published_at, first.views, first.oblasts) == (
        "2023-03-12T11:20:00+02:00",
        4321,
        ["UA-63"],
    )
    assert second.oblasts == ["UA-65", "UA-48"]
    assert third.views == 12045
    assert all(i.tags == ["reportage"] for i in p.items)


def test_html_listing_items_carry_keys_and_urls() -> None:
    p = parse_file(PAGES / "listing_uk.html")
    assert p.kind == "listing" and [i.article_key for i in p.items] == [
        "uk:16000",
        "uk:16001",
        "uk:16002",
    ]
    item = p.items[0]
    assert item.url == "https://decentralization.gov.ua/news/16000"
    assert (item.published_at, item.views, item.oblasts, item.tags) == (
        "2022-05-10T10:05:00+03:00",
        1000,
        ["UA-65"],
        ["репортаж"],
    )


def test_listing_json_keeps_items() -> None:
    data = parse_file(PAGES / "listing_uk.html").to_json()
    assert len(data["items"]) == 3
