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
from typing import Any

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
_JOINERS = "-’'ʼ`"  # joiners inside one WORD_RE word
_LETTER_RE = re.compile(r"[^\W\d_]")
# Words too common to stand for an alias in the pre-check (prefixes, lower case).
_GENERIC = (
    "government", "council", "agency", "international", "development", "cooperation",
    "programme", "program", "foundation", "federal", "ministry", "bank", "union", "national",
    "united", "states", "for", "of", "the", "and", "with", "support", "local", "regional",
    "authorities", "better", "improved", "democratic", "education", "offering", "commission",
    "delegation", "affairs", "global", "уряд", "програм", "фонд", "розвит", "міжнародн",
    "співробітн", "агентств", "агенці", "банк", "федеральн", "місцев", "регіональн", "влад",
)  # fmt: skip


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
    gate: tuple[str, bool]  # _gate_literal(alias)


def _stem(word: str) -> str:
    """A Cyrillic word (>= 4 letters) without its case ending; other words unchanged."""
    if not (is_cyrillic(word) and len(word) >= 4):
        return word
    for ending in _UK_ENDINGS:
        if word.lower().endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word[:-1] if word[-1].lower() in _UK_ENDINGS_1 else word


def _is_acronym(word: str) -> bool:
    return not (is_cyrillic(word) and len(word) >= 4) and word.isupper() and len(word) <= 7


def _word_pattern(word: str) -> str:
    if is_cyrillic(word) and len(word) >= 4:
        return "(?i:" + re.escape(_stem(word)) + r")\w{0,4}"
    if _is_acronym(word):
        return re.escape(word)  # acronym: case-sensitive
    return "(?i:" + re.escape(word) + ")"


def _gate_literal(alias: str) -> tuple[str, bool]:
    """One literal every match of the alias contains, and whether it is case-sensitive.

    The alias's most distinctive word: not a generic one (_GENERIC), then the longest; a
    Cyrillic word as its stem, an acronym as written, any other word in lower case.
    """
    words = WORD_RE.findall(alias)
    word = max(words, key=lambda w: (not w.lower().startswith(_GENERIC), len(w)))
    if _is_acronym(word):
        return word, True
    return _stem(word).lower(), False


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
                gate = _gate_literal(alias)
                index.setdefault(key, []).append(_Alias(regex, donor, needs_context, gate))
    for aliases in index.values():  # longest pattern first: most specific alias wins
        aliases.sort(key=lambda a: -len(a.regex.pattern))
    return index, donors


@dataclass(frozen=True)
class _Gate:
    exact: re.Pattern[str]  # acronym literals, case-sensitive, on the text
    lower: re.Pattern[str]  # other literals, on the lower-cased text
    by_literal: dict[str, list[_Alias]]
    # literal -> every literal it starts with (itself too), each with "must end a word":
    # Latin words and acronyms are whole words in an alias; a Cyrillic stem takes an ending.
    prefixes: dict[str, tuple[tuple[str, bool], ...]]
    rank: dict[int, int]  # id(alias) -> its place in its key's list (most specific first)


@lru_cache(maxsize=4)
def _gate(path: Path = DONORS_CSV) -> _Gate:
    index, _ = load_donors(path)
    by_literal: dict[str, list[_Alias]] = {}
    exact: set[str] = set()
    lower: set[str] = set()
    rank: dict[int, int] = {}
    for aliases in index.values():
        for i, alias in enumerate(aliases):
            rank[id(alias)] = i
            literal, case_sensitive = alias.gate
            (exact if case_sensitive else lower).add(literal)
            by_literal.setdefault(literal, []).append(alias)

    prefixes = {
        lit: tuple(
            (other, not is_cyrillic(other) or other.isupper())
            for other in by_literal
            if lit.startswith(other)
        )
        for lit in by_literal
    }
    return _Gate(_trie_regex(exact), _trie_regex(lower), by_literal, prefixes, rank)


def _trie_regex(literals: set[str]) -> re.Pattern[str]:
    """One regex for a set of literals, shaped as a trie ("europ(?:e(?:an)?)?|..."): at each
    position the engine follows one branch per letter instead of trying every literal, about
    twice as fast as a flat alternation. A match is the longest literal at its position."""
    trie: dict[str, Any] = {}
    for literal in literals:
        node = trie
        for char in literal:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and "" not in node else "(?:" + "|".join(alts) + ")"
        return body + ("?" if "" in node else "")

    return re.compile(build(trie) or r"(?!)")


def _candidate_aliases(text: str) -> list[_Alias]:
    """Aliases whose gate literal occurs as a word (or, for a Cyrillic stem, a word's start):
    only these can match. One plain-literal scan per case; each raw hit is then checked."""
    gate = _gate()
    found: set[str] = set()
    for regex, haystack in ((gate.exact, text), (gate.lower, text.lower())):
        pos = 0
        # Overlapping hits: a literal may sit inside a longer one ("eu" in "eur"), or start it.
        while True:
            hit = regex.search(haystack, pos)
            if hit is None:
                break
            i = hit.start()
            pos = i + 1
            if i > 0 and _LETTER_RE.match(haystack, i - 1):
                continue  # inside a word ("said" for "aid")
            for literal, whole in gate.prefixes.get(hit.group(), ()):
                if whole and _LETTER_RE.match(haystack, i + len(literal)):
                    continue  # a whole-word literal running on ("Ukraine" for "U")
                found.add(literal)
    return [alias for literal in found for alias in gate.by_literal.get(literal, ())]


def may_have_donors(text: str) -> bool:
    """Cheap pre-check: False means find_donors(text) is surely empty."""
    return bool(_candidate_aliases(text))


def _is_word_start(text: str, i: int) -> bool:
    """True where WORD_RE would start a word (not inside "Ivano-Frankivsk")."""
    if i > 0 and _LETTER_RE.match(text, i - 1):
        return False
    return not (i > 1 and text[i - 1] in _JOINERS and _LETTER_RE.match(text, i - 2))


def find_donors(text: str) -> list[str]:
    """Canonical donor names named in text, in order of first mention. Never raises on str.

    At each word start the aliases of that word's key (_key) are tried, most specific first;
    a hit moves the scan past it. Only aliases whose gate literal occurs are looked for.
    """
    gate = _gate()
    starts: dict[int, list[_Alias]] = {}
    for alias in _candidate_aliases(text):
        pos = 0
        while True:
            hit = alias.regex.search(text, pos)
            if hit is None:
                break
            if _is_word_start(text, hit.start()):
                starts.setdefault(hit.start(), []).append(alias)
            pos = hit.start() + 1
    found: list[str] = []
    taken_until = -1
    for start in sorted(starts):
        if start < taken_until:
            continue
        for alias in sorted(starts[start], key=lambda a: gate.rank[id(a)]):
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
