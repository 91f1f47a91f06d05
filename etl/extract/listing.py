"""News and tag listing pages (`/news`, `/en/news/tag/<slug>`, `?page=N`): many stories, each with
its title, region, publish date and time and view count. The bulk source of publish times and
views, including for stories whose own page shows neither (FORMAT.md §3, §12)."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from etl import reference
from etl.extract import Extracted
from etl.extract import selectors as sel
from etl.models import ListingItem
from etl.transform import (
    canonical_url,
    clean_line,
    edition_of,
    is_portal_url,
    parse_date,
    parse_int,
    split_oblasts,
)

VIEWS_LINE = re.compile(
    r"^(?:К-ть переглядів|Кількість переглядів|Переглядів|Views)\s*:\s*([-−]?\d[\d\s]*)$", re.I
)
_LIST_PATH = re.compile(r"^/(?:(?:en|uk)/)?news(?:/tag/[^/]+)?/?$")
_TAG_PATH = re.compile(r"/news/tag/([^/?#]+)")


def _is_list_url(url: str | None) -> bool:
    if not url or not is_portal_url(url):
        return False
    try:
        return bool(_LIST_PATH.match(urlsplit(url).path))
    except ValueError:
        return False


def _tag_of(url: str | None) -> list[str]:
    """The listing's own tag, from its slug, in the edition's language (when the slug is known)."""
    if not url:
        return []
    m = _TAG_PATH.search(url)
    if not m:
        return []
    names = reference.tag_by_slug().get(m.group(1).lower(), {})
    lang = edition_of(url) or "uk"
    return [names[lang]] if lang in names else []


def is_text_listing(text: str, url: str | None) -> bool:
    if _is_list_url(url):
        return True
    return len(re.findall(r"^К-ть переглядів\s*:\s*\d", text[:200_000], re.M)) >= 2


def extract_text(text: str, url: str | None) -> Extracted:
    out = Extracted(kind="listing", tags=_tag_of(url))
    tags = list(out.tags)
    pending: list[str] = []
    for raw in text.replace("\r", "").split("\n"):
        ln = clean_line(raw)
        if not ln:
            continue
        m = VIEWS_LINE.match(ln)
        if not m:
            pending.append(ln)
            continue
        date = None
        while pending and date is None:
            date = parse_date(pending[-1])
            if date is None:
                break
            pending.pop()
        regions: list[str] = []
        while pending and all(
            p.endswith(("область", "області")) for p in split_oblasts(pending[-1])
        ):
            regions.insert(0, pending.pop())
        title = pending[-1] if pending else None
        out.items.append(
            ListingItem(
                article_key=None,
                url=None,
                title=title,
                published_at=date,
                views=parse_int(m.group(1)),
                oblasts=reference.match_oblasts(" ".join(regions)),
                tags=list(tags),
            )
        )
        pending = []
    return out


def is_html_listing(tree: HTMLParser, url: str | None) -> bool:
    if tree.css_first(sel.ARTICLE) is not None:
        return False
    return _is_list_url(url) or tree.css_first(sel.LISTING_ITEM) is not None


def _text(node: Node | None, sep: str = " ") -> str:
    return clean_line(node.text(separator=sep)) if node is not None else ""


def extract_html(tree: HTMLParser, url: str | None) -> Extracted:
    out = Extracted(kind="listing", url=url, tags=_tag_of(url))
    base = url or "https://decentralization.gov.ua/"
    # Items inside a related-news block belong to other pages: skip them by node identity
    # (one selector query, instead of walking every item's ancestors).
    related = {n.mem_id for n in tree.css(f"{sel.RELATED} {sel.LISTING_ITEM}")}
    for block in tree.css(sel.LISTING_ITEM):
        if block.mem_id in related:
            continue
        a = block.css_first(sel.LISTING_TITLE)
        href = a.attributes.get("href") if a is not None else None
        canon, key = canonical_url(urljoin(base, href)) if href else (None, None)
        date_lines = (
            [
                clean_line(x)
                for x in (block.css_first(sel.LISTING_DATE) or block)
                .text(separator="\n")
                .split("\n")
                if clean_line(x)
            ]
            if block.css_first(sel.LISTING_DATE)
            else []
        )
        date = next((d for d in (parse_date(x) for x in date_lines) if d), None)
        views = next(
            (parse_int(m.group(1)) for x in date_lines if (m := VIEWS_LINE.match(x))), None
        )
        tags = [_text(t) for t in block.css(sel.LISTING_TAG) if _text(t)] or list(out.tags)
        out.items.append(
            ListingItem(
                article_key=key,
                url=canon,
                title=_text(a) or None,
                published_at=date,
                views=views,
                oblasts=reference.match_oblasts(
                    " ".join(_text(r) for r in block.css(sel.LISTING_REGION))
                ),
                tags=tags,
            )
        )
    return out
