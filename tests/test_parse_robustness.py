"""Any bytes in, a Page or a ParseError out: never another exception."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.errors import ParseError
from etl.parse import MAX_BYTES, parse_bytes, parse_file

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def _try(data: bytes) -> None:
    try:
        parse_bytes(data, "f")
    except ParseError as exc:
        assert exc.message


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_give_a_page_or_a_parse_error(data: bytes) -> None:
    _try(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_arbitrary_text_gives_a_page_or_a_parse_error(text: str) -> None:
    _try(text.encode("utf-8", "surrogatepass"))


LINES = st.sampled_from(
    [
        "Tags:",
        "Область:",
        "Громади:",
        "Source:",
        "Share the news:",
        "Read more:",
        "",
        "Теги:",
        "10.01.2023 - 15:35 | Views: 2436",
        "04 June 2025",
        "Харківська областьГромади:",
        "<div>",
        "<article class='news-item'>",
        "URL: https://decentralization.ua/en/news/1",
        "К-ть переглядів: 5",
        "Ізюмська територіальна громада",
        "Title",
        "Січень 10",
        "18:45 2023",
        "<p>x</p>",
        "громада",
    ]
)


@settings(max_examples=300)
@given(st.lists(LINES, max_size=40))
def test_shuffled_portal_lines_never_crash(lines: list[str]) -> None:
    _try("\n".join(lines).encode())


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n", "empty file"),
        (b"abc\x00def", "binary content (NUL bytes)"),
        (b"\xff\xfe\xfa\x80\x81" * 10, "undecodable text"),
    ],
)
def test_unreadable_inputs_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason.split(" (")[0]):
        parse_bytes(data, "f")


def test_too_large_input_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ParseError, match="too large"):
        parse_file(path)


def test_utf16_cp1251_and_bom_decode_to_the_same_page() -> None:
    text = (PAGES / "compact_glued_uk.txt").read_text(encoding="utf-8")
    plain = parse_bytes(text.encode("utf-8"), "a")
    for data in (
        codecs.BOM_UTF8 + text.encode("utf-8"),
        text.encode("utf-16"),
        text.encode("cp1251", "replace"),
    ):
        page = parse_bytes(data, "a")
        assert (page.article_key, page.oblasts, page.source) == (
            plain.article_key,
            plain.oblasts,
            plain.source,
        )


def test_page_without_any_text_is_refused() -> None:
    with pytest.raises(ParseError, match="no title or text"):
        parse_bytes(b"<html><body><script>x()</script></body></html>", "f")
