-- description: The same headline numbers as kpis, with the views gained taken from the daily rollups: the fast path, valid when rollup_matching answers the filters (no hromada; one tag, or oblasts, not both). Same columns and numbers as kpis.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: articles, views, median_views, support_share, twinning_events
select k.articles,
       (select coalesce(sum(views), 0)
        from rollup_matching($start, $end, $edition, $oblasts::varchar[], $tags::varchar[]))
           as views,
       k.median_views, k.support_share, k.twinning_events
from published_kpis($start, $end, $edition, $oblasts::varchar[], $hromada, $tags::varchar[]) k
