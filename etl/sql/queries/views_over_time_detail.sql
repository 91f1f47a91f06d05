-- description: Views gained per period bucket (day, week = ISO week from Monday, month; Kyiv days) in [start, end), spread from view_intervals of the matching articles: the path for hromada and tag filters. Same columns and numbers as views_over_time_rollup.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], grain VARCHAR
-- columns: period, edition, international_support, views
with m as (
    select article_no, edition, international_support
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
spread as (
    select m.edition, m.international_support, i.views / i.days as rate,
           unnest(generate_series(greatest(i.start_day, $start::date),
                                  least(i.end_day, $end::date - 1), interval 1 day))::date as day
    from view_intervals i join m using (article_no)
    where i.end_day >= $start and i.start_day < $end
)
select date_trunc($grain, day)::date as period,
       coalesce(edition, 'reprint') as edition,
       international_support,
       sum(rate) as views
from spread
group by all
order by period, edition, international_support
