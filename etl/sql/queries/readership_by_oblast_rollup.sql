-- description: readership_by_oblast from rollup_daily_oblast: the fast path, valid without oblast, hromada or tag filters (those need each article's other oblasts). Per oblast, every oblast, zeros included: articles published in [start, end), views gained in it, views per published article, each split by international support. Same columns and numbers as readership_by_oblast.
-- params: start DATE, end DATE, edition VARCHAR
-- columns: oblast_iso, name_uk, name_en, articles, support_articles, views, support_views, views_per_article
with agg as (
    select oblast_iso, sum(articles)::bigint as articles,
           coalesce(sum(articles) filter (where international_support), 0)::bigint
               as support_articles,
           sum(views) as views,
           coalesce(sum(views) filter (where international_support), 0) as support_views
    from rollup_daily_oblast
    where day >= $start and day < $end and ($edition is null or edition = $edition)
    group by oblast_iso
)
select o.oblast_iso, o.name_uk, o.name_en,
       coalesce(a.articles, 0) as articles,
       coalesce(a.support_articles, 0) as support_articles,
       coalesce(a.views, 0) as views,
       coalesce(a.support_views, 0) as support_views,
       case when a.articles > 0 then a.views / a.articles end as views_per_article
from oblasts o left join agg a using (oblast_iso)
order by views desc, o.oblast_iso
