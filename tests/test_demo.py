"""The demo corpus: deterministic, in the real formats, with views that behave like news."""

from __future__ import annotations

import itertools
import json
import random
import re
from collections import defaultdict
from pathlib import Path

import pytest

from etl.demo import TODAY, build, generate, make_articles, views_at
from etl.demo_stories import Reference
from etl.settings import ROOT, Settings

N = 400


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(tmp_path_factory.mktemp("demo") / "out", N, seed=3)


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_the_same_seed_writes_byte_identical_files(corpus: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", N, seed=3)
    assert files_of(again) == files_of(corpus)


def test_another_seed_writes_another_corpus(corpus: Path, tmp_path: Path) -> None:
    other = generate(tmp_path / "other", N, seed=4)
    assert files_of(other) != files_of(corpus)


def test_the_manifest_lists_every_file_with_its_url_and_utc_fetch_time(corpus: Path) -> None:
    lines = [json.loads(x) for x in (corpus / "manifest.jsonl").read_text().splitlines()]
    listed = {line["file"] for line in lines}
    assert listed == set(files_of(corpus)) - {"manifest.jsonl"}
    assert all(line["fetched_at"].endswith("Z") and line["status"] == 200 for line in lines)
    assert all(line["url"].startswith("https://") for line in lines)
    assert max(line["fetched_at"] for line in lines) < "2026-12-01"


def test_the_corpus_has_every_kind_of_page(corpus: Path) -> None:
    contents = files_of(corpus)
    names = list(contents)
    assert any(n.startswith("articles/uk/") and n.endswith(".html") for n in names)
    assert any(n.startswith("articles/en/") and n.endswith(".txt") for n in names)
    assert any(n.startswith("listings/2026-11-30/en/") for n in names)
    assert any(n.startswith("reprints/") for n in names)
    assert any(n.startswith("broken/") for n in names)
    text = "\n".join(contents[n].decode("utf-8", "replace") for n in names if n.endswith(".txt"))
    assert "?page=" in text and ".amp" in text
    assert re.search(r"областьГромади:", text)  # glued labels of the compact rendering


def test_english_versions_follow_ukrainian_stories_with_the_same_facts() -> None:
    ref = Reference.read(ROOT / "data" / "reference")
    arts = make_articles(random.Random(5), ref, 1000, TODAY)
    by_story: dict[int, list] = defaultdict(list)
    for a in arts:
        by_story[id(a.story)].append(a)
    pairs = [v for v in by_story.values() if {a.edition for a in v} == {"uk", "en"}]
    assert len(pairs) > 100
    for uk, en in (sorted(v, key=lambda a: a.ts) for v in pairs):
        assert uk.edition == "uk" and 0 < (en.ts - uk.ts) / 86400 < 4
        if en.stub:
            continue
        numbers = set(re.findall(r"\d+", " ".join(uk.paragraphs)))
        assert numbers <= set(re.findall(r"\d+", " ".join(en.paragraphs)))
    editions = [a.edition for a in arts]
    assert 0.2 < editions.count("en") / editions.count("uk") < 0.4


def test_volume_rises_after_2022_and_drops_at_weekends() -> None:
    ref = Reference.read(ROOT / "data" / "reference")
    arts = make_articles(random.Random(5), ref, 3000, TODAY)
    per_year = defaultdict(int)
    for a in arts:
        per_year[a.published.year] += 1
    assert per_year[2023] > 1.3 * per_year[2021]
    weekend = sum(a.published.weekday() >= 5 for a in arts)
    assert weekend < 0.12 * len(arts)
    national = sum(not a.story.oblasts for a in arts)
    assert 0.2 < national / len(arts) < 0.4
    support = sum(bool(a.story.donor) or a.story.topic.startswith("twinning") for a in arts)
    assert 0.2 < support / len(arts) < 0.35
    assert len({iso for a in arts for iso in a.story.oblasts}) == 27


def test_views_grow_fast_at_first_then_slowly() -> None:
    ref = Reference.read(ROOT / "data" / "reference")
    a = make_articles(random.Random(1), ref, 50, TODAY)[10]
    day = 86400
    early, week, year = (views_at(a, a.ts + d * day) for d in (2, 7, 365))
    assert 0 < early < week < year
    assert week > 0.4 * year


def test_listing_views_never_fall_except_the_one_counter_that_does(corpus: Path) -> None:
    history: dict[str, list[tuple[str, int]]] = defaultdict(list)
    item = re.compile(r'href="(/(?:en/)?news/\d+)">.*?К-ть переглядів: (\d+)')
    for name, data in files_of(corpus).items():
        if name.startswith("listings/"):
            crawl_day = name.split("/")[1]
            for path, views in item.findall(data.decode()):
                history[path].append((crawl_day, int(views)))
    falls = 0
    for seen in history.values():
        values = [v for _, v in sorted(seen)]
        falls += sum(b < a for a, b in itertools.pairwise(values))
    assert falls == 1
    per_article = sum(len(v) for v in history.values()) / len(history)
    assert 5 <= per_article <= 15


def test_demo_pages_parse_and_only_the_broken_ones_fail(corpus: Path) -> None:
    from etl.errors import ParseError
    from etl.parse import parse_bytes

    lines = [json.loads(x) for x in (corpus / "manifest.jsonl").read_text().splitlines()]
    kinds: dict[str, int] = defaultdict(int)
    for line in lines[::3]:
        try:
            page = parse_bytes((corpus / line["file"]).read_bytes(), line["file"], url=line["url"])
        except ParseError:
            assert line["file"].startswith("broken/")
            continue
        kinds[page.kind] += 1
        if page.kind == "listing":
            assert page.items and all(i.views is not None and i.article_key for i in page.items)
    assert kinds["article"] and kinds["listing"]


def test_build_loads_the_demo_through_the_loader(tmp_path: Path) -> None:
    settings = Settings(db_path=tmp_path / "engagement.duckdb", raw_dir=tmp_path / "raw")
    summary = build(settings, articles=150, seed=2)
    assert (tmp_path / "demo" / "manifest.jsonl").exists()
    quarantined = {name.split("/")[-2] for name, _ in summary.quarantined}  # type: ignore[attr-defined]
    assert quarantined == {"broken"}
    assert summary.snapshots_added > 5 * 150  # type: ignore[attr-defined]
