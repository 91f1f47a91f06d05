-- description: Per donor named in matching articles: its country (ISO alpha-2, EU, or NULL for multilateral bodies), articles published in [start, end) and the views those and older articles gained in it.
-- params: start DATE, end DATE, edition VARCHAR, oblasts VARCHAR[], hromada VARCHAR, tags VARCHAR[]
-- columns: donor, donor_country, donor_kind, articles, views
-- The donors are read from articles.donors (the same names as article_donors): see the macro
-- period_donor_articles in views.sql.
select p.donor, any_value(d.country) as donor_country, any_value(d.kind) as donor_kind,
       count(*) filter (where p.published) as articles, sum(p.views) as views
from (select unnest(donors) as donor, published, views
      from period_donor_articles($start, $end, $edition, $oblasts::varchar[], $hromada,
                                 $tags::varchar[])) p
left join donors d using (donor)
group by p.donor
order by views desc, p.donor
