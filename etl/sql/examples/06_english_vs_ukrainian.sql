-- title: English vs Ukrainian version of a story
-- title_uk: Англійська й українська версії однієї історії
-- description: Stories published in both editions: views of the Ukrainian and the English page side by side, and how many hours later the English one appeared.
select story_id,
       any_value(title) filter (where edition = 'uk') as title_uk,
       sum(views) filter (where edition = 'uk') as views_uk,
       sum(views) filter (where edition = 'en') as views_en,
       round(max(story_lag_hours) filter (where edition = 'en'), 1) as english_lag_hours
from articles_enriched
where story_id is not null
group by story_id
having count(*) filter (where edition = 'uk') > 0 and count(*) filter (where edition = 'en') > 0
order by views_uk + views_en desc
limit 50
