-- description: Every matching article published in [start, end) (Kyiv dates) whose title contains `search` (case-insensitive; NULL = all), with views gained in the period and its latest counter.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], search VARCHAR
-- columns: published_date, edition, title, url, oblast_names_uk, oblast_names_en, tags, donors, international_support, twinning_count, views, total_views, article_key
with m as (
    select *
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    where published_date >= $start and published_date < $end
      and ($search is null or contains(lower(coalesce(title, '')), lower($search)))
),
names as (
    select m.article_key, list(o.name_uk order by o.oblast_iso) as oblast_names_uk,
           list(o.name_en order by o.oblast_iso) as oblast_names_en
    from m, unnest(m.oblasts) as u(oblast_iso) join oblasts o using (oblast_iso)
    group by m.article_key
)
select m.published_date, coalesce(m.edition, 'reprint') as edition, m.title, m.url,
       coalesce(n.oblast_names_uk, []) as oblast_names_uk,
       coalesce(n.oblast_names_en, []) as oblast_names_en,
       m.tags, m.donors, m.international_support, m.twinning_count,
       coalesce(v.views, 0) as views, m.views as total_views, m.article_key
from m
left join names n using (article_key)
-- Only the listed (published in the period) articles' intervals are read.
left join period_views_of($start, $end, false, (select list(article_no) from m)) v
    using (article_no)
order by m.published_date desc, m.article_key
