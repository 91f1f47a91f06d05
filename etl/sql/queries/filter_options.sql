-- description: Choices for the dashboard's filters: every tag and every hromada that appears on an article, with how many articles carry it (kind = tag | hromada).
-- params:
-- columns: kind, value, name_uk, name_en, oblast_iso, articles
select 'tag' as kind, tag as value, tag as name_uk, tag as name_en, null as oblast_iso,
       count(*) as articles
from article_tags group by tag
union all
select 'hromada', h.hromada_code, h.name_uk, h.name_en, h.oblast_iso, count(*)
from article_hromadas ah join hromadas h using (hromada_code)
group by all
order by kind, articles desc, value
