-- After the new pairs of the re-linked articles (story_affected) are in the temp table
-- new_links(a, b): replace those articles' stored pairs, and gather `story_members`, every article whose story
-- can have changed: the re-linked articles, their new partners, and all members of the stories
-- any of those belonged to (a removed pair can split a story).
delete from story_links
where a in (select article_key from story_affected) or b in (select article_key from story_affected);
;
insert into story_links select * from new_links;
;
create or replace temp table story_members as
with touched as (
    select article_key from story_affected
    union select a from new_links
    union select b from new_links
)
select article_key from touched where article_key in (select article_key from articles)
union
select article_key from stories
where story_id in (select story_id from stories
                   where article_key in (select article_key from touched));
