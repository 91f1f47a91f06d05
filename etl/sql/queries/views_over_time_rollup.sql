-- description: Views gained per period bucket (day, week = ISO week from Monday, month; Kyiv days) in [start, end), from the daily rollup: the fast path, valid only without a hromada or tag filter. Same columns and numbers as views_over_time_detail.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], grain VARCHAR
-- columns: period, edition, international_support, views
select date_trunc($grain, day)::date as period,
       coalesce(edition, 'reprint') as edition,
       international_support,
       sum(views) as views
from rollup_views_daily
where day >= $start and day < $end
  and ($edition is null or edition = $edition)
  and (len($oblasts::varchar[]) = 0
       or list_has_any(string_split(oblasts_key, ','), $oblasts::varchar[]))
group by all
order by period, edition, international_support
