-- Recompute the derived tables for the articles in the temp table `affected(article_key)`.
-- Run by the loader after every load inside the new generation's transaction; a rebuild
-- simply marks every article affected. Statements are separated by lines of ';'.

-- What the rollup held for the affected articles before this load: their intervals with the
-- group they counted in. Compared below with what they hold after it, to find the first day
-- whose views can have changed; the rollup is recomputed from that day on only.
create or replace temp table rollup_before as
select g.edition, g.oblasts_key, g.international_support, i.start_day, i.end_day, i.views,
       i.days
from view_intervals i
join (select article_key, edition, array_to_string(list_sort(oblasts), ',') as oblasts_key,
             international_support
      from articles where article_key in (select article_key from affected)) g
    using (article_key);
;

delete from articles where article_key in (select article_key from affected);
insert into articles
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
    from view_snapshots where article_key in (select article_key from affected)
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
    p.body_chars
from affected a
left join page p using (article_key)
left join listed l using (article_key)
left join best_date d using (article_key)
left join seen s using (article_key)
where p.article_key is not null or l.article_key is not null;
;
delete from article_tags where article_key in (select article_key from affected);
insert into article_tags
select distinct article_key, unnest(tags) from articles
where article_key in (select article_key from affected);
;
delete from article_oblasts where article_key in (select article_key from affected);
insert into article_oblasts
select distinct article_key, unnest(oblasts) from articles
where article_key in (select article_key from affected);
;
delete from article_hromadas where article_key in (select article_key from affected);
insert into article_hromadas
select distinct article_key, unnest(hromadas) from articles
where article_key in (select article_key from affected);
;
delete from article_donors where article_key in (select article_key from affected);
insert into article_donors
select distinct article_key, unnest(donors) from articles
where article_key in (select article_key from affected);
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
delete from view_intervals where article_key in (select article_key from affected);
insert into view_intervals
with points as (
    select article_key, observed_at as seen_at, views from view_snapshots
    where article_key in (select article_key from affected)
    union all
    select article_key, published_at, 0 from articles
    where article_key in (select article_key from affected) and published_at is not null
),
ordered as (
    select article_key, seen_at, views,
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
    from ordered where prev_at is not null
)
select article_key, start_day, end_day, date_diff('day', start_day, end_day) + 1,
       gained, decreased
from spans where gained > 0 or decreased
order by end_day, article_key;
;
-- The rollup is updated from `since`, the first day any affected article's intervals or group
-- changed (NULL: nothing changed; a first load or a rebuild starts from the first interval).
-- Days before it keep their rows: no interval that starts earlier was added, removed or moved.
-- For the days from `since` on, each interval overlapping them adds its daily rate from
-- greatest(start_day, since) and removes it after end_day; a running sum over days turns those
-- steps into daily views in O(intervals + days). Intervals are sorted by end_day, so the scan
-- of those ending on or after `since` reads little more than the load's own.
create or replace temp table rollup_since as
with after as (
    select g.edition, g.oblasts_key, g.international_support, i.start_day, i.end_day,
           i.views, i.days
    from view_intervals i
    join (select article_key, edition, array_to_string(list_sort(oblasts), ',') as oblasts_key,
                 international_support
          from articles where article_key in (select article_key from affected)) g
        using (article_key)
),
changed as (
    (select * from rollup_before except all select * from after)
    union all
    (select * from after except all select * from rollup_before)
)
select min(start_day) as since from changed;
;
delete from rollup_views_daily where day >= (select since from rollup_since);
;
insert into rollup_views_daily
with groups as (
    select article_key, edition, array_to_string(list_sort(oblasts), ',') as oblasts_key,
           international_support
    from articles
),
recent as (
    select g.edition, g.oblasts_key, g.international_support,
           greatest(i.start_day, s.since) as start_day, i.end_day, i.views / i.days as rate
    from view_intervals i
    join rollup_since s on i.end_day >= s.since
    join groups g using (article_key)
),
steps as (
    select edition, oblasts_key, international_support, start_day as day, rate as delta
    from recent
    union all
    select edition, oblasts_key, international_support, end_day + 1, -rate
    from recent
),
per_day as (
    select edition, oblasts_key, international_support, day, sum(delta) as delta
    from steps group by all
),
bounds as (
    select edition, oblasts_key, international_support, min(day) as first_day,
           max(day) as last_day
    from per_day group by all
),
calendar as (
    select b.edition, b.oblasts_key, b.international_support, unnest(generate_series(b.first_day, b.last_day, interval 1 day))::date as day
    from bounds b
),
filled as (
    select c.edition, c.oblasts_key, c.international_support, c.day,
           sum(coalesce(p.delta, 0)) over (
               partition by c.edition, c.oblasts_key, c.international_support order by c.day
           ) as views
    from calendar c
    left join per_day p using (edition, oblasts_key, international_support, day)
)
select day, edition, oblasts_key, international_support, round(views, 6)
from filled where round(views, 6) > 0
order by day, edition, oblasts_key;
