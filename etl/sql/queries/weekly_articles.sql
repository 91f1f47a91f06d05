-- description: Every article published in [start, end) (Kyiv dates) with its metadata: edition (NULL = reprint elsewhere), publish time in Kyiv, source, regions and hromadas (codes and names), tags, donors, the international-support flag, twinning mentions, its story, and its latest view counter.
-- params: start DATE, end DATE
-- columns: article_key, edition, published_at, published_date, title, url, language, source, oblasts, oblast_names_uk, oblast_names_en, hromadas, hromada_names_uk, tags, international_support, donors, twinning_count, story_id, story_role, views, last_observed_at
select article_key, edition, published_at, published_date, title, url, language, source,
       oblasts, oblast_names_uk, oblast_names_en, hromadas, hromada_names_uk, tags,
       international_support, donors, twinning_count, story_id, story_role, views,
       last_observed_at
from articles_enriched
where published_date >= $start and published_date < $end
order by published_date, published_at nulls first, article_key
