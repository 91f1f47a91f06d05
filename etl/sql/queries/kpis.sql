-- description: Headline numbers for [start, end), Kyiv days: articles published, views gained (by any matching article), median views gained in the period by the articles published in it, share of those with international support, twinning mentions in articles published in it.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: articles, views, median_views, support_share, twinning_events
with m as (
    select article_key, published_date, international_support
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
),
v as (select article_key, views from views_in_period($start, $end)),
published as (
    select m.article_key, m.international_support, coalesce(v.views, 0) as views
    from m left join v using (article_key)
    where m.published_date >= $start and m.published_date < $end
)
select
    (select count(*) from published) as articles,
    (select coalesce(sum(v.views), 0) from v join m using (article_key)) as views,
    (select median(views) from published) as median_views,
    (select avg(international_support::integer) from published) as support_share,
    (select count(*) from twinning_mentions t join m using (article_key)
     where t.published_date >= $start and t.published_date < $end) as twinning_events
