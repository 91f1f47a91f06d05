-- description: Every matching article published in [start, end) (Kyiv dates) whose title contains `search` (case-insensitive; NULL = all), with views gained in the period and its latest counter.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], search VARCHAR
-- columns: published_date, edition, title, url, oblast_names_uk, oblast_names_en, tags, donors, international_support, twinning_count, views, total_views, article_key
select e.published_date, coalesce(e.edition, 'reprint') as edition, e.title, e.url,
       e.oblast_names_uk, e.oblast_names_en, e.tags, e.donors, e.international_support,
       e.twinning_count, coalesce(v.views, 0) as views, e.views as total_views, e.article_key
from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[]) m
join articles_enriched e using (article_key)
left join views_in_period($start, $end) v using (article_key)
where m.published_date >= $start and m.published_date < $end
  and ($search is null or contains(lower(coalesce(e.title, '')), lower($search)))
order by e.published_date desc, e.article_key
