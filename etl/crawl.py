"""`etl crawl`: walk the portal's news listings and fetch the articles we have not got yet.

Why a crawler at all: the listings show date, time and view count of every item, so one walk
of them is a view snapshot of every article it passes; repeated weekly walks give each article
a view history. Listing pages are archived like articles (the loader turns their items into
snapshots) and the article pages are fetched once, when first seen.

The split follows the dogsheep tools: `etl.fetch` does the network only, the `save_*` functions
here write to the raw archive, and `crawl()` decides what to fetch. Everything it needs to
resume comes from the archive manifest: the articles already archived (not fetched again) and
the last ETag / Last-Modified of each URL (sent back as a conditional request; a 304 stores
nothing). A listing page answered 304 is read back from the archive to find its articles, so a
crawl killed at any point and run again ends with the same archive as one that never stopped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urljoin, urlsplit

import httpx
from selectolax.lexbor import LexborHTMLParser

from etl.archive import Entry, RawArchive
from etl.errors import EtlError
from etl.fetch import Fetched, Fetcher, FetchFailed, RobotsDisallowed
from etl.settings import Settings
from etl.transform import month_number

DEFAULT_BASE_URL = "https://decentralization.gov.ua"
EDITIONS = {"uk": ("uk",), "en": ("en",), "both": ("uk", "en")}

# Listing markup (docs/portal-html.md). Kept here, in one place, like etl/extract/selectors.py.
SEL_ITEM = "div.one-article"
SEL_ITEM_TITLE = "a.one-article__title"
SEL_ITEM_DATE = "div.one-article__date"
SEL_NEXT = ".pager__next a"

ARTICLE_PATH = re.compile(r"^/(?:(en)/)?news/(\d+)(?:\.amp)?/?$")
DATE_IN_LISTING = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\s+(\d{4})")


@dataclass
class ListingLink:
    """An article as a listing shows it: enough to decide whether to fetch it."""

    key: str  # "uk:15654" / "en:15654"
    url: str  # absolute, on the crawled host, without ?page= or .amp
    published: date | None


@dataclass
class CrawlSummary:
    """What one crawl did; the CLI prints it and `etl update` passes on to the load."""

    robots: str = ""  # found | missing | unreachable
    listing_pages: int = 0  # listing pages walked (fetched or unchanged)
    listing_pages_stored: int = 0  # ... whose content was new: each gives new view snapshots
    listing_pages_unchanged: int = 0  # 304 or identical bytes
    items_seen: int = 0  # listing items passed, i.e. articles whose views were observed
    articles_fetched: int = 0
    articles_already_archived: int = 0
    blocked_by_robots: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: int = 0

    def lines(self) -> list[str]:
        return [
            f"robots.txt: {self.robots}",
            f"listing pages: {self.listing_pages} walked, {self.listing_pages_stored} new, "
            f"{self.listing_pages_unchanged} unchanged; {self.items_seen} items seen",
            f"articles: {self.articles_fetched} fetched, "
            f"{self.articles_already_archived} already archived",
            f"blocked by robots.txt: {len(self.blocked_by_robots)}; errors: {len(self.errors)}; "
            f"HTTP requests: {self.requests}",
        ]


# -- URLs and listings ---------------------------------------------------------------------
def article_key(url: str) -> str | None:
    """ "uk:123" / "en:123" for a portal article address (any host, ?page= or .amp ignored)."""
    match = ARTICLE_PATH.match(urlsplit(url).path)
    if not match:
        return None
    return f"{match.group(1) or 'uk'}:{match.group(2)}"


def article_url(base_url: str, key: str) -> str:
    edition, number = key.split(":")
    prefix = "/en" if edition == "en" else ""
    return f"{base_url.rstrip('/')}{prefix}/news/{number}"


def listing_url(base_url: str, edition: str) -> str:
    return f"{base_url.rstrip('/')}{'/en' if edition == 'en' else ''}/news"


def listing_date(text: str) -> date | None:
    match = DATE_IN_LISTING.search(text)
    if not match:
        return None
    month = month_number(match.group(2))
    if month is None:
        return None
    try:
        return date(int(match.group(3)), month, int(match.group(1)))
    except ValueError:
        return None


def parse_listing(
    html: bytes, page_url: str, base_url: str
) -> tuple[list[ListingLink], str | None]:
    """The article links of a listing page and the next page's address (None on the last)."""
    tree = LexborHTMLParser(html.decode("utf-8", errors="replace"))
    links: list[ListingLink] = []
    for node in tree.css(SEL_ITEM):
        anchor = node.css_first(SEL_ITEM_TITLE)
        href = anchor.attributes.get("href") if anchor is not None else None
        if not href:
            continue
        key = article_key(urljoin(page_url, href))
        if key is None:
            continue
        date_node = node.css_first(SEL_ITEM_DATE)
        published = listing_date(date_node.text(separator=" ")) if date_node is not None else None
        links.append(ListingLink(key, article_url(base_url, key), published))
    next_node = tree.css_first(SEL_NEXT)
    next_href = next_node.attributes.get("href") if next_node is not None else None
    next_url = urljoin(page_url, next_href) if next_href else None
    if next_url and urlsplit(next_url).netloc != urlsplit(page_url).netloc:
        next_url = None
    return links, next_url


# -- the archive side ----------------------------------------------------------------------
@dataclass
class ArchiveState:
    """What earlier crawls left: validators per URL and the articles already archived."""

    archive: RawArchive
    known: dict[str, Entry] = field(default_factory=dict)  # archived sha256 -> its entry
    latest: dict[str, Entry] = field(default_factory=dict)  # url -> last entry for it
    articles: set[str] = field(default_factory=set)  # article keys archived

    @classmethod
    def read(cls, archive: RawArchive) -> ArchiveState:
        state = cls(archive)
        for entry in archive.entries():
            state.note(entry)
        return state

    def note(self, entry: Entry) -> None:
        self.known[entry.sha256] = entry
        if entry.url:
            self.latest[entry.url] = entry
            key = article_key(entry.url)
            if key and (entry.status in (None, 200)):
                self.articles.add(key)


def save_page(state: ArchiveState, page: Fetched) -> bool:
    """Put fetched bytes into the raw archive; False when those exact bytes were there."""
    split = urlsplit(page.url)
    name = split.path + (f"?{split.query}" if split.query else "")
    entry, new = state.archive.put(
        page.content,
        file_name=name,
        observed_at=page.fetched_at,
        observed_from="manifest",
        url=page.url,
        status=page.status,
        etag=page.etag,
        last_modified=page.last_modified,
        known=state.known,
    )
    if new:
        state.note(entry)
    else:
        # Same bytes under this URL again: remember the newer validators in memory only.
        state.latest.setdefault(page.url, entry)
    return new


# -- the walk ------------------------------------------------------------------------------
def _fetch_listing(
    fetcher: Fetcher, state: ArchiveState, url: str, summary: CrawlSummary
) -> bytes | None:
    previous = state.latest.get(url)
    page = fetcher.get(
        url,
        etag=previous.etag if previous else None,
        last_modified=previous.last_modified if previous else None,
    )
    summary.listing_pages += 1
    if page.status == 304 and previous is not None:
        summary.listing_pages_unchanged += 1
        return state.archive.read(previous.sha256)
    if save_page(state, page):
        summary.listing_pages_stored += 1
    else:
        summary.listing_pages_unchanged += 1
    return page.content


def _fetch_article(
    fetcher: Fetcher, state: ArchiveState, link: ListingLink, summary: CrawlSummary
) -> None:
    try:
        page = fetcher.get(link.url)
    except RobotsDisallowed as exc:
        summary.blocked_by_robots.append(exc.url)
        return
    except FetchFailed as exc:
        summary.errors.append(str(exc))
        return
    save_page(state, page)
    state.articles.add(link.key)
    summary.articles_fetched += 1


def crawl(
    settings: Settings,
    base_url: str = DEFAULT_BASE_URL,
    edition: str = "both",
    since: date | str | None = None,
    max_pages: int | None = None,
    delay: float | None = None,
    timeout: float = 30.0,
    client: httpx.Client | None = None,
    *,
    retries: int = 3,
) -> CrawlSummary:
    """Walk the news listings of `edition` and archive listings and new articles.

    `since` stops each edition's walk at the first listing page that reaches items published
    before it (older items on that page are not fetched); `max_pages` caps listing pages per
    edition. `delay` (seconds between requests) defaults to settings.request_delay_s.
    """
    if isinstance(since, str):
        try:
            since = date.fromisoformat(since)
        except ValueError as exc:
            raise EtlError(f"not a date: {since!r}", "give --since as YYYY-MM-DD") from exc
    if edition not in EDITIONS:
        raise EtlError(f"unknown edition {edition!r}", "use uk, en or both")
    if urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).netloc:
        raise EtlError(f"not a web address: {base_url!r}", "give --base-url like https://host")
    own_client = client is None
    http = client or httpx.Client(timeout=timeout)
    fetcher = Fetcher(
        http,
        user_agent=settings.user_agent,
        delay=settings.request_delay_s if delay is None else delay,
        timeout=timeout,
        retries=retries,
    )
    state = ArchiveState.read(RawArchive(settings.raw_dir))
    summary = CrawlSummary()
    try:
        summary.robots = fetcher.load_robots(base_url)
        for ed in EDITIONS[edition]:
            _walk_edition(fetcher, state, base_url, ed, since, max_pages, summary)
    finally:
        summary.requests = fetcher.requests
        if own_client:
            http.close()
    return summary


def _walk_edition(
    fetcher: Fetcher,
    state: ArchiveState,
    base_url: str,
    edition: str,
    since: date | None,
    max_pages: int | None,
    summary: CrawlSummary,
) -> None:
    url: str | None = listing_url(base_url, edition)
    walked: set[str] = set()
    pages = 0
    while url and url not in walked and (max_pages is None or pages < max_pages):
        walked.add(url)
        pages += 1
        try:
            html = _fetch_listing(fetcher, state, url, summary)
        except RobotsDisallowed as exc:
            summary.blocked_by_robots.append(exc.url)
            return
        except FetchFailed as exc:
            summary.errors.append(str(exc))
            return  # without this page we cannot know the next one
        if html is None:
            return
        links, url = parse_listing(html, url, base_url)
        summary.items_seen += len(links)
        reached_since = False
        for link in links:
            if since and link.published and link.published < since:
                reached_since = True
                continue
            if link.key in state.articles:
                summary.articles_already_archived += 1
                continue
            _fetch_article(fetcher, state, link, summary)
        if reached_since:
            return
