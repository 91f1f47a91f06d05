-- description: The schema version the database was built with (etl.load.SCHEMA_VERSION at its last load); asked first, since an older file may lack tables the other queries read.
-- params:
-- columns: schema_version
select max(schema_version) as schema_version from schema_info
