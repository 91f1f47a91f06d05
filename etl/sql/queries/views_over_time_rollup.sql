-- description: Views gained per period bucket (day, week = ISO week from Monday, month; Kyiv days) in [start, end), from the daily rollups (rollup_matching): the fast path, valid without a hromada filter and with one tag, or oblasts, not both. Same columns and numbers as views_over_time_detail.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], tags VARCHAR[], grain VARCHAR
-- columns: period, edition, international_support, views
select date_trunc($grain, day)::date as period, edition, international_support,
       sum(views) as views
from rollup_matching($start, $end, $edition, $oblasts::varchar[], $tags::varchar[])
where views > 0
group by all
order by period, edition, international_support
