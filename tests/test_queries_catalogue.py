"""The notebook helpers of etl.queries: the catalogue lists every named query from its header."""

from __future__ import annotations

import pytest

from etl import queries
from etl.errors import EtlError


def test_catalogue_lists_every_named_query_with_its_header() -> None:
    frame = queries.catalogue()
    assert list(frame.columns) == ["name", "description", "params", "columns"]
    assert list(frame["name"]) == queries.names()
    top = frame.set_index("name").loc["top_articles"]
    assert "start DATE" in top["params"] and "top INTEGER" in top["params"]
    assert top["columns"].startswith("article_key, title, url")
    # Every query says what it answers: an empty description would show as a blank row.
    assert (frame["description"].str.len() > 10).all()


def test_describe_shows_one_query_and_names_the_known_ones_on_a_typo() -> None:
    text = queries.describe("oblasts")
    assert text.splitlines()[0].startswith("oblasts: ")
    assert "params:  (none)" in text
    assert "columns: oblast_iso, name_uk, name_en" in text
    with pytest.raises(EtlError, match="top_articles"):
        queries.describe("top_article")
