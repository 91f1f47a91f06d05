"""The crawler against a local imitation of the portal (tests/portal_server.py, 127.0.0.1 only)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from etl.archive import RawArchive
from etl.crawl import CrawlSummary, article_key, crawl, listing_date
from etl.settings import ROOT, Settings
from tests.portal_server import FLAKY, MALFORMED, REDIRECTED, Portal, serve


def settings_in(tmp: Path) -> Settings:
    return Settings(db_path=tmp / "engagement.duckdb", raw_dir=tmp / "raw")


def run(settings: Settings, base_url: str, **kwargs: object) -> CrawlSummary:
    options: dict[str, object] = {"delay": 0.0, "timeout": 0.5, "retries": 1, **kwargs}
    return crawl(settings, base_url, **options)  # type: ignore[arg-type]


def manifest(settings: Settings) -> list[dict[str, object]]:
    path = settings.raw_dir / "manifest.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines()]


def archived_urls(settings: Settings) -> set[str]:
    return {str(e.url) for e in RawArchive(settings.raw_dir).entries()}


def test_first_crawl_archives_listings_and_every_reachable_article(tmp_path: Path) -> None:
    portal = Portal()
    settings = settings_in(tmp_path)
    with serve(portal) as base:
        summary = run(settings, base)
    paths = {u.removeprefix(base) for u in archived_urls(settings)}
    assert {"/news", "/news?page=2", "/news?page=3", "/en/news", "/en/news?page=3"} <= paths
    # 12 per edition, less the 404, the robots-forbidden and the slow one
    assert summary.articles_fetched == 21
    assert summary.listing_pages == summary.listing_pages_stored == 6
    assert summary.items_seen == 24
    assert summary.robots == "found"
    assert summary.blocked_by_robots == [f"{base}/news/1003"]
    assert portal.hits["/news/1003"] == 0
    assert any("1004" in e and "404" in e for e in summary.errors)
    assert any("2003" in e and "timed out" in e for e in summary.errors)
    assert portal.hits[FLAKY] == 2 and f"{base}{FLAKY}" in {base + p for p in paths}
    assert REDIRECTED + "/" in paths  # stored under the address that answered
    assert MALFORMED in paths  # archived as fetched; the loader quarantines what it cannot read


def test_every_request_identifies_the_crawler(tmp_path: Path) -> None:
    portal = Portal(troubles=False)
    settings = settings_in(tmp_path)
    with serve(portal) as base:
        run(settings, base, edition="en")
    agents = {headers.get("User-Agent") for _, headers in portal.requests}
    assert agents == {settings.user_agent}
    assert portal.requests[0][0] == "/robots.txt"


def test_manifest_lines_carry_url_time_status_hash_and_validators(tmp_path: Path) -> None:
    portal = Portal(troubles=False)
    settings = settings_in(tmp_path)
    with serve(portal) as base:
        run(settings, base, edition="uk")
    lines = manifest(settings)
    listing = next(line for line in lines if line["url"] == f"{base}/news")
    article = next(line for line in lines if line["url"] == f"{base}/news/1001")
    assert listing["status"] == 200 and str(listing["etag"]).startswith('"')
    assert article["last_modified"] == "Mon, 30 Nov 2026 06:00:00 GMT"
    assert str(article["observed_at"]).endswith("+00:00")
    assert article["observed_from"] == "manifest"
    assert len(str(article["sha256"])) == 64


def test_second_crawl_fetches_no_article_again_but_stores_listings_with_grown_views(
    tmp_path: Path,
) -> None:
    portal = Portal(troubles=False)
    settings = settings_in(tmp_path)
    with serve(portal) as base:
        first = run(settings, base)
        before = {(e.url, e.sha256) for e in RawArchive(settings.raw_dir).entries()}
        portal.week = 1
        second = run(settings, base)
    assert first.articles_fetched == 23  # /news/1003 is forbidden by robots.txt
    assert second.articles_fetched == 0
    assert second.articles_already_archived == 23
    assert second.listing_pages_stored == second.listing_pages == 6
    after = {(e.url, e.sha256) for e in RawArchive(settings.raw_dir).entries()}
    grown = {url for url, _ in after - before}
    assert grown == {u for u, _ in before if "/news?" in str(u) or str(u).endswith("/news")}
    newest = RawArchive(settings.raw_dir)
    last_listing = [e for e in newest.entries() if e.url == f"{base}/news"][-1]
    assert f"переглядів: {portal.views(1011)}" in newest.read(last_listing.sha256).decode()


def test_unchanged_listings_are_asked_conditionally_and_store_nothing(tmp_path: Path) -> None:
    portal = Portal(troubles=False)
    settings = settings_in(tmp_path)
    with serve(portal) as base:
        run(settings, base)
        lines_before = manifest(settings)
        portal.requests.clear()
        again = run(settings, base)
    assert again.listing_pages_unchanged == again.listing_pages == 6
    assert again.listing_pages_stored == 0
    assert manifest(settings) == lines_before
    conditional = [h for p, h in portal.requests if p.split("?")[0] in ("/news", "/en/news")]
    assert conditional and all("If-None-Match" in h for h in conditional)


def test_retries_give_up_on_a_page_slower_than_the_timeout_and_go_on(tmp_path: Path) -> None:
    portal = Portal()
    settings = settings_in(tmp_path)
    with serve(portal) as base:
        started = time.monotonic()
        summary = run(settings, base, edition="en", timeout=0.3, retries=1)
    assert portal.hits["/en/news/2003"] == 2
    assert summary.articles_fetched == 11
    assert time.monotonic() - started < 5


def test_since_and_max_pages_limit_the_walk(tmp_path: Path) -> None:
    portal = Portal(troubles=False)
    with serve(portal) as base:
        limited = run(settings_in(tmp_path / "a"), base, edition="uk", max_pages=1)
        recent = run(settings_in(tmp_path / "b"), base, edition="uk", since=date(2026, 10, 15))
    assert limited.listing_pages == 1 and limited.articles_fetched == 5
    # uk items are two days apart from 1 October: 15 October onwards is 1007..1011
    assert recent.articles_fetched == 5
    assert recent.listing_pages == 2


def test_a_site_without_robots_txt_may_be_crawled(tmp_path: Path) -> None:
    portal = Portal(troubles=False)
    portal.answer_robots = False  # type: ignore[attr-defined]
    original = portal.answer

    def no_robots(path: str, query: str) -> tuple[int, dict[str, str], bytes, float]:
        if path == "/robots.txt":
            return 404, {}, b"", 0.0
        return original(path, query)

    portal.answer = no_robots  # type: ignore[method-assign]
    with serve(portal) as base:
        summary = run(settings_in(tmp_path), base, edition="uk", max_pages=1)
    assert summary.robots == "missing" and summary.articles_fetched == 5


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("https://decentralization.ua/en/news/16049?page=117", "en:16049"),
        ("https://decentralization.gov.ua/news/16886.amp", "uk:16886"),
        ("http://127.0.0.1:8000/news/1008/", "uk:1008"),
        ("https://decentralization.gov.ua/en/news/tag/reportazh", None),
    ],
)
def test_article_keys_ignore_host_paging_and_amp(url: str, key: str | None) -> None:
    assert article_key(url) == key


def test_listing_dates_read_both_editions() -> None:
    assert listing_date("21 May 2022 - 16:50 К-ть переглядів: 5213") == date(2022, 5, 21)
    assert listing_date("03 травня 2022 - 09:47") == date(2022, 5, 3)
    assert listing_date("no date") is None


CHILD = """
import sys
from pathlib import Path
from etl.crawl import crawl
from etl.settings import Settings
tmp = Path(sys.argv[2])
crawl(Settings(db_path=tmp / "db.duckdb", raw_dir=tmp / "raw"), sys.argv[1], delay=0.08, timeout=2)
"""


def archive_contents(settings: Settings) -> tuple[set[tuple[str | None, str]], set[str]]:
    entries = {(e.url, e.sha256) for e in RawArchive(settings.raw_dir).entries()}
    objects = {p.name for p in (settings.raw_dir / "objects").rglob("*") if p.is_file()}
    return entries, objects


def test_a_crawl_killed_midway_and_run_again_ends_with_the_same_archive(tmp_path: Path) -> None:
    portal = Portal(troubles=False)
    killed, whole = settings_in(tmp_path / "killed"), settings_in(tmp_path / "whole")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with serve(portal) as base:
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, base, str(tmp_path / "killed")], env=env
        )
        deadline = time.monotonic() + 20
        while sum(portal.hits.values()) < 14 and time.monotonic() < deadline:
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
        child.wait()
        partial, _ = archive_contents(killed)
        assert 0 < len(partial) < 30  # it really stopped midway
        resumed = run(killed, base)
        run(whole, base)
    assert resumed.articles_fetched == 23 - resumed.articles_already_archived
    assert archive_contents(killed) == archive_contents(whole)
