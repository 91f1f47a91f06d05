"""`etl demo`: a realistic, deterministic corpus of raw pages, loaded like real input.

Why: the dashboard needs years of data to be judged on, and the real archive is not ours to
ship. `generate()` writes what ten years of weekly crawls would have gathered: article pages
(HTML, loose and compact text renderings, both editions), listing pages at every weekly crawl
with the views of that moment, a few reprints and a few broken files, plus the folder's
`manifest.jsonl` with the fetch times. `build()` loads that folder through `etl.load`, the same
path as any user's pages. Output is byte-identical for the same seed, size and `today`: one
`random.Random(seed)`, no clock, stable orders.

Views grow like news: most in the first days, then a long tail, and a few evergreen pages keep
growing. Listings are observed weekly (the items of the last 5 weeks), monthly deeper (the last
4 months) and once at the end (everything), so an article gets a handful of snapshots.
"""

from __future__ import annotations

import json
import math
import random
import shutil
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from etl import demo_content as C
from etl.demo_render import (
    HOST,
    ArticlePage,
    ListingRow,
    Related,
    article_html,
    compact_text,
    listing_html,
    loose_text,
)
from etl.demo_stories import (
    UK_MONTH_GEN,
    Reference,
    Story,
    StoryMaker,
    day_weights,
    publish_time,
    render,
)
from etl.errors import EtlError
from etl.settings import ROOT, Settings

TODAY = date(2026, 11, 30)
START = date(2015, 1, 1)
KYIV = ZoneInfo("Europe/Kyiv")
PAGE_SIZE = 30  # listing items per page
WEEKLY_WINDOW = 35  # days of news a weekly crawl walks back
MONTHLY_WINDOW = 120  # ... and the first crawl of each month
EN_SHARE = 0.30  # English edition volume relative to Ukrainian
EN_TRANSLATED = 0.75  # of English pages, the share that are versions of Ukrainian stories


@dataclass
class Article:
    edition: str
    number: int
    published: datetime  # Kyiv wall time
    ts: float  # publication as a UTC timestamp
    story: Story
    language: str
    title: str
    paragraphs: list[str]
    lifetime: float  # views it will gather in its first year or so
    tau: float  # days: how fast the first wave fades
    evergreen: bool
    stub: bool = False

    @property
    def path(self) -> str:
        return f"{'/en' if self.edition == 'en' else ''}/news/{self.number}"


def views_at(a: Article, ts: float) -> int:
    age = max(0.0, (ts - a.ts) / 86400)
    share = 0.62 * (1 - math.exp(-age / a.tau)) + 0.38 * age / (age + 40)
    grown = a.lifetime * share + (a.lifetime * 0.45 * age / 365 if a.evergreen else 0.0)
    return int(grown)


# -- the articles ---------------------------------------------------------------------------
def _lifetime(rng: random.Random, edition: str, when: datetime, story: Story) -> float:
    year = {
        2015: 0.7,
        2016: 1.2,
        2017: 1.3,
        2018: 1.25,
        2019: 1.15,
        2020: 1.05,
        2021: 0.9,
        2022: 1.3,
    }
    base = 1700 if edition == "uk" else 650
    topic = {
        "twinning_signed": 1.4,
        "war": 1.5,
        "budgets": 1.3,
        "announcement": 0.6,
        "legislation": 1.2,
        "recovery": 1.2,
    }.get(story.topic, 1.0)
    region = 1.2 if story.oblasts and story.oblasts[0] in ("UA-30", "UA-32", "UA-63") else 1.0
    return base * year.get(when.year, 0.95) * topic * region * rng.lognormvariate(0, 0.75)


def make_articles(rng: random.Random, ref: Reference, total: int, today: date) -> list[Article]:
    days, weights = zip(*day_weights(START, today - timedelta(days=1)), strict=True)
    n_uk = max(1, round(total / (1 + EN_SHARE)))
    n_en = total - n_uk
    maker = StoryMaker(rng, ref)
    uk_days = sorted(rng.choices(days, weights, k=n_uk))
    drafts: list[tuple[datetime, str, Story, str]] = []
    for day in uk_days:
        drafts.append((publish_time(rng, day), "uk", maker.story(day), "uk"))
    n_trans = round(n_en * EN_TRANSLATED)
    limit = datetime(today.year, today.month, today.day) - timedelta(hours=6)
    for when, _, story, _ in sorted(
        rng.sample(drafts, k=min(n_trans, len(drafts))), key=lambda d: d[0]
    ):
        later = when + timedelta(days=rng.choice((1, 1, 2, 2, 3)), hours=rng.randint(-3, 3))
        if later < limit:
            drafts.append((later, "en", story, "en"))
    for day in sorted(rng.choices(days, weights, k=total - len(drafts))):
        draft_story = maker.story(day)
        # Some English-edition pages carry the untranslated Ukrainian text.
        drafts.append(
            (publish_time(rng, day), "en", draft_story, "uk" if rng.random() < 0.12 else "en")
        )
    drafts.sort(key=lambda d: (d[0], d[1]))
    articles: list[Article] = []
    number = 1180
    for when, edition, story, language in drafts:
        number += 1 + (rng.random() < 0.08)
        title, paragraphs = render(story, language)
        stub = edition == "en" and language == "en" and when.year <= 2019 and rng.random() < 0.15
        if stub:
            paragraphs = [paragraphs[0], C.STUB_EN]
        ts = when.replace(tzinfo=KYIV).timestamp()
        evergreen = rng.random() < (
            0.12 if story.topic in ("budgets", "legislation", "monitoring") else 0.03
        )
        articles.append(
            Article(
                edition,
                number,
                when,
                ts,
                story,
                language,
                title,
                paragraphs,
                _lifetime(rng, edition, when, story),
                rng.uniform(0.8, 3.0),
                evergreen,
                stub,
            )
        )
    return articles


# -- pages ----------------------------------------------------------------------------------
class Writer:
    """Writes files under the output folder and collects their manifest lines."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.lines: list[tuple[str, str, str]] = []  # (fetched_at, file, json line)
        self.made: set[Path] = set()

    def write(self, rel: str, data: str | bytes, url: str | None, ts: float | None) -> None:
        path = self.out / rel
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if ts is not None:
            at = datetime.fromtimestamp(round(ts), UTC).isoformat().replace("+00:00", "Z")
            record = {
                "file": rel,
                "url": url,
                "fetched_at": at,
                "status": 200,
                "etag": None,
                "last_modified": None,
            }
            self.lines.append((at, rel, json.dumps(record, ensure_ascii=False)))

    def manifest(self) -> None:
        self.lines.sort()
        text = "".join(line + "\n" for _, _, line in self.lines)
        (self.out / "manifest.jsonl").write_text(text, encoding="utf-8")


def _page(ref: Reference, a: Article, views: int | None, related: list[Article]) -> ArticlePage:
    s = a.story
    uk_tags = s.tags_uk if a.edition == "uk" or a.language == "uk" else []
    tags_by = ref.tags.get("uk" if uk_tags else "en", {})
    names = uk_tags or s.tags_en
    old = a.published.year <= 2020
    hromadas = []
    if s.hromada:
        h = s.hromada
        name = (
            f"{h.stem} {h.kind} об’єднана територіальна громада"
            if old and h.kind
            else f"{h.stem} територіальна громада"
        )
        hromadas.append((name, h.code))
    return ArticlePage(
        edition=a.edition,
        number=a.number,
        title=a.title,
        published=a.published,
        paragraphs=a.paragraphs,
        views=views,
        tags=[(t, tags_by[t][0]) for t in names if t in tags_by],
        oblasts=[(ref.oblast_label(iso), iso) for iso in s.oblasts],
        hromadas=hromadas,
        source=s.extra.get("source"),
        related=[Related(r.path, r.published, r.title, r.paragraphs[0]) for r in related],
        language=a.language,
    )


def _text_url(rng: random.Random, a: Article) -> str:
    host = rng.choice(
        (
            "https://decentralization.ua",
            "https://decentralization.gov.ua",
            "https://www.decentralization.ua",
        )
    )
    roll = rng.random()
    suffix = f"?page={rng.randint(1, 600)}" if roll < 0.4 else (".amp" if roll < 0.45 else "")
    return f"{host}{a.path}{suffix}"


def generate(out_dir: Path, articles: int = 20000, seed: int = 7, today: date = TODAY) -> Path:
    """Write the demo corpus into out_dir (replacing an earlier demo there); returns out_dir."""
    if out_dir.exists() and any(out_dir.iterdir()) and not (out_dir / "manifest.jsonl").exists():
        raise EtlError(
            f"{out_dir} is not empty and holds no demo", "choose an empty folder for --out"
        )
    shutil.rmtree(out_dir, ignore_errors=True)
    rng = random.Random(seed)
    ref = Reference.read(ROOT / "data" / "reference")
    arts = make_articles(rng, ref, articles, today)
    for a in arts:
        extra = a.story.extra
        extra.setdefault("source", _source(rng, a))
        if a.story.oblasts:
            extra["region_label"] = ref.oblast_label(a.story.oblasts[0])
        for lang, tags in (("uk", a.story.tags_uk), ("en", a.story.tags_en)):
            if tags and tags[0] in ref.tags.get(lang, {}):
                extra[f"tag_{lang}"] = tags[0]
                extra[f"slug_{lang}"] = ref.tags[lang][tags[0]][0]
    writer = Writer(out_dir)
    by_edition = {ed: [a for a in arts if a.edition == ed] for ed in ("uk", "en")}
    stamps = {ed: [a.ts for a in lst] for ed, lst in by_edition.items()}
    crawls = _crawl_times(today)
    first_seen = _write_listings(writer, by_edition, stamps, crawls, arts)
    _write_articles(writer, rng, ref, arts, by_edition, stamps, crawls, first_seen)
    _write_reprints(writer, rng, arts, crawls, first_seen)
    _write_broken(writer, crawls[-1])
    writer.manifest()
    return out_dir


def _source(rng: random.Random, a: Article) -> str:
    if a.story.oblasts and rng.random() < 0.15:
        return rng.choice(C.REGIONAL_MEDIA)
    names, weights = zip(*C.SOURCES, strict=True)
    return rng.choices(names, weights)[0]


def _crawl_times(today: date) -> list[float]:
    """Every Monday 04:00 UTC from the first Monday of 2015 to `today`."""
    day = START + timedelta(days=(7 - START.weekday()) % 7)
    out = []
    while day <= today:
        out.append(datetime(day.year, day.month, day.day, 4, tzinfo=UTC).timestamp())
        day += timedelta(days=7)
    return out


def _write_listings(
    writer: Writer,
    by_edition: dict[str, list[Article]],
    stamps: dict[str, list[float]],
    crawls: list[float],
    arts: list[Article],
) -> dict[int, int]:
    """Listing pages at every crawl; returns the index of the crawl that first saw each article."""
    first_seen: dict[int, int] = {}
    wobble = next((a for a in arts if a.edition == "uk" and a.published.year == 2025), None)
    for ci, t in enumerate(crawls):
        day = datetime.fromtimestamp(t, UTC).date()
        final = ci == len(crawls) - 1
        monthly = ci == 0 or datetime.fromtimestamp(crawls[ci - 1], UTC).month != day.month
        window = None if final else (MONTHLY_WINDOW if monthly else WEEKLY_WINDOW) * 86400
        for ed, lst in by_edition.items():
            hi = bisect_right(stamps[ed], t)
            lo = 0 if window is None else bisect_left(stamps[ed], t - window)
            items = lst[lo:hi][::-1]
            for a in items:
                first_seen.setdefault(a.number, ci)
            prefix = "/en" if ed == "en" else ""
            for p in range(0, len(items), PAGE_SIZE):
                page = p // PAGE_SIZE + 1
                rows = []
                for a in items[p : p + PAGE_SIZE]:
                    views = views_at(a, t)
                    if a is wobble and ci == first_seen[a.number] + 2:
                        views = int(views * 0.93)  # a counter that once went down
                    extra = a.story.extra
                    tag = extra.get(f"tag_{ed}")
                    rows.append(
                        ListingRow(
                            ed,
                            a.number,
                            a.title,
                            a.published,
                            views,
                            extra.get("region_label"),
                            (tag, extra[f"slug_{ed}"]) if tag else None,
                        )
                    )
                more = p + PAGE_SIZE < len(items)
                url = f"{HOST}{prefix}/news" + (f"?page={page}" if page > 1 else "")
                html = listing_html(ed, rows, f"{prefix}/news?page={page + 1}" if more else None)
                writer.write(
                    f"listings/{day.isoformat()}/{ed}/news_p{page:04d}.html",
                    html,
                    url,
                    t + page + (0 if ed == "uk" else 5000),
                )
    return first_seen


def _write_articles(
    writer: Writer,
    rng: random.Random,
    ref: Reference,
    arts: list[Article],
    by_edition: dict[str, list[Article]],
    stamps: dict[str, list[float]],
    crawls: list[float],
    first_seen: dict[int, int],
) -> None:
    for k, a in enumerate(arts):
        ci = first_seen.get(a.number, len(crawls) - 1)
        fetch_ts = crawls[ci] + 9000 + (k % 3000)
        fetches = [(fetch_ts, "")]
        if rng.random() < 0.03 and ci + 4 < len(crawls):  # a second copy, fetched later
            fetches.append(
                (
                    crawls[rng.randint(ci + 4, min(len(crawls) - 1, ci + 60))] + 9000 + k % 3000,
                    "_v2",
                )
            )
        for ts, variant in fetches:
            idx = bisect_left(stamps[a.edition], ts)
            related = [r for r in by_edition[a.edition][max(0, idx - 4) : idx] if r is not a][-3:][
                ::-1
            ]
            page = _page(ref, a, views_at(a, ts), related)
            roll = rng.random()
            folder = f"articles/{a.edition}/{a.number // 1000:02d}"
            if variant or roll < 0.30:
                labelled = a.published.year >= 2020 or rng.random() < 0.3
                if a.edition == "uk":
                    page.views = None  # no views line on Ukrainian text renderings (FORMAT.md §3)
                text = loose_text(
                    page,
                    _text_url(rng, a),
                    labelled=labelled,
                    header_date=a.edition == "uk" and rng.random() < 0.5,
                )
                writer.write(f"{folder}/{a.number}{variant}.txt", text, _text_url(rng, a), ts)
            elif roll < 0.50:
                text = compact_text(page, _text_url(rng, a), with_title=rng.random() < 0.85)
                writer.write(f"{folder}/{a.number}.txt", text, _text_url(rng, a), ts)
            else:
                writer.write(f"{folder}/{a.number}.html", article_html(page), f"{HOST}{a.path}", ts)


REPRINT_DATES = (
    lambda d: f"Дата: {d:%d.%m.%Y %H:%M}",
    lambda d: f"{d.day} {UK_MONTH_GEN[d.month - 1]} {d.year}, {d:%H:%M}",
    lambda d: f"{d:%H:%M %d.%m.%Y}",
)


def _write_reprints(
    writer: Writer,
    rng: random.Random,
    arts: list[Article],
    crawls: list[float],
    first_seen: dict[int, int],
) -> None:
    for a in arts:
        if a.edition != "uk" or a.language != "uk" or not a.story.hromada or rng.random() > 0.025:
            continue
        site = a.story.hromada.name_en.lower().replace("’", "").replace("'", "")
        url = f"https://{site}-gromada.gov.ua/news/{a.number * 7 + 13}"
        when = a.published + timedelta(hours=rng.randint(2, 30))
        ci = min(len(crawls) - 1, first_seen.get(a.number, 0) + 1)
        views = max(3, int(views_at(a, crawls[ci]) * rng.uniform(0.02, 0.15)))
        body = "\n\n".join(a.paragraphs)
        dated = rng.choice(REPRINT_DATES)(when)
        text = (
            f"URL: {url}\n\n{a.title}\n{dated}\nКількість переглядів: {views}\n\n{body}\n\n"
            "Джерело: Децентралізація\n\nПоділитися\nОстанні новини\n"
        )
        writer.write(f"reprints/{a.number}.txt", text, url, crawls[ci] + 20000)


def _write_broken(writer: Writer, t: float) -> None:
    """Pages the loader must quarantine, as a real archive has them."""
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 3
    writer.write("broken/news_19999.html", png[:700], f"{HOST}/news/19999", t + 30000)
    writer.write("broken/empty.html", b"", f"{HOST}/news/19998", t + 30001)
    writer.write(
        "broken/cut.html",
        b'<!DOCTYPE html>\n<html><head><meta charset="utf-8">',
        f"{HOST}/news/19997",
        t + 30002,
    )


def build(settings: Settings, articles: int = 20000, seed: int = 7, today: date = TODAY) -> object:
    """Generate the corpus into data/demo/ and load it; returns the loader's LoadSummary."""
    from etl.load import load_paths

    out = generate(settings.raw_dir.parent / "demo", articles, seed, today)
    return load_paths([out], settings, command="demo")
