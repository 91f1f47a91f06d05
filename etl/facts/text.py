"""Shared text helpers for the fact extractors: cleaning, sentences, letter classes, morphology.

Why a module of its own: the twinning, country, donor and fingerprint code all need the same
idea of a "word", a "sentence" and a Ukrainian lemma, and the same guard against huge input.
Every regex here is linear (no nested unbounded quantifiers), so garbage text cannot make it
backtrack catastrophically.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

# Input longer than this is cut before any extraction: a real article body is < 100 KB, and
# the cut keeps analyse() fast on a 10 MB blob.
MAX_CHARS = 200_000

# Letter classes built from Unicode properties (no \p{Lu} in Python's re).
_LATIN_UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())
_CYR_UPPER = "".join(c for c in map(chr, range(0x400, 0x530)) if c.isupper())
UPPER = re.escape(_LATIN_UPPER + _CYR_UPPER)
APOS = "’'ʼ`"  # apostrophes seen in Ukrainian names (U+2019, U+0027, U+02BC, grave)

# One word: letters, with inner apostrophes or hyphens ("Шеннв’єр-сюр-Марн", "Ivano-Frankivsk").
WORD_RE = re.compile(rf"[^\W\d_]+(?:[{APOS}\-][^\W\d_]+)*")
# A capitalised word (the start of a proper name).
CAP_WORD = rf"[{UPPER}][^\W\d_]*(?:[{APOS}\-][^\W\d_]+)*"
CAP_WORD_RE = re.compile(CAP_WORD)

# A run of spaces to fold into one " ": only runs that are not already a single plain space
# match, so ordinary text costs one fast scan and no replacement.
_SPACES = r"[ \t\u00a0\u2009\u202f]"
_SPACE_RE = re.compile(rf"(?:[\t\u00a0\u2009\u202f]| (?={_SPACES})){_SPACES}*")
_SENT_SPLIT_RE = re.compile(r"(?<=[.!?…])[\"”»’)]?\s+(?=[\"“«‘(]?[" + UPPER + r"\d])|\n+")


def clean(text: str | None) -> str:
    """NFC, unified apostrophes and spaces, cut to MAX_CHARS. Never raises on str input."""
    if not text or not isinstance(text, str):
        return ""
    text = text[:MAX_CHARS]
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.replace("ʼ", "’").replace("`", "’")
    return _SPACE_RE.sub(" ", text)


def sentences(text: str) -> list[str]:
    """Split into sentences (and lines). Abbreviations such as "U.K." may split; harmless here."""
    out = []
    for part in _SENT_SPLIT_RE.split(text):
        part = part.strip(" •-–—*\t")
        if part:
            out.append(part)
    return out


def fold(text: str) -> str:
    """Lower-case ASCII letters only ("Chennevières" -> "chennevieres")."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if "a" <= c <= "z" or c in " -")


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in word)


@lru_cache(maxsize=1)
def _morph() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="uk")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Ukrainian lemma (lower case) of one word; the word itself, lower-cased, when unknown."""
    low = word.lower().replace("'", "’")
    if not is_cyrillic(low) or len(low) > 40:
        return low
    try:
        return str(_morph().parse(low)[0].normal_form)
    except Exception:  # pymorphy3 is a dependency we do not control
        return low


@lru_cache(maxsize=100_000)
def latin(word: str) -> str:
    """Official Ukrainian transliteration (2010) of a Cyrillic word; Latin words unchanged."""
    if not is_cyrillic(word):
        return word
    try:
        from translitua import translit

        return str(translit(word.replace("’", "'"))).replace("'", "")
    except Exception:
        return word


def lexeme_forms(lemma_word: str) -> set[str]:
    """All inflected forms (lower case) of a Ukrainian word, from pymorphy3's dictionary."""
    forms = {lemma_word.lower()}
    try:
        parses = _morph().parse(lemma_word.lower())
        exact = [p for p in parses if p.normal_form == lemma_word.lower()]
        for parse in (exact or parses)[:2]:
            forms.update(str(f.word) for f in parse.lexeme)
    except Exception:
        pass
    return forms


_SKELETON_SUBS = (
    ("shch", "sh"),
    ("kh", "h"),
    ("ch", "sh"),
    ("zh", "z"),
    ("ts", "c"),
    ("ck", "k"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
    ("ph", "f"),
)
_VOWELS_RE = re.compile(r"[aeiouyj]+")
_DOUBLE_RE = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """A rough consonant key that survives transliteration between English and Ukrainian.

    "Chennevières" and "Шеннв’єр" (-> "Shennvier") both give "shnvrs"/"shnvr"; "Izium" and
    "Ізюм" give "zm". Used for fuzzy name comparison only.
    """
    text = fold(latin(word)).replace("-", "").replace(" ", "")
    for old, new in _SKELETON_SUBS:
        text = text.replace(old, new)
    text = _VOWELS_RE.sub("", text)
    return _DOUBLE_RE.sub(r"\1", text)
