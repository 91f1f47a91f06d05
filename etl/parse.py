"""One input file -> one `Page`: decode, sniff the kind, extract, resolve codes, add facts.

The only exception that leaves this module is `ParseError`, whose message is the quarantine
reason; any other failure inside an extractor is a bug, but is still reported as a ParseError
rather than crashing a whole load.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from etl import reference
from etl.errors import ParseError
from etl.extract import Extracted, listing, portal_html, portal_text, reprint
from etl.models import Page
from etl.transform import (
    canonical_url,
    detect_language,
    edition_of,
    is_portal_url,
    normalise_apostrophes,
    segment_tags,
)

MAX_BYTES = 20_000_000
_URL_LINE = re.compile(r"^\s*URL:\s*(\S+)\s*(?:\n|$)")
_HTML_SNIFF = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|div|p|article|meta)\b", re.IGNORECASE
)
_CYR = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
# Characters a Ukrainian or English page is made of; a wrong decoding yields mostly others.
_PLAUSIBLE = re.compile(r"[\x20-\x7e\s А-Яа-яІіЇїЄєҐґ’«»“”„–—…№•\u00a0]")


def _plausible(text: str) -> bool:
    sample = text[:20000]
    return bool(sample) and len(_PLAUSIBLE.findall(sample)) / len(sample) > 0.85


def decode(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else cp1251 when that reads as Cyrillic text."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError("undecodable text (bad UTF-16)") from exc
        if not _plausible(text):
            raise ParseError("undecodable text (UTF-16 BOM, but not text)")
        return text
    if b"\x00" in data:
        raise ParseError("binary content (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Older Ukrainian sites still serve Windows-1251: accept it when it reads as Cyrillic text.
    text = data.decode("cp1251", errors="replace")
    letters = sum(ch.isalpha() for ch in text[:20000])
    cyr = len(_CYR.findall(text[:20000]))
    if letters and cyr / letters > 0.5 and "\ufffd" not in text and _plausible(text):
        return text
    raise ParseError("undecodable text (neither UTF-8 nor Cyrillic cp1251)")


def parse_file(path: Path, url: str | None = None) -> Page:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ParseError(f"too large: {size} bytes (limit {MAX_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(f"unreadable file: {exc.strerror or exc}") from exc
    return parse_bytes(data, path.name, url)


def parse_bytes(data: bytes, file: str, url: str | None = None) -> Page:
    try:
        return _parse(data, file, url)
    except ParseError:
        raise
    except RecursionError as exc:
        raise ParseError("too deeply nested to parse") from exc
    except Exception as exc:  # never let an odd page take the load down; quarantine it instead
        raise ParseError(f"parser failure: {type(exc).__name__}: {exc}"[:300]) from exc


def _parse(data: bytes, file: str, url: str | None) -> Page:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ParseError("not bytes")
    data = bytes(data)
    if not data.strip():
        raise ParseError("empty file")
    if len(data) > MAX_BYTES:
        raise ParseError(f"too large: {len(data)} bytes (limit {MAX_BYTES})")
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ParseError("empty file")

    # A crawl manifest's URL is a hint; a `URL:` line in the file wins.
    m = _URL_LINE.match(text)
    if m:
        url = m.group(1)
        text = text[m.end() :]
    is_html = bool(_HTML_SNIFF.search(data[:4096])) and "<" in text[:2000]

    if not is_html and _is_markdown_document(text):
        # Notes about pages (such as a FORMAT.md beside them) quote page fragments: loading
        # one as an article would invent a page.
        raise ParseError("a Markdown document (section headings), not a page")

    ext: Extracted
    if is_html:
        ext = _from_html(text, url)
        url = ext.url if ext.url and is_portal_url(ext.url) else url or ext.url
    else:
        ext = _from_text(text, url)
    return _assemble(ext, file, url)


_MARKDOWN_HEADING = re.compile(r"^#{1,6} \S", re.M)


def _is_markdown_document(text: str) -> bool:
    return bool(_MARKDOWN_HEADING.match(text.lstrip())) and len(_MARKDOWN_HEADING.findall(text)) > 1


def _from_html(text: str, url: str | None) -> Extracted:
    tree = portal_html.tree(text)
    page_url = portal_html.page_url(tree) or url
    if listing.is_html_listing(tree, page_url):
        return listing.extract_html(tree, page_url)
    if portal_html.is_portal_article(tree):
        return portal_html.extract(tree, page_url)
    # Someone else's page (a reprint) or an unknown layout: read its visible text instead.
    as_text = portal_html.visible_text(tree)
    ext = _from_text(as_text, page_url)
    ext.url = ext.url or page_url
    return ext


def _from_text(text: str, url: str | None) -> Extracted:
    if listing.is_text_listing(text, url):
        return listing.extract_text(text, url)
    if url and not is_portal_url(url):
        return reprint.extract(text)  # someone else's address: a reprint, whatever it quotes
    if url or portal_text.looks_like_portal_text(text):
        return portal_text.extract(text)
    return reprint.extract(text)


def _assemble(ext: Extracted, file: str, url: str | None) -> Page:
    canon, key = canonical_url(url)
    page = Page(file=file, kind=ext.kind)
    if canon:
        page.url, page.article_key, page.edition = canon, key, edition_of(url)
    elif url and ext.kind == "reprint":
        page.source_url = url
    if ext.kind == "reprint" and canon:
        # A portal address on a reprint-looking text is still the portal's page.
        page.kind = "article"

    page.title = ext.title
    page.published_at = ext.published_at
    page.views = ext.views
    page.source = ext.source or None
    page.body = ext.body
    page.language = detect_language(ext.body) or detect_language(ext.title or "")
    if page.kind == "listing":
        page.items = ext.items
        page.language = page.language or detect_language(" ".join(i.title or "" for i in ext.items))
        page.tags = ext.tags
        if not page.items and not page.title:
            raise ParseError("listing page without items")
        return page

    if not (page.title or page.body.strip()):
        raise ParseError("not a portal page, listing or reprint: no title or text found")

    tags = list(ext.tags)
    if ext.tag_line:
        script_lang = "uk" if _CYR.search(ext.tag_line) else "en"
        tags += segment_tags(ext.tag_line, reference.tags(script_lang) + reference.tags())
    page.tags = list(dict.fromkeys(normalise_apostrophes(t) for t in tags if t))
    page.oblasts = reference.match_oblasts(ext.oblast_text)
    page.hromadas = reference.match_hromadas(ext.hromada_text, page.oblasts)
    if page.hromadas and not page.oblasts and ext.hromada_text and not ext.oblast_text:
        pass  # the page shows no region line: do not infer one from the hromada
    _add_facts(page)
    return page


def _add_facts(page: Page) -> None:
    try:
        from etl import facts

        found = facts.analyse(
            page.body,
            page.language,
            title=page.title,
            tags=page.tags,
            oblasts=page.oblasts,
            hromadas=page.hromadas,
        )
        page.twinning = list(found.twinning)
        page.international_support = bool(found.international_support)
        page.donors = list(found.donors)
    except Exception:  # the extraction layer must not make a readable page unparseable
        page.twinning, page.international_support, page.donors = [], False, []
