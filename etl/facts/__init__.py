"""What the story text says: twinning pairs, international support and donors.

Stub until the extraction work lands: the parser calls analyse() on every article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.models import TwinningPair


@dataclass
class Facts:
    twinning: list[TwinningPair] = field(default_factory=list)
    international_support: bool = False
    donors: list[str] = field(default_factory=list)


def analyse(
    body: str,
    language: str | None,
    title: str | None = None,
    tags: list[str] | None = None,
    oblasts: list[str] | None = None,
    hromadas: list[str] | None = None,
) -> Facts:
    """Facts stated in one article. Never raises on any text."""
    return Facts()


def fingerprint(body: str, title: str | None, language: str | None) -> str:
    """Language-neutral features (numbers, transliterated names) for linking one story's editions."""
    return ""
