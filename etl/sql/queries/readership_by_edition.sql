-- description: Per edition (uk, en, reprint): matching articles published in [start, end), the views every matching article gained in it, and views gained per article published.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: edition, articles, views, views_per_article
select edition,
       count(*) filter (where published) as articles,
       round(sum(views), 2) as views,
       round(sum(views) / nullif(count(*) filter (where published), 0), 2) as views_per_article
from period_articles($start, $end, $edition, $oblasts::varchar[], $hromada, $tags::varchar[])
group by edition
order by edition
