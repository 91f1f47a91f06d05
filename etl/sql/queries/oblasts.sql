-- description: The oblasts (and cities of special status) with their names in both languages.
-- params:
-- columns: oblast_iso, name_uk, name_en
select oblast_iso, name_uk, name_en from oblasts order by name_uk
