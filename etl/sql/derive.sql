-- Recompute the derived tables for the articles in the temp table `affected(article_key)`.
-- Run by the loader after every load inside the new generation's transaction; a rebuild
-- simply marks every article affected. Statements are separated by lines of ';'.

-- An affected article's rollup groups: a hash of every attribute a rollup splits by (and
-- its publish day, where its publication counts).
create or replace temp macro rollup_groups(edition, oblasts, tags, international_support,
                                          published_date) as
hash(coalesce(edition, 'reprint'), list_sort(oblasts), list_sort(tags), international_support,
     published_date);
;
create or replace temp macro affected_rollup_groups() as table
select article_no, published_date,
       rollup_groups(edition, oblasts, tags, international_support, published_date) as groups
from articles where article_key in (select article_key from affected);
;
-- article_no: a stable integer per article, the key the dashboard's queries join on (a hash
-- join on it is several times faster than on the VARCHAR key at a million articles). A file
-- from before schema 3 numbers its rows once here; an article keeps its number, a new one
-- takes the next free numbers.
update articles set article_no = n.no
from (select article_key,
             (select coalesce(max(article_no), 0) from articles)
             + row_number() over (order by article_key) as no
      from articles where article_no is null) n
where articles.article_key = n.article_key;
;
update view_intervals set article_no = a.article_no
from articles a
where view_intervals.article_no is null and view_intervals.article_key = a.article_key;
;
create or replace temp table groups_before as
select article_no, groups from affected_rollup_groups();
;
-- caught_up_numbers: the numbers a reused older generation's catch-up (etl/sql/catch_up.sql)
-- takes from the current one for articles it lacks, so it numbers as the copy would.
create temp table if not exists caught_up_numbers (article_key varchar, article_no integer);
;
create or replace temp table article_numbers as
select f.article_key,
       coalesce(a.article_no, c.article_no,
                (select coalesce(max(article_no), 0)
                 from (select article_no from articles
                       union all select article_no from caught_up_numbers))
                + row_number() over (partition by coalesce(a.article_no, c.article_no) is null
                                     order by f.article_key))::integer as article_no
from affected f
left join articles a using (article_key)
left join caught_up_numbers c using (article_key);
;

-- The affected articles as they were before this load. With load_snapshots (the snapshots
-- this load added; facts are append-only) they give the counters' totals and, for an article
-- whose new readings all come after its last one, its new intervals, without reading the
-- ~100 snapshots per article stored before (100 million rows at 1,000,000 articles).
create or replace temp table articles_before as
select article_key, published_at, views, first_observed_at, last_observed_at from articles
where article_key in (select article_key from affected);
;
-- The affected articles' rows as this load derives them (named and typed as `articles`).
create or replace temp table articles_new as from articles limit 0;
;
insert into articles_new
with
pv as (
    select * from page_versions where article_key in (select article_key from affected)
),
li as (
    select * from listing_items where article_key in (select article_key from affected)
),
dates as (
    -- Publish time: a page's date line with a time, then a listing's, then a date alone.
    select article_key, published_at, published_has_time,
           (case when published_has_time then 2 else 0 end) + 1 as score, observed_at
    from pv where published_at is not null
    union all
    select article_key, published_at, published_has_time,
           (case when published_has_time then 2 else 0 end), observed_at
    from li where published_at is not null
),
best_date as (
    select article_key,
           arg_max(published_at, (score, observed_at)) as published_at,
           arg_max(published_has_time, (score, observed_at)) as published_has_time
    from dates group by article_key
),
page as (
    select article_key,
           any_value(kind) as kind,
           arg_max(edition, observed_at) filter (where edition is not null) as edition,
           arg_max(url, observed_at) filter (where url is not null) as url,
           arg_max(title, observed_at) filter (where title is not null) as title,
           arg_max(source, observed_at) filter (where source is not null) as source,
           arg_max(tags, observed_at) filter (where len(tags) > 0) as tags,
           arg_max(oblasts, observed_at) filter (where len(oblasts) > 0) as oblasts,
           arg_max(hromadas, observed_at) filter (where len(hromadas) > 0) as hromadas,
           -- What the text says: from the fullest rendering of the story.
           arg_max(language, (body_chars, observed_at)) as language,
           arg_max(donors, (body_chars, observed_at)) as donors,
           arg_max(international_support, (body_chars, observed_at)) as international_support,
           arg_max(len(twinning), (body_chars, observed_at)) as twinning_count,
           arg_max(fingerprint, (body_chars, observed_at)) as fingerprint,
           max(body_chars) as body_chars,
           count(*) as versions
    from pv group by article_key
),
listed as (
    select article_key,
           arg_max(title, observed_at) filter (where title is not null) as title,
           arg_max(tags, observed_at) filter (where len(tags) > 0) as tags,
           arg_max(oblasts, observed_at) filter (where len(oblasts) > 0) as oblasts,
           count(*) as sightings
    from li group by article_key
),
seen as (
    select article_key, max(views) as views, min(observed_at) as first_observed_at,
           max(observed_at) as last_observed_at
    from (select article_key, observed_at, views from load_snapshots
          where article_key in (select article_key from affected)
          union all
          select article_key, first_observed_at, views from articles_before
          union all
          select article_key, last_observed_at, views from articles_before)
    group by article_key
)
select
    a.article_key,
    coalesce(p.edition, case when a.article_key like 'en:%' then 'en'
                             when a.article_key like 'uk:%' then 'uk' end),
    try_cast(regexp_extract(a.article_key, '^(en|uk):(\d+)$', 2) as integer),
    coalesce(p.kind, 'article'),
    coalesce(p.url, case when a.article_key like 'en:%'
                         then 'https://decentralization.gov.ua/en/news/' || split_part(a.article_key, ':', 2)
                         when a.article_key like 'uk:%'
                         then 'https://decentralization.gov.ua/news/' || split_part(a.article_key, ':', 2) end),
    p.language,
    coalesce(p.title, l.title),
    d.published_at,
    d.published_has_time,
    timezone('Europe/Kyiv', d.published_at)::date,
    p.source,
    coalesce(p.tags, l.tags, []::varchar[]),
    coalesce(p.oblasts, l.oblasts, []::varchar[]),
    coalesce(p.hromadas, []::varchar[]),
    coalesce(p.donors, []::varchar[]),
    coalesce(p.international_support, false),
    coalesce(p.twinning_count, 0),
    s.views,
    s.first_observed_at,
    s.last_observed_at,
    coalesce(p.versions, 0) + coalesce(l.sightings, 0),
    p.fingerprint,
    p.body_chars,
    n.article_no
from affected a
join article_numbers n using (article_key)
left join page p using (article_key)
left join listed l using (article_key)
left join best_date d using (article_key)
left join seen s using (article_key)
where p.article_key is not null or l.article_key is not null;
;
-- How each affected article's intervals are brought up to date: 'append' when its date is
-- unchanged and every new reading comes after its last one (the intervals so far stay; the
-- new ones start from its last reading, at the highest count so far), 'new' when it had no
-- readings before (all are this load's), else 'rescan' all its snapshots.
create or replace temp table interval_mode as
with fresh as (
    select article_key, min(observed_at) as first_new from load_snapshots group by article_key
)
select f.article_key,
       case when b.last_observed_at is null then 'new'
            when a.published_at is not distinct from b.published_at
                 and (a.published_at is null or a.published_at <= b.last_observed_at)
                 and (n.first_new is null or n.first_new > b.last_observed_at)
            then 'append'
            else 'rescan' end as mode
from affected f
left join articles_before b using (article_key)
left join articles_new a using (article_key)
left join fresh n using (article_key);
;
-- An appended article whose groups did not change keeps every earlier interval and its
-- publication: its rollup inputs change exactly by its new intervals. Most of a weekly
-- crawl's articles are such; only the others' rollup inputs are compared row by row, so only
-- theirs are taken before this load (reading all of them cost ~0.4 s at 1M articles).
create or replace temp table appended as
select n.article_no
from interval_mode m
join articles_new n using (article_key)
join groups_before b using (article_no)
where m.mode = 'append'
  and b.groups = rollup_groups(n.edition, n.oblasts, n.tags, n.international_support,
                               n.published_date);
;
-- The rollup inputs of an affected article that is not a plain append (not in `appended`):
-- its intervals and its publication (a row of 0 views over 0 days) with its groups, folded
-- into one 64-bit hash per row and keyed by article_no: comparing (integer, day, hash) rows,
-- where comparing the keys and lists themselves cost 25 s per weekly load at 1M articles (a
-- hash collision could only hide a change: 2^-64). Taken before this load (rollup_before) and
-- after it (rollup_since) to find the first day whose rollup rows can have changed; the
-- rollups are recomputed from that day on only.
create or replace temp macro compared_rollup_inputs() as table
with g as (from affected_rollup_groups()
           where article_no not in (select article_no from appended))
select g.article_no, i.start_day, hash(g.groups, i.views, i.days) as h
from view_intervals i join g using (article_no)
union all
select article_no, published_date, hash(groups, 0::double, 0::integer)
from g where published_date is not null;
;
create or replace temp table rollup_before as from compared_rollup_inputs();
;
-- A listing sighting changes only an article's counters (views, first and last observation,
-- versions): those rows are updated in place. Rewriting them (delete and insert) cost ~4 s per
-- weekly load at 1M articles and made the checkpoint rewrite the table and its key index.
-- Rows whose other columns changed, new rows and vanished ones are rewritten.
create or replace temp table articles_rewritten as
select coalesce(n.article_key, a.article_key) as article_key
from articles_new n
full join (select * from articles where article_key in (select article_key from affected)) a
    using (article_key)
where a.article_key is null or n.article_key is null
   or row(n.edition, n.article_id, n.kind, n.url, n.language, n.title, n.published_at,
          n.published_has_time, n.published_date, n.source, n.tags, n.oblasts, n.hromadas,
          n.donors, n.international_support, n.twinning_count, n.fingerprint, n.body_chars,
          n.article_no)
      is distinct from
      row(a.edition, a.article_id, a.kind, a.url, a.language, a.title, a.published_at,
          a.published_has_time, a.published_date, a.source, a.tags, a.oblasts, a.hromadas,
          a.donors, a.international_support, a.twinning_count, a.fingerprint, a.body_chars,
          a.article_no);
;
update articles
set views = n.views, first_observed_at = n.first_observed_at,
    last_observed_at = n.last_observed_at, versions = n.versions
from articles_new n
where articles.article_key = n.article_key
  and n.article_key not in (select article_key from articles_rewritten);
;
delete from articles where article_key in (select article_key from articles_rewritten);
;
insert into articles
select * from articles_new where article_key in (select article_key from articles_rewritten)
-- Sorted by publish day, so "published in a period" reads only that period's row groups.
order by published_date nulls first, article_key;
;
delete from article_tags where article_key in (select article_key from articles_rewritten);
insert into article_tags
select distinct article_key, unnest(tags) from articles
where article_key in (select article_key from articles_rewritten);
;
delete from article_oblasts where article_key in (select article_key from articles_rewritten);
insert into article_oblasts
select distinct article_key, unnest(oblasts) from articles
where article_key in (select article_key from articles_rewritten);
;
delete from article_hromadas where article_key in (select article_key from articles_rewritten);
insert into article_hromadas
select distinct article_key, unnest(hromadas) from articles
where article_key in (select article_key from articles_rewritten);
;
delete from article_donors where article_key in (select article_key from articles_rewritten);
insert into article_donors
select distinct article_key, unnest(donors) from articles
where article_key in (select article_key from articles_rewritten);
;
delete from twinning_mentions where article_key in (select article_key from affected);
insert into twinning_mentions
with best as (
    select article_key, arg_max(twinning, (body_chars, observed_at)) as twinning
    from page_versions where article_key in (select article_key from affected)
    group by article_key
),
pairs as (
    select article_key, unnest(twinning) as t, generate_subscripts(twinning, 1) as position
    from best
)
select p.article_key, p.position, t.ukrainian, t.ukrainian_code,
       case when length(t.ukrainian_code) = 19 then t.ukrainian_code end,
       coalesce(h.oblast_iso, o.oblast_iso,
                case when t.ukrainian_code like 'UA-%' then t.ukrainian_code end, a.oblasts[1]),
       t.partner, t.partner_normalised, t.country, t.stage, t.sentence,
       a.published_at, a.published_date
from pairs p
join articles a using (article_key)
left join hromadas h on h.hromada_code = t.ukrainian_code
-- Kyiv and Sevastopol are cities of special status: no hromada row, but a KATOTTG prefix.
left join oblasts o on length(t.ukrainian_code) = 19 and o.katottg_prefix = left(t.ukrainian_code, 4);
;
-- Views gained between consecutive observations. The publish time counts as an observation
-- of 0 views; the running maximum makes a counter that went down gain nothing until it
-- passes its old high again, so no view is counted twice and none is negative.
delete from view_intervals
where article_key in (select article_key from interval_mode where mode = 'rescan');
;
create or replace temp table new_intervals as
with points as (
    select article_key, observed_at as seen_at, views, false as seed from view_snapshots
    where article_key in (select article_key from interval_mode where mode = 'rescan')
    union all
    select article_key, observed_at, views, false from load_snapshots
    where article_key in (select article_key from interval_mode where mode <> 'rescan')
    union all
    select article_key, published_at, 0, false from articles
    where article_key in (select article_key from interval_mode where mode <> 'append')
      and published_at is not null
    union all
    -- An appended article's history so far: its last reading's time, the highest count.
    select article_key, last_observed_at, coalesce(views, 0), true from articles_before
    where article_key in (select article_key from interval_mode where mode = 'append')
),
ordered as (
    select article_key, seen_at, views, seed,
           lag(seen_at) over w as prev_at,
           max(views) over (partition by article_key order by seen_at, views
                            rows between unbounded preceding and 1 preceding) as prev_high
    from points
    window w as (partition by article_key order by seen_at, views)
),
spans as (
    select article_key,
           timezone('Europe/Kyiv', prev_at)::date as start_day,
           timezone('Europe/Kyiv', seen_at)::date as end_day,
           greatest(views - prev_high, 0) as gained,
           views < prev_high as decreased
    from ordered where prev_at is not null and not seed
)
select article_key, start_day, end_day, date_diff('day', start_day, end_day) + 1,
       gained, decreased, n.article_no
from spans join article_numbers n using (article_key)
where gained > 0 or decreased;
;
insert into view_intervals from new_intervals order by end_day, article_key;
;
-- The rollups are updated from `since`, the first day any affected article's intervals,
-- publication or groups changed (NULL: nothing changed). Days before it keep their rows: no
-- interval that starts earlier was added, removed or moved. Articles new to the rollups count
-- from their first row without comparing; an empty rollup_daily (a database from before the
-- per-day rollups existed) is filled from the first day.
create or replace temp table rollup_since as
-- compared: the articles other than plain appends that had rollup inputs before
-- (rollup_before holds only theirs), fresh: those new to the rollups.
with compared as (select distinct article_no from rollup_before),
fresh as (select article_no from article_numbers
          where article_no not in (select article_no from compared)
            and article_no not in (select article_no from appended)),
before as (from rollup_before),
after as (from compared_rollup_inputs() where article_no in (select article_no from compared)),
changed as (
    (select * from before except all select * from after)
    union all
    (select * from after except all select * from before)
)
select least(
    (select min(start_day) from changed),
    (select min(start_day) from new_intervals
     where article_no in (select article_no from appended)),
    (select min(start_day) from view_intervals
     where article_no in (select article_no from fresh)),
    (select min(published_date) from articles
     where article_no in (select article_no from fresh)),
    case when not exists (select 1 from rollup_daily)
              or exists (select 1 from rollup_daily where counters_down is null)
         then least((select min(start_day) from view_intervals),
                    (select min(published_date) from articles)) end
) as since;
;
-- From `since` on, each interval overlapping it adds its daily rate from
-- greatest(start_day, since) and removes it after end_day, and each publication counts once;
-- per rollup and group, a running sum over days turns the steps into daily views, in
-- O(intervals + days). One pass serves every rollup: an article contributes to the whole
-- ('day'), to its region set ('set'), and to each of its oblasts and tags.
create or replace temp table rollup_filled as
with steps as (
    select i.article_no, greatest(i.start_day, s.since) as day, i.views / i.days as delta,
           0 as published, 0 as down
    from view_intervals i join rollup_since s on i.end_day >= s.since
    union all
    select i.article_no, i.end_day + 1, -(i.views / i.days), 0, 0
    from view_intervals i join rollup_since s on i.end_day >= s.since
    union all
    select i.article_no, i.end_day, 0, 0, 1
    from view_intervals i join rollup_since s on i.end_day >= s.since
    where i.decreased
    union all
    select a.article_no, a.published_date, 0, 1, 0
    from articles a join rollup_since s on a.published_date >= s.since
),
-- Only the articles with a step from `since` on are split into their parts (unnesting every
-- article's lists cost ~0.25 s at 1M articles); joined on the integer article_no.
parts as (
    select article_no, coalesce(edition, 'reprint') as edition, international_support,
           unnest(list_concat(
               [{'rollup': 'day', 'part': ''},
                {'rollup': 'set', 'part': array_to_string(list_sort(oblasts), ',')}],
               list_transform(list_distinct(oblasts), lambda o: {'rollup': 'oblast', 'part': o}),
               list_transform(list_distinct(tags), lambda t: {'rollup': 'tag', 'part': t})
           )) as p
    from articles
    where article_no in (select article_no from steps)
),
per_day as (
    select g.p.rollup as rollup, g.p.part as part, g.edition, g.international_support, st.day,
           sum(st.delta) as delta, sum(st.published) as published, sum(st.down) as down
    from steps st join parts g using (article_no)
    group by all
),
bounds as (
    select rollup, part, edition, international_support, min(day) as first_day,
           max(day) as last_day
    from per_day group by all
),
calendar as (
    select rollup, part, edition, international_support,
           unnest(generate_series(first_day, last_day, interval 1 day))::date as day
    from bounds
),
filled as (
    select c.rollup, c.part, c.edition, c.international_support, c.day,
           sum(coalesce(p.delta, 0)) over (
               partition by c.rollup, c.part, c.edition, c.international_support order by c.day
           ) as views,
           coalesce(p.published, 0) as articles, coalesce(p.down, 0) as down
    from calendar c
    left join per_day p using (rollup, part, edition, international_support, day)
)
select rollup, part, edition, international_support, day,
       greatest(round(views, 6), 0) as views, articles::integer as articles,
       down::integer as counters_down
from filled where round(views, 6) > 0 or articles > 0 or down > 0;
;
delete from rollup_views_daily where day >= (select since from rollup_since);
;
delete from rollup_daily where day >= (select since from rollup_since);
;
delete from rollup_daily_oblast where day >= (select since from rollup_since);
;
delete from rollup_daily_tag where day >= (select since from rollup_since);
;
insert into rollup_views_daily
select day, nullif(edition, 'reprint'), part, international_support, views
from rollup_filled where rollup = 'set' and views > 0
order by day, edition, part;
;
insert into rollup_daily
select day, edition, international_support, views, articles, counters_down
from rollup_filled where rollup = 'day'
order by day, edition, international_support;
;
insert into rollup_daily_oblast
select day, edition, part, international_support, views, articles
from rollup_filled where rollup = 'oblast' and (views > 0 or articles > 0)
order by day, edition, part;
;
insert into rollup_daily_tag
select day, edition, part, international_support, views, articles
from rollup_filled where rollup = 'tag' and (views > 0 or articles > 0)
order by day, edition, part;
;
drop table rollup_filled;
;
-- The dashboard's default period and the one before it, per article (queries/movers.sql reads
-- it when asked exactly these periods): all of it again, as the last day with data moves
-- (~0.1 s at 1M articles). Rounded to 1e-6 views so that the same intervals give the same
-- rows whatever order the parallel sums ran in.
delete from recent_views;
;
insert into recent_views
with bounds as (
    select max(end_day) + 1 as period_end, max(end_day) - 27 as period_start,
           max(end_day) - 55 as cmp_start
    from view_intervals
)
select i.article_no,
       round(sum(case when i.end_day >= b.period_start
                      then views_within(i.start_day, i.end_day, i.days, i.views,
                                        b.period_start, b.period_end)
                      else 0 end), 6) as views,
       round(sum(case when i.start_day < b.period_start
                      then views_within(i.start_day, i.end_day, i.days, i.views,
                                        b.cmp_start, b.period_start)
                      else 0 end), 6) as views_before,
       any_value(b.period_start), any_value(b.period_end), any_value(b.cmp_start)
from view_intervals i, bounds b
where i.end_day >= b.cmp_start and i.start_day < b.period_end
group by i.article_no
having views > 0 or views_before > 0
order by i.article_no;
