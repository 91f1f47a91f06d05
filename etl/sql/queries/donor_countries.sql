-- description: Per donor country (ISO alpha-2; EU for EU bodies; 'multilateral' when a donor has none): distinct matching articles naming one of its donors published in [start, end), the views they gained in it (each article once per country), and how many distinct donors of the country those articles (published or read in the period) name.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: donor_country, donors, articles, views
-- The donors are read from articles.donors (the same names as article_donors). Only the
-- articles that name a donor (about one in eight) and were published or read in the period
-- are unnested: unnesting every matching article's donors cost 0.3 s at 1M articles.
with m as (
    select article_no, published_date, donors
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    where len(donors) > 0
),
in_period as (
    select m.article_no, m.donors,
           m.published_date >= $start and m.published_date < $end as published,
           coalesce(v.views, 0) as views
    from m left join period_views($start, $end) v using (article_no)
    where (m.published_date >= $start and m.published_date < $end) or v.views > 0
),
named as (
    select p.article_no, p.published, p.views, p.donor,
           coalesce(d.country, 'multilateral') as donor_country
    from (select *, unnest(list_distinct(donors)) as donor from in_period) p
    left join donors d using (donor)
),
donor_count as (
    select donor_country, count(distinct donor) as donors from named group by all
),
per_article as (
    select distinct donor_country, article_no, published, views from named
)
select p.donor_country, any_value(dc.donors) as donors,
       count(*) filter (where published) as articles, sum(views) as views
from per_article p join donor_count dc using (donor_country)
group by p.donor_country
order by views desc, p.donor_country
