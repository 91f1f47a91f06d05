"""Portal article pages as HTML (structure in docs/portal-html.md; selectors in selectors.py).

Each field has its own element, so no guessing is needed: tags come one per link (no
segmentation), and the related-news list sits outside the article, so its dates are never read.
Parsing is Lexbor via selectolax: one parse and a dozen queries per page.
"""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser as HTMLParser
from selectolax.lexbor import LexborNode as Node

from etl.extract import Extracted
from etl.extract import selectors as sel
from etl.transform import clean_line, parse_date, parse_int

_LABEL_PREFIX = re.compile(
    r"^(Tags|Теги|Область|Громади|Source|Джерело|Views|Переглядів|К-ть переглядів)\s*:\s*", re.I
)
_SITE_SUFFIX = re.compile(r"\s*[|–—-]\s*(Decentralization|Децентралізація)\s*$", re.I)


def tree(text: str) -> HTMLParser:
    return HTMLParser(text)


def _text(node: Node | None) -> str:
    return clean_line(node.text(deep=True, separator="")) if node is not None else ""


def _attr(t: HTMLParser, selector: str, name: str) -> str | None:
    node = t.css_first(selector)
    value = node.attributes.get(name) if node is not None else None
    return value.strip() if value else None


def page_url(t: HTMLParser) -> str | None:
    return _attr(t, sel.CANONICAL, "href") or _attr(t, sel.OG_URL, "content")


def is_portal_article(t: HTMLParser) -> bool:
    return t.css_first(sel.ARTICLE) is not None or t.css_first(sel.TITLE) is not None


def _without_label(text: str) -> str:
    return _LABEL_PREFIX.sub("", text).strip()


def _body(node: Node | None) -> str:
    if node is None:
        return ""
    for junk in node.css(sel.NOT_TEXT):
        junk.decompose()
    blocks = node.css(sel.BODY_BLOCKS)
    if not blocks:
        return "\n".join(clean_line(x) for x in node.text(separator="\n").split("\n") if x.strip())
    lines: list[str] = []
    for b in blocks:
        # Nested blocks (a <p> inside an <li>) would be read twice: keep the innermost only.
        # (Lexbor's css() on a node includes the node itself, hence the length check.)
        if len(b.css(sel.BODY_BLOCKS)) > 1:
            continue
        line = _text(b)
        if line:
            lines.append(line)
    return "\n".join(lines)


def extract(t: HTMLParser, url: str | None) -> Extracted:
    out = Extracted(kind="article", url=url)
    art = t.css_first(sel.ARTICLE) or t.body or t.root
    title = _text(art.css_first(sel.TITLE)) if art is not None else ""
    if not title:
        title = _attr(t, sel.OG_TITLE, "content") or ""
    if not title:
        title = _SITE_SUFFIX.sub("", _text(t.css_first(sel.HTML_TITLE)))
    out.title = title or None
    if art is None:
        return out
    out.published_at = parse_date(_text(art.css_first(sel.DATE)))
    out.views = parse_int(_without_label(_text(art.css_first(sel.VIEWS))))
    out.tags = [x for x in (_text(a) for a in art.css(sel.TAG_LINKS)) if x]
    if not out.tags and (node := art.css_first(sel.TAGS)) is not None:
        out.tag_line = _without_label(_text(node)) or None
    links = [_text(a) for a in art.css(sel.REGION_LINKS)]
    out.oblast_text = " ".join(links) or _without_label(_text(art.css_first(sel.REGIONS)))
    links = [_text(a) for a in art.css(sel.HROMADA_LINKS)]
    out.hromada_text = " ".join(links) or _without_label(_text(art.css_first(sel.HROMADAS)))
    source = _text(art.css_first(sel.SOURCE_VALUE)) or _without_label(
        _text(art.css_first(sel.SOURCE))
    )
    out.source = source or None
    out.body = _body(art.css_first(sel.BODY))
    return out


def visible_text(t: HTMLParser) -> str:
    """Readable text of a page that is not in the portal's layout, one block per line."""
    root = t.body or t.root
    if root is None:
        return ""
    for junk in root.css(sel.NOT_TEXT):
        junk.decompose()
    title = _text(t.css_first("h1"))
    lines = [clean_line(x) for x in root.text(separator="\n").split("\n")]
    text = "\n".join(x for x in lines if x)
    if title and not text.startswith(title):
        text = title + "\n" + text
    return text
