-- description: Articles in the top `top` by views gained in [start, end) or in the comparison period [cmp_start, cmp_end), with both ranks and a status: new (entered the top), dropped (left it), up, down or same.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], cmp_start DATE, cmp_end DATE, top INTEGER
-- columns: article_key, title, url, edition, published_date, views, views_before, change, rank, rank_before, status
-- Both periods' views per article. The dashboard's default (the 28 days up to the last day
-- with data, against the 28 before) was derived at load time: recent_views (~40 instead of
-- ~90 ms at 1M articles). Any other period: one scan of the intervals overlapping either
-- period, of every article when no filter is set, else of the matching articles only (the
-- branch not taken is dropped: no_filters(...) is a constant).
with m as (
    select article_no
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
derived as (
    select article_no, views, views_before from recent_views
    where period_start = $start and period_end = $end
      and cmp_start = $cmp_start and $cmp_end = $start
),
recent as (
    select * from derived
    where no_filters($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    union all
    select * from derived
    where not no_filters($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
      and article_no in (select article_no from m)
),
iv as (
    select article_no, start_day, end_day, days, views from view_intervals
    where end_day >= least($start, $cmp_start) and start_day < greatest($end, $cmp_end)
      and no_filters($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
      and not exists (select 1 from derived)
    union all
    select article_no, start_day, end_day, days, views from view_intervals
    where end_day >= least($start, $cmp_start) and start_day < greatest($end, $cmp_end)
      and not no_filters($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
      and not exists (select 1 from derived)
      and article_no in (select article_no from m)
),
periods as (
    select * from recent
    union all
    select article_no,
           sum(case when end_day >= $start and start_day < $end
                    then views_within(start_day, end_day, days, views, $start, $end)
                    else 0 end) as views,
           sum(case when end_day >= $cmp_start and start_day < $cmp_end
                    then views_within(start_day, end_day, days, views, $cmp_start, $cmp_end)
                    else 0 end) as views_before
    from iv
    group by article_no
),
j as (select * from periods where views > 0 or views_before > 0),
ranked as (
    select *, views - views_before as change,
           case when views > 0 then rank() over (order by views desc) end as rank,
           case when views_before > 0 then rank() over (order by views_before desc) end
               as rank_before
    from j
)
-- Titles and links only for the rows shown, not for every ranked article.
select a.article_key, a.title, a.url, coalesce(a.edition, 'reprint') as edition,
       a.published_date, r.views, r.views_before, r.change, r.rank, r.rank_before,
       case when r.rank <= $top and (r.rank_before is null or r.rank_before > $top) then 'new'
            when r.rank_before <= $top and (r.rank is null or r.rank > $top) then 'dropped'
            when r.rank < r.rank_before then 'up'
            when r.rank > r.rank_before then 'down'
            else 'same' end as status
from ranked r join articles a using (article_no)
where r.rank <= $top or r.rank_before <= $top
order by r.rank nulls last, r.rank_before, a.article_key
