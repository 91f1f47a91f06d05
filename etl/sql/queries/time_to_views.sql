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
reached as (
    select iv.article_no, q.share,
           min(iv.start_day + cast(greatest(ceil((q.share * iv.total - (iv.cum_end - iv.views))
                                                 / (iv.views / iv.days)), 1) as integer) - 1
           ) as day
    from iv, (values (0.5), (0.8)) q(share)
    where iv.total > 0 and iv.views > 0 and iv.cum_end >= q.share * iv.total - 1e-9
    group by all
),
per_article as (
    select m.article_no, m.tags,
           max(greatest(date_diff('day', m.published_date, r.day), 0)) filter (where r.share = 0.5) as to_half,
           max(greatest(date_diff('day', m.published_date, r.day), 0)) filter (where r.share = 0.8) as to_80
    from m join reached r using (article_no)
    group by all
)
select tag, count(*) as articles, median(to_half) as days_to_half, median(to_80) as days_to_80
from (select *, unnest(tags) as tag from per_article)
group by tag
order by articles desc, tag
