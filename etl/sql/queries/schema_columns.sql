-- description: Every table, view and macro of the attached database `database` with its columns and their types in column order, or a macro's parameters in order (type 'parameter') (the SQL console's schema browser).
-- params: database VARCHAR
-- columns: kind, name, column_name, data_type, position
with objects as (
    select 'table' as kind, table_name as name
    from duckdb_tables()
    where database_name = $database and schema_name = 'main' and not internal
    union all
    select 'view', view_name
    from duckdb_views()
    where database_name = $database and schema_name = 'main' and not internal
)
select o.kind, o.name, c.column_name, c.data_type, c.column_index as position
from objects o
join duckdb_columns() c
  on c.database_name = $database and c.schema_name = 'main' and c.table_name = o.name
union all
-- Macros are called like functions (`macro`) or like tables (`table macro`).
select distinct
       case when function_type = 'table_macro' then 'table macro' else 'macro' end,
       function_name, unnest(parameters), 'parameter', generate_subscripts(parameters, 1)
from duckdb_functions()
where database_name = $database and schema_name = 'main' and not internal
  and function_type in ('macro', 'table_macro')
order by 1, 2, 5
