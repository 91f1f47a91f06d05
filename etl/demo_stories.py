"""The demo's stories: who, where, what and when, before any page is written.

A story is a set of facts (hromada, oblast, person, partner city, donor, numbers) and a choice
of templates from `etl.demo_content`; the Ukrainian article and its English version (a day or
two later) render the same facts, so story linking has something real to find. Twinning pairs
move from talks to a signed memorandum to joint activity over months.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from translitua import translit

from etl import demo_content as C
from etl import transform

Facts = dict[str, str]
SPECIAL_REGIONS = {"UA-30", "UA-40", "UA-43"}  # Kyiv, Sevastopol, Crimea: no hromadas here


@dataclass(frozen=True)
class Hromada:
    code: str
    oblast: str
    stem: str  # "Ізюмська"
    name_en: str  # "Iziumska"
    kind: str  # міська / селищна / сільська / ""


@dataclass
class Reference:
    oblast_stem: dict[str, str]  # ISO -> "Харківська"
    oblast_en: dict[str, str]
    hromadas: dict[str, list[Hromada]]  # ISO -> hromadas
    tags: dict[str, dict[str, tuple[str, int]]]  # language -> tag -> (slug, weight)

    @classmethod
    def read(cls, folder: Path) -> Reference:
        def rows(name: str) -> list[dict[str, str]]:
            with open(folder / name, encoding="utf-8", newline="") as fh:
                return list(csv.DictReader(fh))

        oblasts = rows("oblasts.csv")
        hromadas: dict[str, list[Hromada]] = {}
        for r in rows("hromadas.csv"):
            hromadas.setdefault(r["oblast_iso"], []).append(
                Hromada(r["hromada_code"], r["oblast_iso"], r["name_uk"], r["name_en"], r["type"])
            )
        tags: dict[str, dict[str, tuple[str, int]]] = {}
        for r in rows("tags.csv"):
            tags.setdefault(r["language"], {})[r["tag"]] = (r["slug"], int(r["weight"]))
        return cls(
            {r["oblast_iso"]: r["name_uk"] for r in oblasts},
            {r["oblast_iso"]: r["name_en"] for r in oblasts},
            hromadas,
            tags,
        )

    def oblast_label(self, iso: str) -> str:
        """The region as the portal's `Область:` line writes it."""
        stem = self.oblast_stem[iso]
        return stem if iso in SPECIAL_REGIONS else f"{stem} область"


@dataclass
class Story:
    topic: str  # key of TITLES/BODY (twinning stages are their own keys)
    facts: Facts
    oblasts: list[str]
    hromada: Hromada | None
    title_index: int
    sentences: list[int]  # indices into BODY[topic] and QUOTES (negative = quote)
    tags_uk: list[str]
    tags_en: list[str]
    donor: str | None = None
    twinning_reminder: bool = False
    extra: dict[str, str] = field(default_factory=dict)


def _gen(stem: str) -> str:
    return stem[:-1] + ("ьої" if stem.endswith("я") else "ої")


def _loc(stem: str) -> str:
    return stem[:-1] + "ій"


def _ins(stem: str) -> str:
    return stem[:-1] + ("ьою" if stem.endswith("я") else "ою")


UK_MONTH_GEN = transform.UK_MONTHS_GENITIVE
EN_MONTH = [m.capitalize() for m in transform.EN_MONTHS]
UK_MONTH_NOM = [
    "січень",
    "лютий",
    "березень",
    "квітень",
    "травень",
    "червень",
    "липень",
    "серпень",
    "вересень",
    "жовтень",
    "листопад",
    "грудень",
]


class StoryMaker:
    """Draws stories one by one in publication order (twinning arcs need the past)."""

    def __init__(self, rng: random.Random, ref: Reference) -> None:
        self.rng = rng
        self.ref = ref
        self.oblast_isos = sorted(C.OBLAST_WEIGHTS)
        self.oblast_w = [C.OBLAST_WEIGHTS[i] for i in self.oblast_isos]
        self.open_arcs: list[tuple[date, str, Hromada, tuple[str, str, str, str, str], Facts]] = []
        self.extra_tags = {
            lang: [(t, w) for t, (_, w) in sorted(v.items()) if t not in C.PERSON_TAGS]
            for lang, v in ref.tags.items()
        }

    # -- facts ----------------------------------------------------------------------------
    def person(self, when: date) -> tuple[str, str, str, str]:
        first, last = self.rng.choice(C.FIRST_NAMES), self.rng.choice(C.LAST_NAMES)
        roles = C.ROLES + (C.WAR_ROLES if when.year >= 2022 else [])
        role_uk, role_en = self.rng.choice(roles)
        name = f"{first} {last}"
        return name, translit(name), role_uk, role_en

    def numbers(self, when: date) -> Facts:
        r = self.rng
        month = r.randrange(1, 13) if when.month == 1 else r.randrange(1, when.month)
        year = when.year - 1 if when.month == 1 else when.year
        return {
            "n_small": str(r.randint(2, 9)),
            "n_big": str(r.choice([r.randint(12, 99), r.randint(100, 990), r.randint(1000, 9000)])),
            "pct": str(r.randint(5, 48)),
            "n_pop": str(r.randint(3000, 42000)),
            "money": f"{r.randint(1, 250)},{r.randint(1, 9)}",
            "period_uk": f"січень-{UK_MONTH_NOM[month - 1]} {year} року",
            "period_en": f"January-{EN_MONTH[month - 1]} {year}",
            "year": str(when.year),
            "year_from": str(r.randint(max(2015, when.year - 6), when.year)),
            "year_plan": str(when.year + r.randint(3, 8)),
        }

    def place_facts(self, oblast: str | None, hromada: Hromada | None) -> Facts:
        facts: Facts = {}
        if oblast:
            stem = self.ref.oblast_stem[oblast]
            facts |= {
                "o_nom": stem,
                "o_gen": f"{_gen(stem)} області",
                "o_loc": f"{_loc(stem)} області",
                "o_en": self.ref.oblast_en[oblast],
            }
        if hromada:
            s = hromada.stem
            facts |= {
                "h_nom": s,
                "h_gen": _gen(s),
                "h_loc": _loc(s),
                "h_dat": _loc(s),
                "h_ins": _ins(s),
                "h_en": hromada.name_en,
            }
        return facts

    # -- stories --------------------------------------------------------------------------
    def story(self, when: date) -> Story:
        r = self.rng
        national = r.random() < 0.30
        twinning_year_boost = 1.6 if when.year >= 2022 else 0.3
        topics = [
            t
            for t in C.TOPICS
            if t[4] <= when.year <= t[5]
            and (t[6] or national)
            and (not national or not t[6] or t[0] in C.NATIONAL_TITLES)
        ]
        weights = [t[1] * (twinning_year_boost if t[0] == "twinning" else 1.0) for t in topics]
        key, _, tags_uk, tags_en, _, _, _ = r.choices(topics, weights)[0]
        oblasts: list[str] = []
        hromada: Hromada | None = None
        if not national:
            oblast = r.choices(self.oblast_isos, self.oblast_w)[0]
            oblasts = [oblast]
            choices = self.ref.hromadas.get(oblast, [])
            if choices and oblast not in SPECIAL_REGIONS:
                hromada = r.choice(choices)
            else:  # Kyiv, Crimea, Sevastopol: written like national news, tagged with the region
                national = True
                key = r.choice(sorted(C.NATIONAL_TITLES))
            if r.random() < 0.04:
                oblasts.append(r.choices(self.oblast_isos[:-3], self.oblast_w[:-3])[0])
                oblasts = list(dict.fromkeys(oblasts))
        name, name_en, role_uk, role_en = self.person(when)
        place = oblasts[0] if oblasts and oblasts[0] not in SPECIAL_REGIONS else None
        facts = self.numbers(when) | self.place_facts(place, hromada)
        facts |= {"p_name": name, "p_en": name_en, "role_uk": role_uk, "role_en": role_en}
        day = when + timedelta(days=r.randint(5, 30))
        facts["date_uk"] = f"{day.day} {UK_MONTH_GEN[day.month - 1]}"
        facts["date_en"] = f"{day.day} {EN_MONTH[day.month - 1]}"
        facts["law_uk"], facts["law_en"] = r.choice(C.LAWS)
        facts["forum_uk"], facts["forum_en"] = r.choice(C.FORUMS)
        facts["thing_uk"], facts["thing_en"] = r.choice(C.SUPPORT_THINGS)
        donor_key = self.donor(when)
        d = next(x for x in C.DONORS if x[0] == donor_key)
        facts |= {
            "donor_uk": d[1],
            "donor_en": d[2],
            "donor_short": d[0],
            "donor_short_uk": C.DONOR_SHORT_UK.get(d[0], d[0]),
        }
        # International support shows up in about a quarter of all stories.
        mention_donor = key != "twinning" and r.random() < 0.1
        tags_uk, tags_en = list(tags_uk), list(tags_en)
        topic = key
        reminder = False
        if key == "twinning":
            if hromada is None:
                return self.story(when)  # twinning needs a Ukrainian side
            topic, facts = self.twinning(when, hromada, facts)
            reminder = r.random() < 0.6
            if when.year >= 2022 and r.random() < 0.5:
                tags_uk.append("історії війни")
                tags_en.append("war stories")
            tags_uk.append("міжнародна підтримка")
            tags_en.append("international support")
        titles = (
            C.NATIONAL_TITLES.get(topic) if national and topic in C.NATIONAL_TITLES else None
        ) or C.TITLES[topic]
        if national:
            titles = [t for t in titles if "{h_" not in t[0] and "{o_" not in t[0]] or titles
        body = C.BODY[topic]
        usable = [
            i for i, (uk, _) in enumerate(body) if not (national and ("{h_" in uk or "{o_" in uk))
        ]
        picked = r.sample(usable, k=min(len(usable), r.randint(2, 4)))
        if hromada and r.random() < 0.5:
            picked.insert(r.randint(1, len(picked)), -1 - r.randrange(len(C.QUOTES)))
        if mention_donor:
            picked.insert(r.randint(1, len(picked)), -100 - r.randrange(len(C.DONOR_SENTENCES)))
        title_index = r.randrange(len(titles))
        used = [titles[title_index][0]] + [body[i][0] for i in picked if i >= 0]
        donor = donor_key if mention_donor or any("{donor" in t for t in used) else None
        if donor:
            tags_uk.append("міжнародна підтримка")
            tags_en.append("international support")
            if donor in ("U-LEAD", "DOBRE", "Polaris"):
                tags_uk.append(donor)
                tags_en.append(donor)
        if r.random() < 0.35:  # one more tag from the whole vocabulary, by its weight
            tags_uk.append(r.choices(*zip(*self.extra_tags["uk"], strict=True))[0])
            tags_en.append(r.choices(*zip(*self.extra_tags["en"], strict=True))[0])
        tags_uk = [t for t in dict.fromkeys(tags_uk) if t in self.ref.tags.get("uk", {})]
        tags_en = [t for t in dict.fromkeys(tags_en) if t in self.ref.tags.get("en", {})]
        story = Story(
            topic, facts, oblasts, hromada, title_index, picked, tags_uk, tags_en, donor, reminder
        )
        story.extra["title_uk"], story.extra["title_en"] = titles[title_index]
        return story

    def donor(self, when: date) -> str:
        active = [d for d in C.DONORS if d[3] <= when.year <= d[4]]
        return self.rng.choices([d[0] for d in active], [d[5] for d in active])[0]

    def twinning(self, when: date, hromada: Hromada, facts: Facts) -> tuple[str, Facts]:
        """Advance an open partnership (talks -> signed -> activity) or start a new one."""
        r = self.rng
        ready = [a for a in self.open_arcs if 30 <= (when - a[0]).days <= 300]
        if ready and r.random() < 0.6:
            arc = ready[0]
            self.open_arcs.remove(arc)
            _, stage, old_hromada, partner, old_facts = arc
            stage = {"talks": "twinning_signed", "twinning_signed": "twinning_activity"}.get(
                stage, "twinning_activity"
            )
            keep = {
                k: v
                for k, v in old_facts.items()
                if k.startswith(("h_", "o_", "c_", "k_", "p_", "role_"))
            }
            facts = facts | keep
            hromada = old_hromada
        else:
            partner = r.choice(C.PARTNERS)
            stage = "twinning_talks" if r.random() < 0.6 else "twinning_signed"
            facts = facts | {
                "c_en": partner[0],
                "c_uk": partner[1],
                "k_en": partner[3],
                "k_uk": partner[4],
            }
        if stage != "twinning_activity":
            self.open_arcs.append(
                (when, "talks" if stage == "twinning_talks" else stage, hromada, partner, facts)
            )
        return stage, facts


def _sentence(body: list[tuple[str, str]], i: int) -> tuple[str, str]:
    if i <= -100:
        return C.DONOR_SENTENCES[-100 - i]
    return C.QUOTES[-1 - i] if i < 0 else body[i]


def render(story: Story, language: str) -> tuple[str, list[str]]:
    """Title and paragraphs of a story in one language."""
    side = 0 if language == "uk" else 1
    title = story.extra[f"title_{language}"].format_map(story.facts)
    body = C.BODY[story.topic]
    sentences = [_sentence(body, i)[side].format_map(story.facts) for i in story.sentences]
    paragraphs: list[str] = []
    for i in range(0, len(sentences), 2):
        paragraphs.append(" ".join(sentences[i : i + 2]))
    if story.twinning_reminder:
        paragraphs.append(C.TWINNING_REMINDER[side])
    return title, paragraphs


def day_weights(start: date, end: date) -> Iterator[tuple[date, float]]:
    day = start
    while day <= end:
        season = 0.75 if day.month == 8 or (day.month == 1 and day.day < 10) else 1.0
        yield day, C.YEAR_WEIGHTS.get(day.year, 1.0) * C.WEEKDAY_WEIGHTS[day.weekday()] * season
        day += timedelta(days=1)


def publish_time(rng: random.Random, day: date) -> datetime:
    hours = list(C.HOUR_WEIGHTS)
    hour = rng.choices(hours, [C.HOUR_WEIGHTS[h] for h in hours])[0]
    return datetime(day.year, day.month, day.day, hour, rng.randrange(60))
