-- description: readership_by_tag from rollup_daily_tag: the fast path, valid without oblast, hromada or tag filters (those need each article's other tags). Per tag: articles published in [start, end) and views gained in it, each split by international support. Same columns and numbers as readership_by_tag.
-- params: start DATE, end DATE, edition VARCHAR
-- columns: tag, articles, support_articles, views, support_views
select tag, sum(articles)::bigint as articles,
       coalesce(sum(articles) filter (where international_support), 0)::bigint
           as support_articles,
       sum(views) as views,
       coalesce(sum(views) filter (where international_support), 0) as support_views
from rollup_daily_tag
where day >= $start and day < $end and ($edition is null or edition = $edition)
group by tag
order by views desc, tag
