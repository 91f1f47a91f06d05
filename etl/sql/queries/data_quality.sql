-- description: The state of the whole database: articles without region or tags, view counters that went down, quarantined pages, the last load (time, command, run id: which generation a reader saw) and whether demo data was loaded.
-- params:
-- columns: articles, no_region, no_tags, counters_down, quarantined, last_load_at, last_load_command, last_run_id, demo_loaded, data_start, data_end
-- One aggregate per table (each scalar subquery is a pipeline of its own: eleven cost ~40 ms
-- at 1M articles, four ~10 ms).
with a as (
    select count(*) as articles, count(*) filter (where len(oblasts) = 0) as no_region,
           count(*) filter (where len(tags) = 0) as no_tags, min(published_date) as data_start
    from articles
),
r as (
    select max(coalesce(finished_at, started_at)) as last_load_at,
           arg_max(command, run_id) as last_load_command, max(run_id) as last_run_id,
           count(*) filter (where command = 'demo') > 0 as demo_loaded
    from load_runs
)
select a.articles, a.no_region, a.no_tags,
       (select coalesce(sum(counters_down), 0) from rollup_daily) as counters_down,
       (select count(*) from quarantine) as quarantined,
       r.last_load_at, r.last_load_command, r.last_run_id, r.demo_loaded, a.data_start,
       (select max(end_day) from view_intervals) as data_end
from a, r
