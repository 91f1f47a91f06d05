"""`make bench`: every benchmark at the named scales, then one results table.

    .venv/bin/python bench/run_all.py [--scales small,medium,large] [--fresh] [--docs]

Runs, each in its own process (so each reports its own peak memory):
  bench/parse.py                    parse throughput, text and HTML, one core and all (if present)
  bench/scale.py --scale S          synthesise the scale's database and derive it (the full load)
  bench/queries.py --scale S        named queries warm/cold, dashboard page totals
  bench/naive.py --scale S          ours vs naive DuckDB and polars over raw snapshots, the floor
  bench/load.py --scale S           incremental load of one week's crawl (--demo at the smallest)
  bench/dashboard.py, bench/export.py  the dashboard's AppTest runs and the weekly export (if
                                    present), with ENGAGEMENT_DB at the largest scale's database
A scale's database is reused when it exists (its build figures come from its earlier run);
--fresh rebuilds it. The table goes to bench/out/results/summary.md, and with --docs into
docs/benchmarks.md between the RESULTS markers.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from typing import Any

import common
from common import RESULTS, ROOT, SCALES

PY = sys.executable
BENCH = ROOT / "bench"
DOCS = ROOT / "docs" / "benchmarks.md"
BEGIN, END = "<!-- RESULTS:BEGIN -->", "<!-- RESULTS:END -->"
PACKAGES = ("duckdb", "pandas", "pyarrow", "polars", "streamlit", "selectolax")


def run(args: list[str], log: str, env: dict[str, str] | None = None, timeout: int = 3600) -> int:
    """Run one script, echoing and keeping its output in bench/out/results/<log>.txt."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    print(f"\n$ {' '.join(args)}", flush=True)
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            [PY, *args],
            cwd=ROOT,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        out, code = proc.stdout + proc.stderr, proc.returncode
    except subprocess.TimeoutExpired as exc:
        out, code = f"{exc.stdout or ''}{exc.stderr or ''}\nTIMEOUT after {timeout}s", -1
    noise = (
        "No runtime found",
        "MemoryCacheStorageManager",
        "WARNING streamlit",
        "ScriptRunContext",
    )
    out = "\n".join(ln for ln in out.splitlines() if not any(n in ln for n in noise))
    print(out, flush=True)
    print(f"({time.perf_counter() - started:.0f} s, exit {code})", flush=True)
    (RESULTS / f"{log}.txt").write_text(out, encoding="utf-8")
    return code


def machine() -> list[str]:
    cpu = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    versions = []
    for p in PACKAGES:
        try:
            versions.append(f"{p} {metadata.version(p)}")
        except metadata.PackageNotFoundError:
            continue
    return [
        f"- machine: {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}; {', '.join(versions)}",
        f"- load average at the end of the run: {common.load_average()} (the machine is shared)",
        f"- run at {time.strftime('%Y-%m-%d %H:%M')} with: `make bench` "
        f"(`{' '.join(['.venv/bin/python', 'bench/run_all.py', *sys.argv[1:]])}`)",
    ]


def _t(d: dict[str, Any] | None, unit: str = "ms") -> str:
    return common.fmt_timing(d, unit) if d and "median_s" in d else "-"


def summary(scales: list[str]) -> str:
    lines = ["### Per scale", ""]
    head = ["", *scales]
    rows: dict[str, list[str]] = {}

    def put(label: str, values: list[str]) -> None:
        rows[label] = values

    sc = [common.read("scale", s) for s in scales]
    qs = [common.read("queries", s) for s in scales]
    nv = [common.read("naive", s) for s in scales]
    ld = [common.read("load", s) for s in scales]
    put("articles", [f"{r['articles']:,}" if r else "-" for r in sc])
    put("view_snapshots rows", [f"{r['counts']['view_snapshots']:,}" if r else "-" for r in sc])
    put("view_intervals rows", [f"{r['counts']['view_intervals']:,}" if r else "-" for r in sc])
    put(
        "rollup_views_daily rows",
        [f"{r['counts']['rollup_views_daily']:,}" if r else "-" for r in sc],
    )
    put("database file", [f"{r['file_bytes'] / 2**20:,.0f} MiB" if r else "-" for r in sc])
    put("bytes per article", [f"{r['bytes_per_article']:,.0f}" if r else "-" for r in sc])
    put("synthesise facts (s)", [f"{r['facts_s']:.1f}" if r else "-" for r in sc])
    put(
        "full derive = full load minus parsing (s)",
        [f"{r['derive_s']:.1f}" if r else "-" for r in sc],
    )
    put("peak RSS, build (MiB)", [f"{r['peak_rss_mb']:,.0f}" if r else "-" for r in sc])
    put(
        "incremental load, 1 week (s)",
        [_t(r["total"], "s") if r else "-" for r in ld],
    )
    put(
        "... of which copying the generation (s)",
        [_t(r["phases"].get("copy generation"), "s") if r else "-" for r in ld],
    )
    put(
        "... of which story linking (s)",
        [_t(r["phases"].get("link stories"), "s") if r else "-" for r in ld],
    )
    put(
        "week's crawl: new pages / snapshots",
        [f"{r['pages']:,} / {r['snapshots_added'][0]:,}" if r else "-" for r in ld],
    )
    put("peak RSS, incremental (MiB)", [f"{r['peak_rss_mb']:,.0f}" if r else "-" for r in ld])
    for scenario in ("default", "year_tag"):
        pages = sorted({p for r in qs if r for p in r["pages"].get(scenario, {})})
        for page in pages:
            vals = []
            for r in qs:
                d = r["pages"].get(scenario, {}).get(page) if r else None
                vals.append(f"{d['p95_s'] * 1000:.0f} p95; {_t(d)}" if d and "p95_s" in d else "-")
            put(f"page {page}, {scenario.replace('_', ' ')} (warm, ms)", vals)
    for q in ("Q1", "Q2", "Q3", "Q4"):
        put(
            f"{q} ours / naive DuckDB / naive polars (ms)",
            [
                f"{r['ours'][q]['median_s'] * 1000:.1f} / {r['duckdb'][q]['median_s'] * 1000:.0f}"
                f" / {r['polars'][q]['median_s'] * 1000:.0f}"
                if r and q in r.get("polars", {})
                else "-"
                for r in nv
            ],
        )
        put(
            f"{q} x faster than DuckDB / polars",
            [
                f"{r['ratio_duckdb'][q]:.0f}x / {r['ratio_polars'][q]:.0f}x"
                if r and q in r.get("ratio_polars", {})
                else "-"
                for r in nv
            ],
        )
    put("floor: plain scan of snapshot views (ms)", [_t(r["floor"]) if r else "-" for r in nv])
    put(
        "peak RSS, naive incl. polars (MiB)", [f"{r['peak_rss_mb']:,.0f}" if r else "-" for r in nv]
    )
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))
    for label, values in rows.items():
        lines.append(f"| {label} | " + " | ".join(values) + " |")
    lines += ["", "### Named queries (warm median / p95 / cold median, ms)", ""]
    names = sorted({n for r in qs if r for n in r["named"]["queries"]})
    lines.append("| query | " + " | ".join(scales) + " |")
    lines.append("|" + "---|" * (len(scales) + 1))
    for n in names:
        vals = []
        for r in qs:
            d = r["named"]["queries"].get(n) if r else None
            if not d or "warm" not in d:
                vals.append(d.get("error", "-") if d else "-")
                continue
            w, c = d["warm"], d["cold"]
            vals.append(
                f"{w['median_s'] * 1000:.1f} / {w['p95_s'] * 1000:.1f} / {c['median_s'] * 1000:.1f}"
            )
        lines.append(f"| {n} | " + " | ".join(vals) + " |")
    demo = next((r["demo"] for r in ld if r and "demo" in r), None)
    if demo:
        lines += [
            "",
            f"Demo database (`make run`, 20,000 articles): built in {demo['seconds']:.1f} s.",
        ]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scales", default=",".join(SCALES))
    ap.add_argument("--fresh", action="store_true", help="rebuild the scale databases")
    ap.add_argument("--docs", action="store_true", help="write the table into docs/benchmarks.md")
    ap.add_argument("--skip", default="", help="comma list of parse,queries,naive,load,extra")
    ap.add_argument("--load-repeat", default="", help="e.g. large=2: runs of the weekly load")
    ap.add_argument(
        "--report-only", action="store_true", help="only rebuild the table from saved results"
    )
    args = ap.parse_args()
    scales = [s for s in args.scales.split(",") if s]
    skip = set(args.skip.split(","))
    if args.report_only:
        skip |= {"parse", "scale", "queries", "naive", "load", "extra"}
    started = time.perf_counter()
    if "parse" not in skip and (BENCH / "parse.py").exists():
        run(["bench/parse.py"], "parse")
    for i, scale in enumerate(scales):
        if "scale" in skip:
            continue
        build = ["bench/scale.py", "--scale", scale] + (["--force"] if args.fresh else [])
        if run(build, f"scale-{scale}") != 0:
            continue
        if "queries" not in skip:
            run(["bench/queries.py", "--scale", scale], f"queries-{scale}")
        if "naive" not in skip:
            run(["bench/naive.py", "--scale", scale], f"naive-{scale}")
        if "load" not in skip:
            reps = dict(kv.split("=") for kv in args.load_repeat.split(",") if "=" in kv)
            run(
                ["bench/load.py", "--scale", scale, "--repeat", reps.get(scale, "3")]
                + (["--demo"] if i == 0 else []),
                f"load-{scale}",
            )
    if "extra" not in skip:
        env = {"ENGAGEMENT_DB": str(common.settings_for(scales[-1]).db_path)}
        for extra in ("dashboard", "export"):
            if (BENCH / f"{extra}.py").exists():
                common.point_at_base(scales[-1])
                run([f"bench/{extra}.py"], extra, env=env)
    text = "\n".join(machine()) + "\n\n" + summary(scales)
    extras = [n for n in ("parse", "dashboard", "export") if (RESULTS / f"{n}.txt").exists()]
    for n in extras:
        text += f"\n\n### bench/{n}.py\n\n```\n{(RESULTS / f'{n}.txt').read_text().strip()}\n```"
    (RESULTS / "summary.md").write_text(text + "\n", encoding="utf-8")
    print("\n" + text)
    print(f"\nall benchmarks: {time.perf_counter() - started:.0f} s")
    if args.docs and DOCS.exists():
        doc = DOCS.read_text(encoding="utf-8")
        if BEGIN in doc and END in doc:
            head, rest = doc.split(BEGIN, 1)
            DOCS.write_text(
                f"{head}{BEGIN}\n{text}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8"
            )
            print(f"wrote {DOCS}")


if __name__ == "__main__":
    main()
