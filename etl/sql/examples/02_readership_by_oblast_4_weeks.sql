-- title: Readership by oblast, last 4 weeks
-- title_uk: Читацтво за областями, останні 4 тижні
-- description: Views gained in the last 28 days with data by articles tagged with each oblast (an article about two oblasts counts in both), and how many of them were published then.
with period as (select max(day) - 27 as first_day from rollup_daily_oblast)
select o.name_uk, o.name_en, round(sum(r.views)) as views, sum(r.articles) as articles_published
from rollup_daily_oblast r
join oblasts o using (oblast_iso)
where r.day >= (select first_day from period)
group by all
order by views desc
