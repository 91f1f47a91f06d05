"""Readers during loads: the real dashboard and direct query clients while loads run back to back.

Every load adds a batch of new articles of the same shape, so the figures a page shows are
known for every generation: after load run R the overview's article and view tiles and the
"whole database" count are the figures of the base plus (R - R0) batches. A page that read
one query from the old database and another from the new one would break that arithmetic;
so would a half-loaded database. The test counts requests, failures (must be 0) and the
longest pause a client saw, and checks that no load waited for a reader: each load completes,
in a time comparable with the same loads run without readers.

Short version in `make test`; `make soak` runs the long one (more loads and clients).
"""

from __future__ import annotations

import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from etl import db, queries
from etl.settings import Settings
from tests.conftest import FIXTURE_PAGES, TESTS, make_settings
from tests.dashboard_client import Render, Session, dashboard_server
from tests.reliability_report import report

PAGES = ["overview", "readership", "regions", "support", "twinning", "articles"]
QUERY = "lang=en&period=all"
BATCH = 5  # new articles per load
CAPTION = re.compile(r"Whole database: ([\d,]+) articles\..*Data of load run (\d+) ")


def write_batch(folder: Path, number: int, size: int = BATCH) -> Path:
    """`size` new English articles, published two Kyiv days ago, views 1000, 1001, ..."""
    folder.mkdir(parents=True, exist_ok=True)
    day = (datetime.now(ZoneInfo("Europe/Kyiv")) - timedelta(days=2)).strftime("%d.%m.%Y")
    for i in range(size):
        news = 700_000 + number * 1000 + i
        title = f"Reliability batch {number} item {i}: a hromada opens a service centre"
        (folder / f"news_{news}.txt").write_text(
            f"URL: https://decentralization.gov.ua/en/news/{news}\n\n{title}\n\n"
            "The council moved its administrative services into one renovated building.\n\n\n"
            f"{day} - 10:05 | Views: {1000 + i}\n{title}\n\n"
            "Tags:\n\nadministrative services\n\nОбласть:\n\nПолтавська область\n",
            encoding="utf-8",
        )
    return folder


@dataclass(frozen=True)
class Shown:
    """The overview's figures and the load run they claim to come from."""

    run: int
    articles: int
    views: int
    total: int


def shown(render: Render) -> Shown:
    caption = next((m for t in render.texts if (m := CAPTION.search(t))), None)
    assert caption is not None, f"no load-run caption on the overview: {render.texts}"
    return Shown(
        run=int(caption[2]),
        articles=_int(render.metrics["Articles"]),
        views=_int(render.metrics["Views"]),
        total=_int(caption[1]),
    )


def _int(text: str) -> int:
    return int(text.replace(",", ""))


def load(settings: Settings, folder: Path) -> float:
    """`python -m etl load folder` in its own process, as a cron job runs it; seconds taken."""
    env = {
        **os.environ,
        "ENGAGEMENT_DB": str(settings.db_path),
        "ENGAGEMENT_RAW": str(settings.raw_dir),
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "etl", "load", str(folder)],
        cwd=TESTS.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return time.monotonic() - started


@dataclass
class Tally:
    lock: threading.Lock = field(default_factory=threading.Lock)
    pages: int = 0
    queries: int = 0
    failures: list[str] = field(default_factory=list)
    longest: float = 0.0
    seen: list[Shown] = field(default_factory=list)
    runs_seen: set[int] = field(default_factory=set)

    def add(self, seconds: float, failure: str | None = None, page: bool = True) -> None:
        with self.lock:
            if page:
                self.pages += 1
            else:
                self.queries += 1
            self.longest = max(self.longest, seconds)
            if failure:
                self.failures.append(failure)


def page_client(port: int, seed: int, stop: threading.Event, tally: Tally) -> None:
    rng = random.Random(seed)
    session = Session(port)
    try:
        while not stop.is_set():
            page = "overview" if rng.random() < 0.5 else rng.choice(PAGES)
            try:
                render = session.render(page, QUERY)
            except Exception as exc:  # a dropped connection is a failed request
                tally.add(0.0, f"{page}: {type(exc).__name__}: {exc}")
                session.close()
                session = Session(port)
                continue
            failure = "; ".join(render.errors) or None
            if failure is None and page == "overview":
                try:
                    figures = shown(render)
                    with tally.lock:
                        tally.seen.append(figures)
                        tally.runs_seen.add(figures.run)
                except (AssertionError, KeyError, ValueError) as exc:
                    failure = f"overview unreadable: {exc}"
            tally.add(render.seconds, f"{page}: {failure}" if failure else None)
    finally:
        session.close()


def query_client(settings: Settings, stop: threading.Event, tally: Tally, base: Shown) -> None:
    """A notebook user: connect, two queries on one connection, close - again and again."""
    while not stop.is_set():
        started = time.monotonic()
        failure = None
        try:
            con = db.connect(settings)
            try:
                quality = queries.run(con, "data_quality").iloc[0]
                count = con.execute("select count(*) from articles").fetchone()[0]  # type: ignore[index]
            finally:
                con.close()
            run, total = int(quality["last_run_id"]), int(quality["articles"])
            expected = base.total + (run - base.run) * BATCH
            if not total == count == expected:
                failure = f"run {run}: {total} and {count} articles, expected {expected}"
        except Exception as exc:
            failure = f"query: {type(exc).__name__}: {exc}"
        tally.add(time.monotonic() - started, failure, page=False)
        time.sleep(0.05)  # a person or a notebook, not a tight loop hogging both cores


def readers_during_loads(
    tmp_path: Path, loads: int, page_clients: int, query_clients: int, label: str
) -> None:
    from etl.demo import generate
    from etl.load import load_paths

    settings = make_settings(tmp_path / "db")
    load_paths([FIXTURE_PAGES, generate(tmp_path / "demo", articles=400, seed=3)], settings)
    batches = [write_batch(tmp_path / f"batch{n}", n) for n in range(1, loads + 3)]
    quiet = [load(settings, batches[0]), load(settings, batches[1])]  # no readers yet

    with dashboard_server(settings) as port:
        session = Session(port)
        base = shown(session.render("overview", QUERY))
        session.close()
        last = base.run + loads
        stop = threading.Event()
        tally = Tally()
        threads = [
            threading.Thread(target=page_client, args=(port, n, stop, tally))
            for n in range(page_clients)
        ] + [
            threading.Thread(target=query_client, args=(settings, stop, tally, base))
            for _ in range(query_clients)
        ]
        for thread in threads:
            thread.start()
        busy: list[float] = []
        try:
            time.sleep(2)  # the readers are in full swing before the first load
            busy = [load(settings, folder) for folder in batches[2:]]
            last_seen = time.monotonic() + 120  # read on until an overview shows the last run
            while time.monotonic() < last_seen and max(tally.runs_seen, default=0) < last:
                time.sleep(0.5)
        finally:
            stop.set()
            for thread in threads:
                thread.join(timeout=180)

    # Every batch adds BATCH articles and the same views: each overview must fit its run.
    assert base.run == 3  # the base load and the two quiet ones
    mixed = []
    for s in tally.seen:
        steps = s.run - base.run
        expected = (base.articles + steps * BATCH, base.total + steps * BATCH)
        if (s.articles, s.total) != expected or s.views < base.views:
            mixed.append(s)
    views = {s.run: s.views for s in tally.seen}
    per_batch = sum(1000 + i for i in range(BATCH))
    mixed += [s for s in tally.seen if s.views != base.views + (s.run - base.run) * per_batch]

    report(
        f"readers during loads ({label})",
        loads=loads,
        page_clients=page_clients,
        query_clients=query_clients,
        pages_served=tally.pages,
        queries_served=tally.queries,
        failures=len(tally.failures),
        mixed_or_wrong=len(mixed),
        generations_seen=len(tally.runs_seen),
        longest_pause_s=round(tally.longest, 2),
        load_s_quiet=round(max(quiet), 1),
        load_s_with_readers_median=round(statistics.median(busy), 1),
        load_s_with_readers_max=round(max(busy), 1),
    )
    assert tally.failures == [], tally.failures[:10]
    assert mixed == [], mixed[:10]
    assert len(views) >= 2 and max(views) == last  # readers saw the loads land, up to the last
    assert tally.pages >= 3 * loads and tally.queries >= loads
    # A load never waits for a reader: with readers it only shares the two cores.
    assert max(busy) < 6 * max(quiet) + 20, (quiet, busy)


def test_readers_during_loads_short(tmp_path: Path) -> None:
    readers_during_loads(tmp_path, loads=4, page_clients=3, query_clients=2, label="short")


@pytest.mark.soak
def test_readers_during_loads_soak(tmp_path: Path) -> None:
    readers_during_loads(tmp_path, loads=25, page_clients=5, query_clients=3, label="soak")


def test_a_page_run_reads_one_generation_even_when_a_load_lands_midway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pin that the readers test relies on, made deterministic: a load swaps a new
    generation in between two queries of one script run; both read the old one, and the
    next run reads the new one. (Without the pin the second query reads the new one.)"""
    from dashboard import data
    from etl.load import load_paths

    settings = make_settings(tmp_path / "db")
    load_paths([FIXTURE_PAGES], settings)
    monkeypatch.setenv("ENGAGEMENT_DB", str(settings.db_path))
    monkeypatch.setenv("ENGAGEMENT_RAW", str(settings.raw_dir))
    data.clear()
    try:
        data.pin_generation()  # what app.py does first in every run
        first = data.load("data_quality").iloc[0]
        load_paths([write_batch(tmp_path / "batch", 1)], settings)  # lands mid-run
        second = data.load("data_quality").iloc[0]
        assert (second["last_run_id"], second["articles"]) == (
            first["last_run_id"],
            first["articles"],
        )
        data.pin_generation()  # the next run
        third = data.load("data_quality").iloc[0]
        assert third["last_run_id"] == first["last_run_id"] + 1
        assert third["articles"] == first["articles"] + BATCH
    finally:
        data.clear()
