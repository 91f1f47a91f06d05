"""Parser throughput: pages/s for text pages and ~60 KB HTML article pages, on one core and on
all cores, beside the bare selectolax parse of the same HTML (the floor) and BeautifulSoup
(only if installed; it is not a product dependency).

    .venv/bin/python bench/parse.py [--seconds 2]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from selectolax.lexbor import LexborHTMLParser  # noqa: E402

from etl.parse import parse_bytes  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "pages"
SHARED = ROOT.parent / "shared"


def _text_pages() -> list[bytes]:
    files = sorted(FIXTURES.glob("*.txt"))
    if SHARED.is_dir():
        files += sorted(SHARED.glob("pages/*.txt")) + sorted(SHARED.glob("seeds/*.txt"))
    return [f.read_bytes() for f in files]


def _html_pages() -> list[bytes]:
    # Vary the id so no cache (ours or the OS's) can flatter the figure.
    out = []
    for f in ("article_en.html", "article_uk.html"):
        base = (FIXTURES / f).read_bytes()
        out += [base.replace(b"/news/1777", f"/news/{2000 + i}".encode()) for i in range(20)]
    return out


def _extract(data: bytes) -> None:
    parse_bytes(data, "bench")


def _no_facts() -> None:
    """Swap the facts layer (another module, measured on its own) for a no-op."""
    import etl.facts

    etl.facts.analyse = lambda *a, **k: etl.facts.Facts()  # type: ignore[assignment]


def _floor(data: bytes) -> None:
    t = LexborHTMLParser(data.decode("utf-8"))
    t.css_first("article")


def _soup(data: bytes) -> None:
    from bs4 import BeautifulSoup

    BeautifulSoup(data, "html.parser").find("article")  # the stdlib parser: no lxml needed


def _rate(fn: Callable[[bytes], None], pages: list[bytes], seconds: float) -> float:
    for p in pages[:3]:
        fn(p)  # warm-up: reference tables, regex caches
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for p in pages:
            fn(p)
        n += len(pages)
    return n / (time.perf_counter() - start)


def _worker(args: tuple[str, str, float]) -> float:
    fn_name, kind, seconds = args
    if fn_name == "parse":
        _no_facts()
    fn = {"extract": _extract, "parse": _extract, "floor": _floor, "soup": _soup}[fn_name]
    pages = _html_pages() if kind == "html" else _text_pages()
    return _rate(fn, pages, seconds)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=2.0)
    args = ap.parse_args()
    cores = os.cpu_count() or 1
    html = _html_pages()
    print(f"HTML page size ~{sum(map(len, html)) // len(html) // 1024} KB; cores: {cores}")
    rows: list[tuple[str, str]] = [
        ("extract", "text"),
        ("parse", "text"),
        ("extract", "html"),
        ("parse", "html"),
        ("floor", "html"),
    ]
    try:
        import bs4  # noqa: F401

        rows.append(("soup", "html"))
    except ImportError:
        print("BeautifulSoup not installed: skipping its row")
    print(f"{'what':<34}{'1 core':>12}{'all cores':>14}")
    labels = {
        ("extract", "text"): "text pages, parse + facts",
        ("parse", "text"): "text pages, parse only",
        ("extract", "html"): "HTML ~60 KB, parse + facts",
        ("parse", "html"): "HTML ~60 KB, parse only",
        ("floor", "html"): "HTML ~60 KB, bare selectolax",
        ("soup", "html"): "HTML ~60 KB, BeautifulSoup",
    }
    for fn_name, kind in rows:
        with mp.get_context("spawn").Pool(1) as pool:  # own process: the no-op swap stays there
            one = pool.map(_worker, [(fn_name, kind, args.seconds)])[0]
        with mp.get_context("spawn").Pool(cores) as pool:
            per = pool.map(_worker, [(fn_name, kind, args.seconds)] * cores)
        print(f"{labels[(fn_name, kind)]:<34}{one:>10.0f}/s{sum(per):>12.0f}/s")


if __name__ == "__main__":
    main()
