-- description: Every article that gained views in [start, end) (Kyiv days), whenever it was published: views gained in the period (observed gains spread evenly over the days between two readings of the counter) and its latest counter.
-- params: start DATE, end DATE
-- columns: article_key, edition, published_date, title, url, views_gained, views
select a.article_key, a.edition, a.published_date, a.title, a.url,
       round(v.views, 2) as views_gained, a.views
from views_in_period($start, $end) v
join articles a using (article_key)
where v.views > 0
order by v.views desc, a.article_key
