"""Shared test fixtures: one real database built by our own ETL, shared by the whole session.

`fixture_db` loads the committed fixture pages and a small seeded demo corpus through the
same `load` path users run, into a temporary folder, and points ENGAGEMENT_DB at it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etl.settings import Settings

TESTS = Path(__file__).resolve().parent
FIXTURE_PAGES = TESTS / "fixtures" / "pages"
SHARED = TESTS.parent.parent / "shared"
DEMO_ARTICLES = 400


def make_settings(root: Path) -> Settings:
    return Settings(db_path=root / "engagement.duckdb", raw_dir=root / "raw")


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A database of fixture pages plus a 400-article demo (seed 3); read-only for tests."""
    from etl.load import load_paths

    root = tmp_path_factory.mktemp("fixture_db")
    settings = make_settings(root)
    inputs = [FIXTURE_PAGES]
    try:
        from etl.demo import generate
    except ImportError:
        generate = None
    if generate is not None:
        inputs.append(generate(root / "demo", articles=DEMO_ARTICLES, seed=3))
    load_paths(inputs, settings)
    os.environ["ENGAGEMENT_DB"] = str(settings.db_path)
    os.environ["ENGAGEMENT_RAW"] = str(settings.raw_dir)
    return settings


@pytest.fixture
def empty_settings(tmp_path: Path) -> Settings:
    """Paths for a database that does not exist yet."""
    return make_settings(tmp_path)


def shared_dir(sub: str) -> Path:
    """A folder of ../shared, or skip: CI and users may not have it."""
    path = SHARED / sub
    if not path.is_dir():
        pytest.skip(f"{path} is not here (the shared development sample is optional)")
    return path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The reliability tests' figures (tests/reliability_report.py), one line per test."""
    from tests.reliability_report import lines

    if lines():
        terminalreporter.section("reliability figures")
        for line in lines():
            terminalreporter.write_line(line)
