-- description: The matching articles that gained most views in [start, end), with their portal link, edition, publish date (Kyiv), oblasts and tags.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], top INTEGER
-- columns: article_key, title, url, edition, published_date, oblast_names_uk, oblast_names_en, tags, views, total_views
select e.article_key, e.title, e.url, coalesce(e.edition, 'reprint') as edition,
       e.published_date, e.oblast_names_uk, e.oblast_names_en, e.tags,
       v.views, e.views as total_views
from views_in_period($start, $end) v
join matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[]) m
    using (article_key)
join articles_enriched e using (article_key)
order by v.views desc, e.article_key
limit coalesce($top, 20)
