"""What the story text says: twinning pairs, international support and donors.

The parser calls analyse() on every article body (boilerplate and related news already cut)
and fingerprint() to link one story across editions and reprints (see stories.py). Both are
total functions: any text, however large, empty or garbled, gives a result and no exception.
Method and measured quality: docs/extraction.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.models import TwinningPair

SUPPORT_TAGS = (
    "international support",
    "international cooperation",
    "міжнародна підтримка",
    "міжнародне співробітництво",
    "міжнародна співпраця",
)
# Every byte that is not an ASCII letter: deleting them leaves the Latin letters to count.
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())
# Substrings without which no sentence can carry a pair (twinning.PARTNER_CUE_RE's words).
_PAIR_GATE = (
    "twin", "sister", "partner", "memorand", "agreement", "cooperat", "co-operat", "побрат",
    "партнер", "меморанд", "угод", "співпрац", "співробітн", "договір", "договор",
)  # fmt: skip
# Author lines (FORMAT.md §9) name the writer's employer, not the story's support.
_AUTHOR_RE = re.compile(r"(?:Автор|Author|Авторка|By)\b\s*:?\s", re.IGNORECASE)


@dataclass
class Facts:
    twinning: list[TwinningPair] = field(default_factory=list)
    international_support: bool = False
    donors: list[str] = field(default_factory=list)


def _support_tag(tags: list[str] | None) -> bool:
    if not tags:
        return False
    joined = " ".join(t for t in tags if isinstance(t, str)).lower()
    return any(tag in joined for tag in SUPPORT_TAGS)


def detect_language(text: str) -> str | None:
    """'uk' or 'en' by script share of the first 5,000 characters; None for neither."""
    sample = text[:5000].encode("utf-8", "ignore")
    cyr = sample.count(b"\xd0") + sample.count(b"\xd1")  # lead bytes of U+0400..U+047F
    lat = len(sample.translate(None, _NOT_ASCII_LETTER))
    if cyr + lat < 20:
        return None
    return "uk" if cyr >= lat else "en"


def analyse(
    body: str,
    language: str | None,
    title: str | None = None,
    tags: list[str] | None = None,
    oblasts: list[str] | None = None,
    hromadas: list[str] | None = None,
) -> Facts:
    """Facts stated in one article. Never raises on any text."""
    try:
        return _analyse(body, title, tags, oblasts or [], hromadas or [])
    except Exception:  # extraction is best effort: a page must never fail on it
        return Facts(international_support=_support_tag(tags))


def _analyse(
    body: str,
    title: str | None,
    tags: list[str] | None,
    oblasts: list[str],
    hromadas: list[str],
) -> Facts:
    from etl.facts.boilerplate import strip_boilerplate
    from etl.facts.donors import find_donors, may_have_donors
    from etl.facts.text import clean, sentences
    from etl.facts.twinning import extract_pairs

    text = clean(body)
    head = clean(title)
    tag_signal = _support_tag(tags)
    if detect_language(text + " " + head) is None:
        return Facts(international_support=tag_signal)
    # Cheap gates first: most pages name no donor and no partnership, and need nothing more.
    low = text.lower()
    maybe_pairs = any(word in low for word in _PAIR_GATE)
    maybe_donors = may_have_donors(head + " \n" + text)
    if not (maybe_pairs or maybe_donors):
        return Facts(international_support=tag_signal)
    story = strip_boilerplate([s for s in sentences(text) if not _AUTHOR_RE.match(s)])
    donors = find_donors(" \n".join([head, *story])) if maybe_donors else []
    pairs = extract_pairs(story, head, list(oblasts), list(hromadas)) if maybe_pairs else []
    return Facts(
        twinning=pairs,
        international_support=tag_signal or bool(donors) or bool(pairs),
        donors=donors,
    )


def fingerprint(body: str, title: str | None, language: str | None) -> str:
    """Language-neutral features (numbers, names) that link one story's editions and reprints."""
    try:
        from etl.facts.features import features

        return " ".join(features(body, title))
    except Exception:
        return ""
