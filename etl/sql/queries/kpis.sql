-- description: Headline numbers for [start, end), Kyiv days: articles published, views gained (by any matching article), median views gained in the period by the articles published in it, share of those with international support, twinning mentions in articles published in it. Reads view_intervals for the views: the path for filters no rollup answers (kpis_rollup).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: articles, views, median_views, support_share, twinning_events
with m as (
    select article_no
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
)
select k.articles,
       (select coalesce(sum(v.views), 0)
        from period_views_of($start, $end,
                             no_filters($edition, $oblasts::varchar[], $hromada, $tags::varchar[]),
                             (select list(article_no) from m)) v
        join m using (article_no)) as views,
       k.median_views, k.support_share, k.twinning_events
from published_kpis($start, $end, $edition, $oblasts::varchar[], $hromada, $tags::varchar[]) k
