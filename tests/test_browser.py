"""One real-browser pass: every page in Debian's headless chromium, no exception, titles as text.

Kept apart (marker `browser`) and few, as datasette does: AppTest covers behaviour; this test
checks what only a browser shows — that charts render, nothing raises in the page, and a title
carrying <script> is displayed as text. The browser may talk to 127.0.0.1 only: every other
request is aborted. Screenshots of each page are saved under the test's tmp_path.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from etl.settings import Settings
from tests.conftest import FIXTURE_PAGES, make_settings

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PAGES = ["overview", "readership", "regions", "support", "twinning", "articles", "sql_console"]
SCRIPT_TITLE = "<script>alert('xss')</script> Hromada & <b>partners</b>"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium"
    ),
]


def hostile_page(folder: Path) -> Path:
    """An English article whose title holds markup, published two Kyiv days ago."""
    folder.mkdir(parents=True, exist_ok=True)
    day = (datetime.now(ZoneInfo("Europe/Kyiv")) - timedelta(days=2)).strftime("%d.%m.%Y")
    (folder / "news_99001.txt").write_text(
        "URL: https://decentralization.gov.ua/en/news/99001\n\n"
        f"{SCRIPT_TITLE} test\n\n"
        "Poltava municipality opened a youth hub in a former library building.\n\n\n"
        f"{day} - 10:05 | Views: 999999\n{SCRIPT_TITLE} test\n\n"
        "Tags:\n\npartnership youth\n\nОбласть:\n\nПолтавська область\n",
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def browser_db(fixture_db: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The fixture pages, the session's demo pages and one hostile page, in a DB of our own."""
    from etl.load import load_paths

    root = tmp_path_factory.mktemp("browser_db")
    settings = make_settings(root)
    inputs = [FIXTURE_PAGES, hostile_page(root / "hostile")]
    demo = fixture_db.db_path.parent / "demo"
    if demo.is_dir():
        inputs.append(demo)
    load_paths(inputs, settings)
    return settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(browser_db: Settings) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "ENGAGEMENT_DB": str(browser_db.db_path)}
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard/app.py",
        "--server.headless", "true", "--server.address", "127.0.0.1",
        "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.2)
    else:
        process.kill()
        pytest.fail("the dashboard did not start within 60 s")
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def test_every_page_renders_in_chromium(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 2400})
        outside: list[str] = []

        def local_only(route) -> None:  # type: ignore[no-untyped-def]
            if route.request.url.startswith(
                ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:")
            ):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        context.route("**/*", local_only)
        page = context.new_page()
        for name in PAGES:
            page.goto(f"{server}/{name}")
            if name == "sql_console":  # a table shows once the default query has run
                page.get_by_role("button", name="Виконати").click(timeout=60_000)
            page.wait_for_selector(
                '.js-plotly-plot, [data-testid="stDataFrame"], [data-testid="stException"]',
                timeout=60_000,
            )
            page.wait_for_function(
                "!document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000
            )
            page.wait_for_timeout(1500)
            page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)
            errors = page.locator('[data-testid="stException"]')
            assert errors.count() == 0, (name, errors.first.inner_text())
            if name not in ("articles", "sql_console"):
                assert page.locator(".js-plotly-plot").count() > 0, name
            if name == "overview":
                shown = page.get_by_text("<script>alert('xss')</script>", exact=False)
                assert shown.count() >= 1  # the title is on screen, as text
                assert page.locator("script", has_text="alert('xss')").count() == 0
                assert page.locator("b", has_text="partners").count() == 0
        browser.close()
    assert all("cdn.plot.ly" in url for url in outside), outside  # only Plotly's world map asks
