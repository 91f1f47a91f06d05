-- Bring a reused older generation up to date with the current one, ATTACHed as `cur`
-- (etl/db.py: copy or catch up). It lacks only whole load runs (the loader checked that its
-- load_runs are the current one's first rows): copy those runs' rows and their facts, which
-- are append-only and belong to exactly one run (a raw file's sha256 names its run), and note
-- the articles they touched for the derive. The result holds the current generation's rows.
create or replace temp table catch_up_files as
select sha256 from cur.raw_files
where run_id > (select coalesce(max(run_id), 0) from load_runs);
;
create or replace temp table caught_up as
select distinct article_key from cur.page_versions
where sha256 in (select sha256 from catch_up_files)
union
select distinct article_key from cur.listing_items
where sha256 in (select sha256 from catch_up_files);
;
insert into raw_files from cur.raw_files where sha256 in (select sha256 from catch_up_files);
;
insert into quarantine from cur.quarantine where sha256 in (select sha256 from catch_up_files);
;
insert into page_versions from cur.page_versions
where sha256 in (select sha256 from catch_up_files);
;
insert into listing_items from cur.listing_items
where sha256 in (select sha256 from catch_up_files);
;
create or replace temp table caught_up_snapshots as
from cur.view_snapshots where sha256 in (select sha256 from catch_up_files);
;
insert into view_snapshots from caught_up_snapshots;
;
insert into load_snapshots select article_key, observed_at, views from caught_up_snapshots;
;
insert into load_runs by name select * from cur.load_runs
where run_id > (select coalesce(max(run_id), 0) from load_runs);
;
-- Articles the reused file lacks keep the current generation's numbers (derive.sql).
create or replace temp table caught_up_numbers as
select article_key, article_no from cur.articles
where article_key in (select article_key from caught_up);
