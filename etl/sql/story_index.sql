-- Story linking for the articles in `affected` (etl.load._link_stories), given the temp table
-- story_params(max_df). Only articles whose linking inputs changed since they were last linked
-- (story_inputs) are re-linked: `story_affected`. Keeps story_features in step with articles,
-- then gathers what the Python side scores: `story_scope`, the re-linked articles and every
-- article sharing a rare feature (in at most max_df articles) with one, and `story_df`, the
-- document frequency of every feature those articles have. Statements end at lines of ';'.
create or replace temp table story_affected as
select article_key from affected
where article_key not in (select article_key from articles)
union
select article_key from (
    select article_key, kind, edition, language, published_at, fingerprint from articles
    where article_key in (select article_key from affected)
    except
    select article_key, kind, edition, language, published_at, fingerprint from story_inputs
    where article_key in (select article_key from affected))
union
-- An empty index (a new database, or one from before it): link every article.
select article_key from articles where not exists (select 1 from story_inputs);
;
delete from story_features where article_key in (select article_key from story_affected);
;
-- An article's features: the words of its fingerprint (etl.facts.stories splits it alike).
create or replace temp macro fingerprint_features(fingerprint) as
list_filter(regexp_split_to_array(trim(fingerprint), '\s+'), lambda w: w <> '');
;
create or replace temp table story_new_features as
select distinct article_key, unnest(fingerprint_features(fingerprint)) as feature
from articles where article_key in (select article_key from story_affected);
;
insert into story_features from story_new_features;
;
-- Every article holding a feature a re-linked article has, with the feature's document
-- frequency: one pass over the index gives both the frequencies and the scope (each pass over
-- its ~6.5 million rows costs ~0.25 s at 1,000,000 articles; this took five).
create or replace temp table story_postings as
select article_key, feature, count(*) over (partition by feature) as df
from story_features
where feature in (select feature from story_new_features);
;
create or replace temp table story_df as
select distinct feature, df from story_postings;
;
create or replace temp table story_scope as
select article_key from articles where article_key in (select article_key from story_affected)
union
select article_key from story_postings where df <= (select max_df from story_params);
;
-- The frequencies of the scope's other features (an article's features are its fingerprint's
-- words: unchanged since it was indexed unless it is re-linked now).
insert into story_df
select feature, count(*) from story_features
where feature in (select unnest(fingerprint_features(fingerprint)) from articles
                  where article_key in (select article_key from story_scope))
  and feature not in (select feature from story_df)
group by feature;
;
delete from story_inputs where article_key in (select article_key from story_affected);
;
insert into story_inputs
select article_key, kind, edition, language, published_at, fingerprint from articles
where article_key in (select article_key from story_affected);
