-- description: Articles in the top `top` by views gained in [start, end) or in the comparison period [cmp_start, cmp_end), with both ranks and a status: new (entered the top), dropped (left it), up, down or same.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], cmp_start DATE, cmp_end DATE, top INTEGER
-- columns: article_key, title, url, edition, published_date, views, views_before, change, rank, rank_before, status
-- Both periods' views per article from one scan of the intervals overlapping either period.
with periods as (
    select article_no,
           sum(case when end_day >= $start and start_day < $end
                    then views_within(start_day, end_day, days, views, $start, $end)
                    else 0 end) as views,
           sum(case when end_day >= $cmp_start and start_day < $cmp_end
                    then views_within(start_day, end_day, days, views, $cmp_start, $cmp_end)
                    else 0 end) as views_before
    from view_intervals
    where end_day >= least($start, $cmp_start) and start_day < greatest($end, $cmp_end)
    group by article_no
),
j as (
    select m.article_key, m.title, m.url, coalesce(m.edition, 'reprint') as edition,
           m.published_date, p.views, p.views_before
    from periods p
    join matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[]) m
        using (article_no)
    where p.views > 0 or p.views_before > 0
),
ranked as (
    select *, views - views_before as change,
           case when views > 0 then rank() over (order by views desc) end as rank,
           case when views_before > 0 then rank() over (order by views_before desc) end
               as rank_before
    from j
)
select article_key, title, url, edition, published_date, views, views_before, change,
       rank, rank_before,
       case when rank <= $top and (rank_before is null or rank_before > $top) then 'new'
            when rank_before <= $top and (rank is null or rank > $top) then 'dropped'
            when rank < rank_before then 'up'
            when rank > rank_before then 'down'
            else 'same' end as status
from ranked
where rank <= $top or rank_before <= $top
order by rank nulls last, rank_before
