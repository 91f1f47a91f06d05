-- description: Twinning mentions in matching articles published in [start, end), per period bucket (week = ISO week from Monday, month, year; Kyiv dates) and stage (talks, activity, signed).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], grain VARCHAR
-- columns: period, stage, mentions
select date_trunc($grain, t.published_date)::date as period,
       coalesce(t.stage, 'unknown') as stage, count(*) as mentions
from twinning_mentions t
join (select article_key  -- a mention carries its article's publish date: skip by it
      from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
      where published_date >= $start and published_date < $end) m
    using (article_key)
where t.published_date >= $start and t.published_date < $end
group by all
order by period, stage
