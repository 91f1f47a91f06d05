-- title: Donors by number of articles
-- title_uk: Донори за кількістю статей
-- description: Each donor or programme with the number of articles mentioning it, its country, and the views those articles have in total.
select donor, donor_country, count(distinct article_key) as articles, sum(views) as total_views,
       min(published_date) as first_article, max(published_date) as latest_article
from donor_articles
group by all
order by articles desc, donor
