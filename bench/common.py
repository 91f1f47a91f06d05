"""Shared helpers for the bench/ scripts: scales, paths, timing (median/min/max), peak memory,
and the JSON result files that bench/run_all.py gathers into one table.

Nothing here measures anything by itself.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

OUT = ROOT / "bench" / "out"
RESULTS = OUT / "results"

# name -> articles. Snapshot rows come out at about 100 per article (see bench/scale.py).
SCALES = {"small": 10_000, "medium": 100_000, "large": 1_000_000}
TODAY = date(2026, 11, 30)  # the demo corpus's "today" (etl/demo.py), so figures compare
WEEK = 7  # the incremental load adds the last WEEK days of crawls


def scale_dir(scale: str) -> Path:
    return OUT / scale


def settings_for(scale: str) -> Any:
    """Settings pointing at the bench database of a scale (never data/)."""
    from etl.settings import Settings

    d = scale_dir(scale)
    return Settings(db_path=d / "engagement.duckdb", raw_dir=d / "raw")


def base_file(scale: str) -> Path:
    """The generation scale.py builds; kept outside generations/ so prune() never removes it."""
    return scale_dir(scale) / "base.duckdb"


def point_at_base(scale: str) -> None:
    """Make the scale's db_path symlink point at the base generation again."""
    link = settings_for(scale).db_path
    link.unlink(missing_ok=True)
    link.symlink_to(base_file(scale).name)


@dataclass
class Timing:
    """Seconds of several runs of one thing."""

    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs) if self.runs else float("nan")

    @property
    def p95(self) -> float:
        if not self.runs:
            return float("nan")
        ordered = sorted(self.runs)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def min(self) -> float:
        return min(self.runs) if self.runs else float("nan")

    @property
    def max(self) -> float:
        return max(self.runs) if self.runs else float("nan")

    def summary(self) -> dict[str, float | int]:
        return {
            "median_s": self.median,
            "p95_s": self.p95,
            "min_s": self.min,
            "max_s": self.max,
            "runs": len(self.runs),
        }


def timed(fn: Callable[[], Any], repeat: int, warmup: int = 0) -> Timing:
    """Run fn warmup times untimed, then repeat times timed."""
    for _ in range(warmup):
        fn()
    t = Timing()
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        t.runs.append(time.perf_counter() - start)
    return t


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory of this process (or its finished children), in MiB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def save(name: str, scale: str | None, data: dict[str, Any]) -> Path:
    """Write one script's results as JSON, for run_all.py and docs/benchmarks.md."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / (f"{name}-{scale}.json" if scale else f"{name}.json")
    data = {
        "name": name,
        "scale": scale,
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "load_average": load_average(),
        "peak_rss_mb": peak_rss_mb(),
        **data,
    }
    path.write_text(json.dumps(data, indent=1, default=_jsonable), encoding="utf-8")
    return path


def _jsonable(value: Any) -> Any:
    if isinstance(value, Timing):
        return value.summary()
    if hasattr(value, "__dataclass_fields__"):
        return asdict(value)
    return str(value)


def read(name: str, scale: str | None = None) -> dict[str, Any] | None:
    path = RESULTS / (f"{name}-{scale}.json" if scale else f"{name}.json")
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}"


def fmt_timing(t: Timing | dict[str, Any], unit: str = "ms") -> str:
    """'median (min-max)' in ms or s."""
    d = t.summary() if isinstance(t, Timing) else t
    k = 1000 if unit == "ms" else 1
    nd = 1 if unit == "ms" else 2
    return f"{d['median_s'] * k:.{nd}f} ({d['min_s'] * k:.{nd}f}-{d['max_s'] * k:.{nd}f}) {unit}"


def duckdb_config(threads: int | None = None) -> dict[str, str]:
    """Settings for bench connections: a memory cap and a spill folder under bench/out."""
    (OUT / "tmp").mkdir(parents=True, exist_ok=True)
    config = {"memory_limit": "14GB", "temp_directory": str(OUT / "tmp")}
    if threads:
        config["threads"] = str(threads)
    return config
