-- description: Hromada-partner twinning pairs mentioned by matching articles published in [start, end): the Ukrainian side, its oblast, the partner and country (ISO alpha-2), the latest stage and the first and last mention (all time), and the mentions in the period.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: ukrainian, ukrainian_name_uk, ukrainian_name_en, hromada_code, oblast_iso, oblast_uk, oblast_en, partner, country, latest_stage, first_mentioned, last_mentioned, articles, mentions
-- A mention carries its article's publish date, so only articles published in the period
-- can match: reading just those lets the scan skip by published_date.
with m as (
    select article_key
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[])
    where published_date >= $start and published_date < $end
),
in_period as (
    select coalesce(t.ukrainian_code, lower(t.ukrainian)) as ukrainian_key,
           lower(t.partner_normalised) as partner_key, count(*) as mentions
    from twinning_mentions t join m using (article_key)
    where t.published_date >= $start and t.published_date < $end
    group by all
)
select p.ukrainian, p.ukrainian_name_uk, p.ukrainian_name_en, p.hromada_code, p.oblast_iso, o.name_uk as oblast_uk,
       o.name_en as oblast_en, p.partner, p.country, p.latest_stage, p.first_mentioned,
       p.last_mentioned, p.articles, i.mentions
from twinning_pairs p
join in_period i using (ukrainian_key, partner_key)
left join oblasts o using (oblast_iso)
order by p.last_mentioned desc, p.ukrainian, p.partner
