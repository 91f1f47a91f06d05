"""Donors named in a story, normalised to the canonical names of data/reference/donors.csv.

Why: the dashboard counts international support by donor and donor country, but the text
writes one donor many ways ("U-LEAD with Europe Programme", «U-LEAD з Європою», "Програми
U-LEAD"). donors.csv holds one row per donor (donor, country alpha-2 or "EU" or empty for
multilateral bodies, kind, aliases in English and Ukrainian separated by '|').

Matching: every alias becomes a small regex; a Cyrillic word of an alias matches any case
ending ("Рада Європи" also finds "Радою Європи"); short all-capital acronyms ("EU", "GIZ",
"DOBRE") match case-sensitively. Aliases are looked up only at words whose first three letters
start some alias, so the scan stays linear in the text.

Aliases that name a government only by its country or union ("Canada", "Японія", "EU", "ЄС")
count only near a support word ("with the support of Canada", "грант ЄС"), since countries are
named in articles for many other reasons.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.facts.text import WORD_RE, is_cyrillic

DONORS_CSV = Path(__file__).resolve().parents[2] / "data" / "reference" / "donors.csv"

_UK_ENDINGS = ("ого", "ому", "ими", "ій", "ий", "ої", "ою", "ія", "ії", "ію", "ом", "ів")
_UK_ENDINGS_1 = "аяоеиіїьюуєй"
_GOV_WORD_RE = re.compile(
    r"govern|уряд|ministr|міністерств|agency|агенц|commission|комісі|delegation|представництв|"
    r"\baid\b|допомог|BMZ|FCDO|AFD",
    re.IGNORECASE,
)
_SUPPORT_RE = re.compile(
    r"support|fund|grant|financ|assist|donat|sponsor|\baid\b|with the help|thanks to|"
    r"provided by|підтрим|фінанс|грант|допомог|коштом|кошт\w* |завдяки",
    re.IGNORECASE,
)
_AFTER_RE = re.compile(r"^\W{0,3}(?:-?funded|-?financed|grant|support|фінанс|грант)", re.I)
CONTEXT_BEFORE = 50


def _key(word: str) -> str:
    """Index key: the first three letters of a word's leading letter run, lower-cased."""
    key = word[:3]
    for sep in "-’'ʼ`":
        if sep in key:
            key = key[: key.index(sep)]
    return key.lower()


@dataclass(frozen=True)
class Donor:
    name: str
    country: str  # alpha-2, "EU", or "" for multilateral bodies
    kind: str


@dataclass(frozen=True)
class _Alias:
    regex: re.Pattern[str]
    donor: Donor
    needs_context: bool


def _word_pattern(word: str) -> str:
    if is_cyrillic(word) and len(word) >= 4:
        stem = word
        for ending in _UK_ENDINGS:
            if stem.lower().endswith(ending) and len(stem) - len(ending) >= 3:
                stem = stem[: -len(ending)]
                break
        else:
            if stem[-1].lower() in _UK_ENDINGS_1:
                stem = stem[:-1]
        return "(?i:" + re.escape(stem) + r")\w{0,4}"
    if word.isupper() and len(word) <= 7:
        return re.escape(word)  # acronym: case-sensitive
    return "(?i:" + re.escape(word) + ")"


def _alias_regex(alias: str) -> re.Pattern[str] | None:
    words = WORD_RE.findall(alias)
    if not words:
        return None
    body = r"[\W_]{1,4}".join(_word_pattern(w) for w in words)
    return re.compile(body + r"(?![^\W\d_])")


@lru_cache(maxsize=4)
def load_donors(path: Path = DONORS_CSV) -> tuple[dict[str, list[_Alias]], dict[str, Donor]]:
    """Aliases indexed by the lower-cased first three letters of their first word."""
    index: dict[str, list[_Alias]] = {}
    donors: dict[str, Donor] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            donor = Donor(row["donor"], row.get("country") or "", row.get("kind") or "")
            donors[donor.name] = donor
            for alias in (row.get("aliases") or "").split("|"):
                alias = alias.strip()
                regex = _alias_regex(alias) if alias else None
                if regex is None:
                    continue
                needs_context = donor.kind == "government" and not _GOV_WORD_RE.search(alias)
                key = _key(WORD_RE.findall(alias)[0])
                index.setdefault(key, []).append(_Alias(regex, donor, needs_context))
    for aliases in index.values():  # longest pattern first: most specific alias wins
        aliases.sort(key=lambda a: -len(a.regex.pattern))
    return index, donors


def find_donors(text: str) -> list[str]:
    """Canonical donor names named in text, in order of first mention. Never raises on str."""
    index, _ = load_donors()
    found: list[str] = []
    taken_until = -1
    for match in WORD_RE.finditer(text):
        start = match.start()
        if start < taken_until:
            continue
        for alias in index.get(_key(match.group()), ()):
            hit = alias.regex.match(text, start)
            if not hit:
                continue
            if alias.needs_context:
                before = text[max(0, start - CONTEXT_BEFORE) : start]
                after = text[hit.end() : hit.end() + 20]
                if not (_SUPPORT_RE.search(before) or _AFTER_RE.search(after)):
                    continue
            if alias.donor.name not in found:
                found.append(alias.donor.name)
            taken_until = hit.end()
            break
    return found


def donor_country(name: str) -> str | None:
    """The country of a canonical donor ("EU" for EU bodies, "" for multilateral)."""
    return load_donors()[1].get(name, Donor(name, "", "")).country if name else None
