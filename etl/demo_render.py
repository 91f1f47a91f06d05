# ruff: noqa: E501  (HTML template lines are kept whole to stay readable)
"""Writing pages in the portal's formats: HTML (docs/portal-html.md) and the text renderings.

One writer for everything that imitates the portal: the demo corpus (`etl.demo`) and the
crawler's local test server (`tests/portal_server.py`) both render through these functions, so
the crawler, the parser and the demo agree on one structure. Pages are kept lean (2-8 KB):
the demo's size is set by how fast the loader can parse it, not by the live site's 60 KB.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from html import escape

from etl import transform

HOST = "https://decentralization.gov.ua"
EN_MONTHS = [m.capitalize() for m in transform.EN_MONTHS]
UK_MONTHS_GEN = transform.UK_MONTHS_GENITIVE
LABELS = {
    "en": {
        "views": "Views",
        "tags": "Tags:",
        "source": "Source:",
        "related": "Read more:",
        "share": "Share the news:",
        "comment": "*To add comment you should be authorized or sign_in",
        "site": "Decentralization",
        "next": "next",
    },
    "uk": {
        "views": "Переглядів",
        "tags": "Теги:",
        "source": "Джерело:",
        "related": "Читайте також:",
        "share": "Поділитися новиною:",
        "comment": "*Щоб додати коментар, авторизуйтесь",
        "site": "Децентралізація",
        "next": "далі",
    },
}


@dataclass
class Related:
    """A "Read more" item: another article's date, title and lead."""

    path: str  # "/news/18500"
    published: datetime
    title: str
    lead: str


@dataclass
class ArticlePage:
    """What one article page shows at one moment (views as of the fetch)."""

    edition: str  # "uk" | "en": the URL's edition
    number: int
    title: str
    published: datetime  # Kyiv wall time, naive
    paragraphs: list[str]
    views: int | None = None
    tags: list[tuple[str, str]] = field(default_factory=list)  # (tag, slug)
    oblasts: list[tuple[str, str]] = field(default_factory=list)  # ("Харківська область", "UA-63")
    hromadas: list[tuple[str, str]] = field(default_factory=list)  # (name, KATOTTG code)
    source: str | None = None
    related: list[Related] = field(default_factory=list)
    language: str | None = None  # of the text, when it differs from the edition

    @property
    def path(self) -> str:
        return f"{'/en' if self.edition == 'en' else ''}/news/{self.number}"


@dataclass
class ListingRow:
    """One item of a listing page at one crawl."""

    edition: str
    number: int
    title: str
    published: datetime
    views: int
    region: str | None = None  # "Херсонська область"
    tag: tuple[str, str] | None = None  # (tag, slug)


def date_line(moment: datetime) -> str:
    return moment.strftime("%d.%m.%Y - %H:%M")


def long_date(moment: datetime, language: str) -> str:
    months = EN_MONTHS if language == "en" else UK_MONTHS_GEN
    return f"{moment.day:02d} {months[moment.month - 1]} {moment.year}"


def _prefix(edition: str) -> str:
    return "/en" if edition == "en" else ""


def cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "..."


def article_html(page: ArticlePage) -> str:
    """The article page as docs/portal-html.md describes it."""
    lab = LABELS[page.edition]
    pre = _prefix(page.edition)
    url = HOST + page.path
    title = escape(page.title)
    lead = escape(cut(page.paragraphs[0], 150)) if page.paragraphs else ""
    out = [
        f'<!DOCTYPE html>\n<html lang="{page.language or page.edition}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title} | {lab['site']}</title>\n"
        f'<link rel="canonical" href="{url}">\n'
        f'<meta property="og:title" content="{title}">\n'
        f'<meta property="og:url" content="{url}">\n'
        f'<meta property="og:description" content="{lead}">\n</head>\n<body>\n'
        f'<header class="site-header"><nav><a href="{pre}/">{lab["site"]}</a> '
        f'<a href="{pre}/news">News</a> <a href="/news">UA</a> <a href="/en/news">EN</a></nav></header>\n'
        f'<main>\n<article class="news-item">\n<h1 class="news-item__title">{title}</h1>\n'
        f'<div class="news-item__meta"><span class="news-item__date">{date_line(page.published)}</span>'
    ]
    if page.views is not None:
        out.append(f' <span class="news-item__views">{lab["views"]}: {page.views}</span>')
    out.append('</div>\n<div class="news-item__body">\n')
    out.extend(f"<p>{escape(p)}</p>\n" for p in page.paragraphs)
    out.append("</div>\n")
    if page.tags:
        links = " ".join(
            f'<a href="{pre}/news/tag/{slug}">{escape(tag)}</a>' for tag, slug in page.tags
        )
        out.append(
            f'<div class="news-item__tags"><span class="label">{lab["tags"]}</span> {links}</div>\n'
        )
    if page.oblasts:
        links = " ".join(
            f'<a href="{pre}/region/{iso[3:]}">{name}</a>' for name, iso in page.oblasts
        )
        out.append(
            f'<div class="news-item__regions"><span class="label">Область:</span> {links}</div>\n'
        )
    if page.hromadas:
        links = " ".join(
            f'<a href="{pre}/gromada/{code[-5:]}">{name}</a>' for name, code in page.hromadas
        )
        out.append(
            f'<div class="news-item__hromadas"><span class="label">Громади:</span> {links}</div>\n'
        )
    if page.source:
        out.append(
            f'<div class="news-item__source"><span class="label">{lab["source"]}</span> '
            f'<span class="value">{escape(page.source)}</span></div>\n'
        )
    out.append(f'<div class="news-item__share">{lab["share"]}</div>\n</article>\n')
    if page.related:
        out.append(f'<section class="related-news">\n<h2>{lab["related"]}</h2>\n')
        for rel in page.related:
            out.append(
                f"<div class='one-article'><div class='one-article__date'>"
                f"{long_date(rel.published, page.edition)}</div>"
                f'<a class="one-article__title" href="{pre}{rel.path}">{escape(rel.title)}</a>'
                f'<div class="one-article__lead">{escape(cut(rel.lead, 110))}</div></div>\n'
            )
        out.append("</section>\n")
    out.append("</main>\n<footer>© Міністерство розвитку громад та територій України</footer>\n")
    out.append("</body>\n</html>\n")
    return "".join(out)


def listing_html(
    edition: str, rows: list[ListingRow], next_href: str | None, title: str = ""
) -> str:
    """A news or tag listing page: one `one-article` block per item, and a pager."""
    lab = LABELS[edition]
    pre = _prefix(edition)
    out = [
        f'<!DOCTYPE html>\n<html lang="{edition}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title or 'News')} | {lab['site']}</title>\n</head>\n<body>\n"
        f'<main>\n<div class="news-list">\n'
    ]
    for row in rows:
        tag = (
            f'<a class="one-article__tag" href="{pre}/news/tag/{row.tag[1]}">{escape(row.tag[0])}</a>'
            if row.tag
            else ""
        )
        region = f'<div class="one-article__region">{row.region}</div>' if row.region else ""
        out.append(
            f"<div class='one-article'>{tag}"
            f'<a class="one-article__title" href="{pre}/news/{row.number}">{escape(row.title)}</a>'
            f"{region}<div class='one-article__date'>{long_date(row.published, edition)} - "
            f"{row.published:%H:%M}<br>К-ть переглядів: {row.views}</div></div>\n"
        )
    out.append("</div>\n")
    if next_href:
        out.append(
            f'<ul class="pager"><li class="pager__next"><a href="{next_href}">{lab["next"]}</a></li></ul>\n'
        )
    out.append("</main>\n</body>\n</html>\n")
    return "".join(out)


def _text_tail(page: ArticlePage, labelled: bool, sep: str) -> list[str]:
    lab = LABELS[page.edition]
    blocks: list[str] = []
    tag_line = " ".join(tag for tag, _ in page.tags)
    if labelled:
        blocks.append(f"{lab['tags']}{sep}{tag_line}" if tag_line else lab["tags"])
        if page.oblasts:
            blocks.append(f"Область:{sep}" + " ".join(name for name, _ in page.oblasts))
        if page.hromadas:
            blocks.append(f"Громади:{sep}" + " ".join(name for name, _ in page.hromadas))
        blocks.append(f"{lab['source']}{sep}{page.source or ''}")
    else:
        blocks.extend(
            x
            for x in (
                tag_line,
                " ".join(n for n, _ in page.oblasts),
                " ".join(n for n, _ in page.hromadas),
                page.source or "",
            )
            if x
        )
    return blocks


def _related_text(page: ArticlePage, sep: str) -> list[str]:
    return [
        f"{long_date(rel.published, page.edition)}{sep}{rel.title}{sep}{cut(rel.title, 45)}"
        f"{sep}{cut(rel.lead, 110)}"
        for rel in page.related
    ]


def loose_text(page: ArticlePage, url: str, *, labelled: bool, header_date: bool) -> str:
    """The "loose" text rendering: blank-line blocks, date/views line and repeated title."""
    lab = LABELS[page.edition]
    head = [f"URL: {url}", ""]
    if header_date:
        head += [long_date(page.published, "uk"), lab["site"], page.title, page.title]
    else:
        head.append(page.title)
    parts = ["\n".join(head), *page.paragraphs]
    if page.views is not None:
        parts.append(f"{date_line(page.published)} | {lab['views']}: {page.views}\n{page.title}")
    tail = _text_tail(page, labelled, "\n\n")
    parts.append("\n\n\n".join(tail))
    parts.append(f"{lab['share']}\n\n{lab['comment']}\n{lab['related']}")
    parts.extend(_related_text(page, "\n\n"))
    return "\n\n".join(parts) + "\n"


def compact_text(page: ArticlePage, url: str, *, with_title: bool) -> str:
    """The "compact" rendering: single newlines, no date or views, labels glued to values."""
    lab = LABELS[page.edition]
    lines = [f"URL: {url}", ""]
    if with_title:
        lines.append(page.title)
    lines.extend(page.paragraphs)
    glued = lab["tags"] + "\n" + " ".join(tag for tag, _ in page.tags)
    if not page.tags:
        glued = lab["tags"]
    if page.oblasts:
        glued += "\nОбласть:\n" + " ".join(name for name, _ in page.oblasts)
    if page.hromadas:
        glued += "Громади:\n" + " ".join(name for name, _ in page.hromadas)
    glued += f"{lab['source']}\n{page.source or ''}"
    lines.append(glued)
    lines.extend(_related_text(page, "\n"))
    return "\n".join(lines) + "\n"
