"""Language-neutral features of a story, to link an English article, its Ukrainian original
and reprints on other sites.

Why these features: a translation keeps numbers (dates, sums, counts) and proper names, and
little else. Names are reduced to a consonant skeleton of their Latin form (Ukrainian words
are lemmatised with pymorphy3, stripped of the adjective suffix "-ський", transliterated with
translitua), so "Ізюмської" and "Izium", "Шеннв’єр" and "Chennevières" meet. Features:

* `#<digits>` for every number of two or more digits ("2436", "#10" for "10 January");
* the skeleton of every capitalised word that does not open a sentence (names, places),
  and of every Latin word inside Ukrainian text (foreign names are often left in Latin);
  an English word also written in lower case in the same text is a common noun and skipped;
* the portal's partnership reminder (boilerplate.py) is left out: it is the same in every
  partnership story and would link unrelated ones.
"""

from __future__ import annotations

import re

from etl.facts.boilerplate import strip_boilerplate
from etl.facts.text import WORD_RE, clean, is_cyrillic, lemma, sentences, skeleton

_NUMBER_RE = re.compile(r"\d{2,}")
_UK_ADJ_SUFFIX_RE = re.compile(r"(?:ськ|цьк|зьк)(?:ий|а|е|і)$")
_EN_ADJ_SUFFIX_RE = re.compile(r"(?:ska|skyi|ske|sky|tska|tskyi)$", re.IGNORECASE)
# Capitalised in English titles and headings but not names; they only add noise.
_EN_STOP = {
    "the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "by", "from", "at", "as",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "head", "mayor", "city", "council", "ministry", "administration",
}  # fmt: skip
MIN_SKELETON = 2
MAX_FEATURES = 400


def _name_feature(word: str) -> str | None:
    if is_cyrillic(word):
        base = lemma(word)
        base = _UK_ADJ_SUFFIX_RE.sub("", base)
    else:
        if word.lower() in _EN_STOP:
            return None
        base = _EN_ADJ_SUFFIX_RE.sub("", word)
    key = skeleton(base)
    return key if len(key) >= MIN_SKELETON else None


def features(body: str, title: str | None) -> list[str]:
    """Sorted unique features of title + body (at most MAX_FEATURES, most frequent first)."""
    text = clean(" \n".join(part for part in (title or "", body or "") if part))
    counts: dict[str, int] = {}
    for number in _NUMBER_RE.findall(text):
        key = "#" + (number.lstrip("0") or "0")
        counts[key] = counts.get(key, 0) + 1
    lower_words = {w for w in WORD_RE.findall(text) if w.islower()}
    for sent in strip_boilerplate(sentences(text)):
        sent_is_uk = is_cyrillic(sent)
        for i, match in enumerate(WORD_RE.finditer(sent)):
            word = match.group()
            latin_in_uk = sent_is_uk and not is_cyrillic(word) and len(word) > 2
            if not (latin_in_uk or (i > 0 and word[0].isupper())):
                continue
            if not sent_is_uk and word.lower() in lower_words:
                continue  # an English common noun in title case ("Partnership")
            feature = _name_feature(word)
            if feature:
                counts[feature] = counts.get(feature, 0) + 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k))[:MAX_FEATURES]
    return sorted(ranked)
