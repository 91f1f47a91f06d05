"""Our read path against the naive one, on the same database in the same run.

    .venv/bin/python bench/naive.py --scale small|medium|large [--repeat 9] [--naive-repeat 3]

Four of the dashboard's main questions are answered three ways:
  ours   - the dashboard's named queries over the derived tables (rollups, view_intervals);
  duckdb - straight from the raw cumulative view_snapshots in DuckDB SQL (lag / max-filter);
  polars - the same formulation in polars, on frames already in memory (loading not timed).
  Q1 weekly views per oblast, whole history     Q2 views per oblast, last 28 days
  Q3 top 20 articles by views in last 28 days   Q4 daily views by edition, last 28 days
plus the machine's floor: a plain DuckDB scan (sum) of the snapshot views column. Prints each
time (median, min-max) and ours as a ratio: naive / ours (how many times faster we are).
"""

from __future__ import annotations

import argparse
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import common
from common import SCALES, fmt_timing, timed

KYIV = ZoneInfo("Europe/Kyiv")

OURS_WEEKLY = """
select date_trunc('week', day) as week, oblast_iso, sum(views) as views
from rollup_daily_oblast
group by all
"""

NAIVE_WEEKLY = """
with gained as (
    select article_key, observed_at,
           views - coalesce(lag(views) over (partition by article_key order by observed_at), 0)
               as gained
    from view_snapshots
)
select date_trunc('week', timezone('Europe/Kyiv', g.observed_at)) as week,
       o.oblast_iso, sum(g.gained) as views
from gained g join (select article_key, unnest(oblasts) as oblast_iso from articles) o
    using (article_key)
group by all
"""

NAIVE_PERIOD = """
with per_article as (
    select article_key,
           coalesce(max(views) filter (where observed_at < $end), 0)
           - coalesce(max(views) filter (where observed_at < $start), 0) as views
    from view_snapshots
    where observed_at < $end
    group by article_key
)
"""

NAIVE_OBLAST = (
    NAIVE_PERIOD
    + """
select oblast_iso, sum(views) as views
from (select p.views, unnest(a.oblasts) as oblast_iso
      from per_article p join articles a using (article_key))
group by oblast_iso
"""
)

NAIVE_TOP = (
    NAIVE_PERIOD
    + """
select a.article_key, a.title, p.views
from per_article p join articles a using (article_key)
order by p.views desc, a.article_key
limit 20
"""
)

NAIVE_DAILY = """
with gained as (
    select article_key, observed_at,
           views - coalesce(lag(views) over (partition by article_key order by observed_at), 0)
               as gained
    from view_snapshots
)
select timezone('Europe/Kyiv', g.observed_at)::date as day, a.edition, sum(g.gained) as views
from gained g join articles a using (article_key)
where g.observed_at >= $start and g.observed_at < $end
group by all
"""


def _polars(con: Any) -> dict[str, Any]:
    import polars as pl

    snaps = pl.from_arrow(
        con.sql("select article_key, observed_at, views from view_snapshots").to_arrow_table()
    )
    arts = pl.from_arrow(
        con.sql("select article_key, edition, title, oblasts from articles").to_arrow_table()
    )
    return {"pl": pl, "snaps": snaps, "arts": arts}


def polars_questions(frames: dict[str, Any], start: datetime, end: datetime) -> dict[str, Any]:
    pl = frames["pl"]
    snaps, arts = frames["snaps"].lazy(), frames["arts"].lazy()
    tz = "Europe/Kyiv"
    oblasts = arts.select("article_key", "oblasts").explode("oblasts").drop_nulls("oblasts")

    def gained() -> Any:
        return snaps.sort("article_key", "observed_at").with_columns(
            gained=pl.col("views") - pl.col("views").shift(1).over("article_key").fill_null(0)
        )

    def per_article() -> Any:
        s = snaps.filter(pl.col("observed_at") < end)
        return s.group_by("article_key").agg(
            (
                pl.col("views").filter(pl.col("observed_at") < end).max().fill_null(0)
                - pl.col("views").filter(pl.col("observed_at") < start).max().fill_null(0)
            ).alias("views")
        )

    def q1() -> Any:
        return (
            gained()
            .join(oblasts, on="article_key")
            .with_columns(week=pl.col("observed_at").dt.convert_time_zone(tz).dt.truncate("1w"))
            .group_by("week", "oblasts")
            .agg(pl.col("gained").sum())
            .collect()
        )

    def q2() -> Any:
        return (
            per_article()
            .join(oblasts, on="article_key")
            .group_by("oblasts")
            .agg(pl.col("views").sum())
            .collect()
        )

    def q3() -> Any:
        return (
            per_article()
            .join(arts.select("article_key", "title"), on="article_key")
            .sort(["views", "article_key"], descending=[True, False])
            .head(20)
            .collect()
        )

    def q4() -> Any:
        return (
            gained()
            .filter((pl.col("observed_at") >= start) & (pl.col("observed_at") < end))
            .join(arts.select("article_key", "edition"), on="article_key")
            .with_columns(day=pl.col("observed_at").dt.convert_time_zone(tz).dt.date())
            .group_by("day", "edition")
            .agg(pl.col("gained").sum())
            .collect()
        )

    return {"Q1": q1, "Q2": q2, "Q3": q3, "Q4": q4}


def run(scale: str, repeat: int, naive_repeat: int, with_polars: bool) -> dict[str, Any]:
    from queries import default_params, params_for

    from etl import db, queries

    con = db.connect(common.settings_for(scale))
    d = default_params(con)
    start = datetime.combine(d["start"], time(), KYIV)
    end = datetime.combine(d["end"], time(), KYIV)
    bind = {"start": start, "end": end}

    def named(name: str, **extra: Any) -> Any:
        p = {**params_for(name, d), **extra}
        return lambda: queries.run(con, name, **p)

    ours = {
        "Q1": lambda: con.execute(OURS_WEEKLY).fetchall(),
        "Q2": named("readership_by_oblast_rollup"),  # what dashboard/data.py runs here
        "Q3": named("top_articles"),
        "Q4": named("views_over_time_rollup", grain="day"),
    }
    naive = {
        "Q1": lambda: con.execute(NAIVE_WEEKLY).fetchall(),
        "Q2": lambda: con.execute(NAIVE_OBLAST, bind).fetchall(),
        "Q3": lambda: con.execute(NAIVE_TOP, bind).fetchall(),
        "Q4": lambda: con.execute(NAIVE_DAILY, bind).fetchall(),
    }
    out: dict[str, Any] = {"ours": {}, "duckdb": {}, "polars": {}}
    for q, fn in ours.items():
        out["ours"][q] = timed(fn, repeat, warmup=1).summary()
    for q, fn in naive.items():
        out["duckdb"][q] = timed(fn, naive_repeat, warmup=1).summary()
    out["floor"] = timed(
        lambda: con.execute("select sum(views) from view_snapshots").fetchall(), repeat, 1
    ).summary()
    out["snapshot_rows"] = con.execute("select count(*) from view_snapshots").fetchall()[0][0]
    if with_polars:
        frames = _polars(con)
        con.close()
        for q, fn in polars_questions(frames, start, end).items():
            out["polars"][q] = timed(fn, naive_repeat, warmup=1).summary()
        del frames
    else:
        con.close()
    for engine in ("duckdb", "polars"):
        out[f"ratio_{engine}"] = {
            q: out[engine][q]["median_s"] / out["ours"][q]["median_s"] for q in out[engine]
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=SCALES, default="small")
    ap.add_argument("--repeat", type=int, default=9)
    ap.add_argument("--naive-repeat", type=int, default=3)
    ap.add_argument("--no-polars", action="store_true")
    args = ap.parse_args()
    common.point_at_base(args.scale)
    r = run(args.scale, args.repeat, args.naive_repeat, not args.no_polars)
    common.save("naive", args.scale, r)
    print(f"{args.scale}: {r['snapshot_rows']:,} snapshot rows; median (min-max)")
    print(
        f"  {'':4}{'ours':>30}{'naive DuckDB':>30}{'naive polars':>30}"
        f"{'x DuckDB':>10}{'x polars':>10}"
    )
    for q in ("Q1", "Q2", "Q3", "Q4"):
        pol = fmt_timing(r["polars"][q]) if q in r["polars"] else "-"
        rp = f"{r['ratio_polars'][q]:.0f}" if q in r["ratio_polars"] else "-"
        print(
            f"  {q:<4}{fmt_timing(r['ours'][q]):>30}{fmt_timing(r['duckdb'][q]):>30}{pol:>30}"
            f"{r['ratio_duckdb'][q]:>10.0f}{rp:>10}"
        )
    print(f"  floor: plain scan of view_snapshots.views {fmt_timing(r['floor'])}")
    print(f"peak RSS {common.peak_rss_mb():.0f} MiB; load average {common.load_average()}")


if __name__ == "__main__":
    main()
