-- description: Articles in the top `top` by views gained in [start, end) or in the comparison period [cmp_start, cmp_end), with both ranks and a status: new (entered the top), dropped (left it), up, down or same.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], cmp_start DATE, cmp_end DATE, top INTEGER
-- columns: article_key, title, url, edition, published_date, views, views_before, change, rank, rank_before, status
with m as (
    select article_key, title, url, coalesce(edition, 'reprint') as edition, published_date
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
j as (
    select m.*, coalesce(n.views, 0) as views, coalesce(p.views, 0) as views_before
    from m
    left join views_in_period($start, $end) n using (article_key)
    left join views_in_period($cmp_start, $cmp_end) p using (article_key)
    where n.views > 0 or p.views > 0
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
