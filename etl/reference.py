"""Reference lookups: oblasts, hromadas, towns and tags, loaded once from data/reference/*.csv.

Pages name places in Ukrainian adjective stems (`Ізюмська територіальна громада`), in case forms
(`Ізюмської громади`), as towns (`Ізюм`, `Izium`) or in the portal's own English spellings
(`Merefyanska`). Everything is precomputed into dicts on first use so each lookup is a few hash
probes; pymorphy3 is only a lazy fallback for case forms the stem rules miss.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from etl.settings import ROOT
from etl.transform import normalise_apostrophes

REF_DIR = ROOT / "data" / "reference"


@dataclass(frozen=True)
class Oblast:
    iso: str
    katottg_prefix: str
    name_uk: str
    name_en: str


@dataclass(frozen=True)
class Hromada:
    code: str
    oblast_iso: str
    raion: str
    name_uk: str
    name_en: str
    type: str


def _rows(name: str) -> list[dict[str, str]]:
    path: Path = REF_DIR / name
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def oblasts() -> tuple[Oblast, ...]:
    return tuple(
        Oblast(r["oblast_iso"], r["katottg_prefix"], r["name_uk"], r["name_en"])
        for r in _rows("oblasts.csv")
    )


@cache
def hromadas() -> tuple[Hromada, ...]:
    return tuple(
        Hromada(
            r["hromada_code"],
            r["oblast_iso"],
            r["raion_name"],
            r["name_uk"],
            r["name_en"],
            r["type"],
        )
        for r in _rows("hromadas.csv")
    )


@cache
def tags(language: str | None = None) -> tuple[str, ...]:
    """Tag vocabulary of one language ("en"/"uk"), or of both."""
    return tuple(
        normalise_apostrophes(r["tag"])
        for r in _rows("tags.csv")
        if language is None or r["language"] == language
    )


@cache
def tag_by_slug() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for r in _rows("tags.csv"):
        out.setdefault(r["slug"], {})[r["language"]] = normalise_apostrophes(r["tag"])
    return out


# ---------------------------------------------------------------- keys

# Adjective endings in every case, longest first (`ської` before `ої`), reduced to a stem key.
_ADJ_END = re.compile(r"(ськ|цьк|зьк)(ими|ому|ого|ій|ої|ою|ий|им|их|ім|а|у|і|е|ої)$")
_NOUN_HINTS = re.compile(
    r"\b(громад\w*|територіальн\w*|об’єднан\w*|міськ\w*|селищн\w*|сільськ\w*|отг)\b"
)


def _key_uk(name: str) -> str:
    """`Ізюмська`, `ізюмської`, `Ізюмській` -> `ізюмськ` (apostrophes normalised)."""
    k = normalise_apostrophes(name).casefold().strip()
    return _ADJ_END.sub(r"\1", k)


_EN_LOOSE = [
    ("g", "h"),
    ("yi", "i"),
    ("iy", "i"),
    ("ya", "ia"),
    ("yu", "iu"),
    ("ye", "ie"),
    ("y", "i"),
]


def _key_en(name: str) -> str:
    """Loose Latin key: the portal's spellings (`Merefyanska`, `Lyubomlska`, `Mamayivska`) and
    the official transliteration (`Merefianska`, `Liubomlska`, `Mamaivska`) meet."""
    k = re.sub(r"[’'`ʼ\-\s.]", "", name.casefold())
    for a, b in _EN_LOOSE:
        k = k.replace(a, b)
    return re.sub(r"(.)\1+", r"\1", k)


# ---------------------------------------------------------------- oblasts


@cache
def _oblast_index() -> tuple[dict[str, str], dict[str, str], re.Pattern[str], re.Pattern[str]]:
    by_uk: dict[str, str] = {}
    by_en: dict[str, str] = {}
    for o in oblasts():
        by_uk[_key_uk(o.name_uk)] = o.iso
        en = o.name_en.removesuffix(" Oblast")
        by_en[_key_en(en)] = o.iso
    by_uk["київ"] = "UA-30"
    by_uk["севастополь"] = "UA-40"
    by_uk[_key_uk("Автономна Республіка Крим")] = "UA-43"
    by_uk["ар крим"] = "UA-43"
    stems = sorted(
        (o.name_uk for o in oblasts() if o.iso not in ("UA-30", "UA-40", "UA-43")), key=len
    )
    alt = "|".join(re.escape(s[:-2]) for s in reversed(stems))  # drop "ка"/"ська" ending letters
    rx_uk = re.compile(
        rf"(?<![\w-])((?:{alt})\w*)\s+обл(?:асть|асті|астю|\.)"
        r"|(Автономн\w+\s+Республік\w+\s+Крим|АР\s+Крим)"
        r"|(?:м\.\s*|місто\s+)?(?<![\w-])(Київ|Києва|Києві|Севастополь|Севастополя)(?![\w-])",
        re.IGNORECASE,
    )
    rx_en = re.compile(
        r"(?<![\w-])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\s+(?:Oblast|oblast|region|Region)\b"
    )
    return by_uk, by_en, rx_uk, rx_en


def match_oblasts(text: str) -> list[str]:
    """ISO 3166-2:UA codes of oblasts named in `text` (`Харківська область`, `Kharkiv Oblast`,
    `м. Київ`), in order of appearance, without repeats."""
    if not text:
        return []
    by_uk, by_en, rx_uk, rx_en = _oblast_index()
    text = normalise_apostrophes(text)
    found: list[tuple[int, str]] = []
    for m in rx_uk.finditer(text):
        if m.group(1):
            code = by_uk.get(_key_uk(m.group(1)))
        elif m.group(2):
            code = "UA-43"
        else:
            code = "UA-30" if m.group(3).casefold().startswith("ки") else "UA-40"
        if code:
            found.append((m.start(), code))
    for m in rx_en.finditer(text):
        code = by_en.get(_key_en(m.group(1)))
        if code:
            found.append((m.start(), code))
    out: list[str] = []
    for _, code in sorted(found):
        if code not in out:
            out.append(code)
    return out


# ---------------------------------------------------------------- hromadas and places


@dataclass(frozen=True)
class _PlaceIndex:
    by_stem: dict[str, tuple[Hromada, ...]]  # uk adjective stem key -> hromadas
    by_stem_en: dict[str, tuple[Hromada, ...]]
    town_uk: dict[str, tuple[tuple[str, str, str], ...]]  # name key -> (code, oblast, category)
    town_en: dict[str, tuple[tuple[str, str, str], ...]]
    hromada_oblast: dict[str, str]


@cache
def _place_index() -> _PlaceIndex:
    by_stem: dict[str, list[Hromada]] = {}
    by_stem_en: dict[str, list[Hromada]] = {}
    h_obl: dict[str, str] = {}
    for h in hromadas():
        by_stem.setdefault(_key_uk(h.name_uk), []).append(h)
        by_stem_en.setdefault(_key_en(h.name_en), []).append(h)
        h_obl[h.code] = h.oblast_iso
    town_uk: dict[str, list[tuple[str, str, str]]] = {}
    town_en: dict[str, list[tuple[str, str, str]]] = {}
    for r in _rows("places.csv"):
        rec = (r["hromada_code"], r["oblast_iso"], r["category"])
        town_uk.setdefault(normalise_apostrophes(r["name_uk"]).casefold(), []).append(rec)
        town_en.setdefault(_key_en(r["name_en"]), []).append(rec)
        h_obl[r["hromada_code"]] = r["oblast_iso"]
    return _PlaceIndex(
        {k: tuple(v) for k, v in by_stem.items()},
        {k: tuple(v) for k, v in by_stem_en.items()},
        {k: tuple(v) for k, v in town_uk.items()},
        {k: tuple(v) for k, v in town_en.items()},
        h_obl,
    )


_TYPE_WORD = re.compile(r"\b(міськ|селищн|сільськ)\w*", re.IGNORECASE)
_HROMADA_STEM = re.compile(
    r"^(.+?)\s+(?:(?:міськ|селищн|сільськ|об’єднан|територіальн)\w*\s+)*(?:громад\w*|отг)$",
    re.IGNORECASE,
)


def _pick(
    cands: list[tuple[str, str, str]], oblasts_hint: list[str], type_hint: str = ""
) -> str | None:
    """One code from candidates (code, oblast, category/type): filter by the page's oblasts, then
    by type or category; None when still ambiguous (never guess between two real places)."""
    codes = list(dict.fromkeys(c[0] for c in cands))
    if len(codes) <= 1:
        return codes[0] if codes else None
    if oblasts_hint:
        narrowed = [c for c in cands if c[1] in oblasts_hint]
        if narrowed:
            cands = narrowed
    if type_hint:
        narrowed = [c for c in cands if c[2].startswith(type_hint)]
        if narrowed:
            cands = narrowed
    codes = list(dict.fromkeys(c[0] for c in cands))
    if len(codes) > 1:
        top = [c for c in cands if c[2] in ("K", "M")]
        codes = list(dict.fromkeys(c[0] for c in top)) or codes
    return codes[0] if len(codes) == 1 else None


def _hromada_cands(stem: str) -> list[tuple[str, str, str]]:
    idx = _place_index()
    found = idx.by_stem.get(_key_uk(stem), ())
    return [(h.code, h.oblast_iso, h.type) for h in found]


def match_hromadas(text: str, oblasts: list[str]) -> list[str]:
    """KATOTTG codes of hromadas named in a region line (`Ізюмська територіальна громада`,
    `Мереф’янська міська об’єднана територіальна громада Мереф'янська територіальна громада`)."""
    from etl.transform import split_hromadas

    if not text:
        return []
    out: list[str] = []
    for part in split_hromadas(text):
        m = _HROMADA_STEM.match(part.strip())
        stem = m.group(1) if m else part.strip()
        t = _TYPE_WORD.search(part[len(stem) :]) if m else None
        type_hint = t.group(1).casefold() if t else ""
        code = _pick(_hromada_cands(stem), list(oblasts or []), type_hint)
        if code and code not in out:
            out.append(code)
    return out


_STRIP_WORDS = re.compile(
    r"\b(?:громад\w*|територіальн\w*|об’єднан\w*|отг|municipalit\w*|hromada|hromadas|"
    r"community|communities|amalgamated|city|town|village|urban|settlement|council|"
    r"місто|міста|місті|містом|селище|села|село|м|смт|ah|ath|otg|the|of)\b\.?",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _morph() -> Any:
    try:
        import pymorphy3

        return pymorphy3.MorphAnalyzer(lang="uk")
    except Exception:  # missing dictionaries must not break parsing: fall back to stems only
        return None


# Old Russian-based spellings still met in foreign partners' texts.
_ALIASES = {
    "kiev": "Київ", "kharkov": "Харків", "odessa": "Одеса", "lvov": "Львів", "nikolaev": "Миколаїв",
    "zaporozhye": "Запоріжжя", "dnepr": "Дніпро", "chernigov": "Чернігів", "rovno": "Рівне",
    "irpen": "Ірпінь", "gostomel": "Гостомель", "nikolayev": "Миколаїв",
}  # fmt: skip


@lru_cache(maxsize=20000)
def _find_place(name: str, hint: str) -> str | None:
    idx = _place_index()
    hints = [hint] if hint else []
    raw = normalise_apostrophes(name).strip()
    raw = _ALIASES.get(raw.casefold(), raw)
    if not raw or len(raw) > 120:
        return None
    cleaned = re.sub(r"\s+", " ", _STRIP_WORDS.sub(" ", raw)).strip(' ,.;:«»"()')
    if not cleaned:
        return None
    low = cleaned.casefold()
    type_hint = ""
    t = _TYPE_WORD.search(raw)
    if t:
        type_hint = t.group(1).casefold()
    if _CYR.search(cleaned):
        cands: list[tuple[str, str, str]] = list(idx.town_uk.get(low, ()))
        if not cands:
            cands = _hromada_cands(cleaned)
        if not cands and (m := _morph()) is not None and " " not in low:
            for p in m.parse(low)[:3]:
                cands = list(idx.town_uk.get(p.normal_form, ())) or _hromada_cands(p.normal_form)
                if cands:
                    break
    else:
        key = _key_en(cleaned)
        cands = list(idx.town_en.get(key, ()))
        if not cands:
            cands = [(h.code, h.oblast_iso, h.type) for h in idx.by_stem_en.get(key, ())]
        if not cands and key.endswith("ska"):
            cands = [(h.code, h.oblast_iso, h.type) for h in idx.by_stem_en.get(key, ())]
    return _pick(cands, hints, type_hint)


_CYR = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


def _oblast_hint(hint: str | None) -> str:
    if not hint:
        return ""
    if re.fullmatch(r"UA-\d\d", hint):
        return hint
    found = match_oblasts(hint if " " in hint else f"{hint} область")
    if not found:
        by_uk, by_en, _, _ = _oblast_index()
        code = by_uk.get(_key_uk(hint)) or by_en.get(_key_en(hint.removesuffix(" Oblast")))
        return code or ""
    return found[0]


def find_place(name: str, oblast_hint: str | None = None) -> str | None:
    """KATOTTG hromada code of a place named in running text: a town (`Ізюм`, `Izium`, `Bucha`,
    `Kyiv`), a hromada (`Ізюмська громада`, `Ізюмської громади`, `Iziumska hromada`), in any
    case form. `oblast_hint` (ISO code or oblast name) settles same-named places. Kyiv and
    Sevastopol, which belong to no hromada, give their own codifier code. None when unknown or
    ambiguous; never raises."""
    try:
        if not isinstance(name, str):
            return None
        return _find_place(name, _oblast_hint(oblast_hint))
    except Exception:  # a lookup helper must never break its caller's extraction
        return None


def hromada_oblast(code: str) -> str | None:
    return _place_index().hromada_oblast.get(code)
