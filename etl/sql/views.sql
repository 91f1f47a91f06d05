-- Documented views for notebooks and ad hoc SQL (docs/schema.md). They are a public,
-- stable interface: add columns at the end, never rename. Recreated after every load.

-- Articles with their regions, hromadas and story, names resolved in both languages.
create or replace view articles_enriched as
select
    a.article_key, a.edition, a.article_id, a.kind, a.url, a.language, a.title,
    a.published_at, a.published_date, a.published_has_time, a.source, a.tags,
    a.oblasts,
    coalesce(o.oblast_names_uk, []) as oblast_names_uk,
    coalesce(o.oblast_names_en, []) as oblast_names_en,
    a.hromadas,
    coalesce(h.hromada_names_uk, []) as hromada_names_uk,
    a.donors, a.international_support, a.twinning_count, a.views,
    a.first_observed_at, a.last_observed_at,
    s.story_id, s.role as story_role, s.lag_hours as story_lag_hours
from articles a
left join stories s using (article_key)
left join (
    select article_key, list(name_uk order by oblast_iso) as oblast_names_uk,
           list(name_en order by oblast_iso) as oblast_names_en
    from article_oblasts join oblasts using (oblast_iso) group by article_key
) o using (article_key)
left join (
    select article_key, list(name_uk order by hromada_code) as hromada_names_uk
    from article_hromadas join hromadas using (hromada_code) group by article_key
) h using (article_key);

-- Views gained per article per Kyiv day (one row per day an article gained views).
create or replace view daily_views as
select i.article_key, d.day::date as day, sum(i.views / i.days) as views
from view_intervals i,
     lateral (select unnest(generate_series(i.start_day, i.end_day, interval 1 day)) as day) d
group by all;

-- One row per twinning pair, with its latest stage: the stage of its newest mention (an
-- undated mention counts as oldest; on the same day the furthest stage wins).
create or replace view twinning_pairs as
with ranked as (
    select *,
           (coalesce(published_at, timestamptz '1970-01-01 00:00:00+00'),
            case stage when 'signed' then 3 when 'activity' then 2 when 'talks' then 1 else 0 end
           ) as recency
    from twinning_mentions
)
select
    coalesce(ukrainian_code, lower(ukrainian)) as ukrainian_key,
    arg_max(ukrainian, recency) as ukrainian,
    any_value(hromada_code) as hromada_code,
    arg_max(oblast_iso, recency) as oblast_iso,
    lower(partner_normalised) as partner_key,
    arg_max(partner_normalised, recency) as partner,
    arg_max(country, recency) as country,
    arg_max(stage, recency) as latest_stage,
    min(published_date) as first_mentioned,
    max(published_date) as last_mentioned,
    count(distinct article_key) as articles,
    list(distinct stage order by stage) as stages_seen
from ranked
group by all;

-- Articles naming a donor, with the donor's country.
create or replace view donor_articles as
select ad.donor, d.country as donor_country, d.kind as donor_kind, a.article_key,
       a.edition, a.published_date, a.oblasts, a.views
from article_donors ad
join articles a using (article_key)
left join donors d using (donor);

-- View counters that went down: kept, never dropped, shown for review.
create or replace view view_anomalies as
select i.article_key, a.title, i.end_day as day, i.decreased
from view_intervals i join articles a using (article_key)
where i.decreased;

-- One row per story: its editions and reprints, and the views they gathered together.
create or replace view story_readership as
select s.story_id,
       any_value(a.title) filter (where s.role = 'original') as title,
       count(*) as pages,
       bool_or(a.edition = 'en') as has_english,
       max(s.lag_hours) filter (where s.role = 'translation') as english_lag_hours,
       count(*) filter (where s.role = 'reprint') as reprints,
       sum(coalesce(a.views, 0)) as views
from stories s join articles a using (article_key)
group by s.story_id;

-- ---------------------------------------------------------------------------------------
-- Table macros shared by the named queries (etl/sql/queries/), so the filter logic and the
-- period arithmetic exist once. Parameters: edition NULL = both; empty lists = all.
-- ---------------------------------------------------------------------------------------

-- Articles matching the dashboard's non-date filters.
create or replace macro matching_articles(p_edition, p_oblasts, p_hromada, p_tags) as table
select * from articles
where (p_edition is null or edition = p_edition)
  and (len(p_oblasts) = 0 or list_has_any(oblasts, p_oblasts))
  and (p_hromada is null or list_contains(hromadas, p_hromada))
  and (len(p_tags) = 0 or list_has_any(tags, p_tags));

-- Views each article gained in [p_start, p_end) (Kyiv days, end exclusive).
create or replace macro views_in_period(p_start, p_end) as table
select article_key,
       sum(views * (date_diff('day', greatest(start_day, p_start::date),
                              least(end_day, p_end::date - 1)) + 1) / days) as views
from view_intervals
where end_day >= p_start::date and start_day < p_end::date
group by article_key;
