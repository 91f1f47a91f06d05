-- description: Per donor country (ISO alpha-2; EU for EU bodies; 'multilateral' when a donor has none): distinct matching articles naming one of its donors published in [start, end), and the views they gained in it (each article once per country).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: donor_country, donors, articles, views
-- The donors are read from articles.donors (the same names as article_donors), so only
-- integer joins are needed.
with named as (
    select m.article_no, m.published_date, u.donor,
           coalesce(d.country, 'multilateral') as donor_country
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[]) m,
         unnest(list_distinct(m.donors)) as u(donor)
    left join donors d using (donor)
),
per_country as (
    select donor_country, article_no, any_value(published_date) as published_date
    from named group by all
),
donor_count as (
    select donor_country, count(distinct donor) as donors from named group by all
),
per_article as (
    select c.donor_country,
           c.published_date >= $start and c.published_date < $end as published,
           coalesce(v.views, 0) as views
    from per_country c left join period_views($start, $end) v using (article_no)
    where (c.published_date >= $start and c.published_date < $end) or v.views > 0
)
select p.donor_country, any_value(dc.donors) as donors,
       count(*) filter (where published) as articles, sum(views) as views
from per_article p join donor_count dc using (donor_country)
group by p.donor_country
order by views desc, p.donor_country
