"""analyse() and fingerprint() are total and fast: any text gives a result, never an exception."""

from __future__ import annotations

import random
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from etl.facts import Facts, analyse, fingerprint

_ALPHABET = st.characters(blacklist_categories=("Cs",))
_WORDS = st.sampled_from(
    ["twin", "city", "of", "French", "Bucha", "(", ")", "Польща", "побратим", "містом", "і",
     "signed", "U-LEAD", "ЄС", "Ізюм", "and", ",", ".", "\n", "Kyiv", "the", "-", "’"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=2000), st.sampled_from(["en", "uk", None, "de"]))
def test_analyse_never_raises_on_any_text(body: str, language: str | None) -> None:
    facts = analyse(body, language, title=body[:50], tags=[body[:10]], oblasts=[], hromadas=[])
    assert isinstance(facts, Facts)
    assert isinstance(fingerprint(body, body[:30], language), str)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=300))
def test_analyse_never_raises_on_word_salad_of_cue_words(words: list[str]) -> None:
    text = " ".join(words)
    assert isinstance(analyse(text, "en", title=text[:80]), Facts)
    assert isinstance(fingerprint(text, None, None), str)


def test_wrong_types_and_empty_input_give_empty_facts() -> None:
    assert analyse("", None) == Facts()
    assert analyse(None, None) == Facts()  # type: ignore[arg-type]
    assert fingerprint("", None, None) == ""


def test_huge_garbled_text_is_fast_and_gives_no_pairs() -> None:
    rng = random.Random(7)
    blob = "".join(rng.choice("abcXYZ Ёж(),.-’\n") for _ in range(10_000_000))
    start = time.perf_counter()
    facts = analyse(blob, "en")
    fingerprint(blob, None, "en")
    assert time.perf_counter() - start < 20
    assert facts.twinning == []


def test_other_language_text_gives_no_pairs() -> None:
    text = "Die Stadt Bergamo und die Gemeinde Kočevje arbeiten zusammen. " * 20
    assert analyse(text, "de").twinning == []


def test_a_typical_five_kilobyte_article_is_analysed_in_milliseconds() -> None:
    para = (
        "The hromada of Zolochiv held a meeting with the Lithuanian town of Anykščiai "
        "about joint projects in 2024. Residents discussed 15 proposals and the budget. "
    )
    text = para * 30  # ~5 KB
    analyse(text, "en")  # warm the caches (country index, morphology)
    start = time.perf_counter()
    for _ in range(20):
        analyse(text, "en")
    per_call = (time.perf_counter() - start) / 20
    assert per_call < 0.05, per_call  # aim is ~2 ms; the bound leaves room for slow CI


def test_the_partnership_gate_covers_every_cue_word() -> None:
    from etl.facts import _PAIR_GATE
    from etl.facts.twinning import PARTNER_CUE_RE

    assert set(PARTNER_CUE_RE.pattern.split("|")) == set(_PAIR_GATE)


def test_an_ordinary_five_kilobyte_page_skips_the_sentence_work() -> None:
    para = (
        "Deputies of the hromada approved the budget for next year on Tuesday. Spending on "
        "schools will rise by 12 percent and 40 million hryvnias go to road repairs. "
    )
    text = para * 33  # ~5 KB, no partnership or donor words
    analyse(text, "en")
    start = time.perf_counter()
    for _ in range(50):
        analyse(text, "en")
    per_call = (time.perf_counter() - start) / 50
    assert per_call < 0.01, per_call  # ~0.4 ms measured; the bound leaves room for slow CI
