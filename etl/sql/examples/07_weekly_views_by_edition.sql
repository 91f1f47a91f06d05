-- title: Weekly views by edition, last 12 weeks
-- title_uk: Перегляди за тижнями й версіями, останні 12 тижнів
-- description: Views gained per ISO week (Monday first, Kyiv days) in each edition (uk, en, reprints), for the 12 weeks up to the latest data.
with last_day as (select max(day) as d from rollup_daily)
select date_trunc('week', r.day)::date as week_start, r.edition, round(sum(r.views)) as views
from rollup_daily r, last_day
where r.day >= date_trunc('week', last_day.d) - interval 77 days
group by all
order by week_start, r.edition
