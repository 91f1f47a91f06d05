-- description: International support in [start, end), per edition and for all editions ('all'): coverage = share of the matching articles published in the period that are about international support; attention = share of the views gained in the period that went to such articles (whenever published).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: edition, articles, support_articles, coverage, views, support_views, attention
with totals as (
    select coalesce(edition, 'all') as edition,
           count(*) filter (where published) as articles,
           count(*) filter (where published and international_support) as support_articles,
           sum(views) as views,
           coalesce(sum(views) filter (where international_support), 0) as support_views
    from period_articles($start, $end, $edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    group by grouping sets ((edition), ())
)
select edition, articles, support_articles,
       round(support_articles / nullif(articles, 0), 4) as coverage,
       round(views, 2) as views, round(support_views, 2) as support_views,
       round(support_views / nullif(views, 0), 4) as attention
from totals
order by edition = 'all', edition
