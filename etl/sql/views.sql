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
with pairs as (
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
group by all
)
-- The side by its register name (mentions write it in any case: "з Літинською громадою").
select p.*,
       coalesce(h.name_uk || ' ' || coalesce(h.type || ' ', '') || 'громада',
                o.name_uk || case when o.name_uk like '%ька' then ' область' else '' end,
                p.ukrainian) as ukrainian_name_uk,
       coalesce(h.name_en || ' hromada', o.name_en, p.ukrainian) as ukrainian_name_en
from pairs p
left join hromadas h on h.hromada_code = p.hromada_code
left join oblasts o on p.hromada_code is null and o.oblast_iso = p.ukrainian_key;

-- Articles naming a donor, with the donor's country.
create or replace view donor_articles as
select ad.donor, d.country as donor_country, d.kind as donor_kind, a.article_key,
       a.edition, a.published_date, a.oblasts, a.views, a.article_no
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

-- Whether an article's attributes pass the dashboard's non-date filters.
create or replace macro article_matches(a_edition, a_oblasts, a_hromadas, a_tags,
                                        p_edition, p_oblasts, p_hromada, p_tags) as
    (p_edition is null or a_edition = p_edition)
    and (len(p_oblasts) = 0 or list_has_any(a_oblasts, p_oblasts))
    and (p_hromada is null or list_contains(a_hromadas, p_hromada))
    and (len(p_tags) = 0 or list_has_any(a_tags, p_tags));

-- Articles matching the dashboard's non-date filters.
create or replace macro matching_articles(p_edition, p_oblasts, p_hromada, p_tags) as table
select * from articles
where article_matches(edition, oblasts, hromadas, tags, p_edition, p_oblasts, p_hromada, p_tags);

-- Whether no non-date filter is set, so every article matches. A per-article query can then
-- skip joining matching_articles, which probes every article (~20 ms at 1M articles).
create or replace macro no_filters(p_edition, p_oblasts, p_hromada, p_tags) as
    p_edition is null and len(p_oblasts) = 0 and p_hromada is null and len(p_tags) = 0;

-- views_within(...) is defined in schema.sql: derive.sql (recent_views) uses it too.

-- Views each article gained in [p_start, p_end) (Kyiv days, end exclusive).
create or replace macro views_in_period(p_start, p_end) as table
select article_key, sum(views_within(start_day, end_day, days, views, p_start, p_end)) as views
from view_intervals
where end_day >= p_start::date and start_day < p_end::date
group by article_key;

-- The same by article_no (articles.article_no): what the dashboard's queries join on.
create or replace macro period_views(p_start, p_end) as table
select article_no, sum(views_within(start_day, end_day, days, views, p_start, p_end)) as views
from view_intervals
where end_day >= p_start::date and start_day < p_end::date
group by article_no;

-- period_views of every article when p_all, else of the articles in p_articles (an INTEGER[]
-- of article_no) only: a filtered question reads only its own articles' intervals instead of
-- every article's (a year filtered by a tag at 1M articles: readership_by_tag 290 -> 120 ms).
-- Callers pass no_filters(...) as p_all, a constant, so DuckDB drops the branch not taken
-- and never builds the list when every article matches.
create or replace macro period_views_of(p_start, p_end, p_all, p_articles) as table
select * from period_views(p_start, p_end) where p_all
union all
select article_no, sum(views_within(start_day, end_day, days, views, p_start, p_end)) as views
from view_intervals
where not p_all and end_day >= p_start::date and start_day < p_end::date
  and article_no in (select unnest(p_articles))
group by article_no;

-- The matching articles that name a donor (about one in eight) and were published or read in
-- [p_start, p_end): their distinct donors, whether published in it, the views gained in it.
-- Only their own intervals are read (period_views_of; every article's period views, then a
-- join, cost ~10 ms more at 1M articles). The donors and donor_countries queries aggregate it.
create or replace macro period_donor_articles(p_start, p_end, p_edition, p_oblasts,
                                              p_hromada, p_tags) as table
with m as (
    select article_no, published_date, donors
    from matching_articles(p_edition, p_oblasts, p_hromada, p_tags)
    where len(donors) > 0
),
select m.article_no, list_distinct(m.donors) as donors,
       m.published_date >= p_start::date and m.published_date < p_end::date as published,
       coalesce(g.views, 0) as views
from m
left join period_views_of(p_start, p_end, false, (select list(article_no) from m)) g
    using (article_no)
where (m.published_date >= p_start::date and m.published_date < p_end::date) or g.views > 0;

-- Views gained (and articles published, except from the region-set rollup) per Kyiv day,
-- edition and support flag in [p_start, p_end) by the articles matching the filters a rollup
-- answers: none, one oblast, one tag, or several oblasts; with a hromada, an oblast and a tag,
-- or several tags it returns nothing (dashboard/data.py then reads view_intervals). Each
-- branch reads only the period's row groups of its rollup.
create or replace macro rollup_matching(p_start, p_end, p_edition, p_oblasts, p_tags) as table
select day, edition::varchar as edition, international_support, views, articles
from rollup_daily
where len(p_oblasts) = 0 and len(p_tags) = 0
  and day >= p_start::date and day < p_end::date and (p_edition is null or edition = p_edition)
union all
select day, edition::varchar, international_support, views, articles
from rollup_daily_oblast
where len(p_oblasts) = 1 and len(p_tags) = 0 and oblast_iso = p_oblasts[1]
  and day >= p_start::date and day < p_end::date and (p_edition is null or edition = p_edition)
union all
select day, edition::varchar, international_support, views, articles
from rollup_daily_tag
where len(p_oblasts) = 0 and len(p_tags) = 1 and tag = p_tags[1]
  and day >= p_start::date and day < p_end::date and (p_edition is null or edition = p_edition)
union all
select day, coalesce(edition, 'reprint'), international_support, views, null
from rollup_views_daily
where len(p_oblasts) > 1 and len(p_tags) = 0
  and list_has_any(string_split(oblasts_key, ','), p_oblasts)
  and day >= p_start::date and day < p_end::date and (p_edition is null or edition = p_edition);

-- Matching articles that were published in [p_start, p_end) or gained views in it, with the
-- views they gained (edition 'reprint' for pages elsewhere): the rows per-edition questions
-- (readership_by_edition, support_coverage) aggregate.
create or replace macro period_articles(p_start, p_end, p_edition, p_oblasts, p_hromada,
                                        p_tags) as table
select coalesce(m.edition, 'reprint') as edition, m.article_key, m.international_support,
       m.published_date >= p_start::date and m.published_date < p_end::date as published,
       coalesce(v.views, 0) as views
from matching_articles(p_edition, p_oblasts, p_hromada, p_tags) m
left join views_in_period(p_start, p_end) v using (article_key)
where (m.published_date >= p_start::date and m.published_date < p_end::date) or v.views > 0;

-- The headline numbers of kpis.sql that need each article: matching articles published in
-- [p_start, p_end), the median of the views each gained in it, their share with international
-- support, and the twinning mentions they hold. Only their own intervals are read.
create or replace macro published_kpis(p_start, p_end, p_edition, p_oblasts, p_hromada,
                                       p_tags) as table
with published as (
    select article_key, article_no, international_support
    from matching_articles(p_edition, p_oblasts, p_hromada, p_tags)
    where published_date >= p_start::date and published_date < p_end::date
),
per_article as (
    select p.international_support, coalesce(g.views, 0) as views
    from published p
    left join period_views_of(p_start, p_end, false, (select list(article_no) from published)) g
        using (article_no)
)
-- One aggregate over per_article (a scalar subquery per figure costs a pipeline each).
select count(*) as articles, median(views) as median_views,
       avg(international_support::integer) as support_share,
       -- A mention carries its article's publish date: mentions in the period are those of
       -- the published articles.
       (select count(*) from twinning_mentions
        where article_key in (select article_key from published)) as twinning_events
from per_article;
