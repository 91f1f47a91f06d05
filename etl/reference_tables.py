"""Copy the shipped reference data (data/reference/*.csv) into the database at every load."""

from __future__ import annotations

import duckdb
import pyarrow.csv as pacsv

from etl.settings import Settings

# table -> (file, columns in table order)
TABLES = {
    "oblasts": ("oblasts.csv", ["oblast_iso", "katottg_prefix", "name_uk", "name_en"]),
    "hromadas": (
        "hromadas.csv",
        ["hromada_code", "oblast_iso", "raion_name", "name_uk", "name_en", "type"],
    ),
    "donors": ("donors.csv", ["donor", "country", "kind"]),
}


def refresh(con: duckdb.DuckDBPyConnection, settings: Settings) -> None:
    for table, (file, columns) in TABLES.items():
        path = settings.reference_dir / file
        if not path.exists():
            continue
        source = pacsv.read_csv(
            path, convert_options=pacsv.ConvertOptions(strings_can_be_null=True)
        )
        source = source.select([c for c in columns if c in source.column_names])
        for column in source.column_names:
            source = source.set_column(
                source.column_names.index(column), column, source[column].cast("string")
            )
        con.execute(f"delete from {table}")  # table names come from the constant above
        con.execute(f"insert into {table} by name select * from source")
