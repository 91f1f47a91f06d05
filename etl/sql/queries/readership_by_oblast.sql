-- description: Per oblast (every oblast, zeros included): matching articles published in [start, end), views gained in it, views per published article, each split by international support. An article about two oblasts counts in both.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: oblast_iso, name_uk, name_en, articles, support_articles, views, support_views, views_per_article
with m as (
    select article_no, oblasts, published_date, international_support
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
per_article as (
    select m.oblasts, m.international_support,
           m.published_date >= $start and m.published_date < $end as published,
           coalesce(v.views, 0) as views
    from m
    left join period_views_of($start, $end,
                              no_filters($edition, $oblasts::varchar[], $hromada, $tags::varchar[]),
                              (select list(article_no) from m)) v using (article_no)
    where (m.published_date >= $start and m.published_date < $end) or v.views > 0
),
agg as (
    select oblast_iso,
           count(*) filter (where published) as articles,
           count(*) filter (where published and international_support) as support_articles,
           sum(views) as views,
           coalesce(sum(views) filter (where international_support), 0) as support_views
    from (select *, unnest(oblasts) as oblast_iso from per_article)
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
