-- description: Per tag: matching articles published in [start, end) and views gained in it, each split by international support (coverage = support_articles / articles, attention = support_views / views).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: tag, articles, support_articles, views, support_views
with m as (
    select article_no, tags, published_date, international_support
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
per_article as (
    select m.tags, m.international_support,
           m.published_date >= $start and m.published_date < $end as published,
           coalesce(v.views, 0) as views
    from m
    left join period_views_of($start, $end,
                              no_filters($edition, $oblasts::varchar[], $hromada, $tags::varchar[]),
                              (select list(article_no) from m)) v using (article_no)
    where (m.published_date >= $start and m.published_date < $end) or v.views > 0
)
select tag,
       count(*) filter (where published) as articles,
       count(*) filter (where published and international_support) as support_articles,
       sum(views) as views,
       coalesce(sum(views) filter (where international_support), 0) as support_views
from (select *, unnest(tags) as tag from per_article)
group by tag
order by views desc, tag
