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
insert into story_features
select distinct article_key, feature
from (select article_key, unnest(regexp_split_to_array(trim(fingerprint), '\s+')) as feature
      from articles where article_key in (select article_key from story_affected))
where feature <> '';
;
create or replace temp table story_df as
select feature, count(*) as df from story_features
where feature in (select feature from story_features
                  where article_key in (select article_key from story_affected))
group by feature;
;
create or replace temp table story_scope as
select article_key from articles where article_key in (select article_key from story_affected)
union
select article_key from story_features
where feature in (select feature from story_df where df <= (select max_df from story_params));
;
insert into story_df
select feature, count(*) from story_features
where feature in (select feature from story_features
                  where article_key in (select article_key from story_scope))
  and feature not in (select feature from story_df)
group by feature;
;
delete from story_inputs where article_key in (select article_key from story_affected);
;
insert into story_inputs
select article_key, kind, edition, language, published_at, fingerprint from articles
where article_key in (select article_key from story_affected);
