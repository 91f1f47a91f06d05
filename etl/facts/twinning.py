"""Twinning pairs: a Ukrainian hromada, city or oblast and a foreign municipality or region.

Why rules and not a model: the portal's partnership news is written in a few fixed shapes
("the French city of X", "X (Німеччина)", "з французьким містом X", "комуна X ... Румунії",
"X and Y became sister cities"), the labelled sample is small, and the acceptance asks for
precision first. Each shape below is one linear regex. A sentence can give a pair only if it
carries a partnership word (twin, sister, partner, memorandum, agreement, cooperation,
побратим, партнер, меморандум, угода, співпраця); the partner must have a country (in the
sentence, or the one foreign country the whole story names) and must not resolve to a
Ukrainian place; the Ukrainian side comes from the same sentence, else the title, else the
page's single hromada or oblast.

Stage of a pair = the strongest cue among the sentences (and title) that name the partner:
signed (signed, concluded, became sister cities, підписали, уклали, стали побратимами) >
talks (negotiating, discussing, drafting, intending, перемовини, обговорили, готується) >
activity (visit, aid, joint project, візит, допомога, спільний проєкт) > other.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from etl.facts.countries import CountryMention, country_of, find_adjectives_lower, find_countries
from etl.facts.partners import latin_name, lookup
from etl.facts.text import CAP_WORD, _morph, is_cyrillic, lemma, skeleton
from etl.models import Stage, TwinningPair

_CONN = (
    r"(?:sur|sous|le|la|les|de|du|des|am|an|im|upon|di|del|della|nad|pod|der|bei|van|von|"
    r"сюр|над|на|ам|де|ле|ла)"
)
NAME = rf"{CAP_WORD}(?:\s(?:{_CONN}\s)?{CAP_WORD}){{0,3}}"
_TYPE_EN = (
    r"(?:city|town|municipality|commune|community|region|state|province|county|district|"
    r"voivodeship|land|canton|village|gmina|prefecture|borough|department)"
)
_TYPE_UK = (
    r"(?:міст|муніципалітет|громад|комун|регіон|округ|ґмін|гмін|провінці|штат|воєводств|"
    r"земл|район|повіт|селищ|кантон|префектур|департамент)\w*"
)
# the French city of X / the American state of X
_EN_ADJ_TYPE_RE = re.compile(rf"\b([A-Z][a-z]+)\s+{_TYPE_EN}\s+of\s+(?:the\s+)?({NAME})")
# з французьким містом X / німецького міста X / чеської Праги
_UK_ADJ_TYPE_RE = re.compile(
    rf"(?i:\b([а-яіїєґ’]+(?:ськ|цьк|зьк)\w*))\s+(?:{_TYPE_UK}\s+)?({NAME})"
)
# X (Country)
_PAREN_RE = re.compile(rf"({NAME})\s*\(([^()\n]{{2,60}})\)")
# X, Country
_COMMA_RE = re.compile(rf"({NAME}),\s+(?:the\s+)?([^,.;()\n]{{2,40}})")
# комуна X / the city of X / X municipality (country from elsewhere)
_UK_TYPE_NAME_RE = re.compile(
    rf"(?i:\b(?:комун|ґмін|гмін|муніципалітет|міст|район|округ|регіон|штат|провінці)\w*)"
    rf"\s+({NAME})"
)
_EN_TYPE_NAME_RE = re.compile(
    rf"\b(?:city|town|municipality|commune|district|county|gmina)\s+of\s+({NAME})"
)
_NAME_RE = re.compile(NAME)
_VENUE_BEFORE_RE = re.compile(r"(?:\b(?:[Ii]n|[Aa]t|[Уу]|[Вв]|[Нн]а)\s+)$")
# X and Y (became sister cities / signed ...)
_AND_RE = re.compile(rf"({NAME})\s+(?:and|та|і|й)\s+({NAME})")

# The cue and stage patterns below are lower case and search LOWER-CASED text: Python's
# re.IGNORECASE on Unicode alternations is several times slower than a plain scan.
PARTNER_CUE_RE = re.compile(
    r"twin|sister|partner|memorand|agreement|cooperat|co-operat|побрат|партнер|меморанд|"
    r"угод|співпрац|співробітн|договір|договор"
)
_TWIN_WORD_RE = re.compile(r"sister|twin|побрат")
_STRONG_CUE_RE = re.compile(r"twin|sister|partner|memorand|побрат|партнер|меморанд")
_SIGNED_RE = re.compile(
    r"\bsigned\b|\bconcluded\b|\btwinned\b|(?:became|are now|have become|officially)\s+"
    r"(?:\w+\s+)?(?:sister|twin|partner)|recogni[sz]ed\b|established (?:a )?(?:twinning|"
    r"partnership|sister)|підписал|уклал|укла(?:ли|в)|стал\w*\s+(?:\S+\s+)?(?:містами-)?"
    r"побратим|стал\w* \S*партнер|побратал|закріплен|визнал",
)
_TALKS_RE = re.compile(
    r"negotiat|discuss|intend|intention|plan(?:s|ned|ning)? to|\bis to twin|\bare to twin|"
    r"will sign|to be signed|\bdraft|prepar|\btalks\b|consider|propos|перемовин|переговор|"
    r"обговор|намір|планую|планує|готу|підготов|проєкт\w* меморандум|проект\w* меморандум|"
    r"підпишуть|розгляда",
)
_ACTIVITY_RE = re.compile(
    r"visit|delegat|\baid\b|assist|help|donat|\bsent\b|deliver|joint|project|support|"
    r"handed|візит|делегац|допомаг|допомог|переда|надал|спільн|проєкт|проект|підтрим|"
    r"гуманітарн",
)
_STAGE_ORDER: dict[Stage, int] = {"signed": 3, "talks": 2, "activity": 1, "other": 0}

_OBLAST_AFTER_RE = re.compile(r"^\s*(?:[Oo]blast|[Rr]egion|област|обл\.|Region)", re.UNICODE)
_UKR_TYPE_AFTER_RE = re.compile(
    r"^\s*(?:municipality|hromada|city|town|village|community|AH|amalgamated|міськ|сільськ|"
    r"селищн|територіальн|громад|ОТГ|військов)",
)
# Words that start a capitalised run but are never a partner's name.
_STOP = {
    "the", "mayor", "city", "council", "municipality", "head", "during", "in", "on", "this",
    "ukraine", "ukrainian", "україна", "україни", "мер", "голова", "міський",
    "according", "memorandum", "agreement", "twinning", "partnership", "guidelines", "governor",
    "oblast", "region", "state", "republic", "federal", "also", "both", "president",
}  # fmt: skip
_STOP_TAIL = {"mayor", "city", "council", "municipality", "oblast", "region", "mayors", "міський"}
_NOT_PARTNER = {"UA", "RU", "BY"}

PlaceFinder = Callable[..., "str | None"]


@dataclass
class _Candidate:
    name: str
    country: str | None
    start: int
    end: int
    gazetteer: bool = False  # found only because partners.csv knows the name


@dataclass
class _Ukr:
    name: str
    code: str | None


def _find_place() -> PlaceFinder | None:
    try:
        from etl.reference import find_place
    except ImportError:  # reference lookups not installed: fall back to page places
        return None
    return find_place


def _oblast_code(name: str) -> str | None:
    try:
        from etl.reference import match_oblasts
    except ImportError:
        return None
    found = match_oblasts(f"{name} oblast" if not is_cyrillic(name) else f"{name} область")
    return found[0] if len(found) == 1 else None


_NOT_NAME_LEMMAS = {"республіка", "королівство", "федерація", "держава", "уряд", "україна"}
_PERSON_TAGS = ("Name", "Surn", "Patr")


@lru_cache(maxsize=50_000)
def _cyrillic_word_ends_name(word: str) -> bool:
    """A following word that is a person's name or an adjective is not part of a place name."""
    try:
        tag = _morph().parse(word.lower())[0].tag
    except Exception:
        return False
    return "ADJF" in tag or any(t in tag for t in _PERSON_TAGS)


@lru_cache(maxsize=50_000)
def _is_given_name(word: str) -> bool:
    """A Cyrillic word pymorphy3 knows as a given name ("Марія", "Петро")."""
    if not is_cyrillic(word):
        return False
    try:
        return any("Name" in parse.tag for parse in _morph().parse(word.lower()))
    except Exception:
        return False


def _trim(name: str) -> str:
    words = name.split()
    while words and words[0].lower() in _STOP:
        words = words[1:]
    for i, word in enumerate(words):
        if word.lower() in _STOP_TAIL:
            words = words[:i]
            break
        if i > 0 and is_cyrillic(word) and _cyrillic_word_ends_name(word):
            words = words[:i]
            break
    if words and is_cyrillic(words[0]) and lemma(words[0]) in _NOT_NAME_LEMMAS:
        return ""
    return " ".join(words).strip(" -–’'")


def normalise_partner(name: str, country: str | None = None) -> str:
    """The gazetteer's own spelling (partners.csv) when it knows the place (same country);
    otherwise Latin-script names as written and Cyrillic ones transliterated (national 2010)."""
    known = lookup(name, country)
    if known is not None:
        return known.name
    return latin_name(name)


@lru_cache(maxsize=50_000)
def partner_key(name: str) -> str:
    """A key that survives language: used to merge one partner's mentions and in evaluation."""
    return " ".join(skeleton(w) for w in re.split(r"[\s\-]+", name) if w)


def _is_ukrainian(name: str, find_place: PlaceFinder | None, hint: str | None) -> bool:
    if country_of(name) is not None:
        return True  # a country name is not a municipality
    return bool(find_place and find_place(name, hint))


def _foreign_codes(mentions: list[CountryMention]) -> set[str]:
    return {m.code for m in mentions if m.code not in _NOT_PARTNER}


class _LazyCountry:
    """The one foreign country a whole story names, computed only if a shape needs it."""

    def __init__(self, sents: list[str]) -> None:
        self.sents = sents
        self.done = False
        self.code: str | None = None

    def get(self) -> str | None:
        if not self.done:
            codes: set[str] = set()
            for sent in self.sents:
                codes |= _sentence_codes(sent)
            self.code = codes.pop() if len(codes) == 1 else None
            self.done = True
        return self.code


@lru_cache(maxsize=8192)
def _sentence_codes(sent: str) -> frozenset[str]:
    """Foreign countries one sentence names (cached: read by several steps)."""
    return frozenset(_foreign_codes(find_countries(sent) + find_adjectives_lower(sent)))


def _candidates(sent: str, story_country: _LazyCountry, twinning_story: bool) -> list[_Candidate]:
    """Foreign-side candidates of one sentence, with the country where the shape gives one."""
    out: list[_Candidate] = []
    for m in _EN_ADJ_TYPE_RE.finditer(sent):
        code = country_of(m.group(1))
        if code:
            out.append(_Candidate(m.group(2), code, m.start(2), m.end(2)))
    for m in _UK_ADJ_TYPE_RE.finditer(sent):
        code = country_of(m.group(1).lower())
        if code:
            out.append(_Candidate(m.group(2), code, m.start(2), m.end(2)))
    for m in _PAREN_RE.finditer(sent):
        code = country_of(m.group(2))
        if code:
            out.append(_Candidate(m.group(1), code, m.start(1), m.end(1)))
    for m in _COMMA_RE.finditer(sent):
        mentions = find_countries(m.group(2))
        if mentions and mentions[0].start == 0 and not mentions[0].adjective:
            out.append(_Candidate(m.group(1), mentions[0].code, m.start(1), m.end(1)))
    sent_codes = _sentence_codes(sent)
    sent_country = next(iter(sent_codes)) if len(sent_codes) == 1 else None
    for regex in (_UK_TYPE_NAME_RE, _EN_TYPE_NAME_RE):
        for m in regex.finditer(sent):
            after = find_countries(sent[m.end(1) : m.end(1) + 60])
            code = next((c.code for c in after if c.code not in _NOT_PARTNER), None)
            code = code or sent_country or story_country.get()
            out.append(_Candidate(m.group(1), code, m.start(1), m.end(1)))
    low = sent.lower()
    if _SIGNED_RE.search(low) or _TWIN_WORD_RE.search(low):
        for m in _AND_RE.finditer(sent):
            for g in (1, 2):
                code = sent_country or story_country.get()
                out.append(_Candidate(m.group(g), code, m.start(g), m.end(g)))
    if twinning_story:
        out += _gazetteer_candidates(sent, out)
    return out


def _gazetteer_candidates(sent: str, found: list[_Candidate]) -> list[_Candidate]:
    """Names partners.csv knows, in any position a shape above missed ("his Manchester
    counterpart"); not at the sentence start and not after "in"/"у" (a venue, not a partner)."""
    out: list[_Candidate] = []
    for m in _NAME_RE.finditer(sent):
        if any(c.start <= m.start() < c.end for c in found):
            continue
        if not sent[: m.start()].strip(' «"“‘(') or _VENUE_BEFORE_RE.search(sent, 0, m.start()):
            continue
        words = _trim(m.group()).split()
        spans = [" ".join(words)] + ([w for w in words if len(w) > 3] if len(words) > 1 else [])
        for name in spans:
            known = lookup(name) if name else None
            if known is not None:
                start = m.start() + m.group().find(name)
                out.append(_Candidate(name, known.country, start, start + len(name), True))
                break
    return out


def _ukrainian_side(
    sent: str,
    taken: list[tuple[int, int]],
    find_place: PlaceFinder | None,
    hint: str | None,
) -> _Ukr | None:
    """The first Ukrainian place named in a sentence (oblast phrases first, then places)."""
    best: _Ukr | None = None
    for m in re.finditer(NAME, sent):
        if any(s <= m.start() < e for s, e in taken):
            continue
        words = m.group().split()
        if len(words) > 1 and _is_given_name(words[0]):
            continue  # "Марія Савчук": a person, even if a village shares the first name
        offsets = [m.start() + len(" ".join(words[:k])) + bool(k) for k in range(len(words))]
        spans = [(i, j) for i in range(len(words)) for j in range(len(words), i, -1)]
        for i, j in spans:
            name = " ".join(words[i:j])
            if name.lower() in _STOP:
                continue
            end = offsets[i] + len(name)
            rest = sent[end : end + 20]
            if _OBLAST_AFTER_RE.match(rest):
                code = _oblast_code(name)
                if code:
                    return _Ukr(sent[m.start() : end + len(rest.split()[0]) + 1].strip(), code)
            if find_place is None:
                if _UKR_TYPE_AFTER_RE.match(rest) or country_of(name) == "UA":
                    return _Ukr(name, None) if best is None else best
                continue
            if country_of(name) is not None:
                continue
            code = find_place(name, hint)
            if code:
                found = _Ukr(name, code)
                typed = _UKR_TYPE_AFTER_RE.match(rest)
                if typed:
                    return _Ukr(f"{name} {rest.split()[0]}".strip(" ,."), code)
                best = best or found
    return best


@lru_cache(maxsize=8192)
def _sentence_stage(text: str) -> Stage:
    """The stage one sentence states (cached: every candidate re-reads the same sentences)."""
    text = text.lower()
    if _SIGNED_RE.search(text):
        return "signed"
    if _TALKS_RE.search(text):
        return "talks"
    if _ACTIVITY_RE.search(text):
        return "activity"
    return "other"


def _stage(texts: list[str]) -> Stage:
    best: Stage = "other"
    for text in texts:
        stage = _sentence_stage(text)
        if _STAGE_ORDER[stage] > _STAGE_ORDER[best]:
            best = stage
            if best == "signed":
                break
    return best


def extract_pairs(
    story: list[str],
    title: str,
    oblasts: list[str],
    hromadas: list[str],
) -> list[TwinningPair]:
    """Pairs stated in the story sentences (boilerplate already removed)."""
    lowered = [s.lower() for s in [title, *story]]
    cues = [bool(PARTNER_CUE_RE.search(low)) for low in lowered[1:]]
    if not any(cues):
        return []
    find_place = _find_place()
    hint = oblasts[0] if len(oblasts) == 1 else None
    twinning_story = any(_STRONG_CUE_RE.search(low) for low in lowered)
    story_country = _LazyCountry([title, *story])
    title_ukr = _ukrainian_side(title, [], find_place, hint) if title else None
    page_ukr: _Ukr | None = None
    if len(hromadas) == 1:
        page_ukr = _Ukr("", hromadas[0])
    elif len(oblasts) == 1:
        page_ukr = _Ukr("", oblasts[0])

    pairs: dict[tuple[str, str], TwinningPair] = {}
    for i, sent in enumerate(story):
        follow: list[str] = []  # the cue sentence that speaks for a cue-less one
        if cues[i]:
            found = _candidates(sent, story_country, twinning_story)
        elif twinning_story and i + 1 < len(story) and cues[i + 1]:
            # "X met his Manchester counterpart. They discussed cooperation."
            found = _gazetteer_candidates(sent, [])
            follow = [story[i + 1]]
        else:
            continue
        cands = []
        for cand in found:
            name = _trim(cand.name)
            if len(name) < 3:
                continue
            known = lookup(name, cand.country)
            country = cand.country or (known.country if known else None)
            if not country or country in _NOT_PARTNER:
                continue
            # A place the gazetteer knows, in the country the shape names, is foreign even if
            # a Ukrainian village shares its name; anything else must not resolve to Ukraine.
            if (known is None or cand.gazetteer) and _is_ukrainian(name, find_place, hint):
                continue
            cands.append(_Candidate(name, country, cand.start, cand.end, cand.gazetteer))
        if not cands:
            continue
        taken = [(c.start, c.end) for c in cands]
        ukr = _ukrainian_side(sent, taken, find_place, hint) or title_ukr
        if ukr is not None and ukr.code is None and page_ukr is not None:
            ukr = _Ukr(ukr.name, page_ukr.code)
        if ukr is None:
            ukr = page_ukr
        if ukr is None:
            continue
        for cand in cands:
            normalised = normalise_partner(cand.name, cand.country)
            key = (ukr.code or ukr.name.lower(), partner_key(normalised))
            if key in pairs:
                continue
            head = cand.name.split()[0][:5].lower()
            texts = [s for s, low in zip([title, *story], lowered, strict=True) if head in low]
            stage = _stage((texts or [sent]) + follow)
            if stage == "other" and not _STRONG_CUE_RE.search(sent.lower()):
                continue  # a foreign place near a vague cue: prefer precision
            pairs[key] = TwinningPair(
                ukrainian=ukr.name,
                ukrainian_code=ukr.code,
                partner=cand.name,
                partner_normalised=normalised,
                country=cand.country,
                stage=stage,
                sentence=sent,
            )
    return list(pairs.values())
