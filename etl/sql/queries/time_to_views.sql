-- description: Per tag, over matching articles published in [start, end): the median number of days from publication until an article had half, and 80%, of the views counted for it so far (views spread evenly within each observation interval).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: tag, articles, days_to_half, days_to_80
with m as (
    select article_no, tags, published_date
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    where published_date >= $start and published_date < $end
),
iv as (
    select i.article_no, i.start_day, i.days, i.views,
           sum(i.views) over (partition by i.article_no order by i.end_day, i.start_day
                              rows unbounded preceding) as cum_end,
           sum(i.views) over (partition by i.article_no) as total
    from view_intervals i join m using (article_no)
    -- An article's intervals end on or after its publish day: this lets the scan skip every
    -- row group that ends before the period (intervals are stored sorted by end_day).
    where i.end_day >= $start
),
-- The day an article reached a share of its total: in an interval whose end reaches it, the
-- interval's start plus the days its daily rate needs to cover what was missing; the first
-- such day. Both shares in one grouping (a row per share and a second grouping to pivot them
-- cost ~20 ms at 1M articles).
reached as (
    select article_no,
           min(start_day + cast(greatest(ceil((0.5 * total - (cum_end - views)) / (views / days)),
                                         1) as integer) - 1)
               filter (where cum_end >= 0.5 * total - 1e-9) as day_half,
           min(start_day + cast(greatest(ceil((0.8 * total - (cum_end - views)) / (views / days)),
                                         1) as integer) - 1)
               filter (where cum_end >= 0.8 * total - 1e-9) as day_80
    from iv
    where total > 0 and views > 0
    group by article_no
),
per_article as (
    select m.tags,
           greatest(date_diff('day', m.published_date, r.day_half), 0) as to_half,
           greatest(date_diff('day', m.published_date, r.day_80), 0) as to_80
    from m join reached r using (article_no)
)
select tag, count(*) as articles, median(to_half) as days_to_half, median(to_80) as days_to_80
from (select *, unnest(tags) as tag from per_article)
group by tag
order by articles desc, tag
