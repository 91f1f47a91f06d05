"""Synthesise a database at a named scale and derive it exactly as a load would; time each step.

    .venv/bin/python bench/scale.py --scale small|medium|large [--force]

Rendering and parsing a million HTML pages would dominate (and is measured by bench/parse.py),
so this writes the *stored fact tables* directly with DuckDB SQL (generate + hash, no Python
loop): page_versions (one rendering per article), raw_files, and view_snapshots as cumulative
counters, about 100 per article, observed at daily crawls (dense in an article's first weeks,
sparse over its first two years), with realistic editions, oblasts, hromadas, tags, donors,
support flags, twinning pairs, fingerprints and a few counters that go down. listing_items is
left empty (its views are in view_snapshots; it only supplies publish dates and titles when a
page is missing). Then it runs the project's own etl/sql/derive.sql with every article
affected, the story linker and etl/sql/views.sql, the steps of etl.load._write, so the derived
tables (articles, view_intervals, rollup_views_daily, ...) are what a full load would produce.

The database holds every crawl up to TODAY - 7 days; the last week's crawl is what
bench/load.py adds as the incremental load. Output: bench/out/<scale>/base.duckdb, with
bench/out/<scale>/engagement.duckdb pointing at it. Measures: generation and full-derive time,
rows, file size and bytes per article, peak memory.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta
from typing import Any

import common
import duckdb
from common import SCALES, TODAY, WEEK

START_DAY = "2015-01-01"
HORIZON_DAYS = 730  # an article is observed for its first two years
YEAR_CHUNKS = range(2015, TODAY.year + 1)

MACROS = """
create or replace temp macro u(i, salt) as (hash(i, salt) % 1000003)::double / 1000003;
"""

# One row per article, everything drawn from hashes of its number: deterministic, no Python.
ARTICLES = """
create or replace temp table art as
with refs as (
    select (select list(oblast_iso order by oblast_iso) from oblasts) as obl,
           (select list(donor order by donor) from donors) as dons,
           (select list(tag order by tag) filter (where language = 'uk') from tags_csv) as tags_uk,
           (select list(tag order by tag) filter (where language = 'en') from tags_csv) as tags_en
),
base as (
    select i,
           case when u(i, 'ed') < 0.77 then 'uk' else 'en' end as edition,
           100000 + i as article_id,
           date '{start}' + (u(i, 'day') * {days})::integer as pub_day,
           (5 * 3600 + u(i, 'sec') * 12 * 3600)::integer as pub_sec,
           u(i, 'ob') as r_ob, u(i, 'hr') as r_hr, u(i, 'sup') as r_sup, u(i, 'tw') as r_tw,
           -- lognormal total views (Box-Muller), a decay time, a few evergreen pages
           exp(6.0 + 1.1 * sqrt(-2 * ln(greatest(u(i, 'z1'), 1e-9)))
                          * cos(2 * pi() * u(i, 'z2'))) as total,
           0.5 + 4 * u(i, 'tau') as tau_days,
           60 + 340 * u(i, 'tail') as tail_days,
           u(i, 'ever') < 0.03 as evergreen,
           66 + (hash(i, 'n') % 81)::integer as n_snap,
           refs.*
    from range({n}) t(i), refs
)
select i, edition, article_id, edition || ':' || article_id as article_key, pub_day,
       (pub_day::timestamp + to_seconds(pub_sec))::timestamptz as published_at,
       case when r_ob < 0.30 then []::varchar[]
            when r_ob < 0.90 then [obl[1 + (hash(i, 'o1') % len(obl))::bigint]]
            else list_distinct([obl[1 + (hash(i, 'o1') % len(obl))::bigint],
                                obl[1 + (hash(i, 'o2') % len(obl))::bigint]]) end as oblasts,
       list_distinct(list_transform(range(1 + (hash(i, 'nt') % 3)::integer),
           lambda x: case when edition = 'uk' then tags_uk[1 + (hash(i, x) % len(tags_uk))::bigint]
                     else tags_en[1 + (hash(i, x) % len(tags_en))::bigint] end)) as tags,
       r_hr, r_sup < 0.12 as international_support,
       case when r_sup < 0.12
            then list_distinct([dons[1 + (hash(i, 'd1') % len(dons))::bigint]]
                               || case when r_sup < 0.03
                                       then [dons[1 + (hash(i, 'd2') % len(dons))::bigint]]
                                       else [] end)
            else []::varchar[] end as donors,
       r_tw < 0.015 as twinned,
       round(total * case when edition = 'en' then 0.4 else 1 end) as total, tau_days,
       tail_days,
       evergreen, n_snap,
       array_to_string(list_transform(range(5 + (hash(i, 'nf') % 4)::integer),
           lambda x: 'f' || (hash(i, 'fp', x) % {vocab})::varchar), ' ') as fingerprint
from base
"""

HROMADAS = """
create or replace temp table art_hr as
with hr as (
    select oblast_iso, list(hromada_code order by hromada_code) as codes,
           list(name_uk order by hromada_code) as names
    from hromadas group by oblast_iso
)
select a.article_key,
       case when a.r_hr < 0.4 and hr.codes is not null
            then [hr.codes[1 + (hash(a.i, 'h') % len(hr.codes))::bigint]] else []::varchar[] end
           as hromadas,
       case when a.twinned then [{
           'ukrainian': coalesce(hr.names[1 + (hash(a.i, 'h') % len(hr.codes))::bigint], 'Київ'),
           'ukrainian_code':
               coalesce(hr.codes[1 + (hash(a.i, 'h') % len(hr.codes))::bigint], 'UA-30'),
           'partner': 'Partnerstadt ' || (hash(a.i, 'p') % 400)::varchar,
           'partner_normalised': 'Partnerstadt ' || (hash(a.i, 'p') % 400)::varchar,
           'country': ['PL', 'DE', 'FR', 'LT', 'SE', 'EE', 'CZ'][1 + (hash(a.i, 'c') % 7)::bigint],
           'stage': ['talks', 'signed', 'activity'][1 + (hash(a.i, 's') % 3)::bigint],
           'sentence': 'Громади підписали угоду про партнерство.'}]
       else [] end as twinning
from art a left join hr on hr.oblast_iso = a.oblasts[1]
"""

# Observation k of n, k = 1..n, on crawl day pub_day + 1 + offset; the offsets grow like
# (k/n)^2 so a story is watched daily when new and monthly later, each on a distinct day.
SNAPSHOT_ROWS = """
with s as (
    select a.article_key, a.edition, a.article_id, a.published_at, a.total, a.tau_days,
           a.tail_days, a.evergreen, a.n_snap, k,
           a.pub_day + (k + floor(({horizon} - a.n_snap)
                                  * pow((k - 1) / (a.n_snap - 1), 2)))::integer as crawl_day
    from art a, unnest(range(1, a.n_snap + 1)) r(k)
    where {articles}
),
v as (
    select *,
           crawl_day::timestamp::timestamptz + interval 1 hour
               + to_seconds(((article_id // 30) % 1800) * 2) as observed_at
    from s
    where crawl_day >= date '{lo}' and crawl_day <= date '{hi}'
),
c as (
    select *,
           epoch(observed_at - published_at) / 86400 as age_days
    from v
)
select article_key, observed_at,
       -- 70% of the views come in the first days, 30% over months (search, links);
       -- evergreen pages keep growing; one counter in 5,000 reads 10% low (a glitch).
       (case when k > 1 and hash(article_key, k) % 5000 = 0 then 0.9 else 1 end
        * floor(total * (0.7 * (1 - exp(-age_days / tau_days))
                         + 0.3 * (1 - exp(-age_days / tail_days)))
                + case when evergreen then total / 200 * age_days else 0 end))::bigint as views,
       case when k = 1 then sha256('page:' || article_key)
            else sha256(crawl_day::varchar || '/' || edition || '/'
                        || (hash(article_key, 'page') % {pages})::varchar)
       end as sha256,
       case when k = 1 then 'article' else 'listing' end as origin
from c
order by crawl_day, article_key
"""
SNAPSHOTS = "insert into view_snapshots " + SNAPSHOT_ROWS
PAGES = """
insert into page_versions by name
select sha256('page:' || a.article_key) as sha256, a.article_key, 'article' as kind,
       a.edition,
       'https://decentralization.gov.ua/' || case when a.edition = 'en' then 'en/' else '' end
           || 'news/' || a.article_id as url,
       a.edition as language,
       case when a.edition = 'en' then 'Community news item number ' || a.article_id
                || ': new school and water supply opened'
            else 'Новина громади № ' || a.article_id || ': відкрито нову школу та водогін' end
           as title,
       a.published_at, true as published_has_time,
       case when hash(a.i, 'src') % 4 = 0 then 'Прес-служба ОДА' end as source,
       s.views, a.tags, a.oblasts, h.hromadas, a.donors, a.international_support,
       h.twinning, (2000 + hash(a.i, 'b') % 8000)::integer as body_chars, a.fingerprint,
       s.observed_at, 1 as run_id
from art a
join art_hr h using (article_key)
join {snapshots} s on s.article_key = a.article_key and s.origin = 'article'
"""

RAW_FILES = """
insert into raw_files
select *, sha_key(sha256) from (
    select sha256, 'news/' || article_key || '.html', 60000, url, observed_at, 'manifest',
           'article', 1
    from page_versions
    union all
    select sha256, 'listing/' || sha256 || '.html', 90000, null, min(observed_at), 'manifest',
           'listing', 1
    from view_snapshots where origin = 'listing' group by sha256
)
"""


def generate_articles(con: duckdb.DuckDBPyConnection, n: int, step: Any) -> int:
    """The temp tables art and art_hr (needs the reference tables and tags_csv in con)."""
    days = (TODAY - date.fromisoformat(START_DAY)).days
    step("macros", MACROS)
    step("articles", ARTICLES.format(start=START_DAY, days=days, n=n, vocab=2 * n))
    step("hromadas", HROMADAS)
    # Listing pages of ~30 items: a crawl day sees about n * 100 / days snapshots.
    return max(1, n * 100 // days // 30)


def build(scale: str, threads: int | None = None) -> dict:
    """Generate the base database of a scale; return what it measured."""
    from etl import __version__, load, reference_tables
    from etl.sql_files import statements

    settings = common.settings_for(scale)
    out = common.scale_dir(scale)
    out.mkdir(parents=True, exist_ok=True)
    target = common.base_file(scale)
    for p in (target, target.with_name(target.name + ".wal")):
        p.unlink(missing_ok=True)
    n = SCALES[scale]
    cutoff = TODAY - timedelta(days=WEEK)
    steps: dict[str, float] = {}
    con = duckdb.connect(str(target), config=common.duckdb_config(threads))
    con.execute("set TimeZone = 'Europe/Kyiv'")

    def step(name: str, sql: str) -> None:
        t = time.perf_counter()
        con.execute(sql)
        steps[name] = steps.get(name, 0.0) + time.perf_counter() - t

    for sql in statements("schema.sql"):
        con.execute(sql)
    reference_tables.refresh(con, settings)
    tags_csv = settings.reference_dir / "tags.csv"
    step("reference", f"create temp table tags_csv as from read_csv('{tags_csv}')")
    pages = generate_articles(con, n, step)
    # In chunks by publication year: memory stays bounded and the table comes out roughly in
    # time order, as weekly loads append it.
    for year in YEAR_CHUNKS:
        step(
            "view_snapshots",
            SNAPSHOTS.format(
                horizon=HORIZON_DAYS,
                articles=f"year(a.pub_day) = {year}",
                lo=START_DAY,
                hi=cutoff.isoformat(),
                pages=pages,
            ),
        )
    step("page_versions", PAGES.format(snapshots="view_snapshots"))
    step("raw_files", RAW_FILES)
    # By name: the counters default to 0, and columns added later (manifest_bytes) to NULL.
    con.execute(
        "insert into load_runs (run_id, command, started_at, finished_at) "
        "values (1, 'demo', now(), now())"
    )
    con.execute("checkpoint")
    facts_s = sum(steps.values())

    # The derive, exactly as etl.load._write runs it after a rebuild.
    t0 = time.perf_counter()
    derive: dict[str, float] = {}
    con.execute("create or replace temp table affected (article_key varchar primary key)")
    con.execute("insert into affected select distinct article_key from page_versions")
    # derive.sql reads the snapshots a load added from load_snapshots (etl.load._write fills
    # it); in a full build every stored snapshot is new. A view: no copy of 100 million rows.
    con.execute(
        "create or replace temp view load_snapshots as "
        "select article_key, observed_at, views from view_snapshots"
    )
    for sql in statements("derive.sql"):
        t = time.perf_counter()
        con.execute(sql)
        head = " ".join(sql.split("\n")[-1 if sql.startswith("--") else 0].split()[:4])
        derive[head] = derive.get(head, 0.0) + time.perf_counter() - t
    t = time.perf_counter()
    load._link_stories(con)
    derive["link stories"] = time.perf_counter() - t
    for sql in statements("views.sql"):
        con.execute(sql)
    con.execute("delete from schema_info")
    con.execute("insert into schema_info values (?, ?)", [load.SCHEMA_VERSION, __version__])
    t = time.perf_counter()
    con.execute("checkpoint")
    derive["checkpoint"] = time.perf_counter() - t
    derive_s = time.perf_counter() - t0

    counts = {
        table: con.execute(f"select count(*) from {table}").fetchone()[0]  # type: ignore[index]
        for table in (
            "page_versions",
            "view_snapshots",
            "raw_files",
            "articles",
            "view_intervals",
            "rollup_views_daily",
            "stories",
        )
    }
    con.close()
    common.point_at_base(scale)
    size = target.stat().st_size
    return {
        "articles": counts["articles"],
        "counts": counts,
        "facts_s": facts_s,
        "facts_steps_s": steps,
        "derive_s": derive_s,
        "derive_steps_s": derive,
        "file_bytes": size,
        "bytes_per_article": size / max(counts["articles"], 1),
        "snapshots_per_article": counts["view_snapshots"] / max(counts["articles"], 1),
        "snapshot_primary_key": False,  # schema.sql has none since SCHEMA_VERSION 2
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", choices=SCALES, default="small")
    ap.add_argument("--force", action="store_true", help="rebuild even if it exists")
    ap.add_argument("--threads", type=int, default=None)
    args = ap.parse_args()
    if common.base_file(args.scale).exists() and not args.force:
        print(f"{common.base_file(args.scale)} exists (use --force to rebuild)")
        common.point_at_base(args.scale)
        return
    started = time.perf_counter()
    result = build(args.scale, args.threads)
    result["total_s"] = time.perf_counter() - started
    common.save("scale", args.scale, result)
    c = result["counts"]
    print(
        f"{args.scale}: {c['articles']:,} articles, {c['view_snapshots']:,} snapshots "
        f"({result['snapshots_per_article']:.0f}/article), {c['view_intervals']:,} intervals, "
        f"{c['rollup_views_daily']:,} rollup rows"
    )
    print(
        f"  facts {result['facts_s']:.1f} s, derive (full load's derive) "
        f"{result['derive_s']:.1f} s, file {result['file_bytes'] / 2**20:.0f} MiB "
        f"= {result['bytes_per_article']:.0f} B/article, peak RSS {common.peak_rss_mb():.0f} MiB"
    )
    for name, secs in {**result["facts_steps_s"], **result["derive_steps_s"]}.items():
        print(f"    {name:<40}{secs:8.2f} s")


if __name__ == "__main__":
    main()
