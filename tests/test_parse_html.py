"""Portal HTML article pages (docs/portal-html.md) on our own ~60 KB fixture pages."""

from __future__ import annotations

from pathlib import Path

from etl.parse import parse_bytes, parse_file

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def test_english_html_article_reads_every_block() -> None:
    p = parse_file(PAGES / "article_en.html")
    assert (p.kind, p.article_key, p.language) == ("article", "en:17777", "en")
    assert p.title == "Chortkiv municipality and a Czech town sign a partnership memorandum"
    assert (p.published_at, p.views) == ("2023-03-28T14:10:00+03:00", 3105)
    assert p.tags == ["partnership", "international support"]
    assert p.oblasts == ["UA-61"] and len(p.hromadas) == 1
    assert p.source == "Decentralization portal"


def test_html_body_has_no_menus_scripts_share_or_related_news() -> None:
    p = parse_file(PAGES / "article_en.html")
    assert p.body.startswith("Chortkiv municipality and the Czech town")
    for junk in ("Section", "trackRead", "Share the news", "Related story", "Column"):
        assert junk not in p.body
    assert "memorandum on partnership." in p.body  # inline markup does not break sentences


def test_ukrainian_html_article() -> None:
    p = parse_file(PAGES / "article_uk.html")
    assert (p.article_key, p.language, p.views) == ("uk:17778", "uk", 842)
    assert p.tags == ["відновлення", "освіта"] and p.oblasts == ["UA-32"]
    assert p.source == "Ірпінська міська рада"


def test_canonical_link_wins_over_the_manifest_url() -> None:
    data = (PAGES / "article_en.html").read_bytes()
    p = parse_bytes(data, "x.html", url="https://decentralization.ua/en/news/1?page=3")
    assert p.article_key == "en:17777"


def test_html_without_date_block_has_no_date() -> None:
    html = (
        "<html><head><link rel=canonical href='https://decentralization.gov.ua/news/5'></head><body>"
        "<article class='news-item'><h1 class='news-item__title'>Заголовок</h1>"
        "<div class='news-item__body'><p>Текст новини про громаду.</p></div></article>"
        "<section class='related-news'><div class='one-article'><div class='one-article__date'>"
        "08 січня 2026</div></div></section></body></html>"
    )
    p = parse_bytes(html.encode(), "x.html")
    assert (
        p.published_at is None and p.title == "Заголовок" and p.body == "Текст новини про громаду."
    )
