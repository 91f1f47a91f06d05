"""Extractors, one per input kind. Each turns decoded text or HTML into an `Extracted` record;
`etl.parse` resolves codes, detects the language and builds the `Page`."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.models import ListingItem, PageKind


@dataclass
class Extracted:
    """What an extractor read off one page, before reference lookups."""

    kind: PageKind = "article"
    url: str | None = None  # an address the page itself states (canonical link, og:url)
    title: str | None = None
    published_at: str | None = None
    views: int | None = None
    tags: list[str] = field(default_factory=list)  # final tag strings
    tag_line: str | None = None  # a space-joined tag line still to be segmented
    oblast_text: str = ""  # region lines as shown (`Харківська область`)
    hromada_text: str = ""  # hromada lines as shown
    source: str | None = None
    body: str = ""
    items: list[ListingItem] = field(default_factory=list)
