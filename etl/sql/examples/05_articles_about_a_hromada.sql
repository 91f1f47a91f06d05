-- title: Articles about a hromada
-- title_uk: Статті про громаду
-- description: Every article linked to a hromada whose Ukrainian name contains the text in the last line (edit it), newest first, with its views.
select a.published_date, a.edition, a.title, a.views, h.name_uk as hromada, h.oblast_iso, a.url
from article_hromadas ah
join hromadas h using (hromada_code)
join articles a using (article_key)
where h.name_uk ilike '%' || 'Спаськ' || '%'
order by a.published_date desc
