-- description: The state of the whole database: articles without region or tags, view counters that went down, quarantined pages, the last load (time, command, run id: which generation a reader saw) and whether demo data was loaded.
-- params:
-- columns: articles, no_region, no_tags, counters_down, quarantined, last_load_at, last_load_command, last_run_id, demo_loaded, data_start, data_end
select
    (select count(*) from articles) as articles,
    (select count(*) from articles where len(oblasts) = 0) as no_region,
    (select count(*) from articles where len(tags) = 0) as no_tags,
    (select coalesce(sum(counters_down), 0) from rollup_daily) as counters_down,
    (select count(*) from quarantine) as quarantined,
    (select max(coalesce(finished_at, started_at)) from load_runs) as last_load_at,
    (select arg_max(command, run_id) from load_runs) as last_load_command,
    (select max(run_id) from load_runs) as last_run_id,
    (select count(*) > 0 from load_runs where command = 'demo') as demo_loaded,
    (select min(published_date) from articles) as data_start,
    (select max(end_day) from view_intervals) as data_end
