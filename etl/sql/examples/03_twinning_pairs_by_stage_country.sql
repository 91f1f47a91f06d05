-- title: Twinning pairs by stage and partner country
-- title_uk: Пари побратимства за етапом і країною партнера
-- description: How many hromada-partner pairs are at each stage (latest stage mentioned) for each partner country, most pairs first.
select country, latest_stage, count(*) as pairs, sum(articles) as articles_mentioning
from twinning_pairs
group by all
order by pairs desc, country, latest_stage
