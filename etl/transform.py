"""Pure text functions shared by every extractor: keys, language, dates, tags, label splitting.

No I/O and no reference data loading here (the tag vocabulary is passed in), so each function is
cheap to test on its own and safe on any string: they return None or [] rather than raise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

KYIV = ZoneInfo("Europe/Kyiv")
CANONICAL_HOST = "decentralization.gov.ua"
PORTAL_HOSTS = frozenset(
    {
        "decentralization.gov.ua",
        "www.decentralization.gov.ua",
        "decentralization.ua",
        "www.decentralization.ua",
    }
)

# ---------------------------------------------------------------- apostrophes and whitespace

_APOS = str.maketrans({"'": "’", "ʼ": "’", "`": "’", "‘": "’", "´": "’"})


def normalise_apostrophes(text: str) -> str:
    """One apostrophe form (U+2019, the portal's own) so `Мереф'янська` == `Мереф’янська`."""
    return text.translate(_APOS)


_WS = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def clean_line(text: str) -> str:
    return _WS.sub(" ", text).strip()


# ---------------------------------------------------------------- URLs and keys

_NEWS_PATH = re.compile(r"^/(?:(en|uk|ru)/)?news/(\d+)(?:\.amp)?/?$")
_EDITION_PATH = re.compile(r"^/(en|uk|ru)(?:/|$)")


def is_portal_url(url: str | None) -> bool:
    if not url:
        return False
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return False
    return host in PORTAL_HOSTS


def edition_of(url: str | None) -> str | None:
    """Edition from the URL path: `/en/...` is English, everything else on the portal Ukrainian."""
    if not is_portal_url(url):
        return None
    try:
        path = urlsplit((url or "").strip()).path
    except ValueError:
        return None
    m = _EDITION_PATH.match(path)
    return m.group(1) if m else "uk"


def canonical_url(url: str | None) -> tuple[str | None, str | None]:
    """(canonical URL, article key) of a portal address; (None, None) if it is not the portal's.

    All portal hosts are one site; `?page=N` (paging of the list that linked here) and `.amp`
    are dropped. Only `/news/<id>` is an article id: `/news/item?id=N` is another scheme
    (interviews), so it keeps its URL but gets no key.
    """
    if not url or not is_portal_url(url):
        return None, None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None, None
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    m = _NEWS_PATH.match(path)
    if m:
        edition = m.group(1) or "uk"
        prefix = "" if edition == "uk" else f"/{edition}"
        news_id = str(int(m.group(2)))
        return f"https://{CANONICAL_HOST}{prefix}/news/{news_id}", f"{edition}:{news_id}"
    path = path[:-4] if path.endswith(".amp") else path
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("page="))
    return f"https://{CANONICAL_HOST}{path}" + (f"?{query}" if query else ""), None


# ---------------------------------------------------------------- language

_CYR = re.compile(r"[А-Яа-яІіЇїЄєҐґЁёЫыЭэЪъ]")
_LAT = re.compile(r"[A-Za-z]")


def detect_language(text: str | None) -> str | None:
    """Language ("uk" or "en") by the share of Cyrillic among letters.

    The portal has only two editions and an edition's URL does not tell the language of the body
    (untranslated Ukrainian bodies on /en/). Counting scripts is exact for that choice, needs no
    model and runs at regex speed; mixed texts (English with Ukrainian names) stay well below 50%.
    Only the first 5,000 characters are counted: enough to decide, bounded cost.
    """
    if not text:
        return None
    sample = text[:5000]
    cyr = len(_CYR.findall(sample))
    lat = len(_LAT.findall(sample))
    if cyr + lat < 3:
        return None
    return "uk" if cyr > lat else "en"


# ---------------------------------------------------------------- dates

# Month names for every reader and writer of dates (parser, crawler, demo pages).
EN_MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
UK_MONTHS_GENITIVE = [
    "січня", "лютого", "березня", "квітня", "травня", "червня",
    "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
]  # fmt: skip
_UK_NOM = [
    "січень", "лютий", "березень", "квітень", "травень", "червень",
    "липень", "серпень", "вересень", "жовтень", "листопад", "грудень",
]  # fmt: skip
_MONTH_FULL: dict[str, int] = {}
for _names in (EN_MONTHS, UK_MONTHS_GENITIVE, _UK_NOM):
    for _i, _n in enumerate(_names, 1):
        _MONTH_FULL[_n] = _i


def month_number(word: str) -> int | None:
    """Month from a full, genitive, nominative or abbreviated (>= 3 letters) name; else None."""
    w = word.lower().rstrip(".")
    if w in _MONTH_FULL:
        return _MONTH_FULL[w]
    if len(w) < 3:
        return None
    found = {m for name, m in _MONTH_FULL.items() if name.startswith(w)}
    return found.pop() if len(found) == 1 else None


def kyiv_iso(
    year: int, month: int, day: int, hour: int | None = None, minute: int | None = None
) -> str | None:
    """ISO 8601 in Kyiv time (`+02:00` winter, `+03:00` summer), or a bare date; None if invalid."""
    if not (1990 <= year <= 2100):  # also for bare dates: "16 Жовтня, 905050" is not 9050
        return None
    try:
        if hour is None or minute is None:
            return datetime(year, month, day).date().isoformat()
        return datetime(year, month, day, hour, minute, tzinfo=KYIV).isoformat()
    except (ValueError, OverflowError):
        return None


_MON = r"([A-Za-zА-Яа-яІіЇїЄєҐґ]{3,10})\.?"
_TIME = r"(\d{1,2}):(\d{2})"
# Each pattern: (regex, order of groups as "dmyHM" letters; `b` is a month name).
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # 10.01.2023 - 15:35 | 24.12.2025 19:40 | 📅 18.11.2020 🕐 13:35
    (re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})[^\d\n]{0,5}?" + _TIME), "dmyHM"),
    # 13:43 19.05.2023
    (re.compile(_TIME + r",?\s+(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"), "HMdmy"),
    # 18:37 3.022026 (seen malformed on a reprint site: the second dot is missing)
    (re.compile(_TIME + r"\s+(\d{1,2})\.(\d{2})(\d{4})(?!\d)"), "HMdmy"),
    # 11:00, 18 вересня 2012 р.
    (re.compile(_TIME + r",?\s+(\d{1,2})\s+" + _MON + r",?\s+(\d{4})"), "HMdby"),
    # 21 May 2022 - 16:50 | 16 Жовтня, 2024 р., 20:43 | 23 березня 2023, 13:16 | 04 June 2025
    (
        re.compile(
            r"(?<!\d)(\d{1,2})\s+"
            + _MON
            + r",?\s+(\d{4})(?:\s*р\.?)?(?:[\s,\-–—|]{1,5}"
            + _TIME
            + r")?"
        ),
        "dbyHM",
    ),
    # Січень 10\n18:45 2023 (reprint aggregator) | Січень 10, 2023
    (re.compile(_MON + r"\s+(\d{1,2})\s+" + _TIME + r"\s+(\d{4})"), "bdHMy"),
    (re.compile(_MON + r"\s+(\d{1,2}),?\s+(\d{4})"), "bdy"),
    # bare 10.01.2023
    (re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)"), "dmy"),
]


def _from_match(m: re.Match[str], order: str) -> str | None:
    vals: dict[str, int | None] = {"H": None, "M": None}
    for letter, raw in zip(order, m.groups(), strict=False):
        if raw is None:
            continue
        if letter == "b":
            month = month_number(raw)
            if month is None:
                return None
            vals["m"] = month
        else:
            vals[letter] = int(raw)
    if "d" not in vals or "m" not in vals or "y" not in vals:
        return None
    h, mi = vals["H"], vals["M"]
    if h is not None and mi is not None and (h > 23 or mi > 59):
        return None
    return kyiv_iso(vals["y"] or 0, vals["m"] or 0, vals["d"] or 0, h, mi)


def parse_date(text: str | None) -> str | None:
    """The first date (with its time, if shown) in `text`, in any layout the portal or reprints
    use; ISO with Kyiv offset, bare `YYYY-MM-DD` without a time, None when none or invalid."""
    if not text:
        return None
    best: tuple[int, int, str] | None = None
    for rx, order in _DATE_PATTERNS:
        for m in rx.finditer(text):
            value = _from_match(m, order)
            if value is None:
                continue
            cand = (m.start(), -len(m.group(0)), value)
            if best is None or cand < best:
                best = cand
            break
    return best[2] if best else None


_RELATED_DATE = re.compile(r"^\d{1,2}\s+" + _MON + r"\s+\d{4}$")


def is_bare_date_line(line: str) -> bool:
    """`04 June 2025` / `08 січня 2026` alone on a line: the related-news date layout."""
    m = _RELATED_DATE.match(line.strip())
    return m is not None and month_number(m.group(1)) is not None


# ---------------------------------------------------------------- labels, regions, tags

# Labels a compact rendering glues onto the previous value (`…областьГромади:`).
GLUED_LABEL = re.compile(
    r"(?<=[a-zа-яіїєґ’»\")\.])"
    r"(?=(?:Громади|Область|Source|Джерело|Tags|Теги|Read more|Читайте також):)"
)


def split_glued_labels(text: str) -> str:
    return GLUED_LABEL.sub("\n", text)


_OBLAST_SPLIT = re.compile(r"(?<=област[ьі])\s+", re.IGNORECASE)
_HROMADA_SPLIT = re.compile(r"(?<=громад[аи])\s+", re.IGNORECASE)


def split_oblasts(line: str) -> list[str]:
    """`Донецька область Харківська область` -> both, split after each `область`."""
    return [p.strip(" ,;") for p in _OBLAST_SPLIT.split(line) if p.strip(" ,;")]


def split_hromadas(line: str) -> list[str]:
    """Split after each `громада`; apostrophes normalised so old and new names compare equal."""
    line = normalise_apostrophes(line)
    return [p.strip(" ,;") for p in _HROMADA_SPLIT.split(line) if p.strip(" ,;")]


def _tag_key(word: str) -> str:
    return normalise_apostrophes(word).casefold()


def _split_unknown(words: list[str]) -> list[str]:
    """Group words no vocabulary tag covers: capitalised runs are person names (pairs when long),
    lowercase runs one tag, numbers and bracketed words stay with the word before."""
    groups: list[list[str]] = []
    prev_kind = ""
    for w in words:
        attach = w[:1] in "(" or w.isdigit() or w[:1].isdigit()
        kind = "cap" if w[:1].isupper() else "low"
        if groups and (attach or kind == prev_kind):
            groups[-1].append(w)
        else:
            groups.append([w])
            prev_kind = kind
    out: list[str] = []
    for g in groups:
        plain = [w for w in g if not w.startswith("(")]
        if len(plain) >= 4 and len(plain) == len(g) and all(w[:1].isupper() for w in g):
            out.extend(" ".join(g[i : i + 2]) for i in range(0, len(g), 2))
        else:
            out.append(" ".join(g))
    return out


@lru_cache(maxsize=16)
def _vocab_index(vocabulary: tuple[str, ...]) -> tuple[dict[tuple[str, ...], str], int]:
    index: dict[tuple[str, ...], str] = {}
    longest = 1
    for tag in vocabulary:
        key = tuple(_tag_key(w) for w in tag.split())
        if key:
            index.setdefault(key, tag)
            longest = max(longest, len(key))
    return index, longest


def segment_tags(line: str, vocabulary: Iterable[str]) -> list[str]:
    """Split a space-joined tag line into tags: greedy longest match against the vocabulary,
    words left over grouped by `_split_unknown`. Output uses the vocabulary's spelling."""
    if "," in line or ";" in line:  # an explicit separator is a boundary we need not guess
        parts = [p for p in re.split(r"[,;]", line) if p.strip()]
        return list(dict.fromkeys(t for p in parts for t in segment_tags(p, vocabulary)))
    words = clean_line(normalise_apostrophes(line)).split(" ")
    words = [w for w in words if w]
    if not words:
        return []
    index, longest = _vocab_index(tuple(vocabulary))
    keys = [_tag_key(w) for w in words]
    out: list[str] = []
    pending: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            hit = index.get(tuple(keys[i : i + n]))
            if hit is not None:
                if pending:
                    out.extend(_split_unknown(pending))
                    pending = []
                out.append(hit)
                i += n
                break
        else:
            pending.append(words[i])
            i += 1
    if pending:
        out.extend(_split_unknown(pending))
    return list(dict.fromkeys(out))


def tags_coverage(line: str, vocabulary: Iterable[str]) -> float:
    """Share of the line's words that belong to known tags (to tell a tag line from a source)."""
    tags = segment_tags(line, vocabulary)
    vocab = {normalise_apostrophes(t) for t in vocabulary}
    words = sum(len(t.split()) for t in tags)
    known = sum(len(t.split()) for t in tags if t in vocab)
    return known / words if words else 0.0


# A counter as shown, sign included: "-640" must not be read as 640.
_INT = re.compile(r"[-−]?\s*\d[\d \u00a0,.]*")


def parse_int(text: str | None) -> int | None:
    """A view counter as the page shows it, sign and size included; None when there is none.

    A negative or absurd value is returned as read, not dropped or clipped: the loader then
    quarantines the page with "implausible view count" instead of storing a wrong number or
    silently losing the count.
    """
    if not text:
        return None
    m = _INT.search(text)
    if not m:
        return None
    shown = m.group(0)
    digits = re.sub(r"\D", "", shown)[:19]  # 19 digits are past any plausible counter
    value = int(digits)
    return -value if shown.startswith(("-", "−")) else value
