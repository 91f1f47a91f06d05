-- description: Per donor named in matching articles: its country (ISO alpha-2, EU, or NULL for multilateral bodies), articles published in [start, end) and the views those and older articles gained in it.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: donor, donor_country, donor_kind, articles, views
with m as (
    select article_no, published_date
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
per_article as (
    select d.donor, d.donor_country, d.donor_kind,
           m.published_date >= $start and m.published_date < $end as published,
           coalesce(v.views, 0) as views
    from donor_articles d
    join m using (article_no)
    left join period_views($start, $end) v using (article_no)
    where (m.published_date >= $start and m.published_date < $end) or v.views > 0
)
select donor, any_value(donor_country) as donor_country, any_value(donor_kind) as donor_kind,
       count(*) filter (where published) as articles, sum(views) as views
from per_article
group by donor
order by views desc, donor
