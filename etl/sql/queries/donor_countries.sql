-- description: Per donor country (ISO alpha-2; EU for EU bodies; 'multilateral' when a donor has none): distinct matching articles naming one of its donors published in [start, end), and the views they gained in it (each article once per country).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: donor_country, donors, articles, views
with m as (
    select article_no, published_date
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
per_country as (
    select coalesce(d.donor_country, 'multilateral') as donor_country, d.article_no,
           count(distinct d.donor) as donors, any_value(m.published_date) as published_date
    from donor_articles d join m using (article_no)
    group by all
),
donor_count as (
    select coalesce(donor_country, 'multilateral') as donor_country,
           count(distinct donor) as donors
    from donor_articles d join m using (article_no)
    group by all
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
