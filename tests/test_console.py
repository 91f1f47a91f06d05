"""The SQL console's sandbox holds: every write, file, network, extension, setting and
multi-statement attempt is refused with a message saying what and why, and nothing changes
(the database file's bytes and mtime, no file written, no file read). Plus the limits
(time, rows), the saved examples, the schema browser and the CLI.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etl.console import QueryFailed, QueryTimedOut, run_sql
from etl.console_examples import Example, examples
from etl.console_schema import SCHEMA_DOC, as_text, browse, descriptions
from etl.db import current_file
from etl.errors import QueryRefused
from etl.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SECRET = "console-secret-7f3a"  # written into a file the console must not read


def fingerprint(settings: Settings) -> tuple[str, int, int, tuple[str, ...]]:
    """The current generation's sha256, mtime and size, and the database folder's files."""
    path = current_file(settings)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    stat = path.stat()
    files = tuple(
        sorted(str(p.relative_to(settings.db_path.parent)) for p in path.parent.parent.rglob("*"))
    )
    return digest, stat.st_mtime_ns, stat.st_size, files


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the database with real files the console must neither read nor write."""
    (tmp_path / "secret.csv").write_text(f"a,b\n{SECRET},1\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"a": [SECRET]}), tmp_path / "secret.parquet")
    return tmp_path


# (query with {dir} for the outside folder, words the refusal must contain)
REFUSED = {
    "copy_to": ("copy articles to '{dir}/out.csv'", "COPY reads or writes files"),
    "copy_query_to": ("copy (select * from articles) to '{dir}/out.parquet'", "COPY"),
    "copy_from": ("copy articles from '{dir}/secret.csv'", "COPY reads or writes files"),
    "export_database": ("export database '{dir}/export'", "EXPORT DATABASE writes files"),
    "attach": ("attach '{dir}/other.duckdb' as other", "ATTACH opens another database"),
    "attach_memory": ("attach ':memory:' as scratch", "ATTACH opens another database"),
    "detach": ("detach engagement", "DETACH"),
    "read_csv": ("select * from read_csv('{dir}/secret.csv')", "reads a file or URL"),
    "read_csv_auto": ("select * from read_csv_auto('{dir}/secret.csv')", "reads a file or URL"),
    "read_text": ("select * from read_text('{dir}/secret.txt')", "reads a file or URL"),
    "read_parquet": ("select * from read_parquet('{dir}/secret.parquet')", "reads a file or URL"),
    "read_blob": ("select * from read_blob('{dir}/secret.txt')", "reads a file or URL"),
    "etc_passwd": ("select * from read_csv('/etc/passwd')", "reads a file or URL"),
    "replacement_scan": ("select * from '{dir}/secret.csv'", "reads a file or URL"),
    "from_path": ("from '{dir}/secret.parquet'", "reads a file or URL"),
    "glob": ("from glob('*')", "reads a file or URL"),
    "glob_outside": ("select * from glob('{dir}/*')", "reads a file or URL"),
    "url": ("select * from read_csv('http://127.0.0.1:9/x.csv')", "reads a file or URL"),
    "in_subquery": (
        "select count(*) from articles where title in (select a from read_csv('{dir}/secret.csv'))",
        "reads a file or URL",
    ),
    "install": ("install httpfs", "INSTALL adds extensions"),
    "load": ("load httpfs", "LOAD adds extensions"),
    "force_install": ("force install spatial", "INSTALL adds extensions"),
    "set": ("set threads = 1", "SET changes settings"),
    "set_external_access": ("set enable_external_access = true", "SET changes settings"),
    "unlock": ("set lock_configuration = false", "SET changes settings"),
    "reset": ("reset memory_limit", "RESET changes settings"),
    "use": ("use memory", "USE changes settings"),
    "pragma": ("pragma enable_profiling", "PRAGMA"),
    "call_pragma": ("call pragma_version()", "CALL runs a procedure"),
    "checkpoint": ("checkpoint", "CALL runs a procedure"),
    "create_table": ("create table scratch (a int)", "CREATE changes the database"),
    "create_temp": ("create temp table scratch as select 1 as a", "CREATE changes the database"),
    "create_view": ("create view v as select 1", "CREATE changes the database"),
    "create_macro": ("create macro m() as 1", "CREATE changes the database"),
    "insert": ("insert into load_runs (run_id) values (999)", "INSERT changes the database"),
    "update": ("update articles set views = 0", "UPDATE changes the database"),
    "delete": ("delete from articles", "DELETE changes the database"),
    "drop": ("drop table articles", "DROP changes the database"),
    "alter": ("alter table articles add column x int", "ALTER changes the database"),
    "vacuum": ("vacuum", "VACUUM changes the database"),
    "begin": ("begin transaction", "BEGIN controls transactions"),
    "two_statements": ("select 1; select 2", "2 statements at once"),
    "select_then_drop": ("select 1;\n\n   drop table articles", "2 statements at once"),
    "empty_statement_between": ("select 1 ;  ; select 2", "2 statements at once"),
    "comment_hides_second": ("select 1 -- harmless\n; delete from articles", "2 statements"),
    "block_comment_then_second": ("select 1 /* one */; /* two */ drop table x", "2 statements"),
    "comment_hides_keyword": ("/* select */ drop table articles", "DROP changes the database"),
    "attach_in_cte": ("with x as (attach '{dir}/o.duckdb' as o) select 1", "cannot be parsed"),
    # DuckDB 2.0 types these as SELECT: only the parse-tree walk catches them before they run
    "copy_in_cte": ("with x as (copy articles to '{dir}/o.csv') select 1", "COPY inside the query"),
    "insert_in_cte": (
        "with x as (insert into load_runs (run_id) values (998) returning *) select * from x",
        "INSERT inside the query",
    ),
    "delete_in_cte": (
        "with x as (delete from articles returning *) select count(*) from x",
        "DELETE inside the query",
    ),
    "update_in_nested_cte": (
        "select * from (with x as (update articles set views = 0 returning 1) from x)",
        "UPDATE inside the query",
    ),
    "sql_in_a_string": ("select * from query('select 1')", "runs SQL from a string"),
    "pivot_without_in": ("pivot articles on edition using count(*)", "PIVOT runs several"),
    "update_extensions": ("update extensions", "not a query"),
    "empty": ("   ", "the query is empty"),
    "only_comment": ("-- nothing here", "only comments"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_with_a_clear_message_and_nothing_changes(
    case: str, fixture_db: Settings, outside: Path
) -> None:
    template, words = REFUSED[case]
    query = template.format(dir=outside)
    before = fingerprint(fixture_db)
    outside_before = sorted(p.name for p in outside.iterdir())
    with pytest.raises(QueryRefused) as refused:
        run_sql(fixture_db, query)
    message = str(refused.value)
    assert words in message, message
    assert SECRET not in message  # nothing of the file leaked into the message
    assert fingerprint(fixture_db) == before
    assert sorted(p.name for p in outside.iterdir()) == outside_before  # nothing written


def test_getenv_and_python_variables_are_not_reachable(fixture_db: Settings) -> None:
    with pytest.raises(QueryFailed, match="getenv does not exist"):
        run_sql(fixture_db, "select getenv('HOME')")
    local_frame = __import__("pandas").DataFrame({"a": [SECRET]})  # noqa: F841 (scan target)
    with pytest.raises(QueryFailed, match="local_frame"):
        run_sql(fixture_db, "select * from local_frame")


def test_settings_are_locked_and_external_access_is_off(fixture_db: Settings) -> None:
    frame = run_sql(
        fixture_db,
        "select name, value from duckdb_settings() where name in "
        "('enable_external_access', 'lock_configuration', 'autoinstall_known_extensions', "
        "'autoload_known_extensions', 'allow_community_extensions', 'threads', 'TimeZone')",
    ).frame
    values = dict(zip(frame["name"], frame["value"], strict=True))
    assert values == {
        "enable_external_access": "false",
        "lock_configuration": "true",
        "autoinstall_known_extensions": "false",
        "autoload_known_extensions": "false",
        "allow_community_extensions": "false",
        "threads": "2",
        "TimeZone": "Europe/Kyiv",
    }


def test_a_query_past_the_time_limit_is_stopped(fixture_db: Settings) -> None:
    before = fingerprint(fixture_db)
    started = time.perf_counter()
    with pytest.raises(QueryTimedOut, match=r"ran past the 1 s time limit") as refused:
        run_sql(
            fixture_db,
            "select sum(hash(range) % 7) from range(1000000000000)",
            timeout_s=1,
        )
    took = time.perf_counter() - started
    assert 1 <= took < 10, took
    assert "LIMIT" in refused.value.hint
    assert fingerprint(fixture_db) == before
    # the next query runs normally: the interrupt does not leak into a later connection
    assert run_sql(fixture_db, "select 42 as answer").frame["answer"].tolist() == [42]


def test_row_limit_truncates_with_a_note(fixture_db: Settings) -> None:
    result = run_sql(fixture_db, "select range as n from range(1000) order by n desc", row_limit=25)
    assert result.truncated
    assert result.frame["n"].tolist() == list(range(999, 974, -1))  # the order is kept
    assert "first 25 rows" in result.notes[0]
    exact = run_sql(fixture_db, "from range(25)", row_limit=25)
    assert not exact.truncated and len(exact.frame) == 25
    assert not any("first" in note for note in exact.notes)


def test_a_valid_query_returns_its_rows(fixture_db: Settings) -> None:
    result = run_sql(
        fixture_db,
        "with e as (select coalesce(edition, 'reprint') as edition, count(*) as n "
        "from articles group by all) select * from e order by edition",
    )
    assert list(result.frame.columns) == ["edition", "n"]
    assert set(result.frame["edition"]) <= {"uk", "en", "reprint"}
    total = run_sql(fixture_db, "select count(*) as n from articles").frame["n"].iloc[0]
    assert result.frame["n"].sum() == total > 0
    assert result.elapsed > 0 and result.notes[-1].endswith(" s")


@pytest.mark.parametrize(
    "query", ["from articles limit 3", "summarize oblasts", "describe articles", "show tables"]
)
def test_select_like_statements_are_allowed(fixture_db: Settings, query: str) -> None:
    assert len(run_sql(fixture_db, query).frame) > 0


def test_sql_mistakes_are_reported_not_refused(fixture_db: Settings) -> None:
    with pytest.raises(QueryFailed, match="nope") as failed:
        run_sql(fixture_db, "select nope from articles")
    assert "--schema" in failed.value.hint


def test_html_in_results_is_data(fixture_db: Settings) -> None:
    frame = run_sql(fixture_db, "select '<script>alert(1)</script>' as cell").frame
    assert frame["cell"].tolist() == ["<script>alert(1)</script>"]


@pytest.mark.parametrize("example", examples(), ids=lambda e: e.name)
def test_every_saved_example_runs(fixture_db: Settings, example: Example) -> None:
    assert example.title and example.title_uk and len(example.description) > 20
    result = run_sql(fixture_db, example.sql)
    assert len(result.frame.columns) >= 3
    assert len(result.frame) > 0, f"{example.name} returns nothing on the fixture database"


def test_there_are_six_to_ten_examples() -> None:
    assert 6 <= len(examples()) <= 10


def test_schema_browser_lists_tables_views_and_columns(
    fixture_db: Settings, tmp_path: Path
) -> None:
    doc = tmp_path / "schema.md"
    doc.write_text(
        "# Schema\n\n## Views\n\n### twinning_pairs (view)\n\nOne row per hromada-partner "
        "pair. Rebuilt\nafter each load.\n\n### `articles`\n\nOne row per article\npage.\n\n"
        "| column | type | meaning |\n|---|---|---|\n| title | VARCHAR | the `headline` |\n"
        "| donors | VARCHAR[] | donor names |\n\n### donors (table)\n\n"
        "| column | type | meaning |\n|---|---|---|\n| donor | VARCHAR | its name |\n",
        encoding="utf-8",
    )
    relations = {r.name: r for r in browse(fixture_db, doc)}
    assert relations["articles"].kind == "table"
    assert relations["articles"].description == "One row per article page."
    assert relations["twinning_pairs"].kind == "view"
    assert relations["twinning_pairs"].description == "One row per hromada-partner pair."
    assert relations["donors"].description == ""  # a column row is not the table's summary
    columns = {c.name: c for c in relations["articles"].columns}
    assert columns["published_date"].data_type == "DATE"
    assert columns["tags"].data_type == "VARCHAR[]"
    assert columns["title"].description == "the headline"
    assert columns["tags"].description == ""
    text = as_text(list(relations.values()))
    assert "articles (table) - One row per article page." in text
    # without the document: the same relations, no descriptions, no error
    bare = browse(fixture_db, tmp_path / "missing.md")
    assert {r.name for r in bare} == set(relations)
    assert all(r.description == "" for r in bare)
    assert descriptions(tmp_path / "missing.md") == {}


def test_the_real_schema_document_describes_the_main_tables() -> None:
    if not SCHEMA_DOC.is_file():
        pytest.skip("docs/schema.md is not written yet")
    described = descriptions()
    for name in ("articles", "view_intervals", "twinning_pairs", "load_runs"):
        assert described.get(name, "").endswith("."), (name, described.get(name))


def run_cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "etl", "--db", str(settings.db_path), "sql", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_refuses_with_exit_code_2(fixture_db: Settings) -> None:
    before = fingerprint(fixture_db)
    done = run_cli(fixture_db, "drop table articles")
    assert done.returncode == 2
    assert "error: refused: DROP changes the database" in done.stderr
    assert "hint: " in done.stderr
    done = run_cli(fixture_db, "select 1; select 2")
    assert done.returncode == 2 and "2 statements at once" in done.stderr
    assert fingerprint(fixture_db) == before


def test_cli_prints_a_table_and_a_row_count(fixture_db: Settings) -> None:
    done = run_cli(fixture_db, "select oblast_iso, name_en from oblasts order by 1 limit 2")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[:2] == ["oblast_iso", "name_en"]
    assert "2 rows in" in done.stderr


def test_cli_schema(fixture_db: Settings) -> None:
    done = run_cli(fixture_db, "--schema")
    assert done.returncode == 0, done.stderr
    assert "articles (table)" in done.stdout and "twinning_pairs (view)" in done.stdout


def test_cli_csv(fixture_db: Settings) -> None:
    pytest.importorskip("etl.export")
    done = run_cli(
        fixture_db, "select oblast_iso, name_uk from oblasts order by oblast_iso limit 3", "--csv"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "oblast_iso,name_uk"
    assert len(lines) == 4 and lines[1].startswith("UA-")


def test_cli_row_limit_note(fixture_db: Settings) -> None:
    done = run_cli(fixture_db, "from range(50)", "--max-rows", "10")
    assert done.returncode == 0, done.stderr
    assert "showing the first 10 rows" in done.stderr


def test_a_query_past_the_memory_limit_is_stopped(fixture_db: Settings) -> None:
    with pytest.raises(QueryRefused, match="more than the console's 1GB of memory"):
        run_sql(
            fixture_db,
            "select count(*) from range(1000000000) a, range(1000000000) b "
            "where a.range <> b.range",
            timeout_s=60,
        )


def test_schema_browser_lists_macros_with_their_parameters(fixture_db: Settings) -> None:
    relations = browse(fixture_db)
    kinds = [r.kind for r in relations]
    assert kinds == sorted(kinds, key=["table", "view", "table macro", "macro"].index)
    by_name = {r.name: r for r in relations}
    matching = by_name["matching_articles"]
    assert matching.kind == "table macro"
    assert [c.name for c in matching.columns] == ["p_edition", "p_oblasts", "p_hromada", "p_tags"]
    assert matching.description.startswith("The rows of articles")
    assert {c.data_type for c in matching.columns} == {"parameter"}
    within = by_name["views_within"]
    assert within.kind == "macro"
    assert {c.name: c.description for c in within.columns}["p_end"] == "day after the last"
    assert "matching_articles (table macro)" in as_text(relations)
