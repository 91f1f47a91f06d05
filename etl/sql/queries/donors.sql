-- description: Per donor named in matching articles: its country (ISO alpha-2, EU, or NULL for multilateral bodies), articles published in [start, end) and the views those and older articles gained in it.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: donor, donor_country, donor_kind, articles, views
-- The donors are read from articles.donors (the same names as article_donors), so only
-- integer joins are needed; lists are made distinct only for the articles of the period.
with m as (
    select article_no, published_date, donors
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    where len(donors) > 0
),
per_article as (
    select unnest(list_distinct(m.donors)) as donor,
           m.published_date >= $start and m.published_date < $end as published,
           coalesce(v.views, 0) as views
    from m left join period_views($start, $end) v using (article_no)
    where (m.published_date >= $start and m.published_date < $end) or v.views > 0
)
select p.donor, any_value(d.country) as donor_country, any_value(d.kind) as donor_kind,
       count(*) filter (where p.published) as articles, sum(p.views) as views
from per_article p left join donors d using (donor)
group by p.donor
order by views desc, p.donor
