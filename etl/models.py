"""The records that flow from the parsers to the load. Plain dataclasses, JSON-ready."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

PageKind = Literal["article", "listing", "reprint"]
Stage = Literal["talks", "signed", "activity", "other"]


@dataclass
class TwinningPair:
    """One partnership between a Ukrainian place and a foreign municipality or region."""

    ukrainian: str  # the Ukrainian side as written, e.g. "Izium" / "Ізюмська громада"
    ukrainian_code: str | None  # KATOTTG hromada code, or ISO 3166-2:UA oblast code, when resolved
    partner: str  # foreign side as written
    partner_normalised: str  # foreign side in its own/Latin spelling, e.g. "Chennevières-sur-Marne"
    country: str | None  # ISO 3166-1 alpha-2 of the partner
    stage: Stage
    sentence: str  # the sentence it came from


@dataclass
class ListingItem:
    """One item of a news or tag listing page: the bulk source of publish times and views."""

    article_key: str | None
    url: str | None
    title: str | None
    published_at: str | None  # same format as Page.published_at
    views: int | None
    oblasts: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


@dataclass
class Page:
    """What one input file says. Keys and their order are the `etl parse` output contract."""

    file: str
    article_key: str | None = None  # "en:15654" / "uk:15654"; None without a portal URL
    url: str | None = None  # canonical: https://decentralization.gov.ua/[en/]news/<id>
    language: str | None = None  # "en" / "uk", detected from the text, not the URL
    title: str | None = None
    published_at: str | None = None  # "2023-01-10T15:35:00+02:00", or "2023-01-10", or None
    views: int | None = None
    tags: list[str] = field(default_factory=list)
    oblasts: list[str] = field(default_factory=list)  # ISO 3166-2:UA, e.g. "UA-63"
    hromadas: list[str] = field(default_factory=list)  # KATOTTG, e.g. "UA63040090000021240"
    source: str | None = None
    twinning: list[TwinningPair] = field(default_factory=list)
    international_support: bool = False
    # canonical donor names (data/reference/donors.csv)
    donors: list[str] = field(default_factory=list)
    # Beyond the contract:
    kind: PageKind = "article"
    edition: str | None = None  # "en" / "uk" from the URL path (not the language of the text)
    source_url: str | None = None  # a reprint's own address, when it has one
    items: list[ListingItem] = field(default_factory=list)  # listing pages only
    body: str = ""  # the article text without boilerplate or related news (for extraction)

    def to_json(self, with_body: bool = False) -> dict[str, Any]:
        data = asdict(self)
        if not with_body:
            data.pop("body")
        if self.kind != "listing":
            data.pop("items")
        return data
