-- description: The hromadas of one oblast that matching articles mention or that have a twinning partner: articles published in [start, end), views gained in it, and their twinning partners (all time).
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[], oblast VARCHAR
-- columns: hromada_code, name_uk, name_en, raion_name, articles, views, partners
-- A hromada's KATOTTG code starts with its oblast's prefix (UA63... for UA-63): a prefix test
-- per article is ~10x cheaper at 1M articles than list_has_any against the oblast's codes.
with m as (
    select article_no, hromadas, published_date
    from matching_articles($edition, $oblasts::varchar[], $hromada, $tags::varchar[]),
         (select katottg_prefix from oblasts where oblast_iso = $oblast) o
    where len(list_filter(hromadas, lambda h: starts_with(h, o.katottg_prefix))) > 0
),
per_article as (
    select m.hromadas, m.published_date >= $start and m.published_date < $end as published,
           coalesce(v.views, 0) as views
    from m
    left join period_views_of($start, $end, false, (select list(article_no) from m)) v
        using (article_no)
    where (m.published_date >= $start and m.published_date < $end) or v.views > 0
),
agg as (
    select hromada_code, count(*) filter (where published) as articles, sum(views) as views
    from (select *, unnest(hromadas) as hromada_code from per_article)
    group by hromada_code
),
partners as (
    select hromada_code,
           list(partner || coalesce(' (' || country || ')', '') order by partner) as partners
    from twinning_pairs where hromada_code is not null
    group by hromada_code
)
select h.hromada_code, h.name_uk, h.name_en, h.raion_name,
       coalesce(a.articles, 0) as articles, coalesce(a.views, 0) as views,
       coalesce(p.partners, []) as partners
from hromadas h
left join agg a using (hromada_code)
left join partners p using (hromada_code)
where h.oblast_iso = $oblast
  and ((a.hromada_code is not null and (a.articles > 0 or a.views > 0)) or p.hromada_code is not null)
order by views desc, articles desc, h.name_uk
