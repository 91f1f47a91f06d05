-- description: For each matching article published in [start, end) at least 7 days before the last observation: the views it gained in its first 7 Kyiv days (publish day included).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: article_key, edition, international_support, first_week_views
with m as (
    select article_key, article_no, coalesce(edition, 'reprint') as edition, international_support,
           published_date
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    where published_date >= $start and published_date < $end
      and published_date + 7 <= (select max(end_day) from view_intervals)
)
select m.article_key, m.edition, m.international_support,
       coalesce(sum(i.views * (date_diff('day', greatest(i.start_day, m.published_date),
                                         least(i.end_day, m.published_date + 6)) + 1) / i.days),
                0) as first_week_views
from m left join view_intervals i
    on i.article_no = m.article_no
   and i.end_day >= m.published_date and i.start_day <= m.published_date + 6
   and i.end_day >= $start  -- implied by the line above; a constant bound the scan can skip by
group by all
order by m.article_key
