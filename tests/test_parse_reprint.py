"""Reprints on other sites: their own date layouts and furniture."""

from __future__ import annotations

from pathlib import Path

from etl.parse import parse_bytes, parse_file

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def test_reprint_with_date_and_bare_view_count() -> None:
    p = parse_file(PAGES / "reprint_uk.txt")
    assert (p.kind, p.article_key, p.url) == ("reprint", None, None)
    assert p.source_url == "https://example-news.com.ua/news/2024/10/16/some-article"
    assert (p.published_at, p.views, p.language) == ("2024-10-16T20:43:00+03:00", 1705, "uk")
    assert p.title == "Полтавська громада отримала нові автобуси від міста-партнера"
    assert p.body.endswith("до опорного ліцею.")
    assert "cookies" not in p.body and "Останні новини" not in p.body


def test_reprint_with_labelled_views_before_the_date() -> None:
    text = (
        "Перегляди: 20345\n12 грудня 2016\nЗаголовок статті\n\n"
        "Текст статті про громаду.\nПоділитися\n"
    )
    p = parse_bytes(text.encode(), "r.txt")
    assert (p.views, p.published_at, p.title) == (20345, "2016-12-12", "Заголовок статті")
    assert p.body == "Текст статті про громаду."


def test_hromada_cms_date_and_views_lines() -> None:
    text = "Новина громади\nДата: 24.12.2025 19:40\nКількість переглядів: 55\nТекст новини.\n"
    p = parse_bytes(text.encode(), "r.txt")
    assert (p.published_at, p.views, p.body) == ("2025-12-24T19:40:00+02:00", 55, "Текст новини.")


def test_reprint_as_html_is_read_through_its_visible_text() -> None:
    html = (
        "<html><body><nav>Меню Головна</nav><h1>Заголовок передруку</h1>"
        "<div class=date>23 березня 2023, 13:16</div><p>Перший абзац.</p><p>Другий абзац.</p>"
        "<footer>Ми використовуємо cookies</footer></body></html>"
    )
    p = parse_bytes(html.encode(), "r.html", url="https://site.example/a")
    assert (p.kind, p.title, p.published_at) == (
        "reprint",
        "Заголовок передруку",
        "2023-03-23T13:16:00+02:00",
    )
    assert p.body == "Перший абзац.\nДругий абзац."


def test_reprint_tags_and_source_labels_stay_out_of_the_body() -> None:
    text = (
        "Заголовок\n23 березня 2023, 13:16\nТекст новини.\n"
        "Теги:\nпартнерство, освіта\nДжерело:\nСайт громади\n"
    )
    p = parse_bytes(text.encode(), "r.txt", url="https://gromada.example/news/1")
    assert (p.tags, p.source, p.body) == (
        ["партнерство", "освіта"],
        "Сайт громади",
        "Текст новини.",
    )
