-- title: Top articles this month by views gained
-- title_uk: Найпопулярніші статті цього місяця за приростом переглядів
-- description: The 20 articles that gained the most views since the 1st of the latest month with data (Kyiv days), with their edition and publish date.
with data_end as (select max(end_day) as last_day from view_intervals),
month as (
    select date_trunc('month', last_day)::date as start_day, last_day + 1 as end_day
    from data_end
)
select a.title, a.edition, a.published_date, round(v.views) as views_gained, a.url
from month, views_in_period(month.start_day, month.end_day) v
join articles a using (article_key)
order by views_gained desc, a.article_key
limit 20
