"""Foreign partners in their own spelling, from the gazetteer data/reference/partners.csv.

Why: a Ukrainian article writes the partner in Cyrillic and in any case form ("з містом
Вроцлавом", "Шеннв’єр-сюр-Марн"), an English one sometimes in a transliteration of that
("Rzheporiie"). Transliteration alone gives "Shennvier-siur-Marn", not the town's name; the
dashboard groups partners by name, so one town must get one spelling in every edition.

partners.csv: one row per foreign municipality or region (name in its own Latin spelling,
country alpha-2, Ukrainian spellings '|', other Latin spellings '|', kind). Lookup keys, all
precomputed once (lazily, ~0.1 s) into dicts, tried in this order:

1. the exact key: lower case, apostrophes (’ ʼ ' `) dropped, hyphens as spaces, Latin
   diacritics folded ("Wroclaw" = "Wrocław"); indexed for the name, its Latin aliases, the
   national transliteration of each Ukrainian spelling, and every Ukrainian spelling with all
   its case forms (pymorphy3 lexeme: "Вроцлавом", "Кашкайшу");
2. a stem key for Cyrillic (case ending cut, double letters merged) for forms pymorphy3 does not
   generate for an unknown name ("Тельтовом", "Мілішівцями");
3. the consonant skeleton (text.skeleton) for other transliterations, only when the country
   is known and the skeleton is long enough and unique in that country.

A key shared by entries of one country is dropped (ambiguous); across countries the partner's
country picks the entry.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.facts.text import is_cyrillic, latin, lexeme_forms, skeleton

PARTNERS_CSV = Path(__file__).resolve().parents[2] / "data" / "reference" / "partners.csv"

_APOS_RE = re.compile(r"[’'ʼ`‘]")
_SEP_RE = re.compile(r"[\s\-–]+")
# Latin letters NFKD does not decompose.
_LATIN_EXTRA = str.maketrans({"ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "đ": "d",
                              "ı": "i", "þ": "th", "ð": "d"})  # fmt: skip
# Ukrainian case endings, longest first (cut only when >= 3 letters stay).
_UK_ENDINGS = (
    "ами", "ями", "ові", "еві", "єві", "ому", "ого", "ою", "ею", "єю", "ом", "ем", "єм",
    "ах", "ях", "ів", "їв", "ам", "ям", "а", "я", "у", "ю", "і", "ї", "е", "є", "о", "и", "ь", "й",
)  # fmt: skip
_DOUBLE_RE = re.compile(r"(.)\1+")
MIN_SKELETON = 4


@dataclass(frozen=True)
class Partner:
    name: str
    country: str
    kind: str


@dataclass
class _Gazetteer:
    exact: dict[str, list[Partner]]
    stem: dict[str, list[Partner]]
    skeleton: dict[str, list[Partner]]
    names: frozenset[str]


def exact_key(name: str) -> str:
    """Lower case, no apostrophes, single spaces for hyphens; Latin diacritics folded."""
    text = _APOS_RE.sub("", name.lower())
    if not is_cyrillic(text):
        text = unicodedata.normalize("NFKD", text.translate(_LATIN_EXTRA))
        text = "".join(c for c in text if not unicodedata.combining(c))
    return _SEP_RE.sub(" ", text).strip()


def _stem_word(word: str) -> str:
    for ending in _UK_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            word = word[: -len(ending)]
            break
    return _DOUBLE_RE.sub(r"\1", word)


def stem_key(name: str) -> str:
    """Cyrillic words without their case ending ("Мілішівцями" and "Мілішівці" -> "мілішівц")."""
    return " ".join(_stem_word(w) for w in exact_key(name).split())


def skeleton_key(name: str) -> str:
    return "".join(skeleton(w) for w in _SEP_RE.split(_APOS_RE.sub("", name)) if w)


def _uk_forms(spelling: str) -> set[str]:
    """Exact keys of every case form of a Ukrainian spelling (each word declined alone)."""
    words = _SEP_RE.split(spelling.lower().replace("ʼ", "’").replace("'", "’"))
    out: set[str] = {""}
    for word in words:
        forms = lexeme_forms(word) if len(word) > 3 else {word}
        out = {f"{prefix} {form}".strip() for prefix in out for form in forms}
        if len(out) > 200:  # a long multi-word name: keep the nominative only
            return {exact_key(spelling)}
    return {exact_key(f) for f in out} | {exact_key(spelling)}


def _add(index: dict[str, list[Partner]], key: str, partner: Partner) -> None:
    if not key:
        return
    entries = index.setdefault(key, [])
    if partner not in entries:
        entries.append(partner)


def _drop_ambiguous(index: dict[str, list[Partner]]) -> None:
    for key in list(index):
        countries = [p.country for p in index[key]]
        if len(countries) != len(set(countries)):
            kept = [p for p in index[key] if countries.count(p.country) == 1]
            if kept:
                index[key] = kept
            else:
                del index[key]


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = PARTNERS_CSV) -> _Gazetteer:
    exact: dict[str, list[Partner]] = {}
    stem: dict[str, list[Partner]] = {}
    skel: dict[str, list[Partner]] = {}
    names: set[str] = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = (row.get("name") or "").strip()
            country = (row.get("country") or "").strip().upper()
            if not name or len(country) != 2:
                continue
            partner = Partner(name, country, (row.get("kind") or "").strip())
            names.add(name)
            ukrainian = [s.strip() for s in (row.get("uk") or "").split("|") if s.strip()]
            latins = [name] + [s.strip() for s in (row.get("latin") or "").split("|") if s.strip()]
            latins += [latin_name(s) for s in ukrainian]
            for spelling in latins:
                _add(exact, exact_key(spelling), partner)
                sk = skeleton_key(spelling)
                if len(sk) >= MIN_SKELETON:
                    _add(skel, sk, partner)
            for spelling in ukrainian:
                for key in _uk_forms(spelling):
                    _add(exact, key, partner)
                    _add(stem, stem_key(key), partner)
    for index in (exact, stem, skel):
        _drop_ambiguous(index)
    return _Gazetteer(exact, stem, skel, frozenset(names))


def latin_name(name: str) -> str:
    """National transliteration of a Cyrillic name, word by word, hyphens kept."""
    if not is_cyrillic(name):
        return name
    parts = _APOS_RE.sub("", name).split("-")
    return "-".join(" ".join(latin(w) for w in part.split()) for part in parts)


def _pick(entries: list[Partner] | None, country: str | None) -> Partner | None:
    if not entries:
        return None
    if country:
        return next((p for p in entries if p.country == country), None)
    return entries[0] if len(entries) == 1 else None


@lru_cache(maxsize=20_000)
def lookup(name: str, country: str | None = None) -> Partner | None:
    """The gazetteer entry a written partner name stands for (same country when known)."""
    if not name or len(name) > 80:
        return None
    gaz = load_gazetteer()
    key = exact_key(name)
    found = _pick(gaz.exact.get(key), country)
    if found is None and is_cyrillic(name):
        found = _pick(gaz.stem.get(stem_key(name)), country)
    if found is None and country:
        sk = skeleton_key(name)
        if len(sk) >= MIN_SKELETON:
            found = _pick(gaz.skeleton.get(sk), country)
    return found


def is_known_name(name: str) -> bool:
    """True for a gazetteer spelling itself (used by the evaluation for exact matching)."""
    return name in load_gazetteer().names
