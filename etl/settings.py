"""Where things live. One frozen dataclass, defaults from the repo root, overridable by env."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIMEZONE = "Europe/Kyiv"  # every date and ISO week in the product is Kyiv time


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return (
        Path(value).expanduser().absolute() if value else default
    )  # not resolve(): db_path is a symlink


@dataclass(frozen=True)
class Settings:
    # The database readers open. A symlink to the current generation file (see etl/db.py).
    db_path: Path = field(
        default_factory=lambda: _env_path("ENGAGEMENT_DB", ROOT / "data" / "engagement.duckdb")
    )
    # Content-addressed copy of every input, byte for byte; `etl rebuild` needs nothing else.
    raw_dir: Path = field(
        default_factory=lambda: _env_path("ENGAGEMENT_RAW", ROOT / "data" / "raw")
    )
    # Shipped reference data (oblasts, hromadas, tags, map).
    reference_dir: Path = ROOT / "data" / "reference"
    # Polite crawling defaults; the crawler's CLI flags override them.
    user_agent: str = "decentralization-engagement/0.1 (+analytics of the Decentralization portal)"
    request_delay_s: float = 1.0

    @property
    def generations_dir(self) -> Path:
        """Every load writes a new database file here; db_path then points at it."""
        return self.db_path.parent / "generations"


def get_settings() -> Settings:
    return Settings()
