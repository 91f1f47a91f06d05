"""Incremental story linking (etl.load._link_stories): after several weekly loads the stored
stories and pairs equal linking every article from scratch (etl.facts.stories)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from etl import db
from etl.facts.stories import link_edges, link_stories
from etl.load import STORY_COLUMNS, load_paths
from tests.conftest import make_settings

LOADS = 4


def crawl_weeks(tmp_path: Path) -> list[Path]:
    """A 400-article demo corpus cut into LOADS folders in fetch order, as weekly crawls."""
    demo = pytest.importorskip("etl.demo")
    corpus = demo.generate(tmp_path / "corpus", articles=400, seed=5)
    records = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines()]
    records.sort(key=lambda r: (r["fetched_at"], r["file"]))
    size = -(-len(records) // LOADS)
    weeks = []
    for n in range(LOADS):
        week = tmp_path / f"week{n}"
        chunk = records[n * size : (n + 1) * size]
        for r in chunk:
            (week / r["file"]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(corpus / r["file"], week / r["file"])
        (week / "manifest.jsonl").write_text("".join(json.dumps(r) + "\n" for r in chunk))
        weeks.append(week)
    return weeks


def test_incremental_story_links_equal_linking_everything_from_scratch(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "db")
    for week in crawl_weeks(tmp_path):
        load_paths([week], settings)
    con = db.connect(settings)
    frame = con.execute(f"select {STORY_COLUMNS} from articles order by article_key").df()
    stored = con.execute("select * from stories order by article_key").df()
    stored_links = sorted(con.execute("select a, b from story_links").fetchall())
    con.close()
    full = link_stories(frame).sort_values("article_key").reset_index(drop=True)
    assert len(stored) == len(frame)
    assert (full["story_id"] != full["article_key"]).sum() > 10  # there are stories to link
    assert stored[["article_key", "story_id", "role"]].equals(
        full[["article_key", "story_id", "role"]]
    )
    assert stored["lag_hours"].fillna(-1).round(6).tolist() == (
        full["lag_hours"].fillna(-1).round(6).tolist()
    )
    assert stored_links == sorted(link_edges(frame))
