-- description: The matching articles that gained most views in [start, end), with their portal link, edition, publish date (Kyiv), oblasts and tags.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], top INTEGER
-- columns: article_key, title, url, edition, published_date, oblast_names_uk, oblast_names_en, tags, views, total_views
with m as (
    select article_no, article_key
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
top as (
    select v.article_no, v.views
    from period_views_of($start, $end,
                         no_filters($edition, $oblasts::varchar[], $hromada, $tags::varchar[]),
                         (select list(article_no) from m)) v
    join m using (article_no)
    order by v.views desc, m.article_key
    limit coalesce($top, 20)
)
select a.article_key, a.title, a.url, coalesce(a.edition, 'reprint') as edition,
       a.published_date,
       coalesce((select list(o.name_uk order by o.oblast_iso) from oblasts o
                 where list_contains(a.oblasts, o.oblast_iso)), []) as oblast_names_uk,
       coalesce((select list(o.name_en order by o.oblast_iso) from oblasts o
                 where list_contains(a.oblasts, o.oblast_iso)), []) as oblast_names_en,
       a.tags, t.views, a.views as total_views
from top t join articles a using (article_no)
order by t.views desc, a.article_key
