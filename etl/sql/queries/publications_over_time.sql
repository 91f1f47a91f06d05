-- description: Articles published per period bucket (day, week = ISO week from Monday, month; Kyiv dates) in [start, end), by edition and international support.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], grain VARCHAR
-- columns: period, edition, international_support, articles
select date_trunc($grain, published_date)::date as period,
       coalesce(edition, 'reprint') as edition,
       international_support,
       count(*) as articles
from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
where published_date >= $start and published_date < $end
group by all
order by period, edition, international_support
