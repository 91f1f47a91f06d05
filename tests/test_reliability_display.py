"""What users see: hostile titles are shown as text everywhere, and exported as inert cells.

Titles come from scraped pages, so they may carry markup or script, or start like a
spreadsheet formula. The database is our fixture pages plus articles whose titles do both;
every dashboard page is rendered by the real server (over Streamlit's own protocol, and in
headless chromium), and the weekly CSV pack is written by the CLI.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from etl.settings import Settings
from tests import hostile
from tests.conftest import FIXTURE_PAGES, TESTS, make_settings
from tests.dashboard_client import Session, dashboard_server
from tests.reliability_report import report

PAGES = ["overview", "readership", "regions", "support", "twinning", "articles"]
SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)>"
FORMULA = '=HYPERLINK("http://x","y")'
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
KYIV = ZoneInfo("Europe/Kyiv")


def hostile_article(folder: Path, news: int, title: str, day: datetime) -> None:
    (folder / f"news_{news}.txt").write_text(
        f"URL: https://decentralization.gov.ua/en/news/{news}\n\n{title}\n\n"
        "Poltava hromada and a Polish town signed a partnership agreement; the EU-funded "
        "U-LEAD programme supported the new administrative service centre.\n\n\n"
        f"{day:%d.%m.%Y} - 10:05 | Views: {90_000 + news % 100}\n{title}\n\n"
        "Tags:\n\npartnership administrative services\n\n"
        "Область:\n\nПолтавська область\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Fixture pages, two recent articles with a script and a formula title, and the
    fixture HTML article (twinning, support) re-titled with a script prefix."""
    from etl.load import load_paths

    root = tmp_path_factory.mktemp("display_db")
    pages = root / "hostile"
    pages.mkdir()
    day = datetime.now(KYIV) - timedelta(days=2)
    hostile_article(pages, 990_201, f"{SCRIPT} Hromada & partners", day)
    hostile_article(pages, 990_202, f"{FORMULA} Hromada budget", day)
    source = next(s for s in hostile.sources() if s.name == "article_en.html")
    retitled = hostile.fresh_ids(source.text, 999).replace(
        source.title, SCRIPT.replace("&", "&amp;").replace("<", "&lt;") + " " + source.title
    )
    (pages / "article_hostile.html").write_text(retitled, encoding="utf-8")
    settings = make_settings(root)
    load_paths([FIXTURE_PAGES, pages], settings)
    return settings


def test_every_page_shows_hostile_titles_as_text(hostile_db: Settings) -> None:
    """Over Streamlit's protocol: wherever a hostile title is in a text element, its markup is
    escaped (never raw `<script`/`<img`) and the element does not allow HTML."""
    shown_on, raw = [], []
    with dashboard_server(hostile_db) as port:
        session = Session(port)
        try:
            for page in PAGES:
                render = session.render(page, "lang=en&period=all")
                assert render.finished and not render.errors, (page, render.errors)
                for text in render.texts:
                    if "alert" in text or "HYPERLINK" in text:
                        shown_on.append(page)
                        if "<script" in text or "<img" in text:
                            raw.append((page, text[:200]))
                for label, value in render.metrics.items():
                    assert "<script" not in label + value, (page, label, value)
        finally:
            session.close()
    report(
        "hostile titles on dashboard pages",
        pages=len(PAGES),
        pages_showing_them_in_text=len(set(shown_on)),
        raw_markup=len(raw),
    )
    assert raw == []
    assert "overview" in shown_on  # the top list shows them: the check above had something


def test_the_weekly_csv_pack_escapes_formula_like_cells(
    hostile_db: Settings, tmp_path: Path
) -> None:
    """`python -m etl export weekly` for the hostile articles' week: every text cell that a
    spreadsheet would run as a formula starts with a quote, and the titles survive intact."""
    pytest.importorskip("etl.export")
    week = (datetime.now(KYIV) - timedelta(days=2)).isocalendar()
    env = {
        **os.environ,
        "ENGAGEMENT_DB": str(hostile_db.db_path),
        "ENGAGEMENT_RAW": str(hostile_db.raw_dir),
    }
    done = subprocess.run(
        [sys.executable, "-m", "etl", "export", "weekly", "--week",
         f"{week.year}-W{week.week:02d}", "--out", str(tmp_path)],
        cwd=TESTS.parent, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    cells = unsafe = titles = 0
    for path in tmp_path.rglob("*.csv"):
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))):
            for cell in row:
                cells += 1
                if cell.startswith(FORMULA_START) and not _number(cell):
                    unsafe += 1
                if cell.startswith("'" + FORMULA):
                    titles += 1
    report("formula-like cells in the weekly CSV pack", cells=cells, unescaped=unsafe)
    assert unsafe == 0
    assert titles >= 1  # the formula title is in the pack, escaped


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
@pytest.mark.soak  # ~90 s; tests/test_browser.py checks the overview in every `make test`
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")
def test_in_a_browser_no_page_runs_a_title(hostile_db: Settings, tmp_path: Path) -> None:
    """Headless chromium, every page: no dialog opens, no injected <script>/<img> element,
    and the title's markup is on screen as text."""
    from playwright.sync_api import sync_playwright

    from tests.test_browser import ARGS

    dialogs: list[str] = []
    visible = []
    with dashboard_server(hostile_db) as port, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2400})
        context.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(
                    ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
                )
                else route.abort()
            ),
        )
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for name in PAGES:
            page.goto(f"http://127.0.0.1:{port}/{name}?lang=en&period=all")
            page.wait_for_selector(  # the page's content, not just the app's frame
                '.js-plotly-plot, [data-testid="stDataFrame"], [data-testid="stException"]',
                timeout=60_000,
            )
            page.wait_for_function(
                "!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000
            )
            page.wait_for_timeout(2000)
            assert page.locator('[data-testid="stException"]').count() == 0, name
            assert page.locator("script", has_text="alert(1)").count() == 0, name
            assert page.locator('img[src="x"]').count() == 0, name
            if page.get_by_text("<script>alert(1)</script>", exact=False).count():
                visible.append(name)
            page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
        browser.close()
    report("hostile titles in chromium", pages=len(PAGES), shown_as_text_on=len(visible),
           dialogs=len(dialogs))  # fmt: skip
    assert dialogs == []
    assert "overview" in visible
