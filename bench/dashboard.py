"""Per dashboard page, the total warm query time on the current database (target < 100 ms),
and the page's whole script run in Streamlit's AppTest.

Why: the dashboard must feel instant on the demo database. This calls the same data functions
the pages call (dashboard.data.overview, .readership, ...), with Streamlit's cache off, once
to warm DuckDB and then REPEAT times, and prints the median per page. Then it runs each page
through AppTest (dashboard/app.py, the default filters) with the cache on: "first" is the
page's first run after the cache was cleared (queries, charts, tables), "again" a rerun that
finds every result cached (what a user pays for each click that changes nothing queried).

    ENGAGEMENT_DB=/tmp/engagement.duckdb python bench/dashboard.py [--period 28d] [--repeat 5]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
logging.getLogger("streamlit").setLevel(logging.ERROR)

from dashboard import data  # noqa: E402
from dashboard.filters import Filters, comparison_period, preset_period  # noqa: E402

TARGET_MS = 100.0
APP = str(Path(__file__).resolve().parent.parent / "dashboard" / "app.py")


def page_calls(f: Filters) -> dict[str, Callable[[], object]]:
    oblast = "UA-63"
    return {
        "overview": lambda: data.overview(f),
        "readership": lambda: data.readership(f, "day"),
        "regions": lambda: data.regions(f, oblast),
        "support": lambda: data.support(f, "week"),
        "twinning": lambda: data.twinning(f, "month"),
        "articles": lambda: data.articles(f, None),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", default="28d", help="a filter preset (default 28d)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--no-apptest", dest="apptest", action="store_false", help="only the query totals"
    )
    args = parser.parse_args()
    data.CACHING = False
    status = data.status()
    if not status.ready:
        print(f"no database at {status.path}: build one with `python -m etl demo`")
        return 2
    anchor = status.data_end
    assert anchor is not None
    start, end = preset_period(args.period, anchor, status.data_start) or (anchor, anchor)
    cmp_start, cmp_end = comparison_period(start, end, "previous") or (None, None)
    f = Filters("uk", args.period, start, end, "previous", cmp_start, cmp_end, None)
    print(f"database {status.path}; period {start} .. {end - timedelta(days=1)} ({args.period})")
    worst = 0.0
    for name, call in page_calls(f).items():
        call()  # warm
        times = []
        for _ in range(args.repeat):
            begin = time.perf_counter()
            call()
            times.append((time.perf_counter() - begin) * 1000)
        median = statistics.median(times)
        worst = max(worst, median)
        mark = "ok" if median < TARGET_MS else "SLOW"
        print(f"{name:<12} {median:8.1f} ms  {mark}")
    if args.apptest:
        apptest_runs(list(page_calls(f)), args.repeat)
    return 0 if worst < TARGET_MS else 1


def apptest_runs(pages: list[str], repeat: int) -> None:
    """Each page's script run in AppTest, first (cache cleared) and again (all cached)."""
    from streamlit.testing.v1 import AppTest

    data.CACHING = True
    for name in list(logging.root.manager.loggerDict):  # "missing ScriptRunContext" chatter
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.ERROR)
    print(f"AppTest page runs, default filters (median of {repeat}; ms)")
    print(f"{'page':<12} {'first':>8} {'again':>8}")
    for page in pages:
        first, again = [], []
        for _ in range(repeat):
            data.clear()
            at = AppTest.from_file(APP, default_timeout=300)
            begin = time.perf_counter()
            at.run()
            if page != "overview":
                begin = time.perf_counter()
                at.switch_page(f"pages/{page}.py").run()
            first.append((time.perf_counter() - begin) * 1000)
            begin = time.perf_counter()
            at.run()
            again.append((time.perf_counter() - begin) * 1000)
            if at.exception:
                raise SystemExit(f"{page}: {at.exception[0].value}")
        print(f"{page:<12} {statistics.median(first):8.0f} {statistics.median(again):8.0f}")


if __name__ == "__main__":
    raise SystemExit(main())
