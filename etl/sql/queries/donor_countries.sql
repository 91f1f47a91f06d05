-- description: Per donor country (ISO alpha-2; EU for EU bodies; 'multilateral' when a donor has none): distinct matching articles naming one of its donors published in [start, end), and the views they gained in it (each article once per country).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: donor_country, donors, articles, views
-- The donors are read from articles.donors (the same names as article_donors), so only
-- integer joins are needed; only articles that name a donor are read (about one in eight).
with m as (
    select article_no, published_date, list_distinct(donors) as donors
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    where len(donors) > 0
),
named as (
    select m.article_no, u.donor, coalesce(d.country, 'multilateral') as donor_country
    from m, unnest(m.donors) as u(donor)
    left join donors d using (donor)
),
donor_count as (
    select donor_country, count(distinct donor) as donors from named group by all
),
in_period as (
    select m.article_no,
           m.published_date >= $start and m.published_date < $end as published,
           coalesce(v.views, 0) as views
    from m left join period_views($start, $end) v using (article_no)
    where (m.published_date >= $start and m.published_date < $end) or v.views > 0
),
per_article as (
    select distinct n.donor_country, p.article_no, p.published, p.views
    from in_period p join named n using (article_no)
)
select p.donor_country, any_value(dc.donors) as donors,
       count(*) filter (where published) as articles, sum(views) as views
from per_article p join donor_count dc using (donor_country)
group by p.donor_country
order by views desc, p.donor_country
