"""A deterministic corpus of hostile pages, made by mutating our fixture pages.

Each case is one file plus what a correct loader must do with it: `load` (a benign variation
the parser must read: another encoding, a BOM, markup or a formula in the title), `quarantine`
(it cannot be a page: empty, binary, too large, NUL bytes) or `either` (a mangled page that
may still be readable: truncated, random bytes, duplicated blocks, impossible dates, negative
or huge view counts). Every page gets fresh news ids (900000+), so nothing in the corpus
can touch an article that was loaded before it.
"""

from __future__ import annotations

import codecs
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import FIXTURE_PAGES

SCRIPT = "<script>alert(1)</script><img src=x onerror=alert(2)> "
FORMULAS = ['=HYPERLINK("http://x","y") ', "+1+1 ", "-2+3 ", "@SUM(A1) ", "=cmd|' /C calc'!A0 "]
BAD_DATES = ["31.02.2023", "29.02.2023", "00.13.2023", "31.04.2024", "99.99.9999"]
HUGE = 50 << 20  # the "50 MB page"
_DATE = re.compile(r"\b\d{2}\.\d{2}\.\d{4}\b")
_VIEWS = re.compile(r"((?:Views|Переглядів|переглядів|К-ть переглядів)\s*:?\s*)(\d[\d \u00a0]*)")
_NEWS = re.compile(r"(?:decentralization\.gov\.ua(?:/en|/uk)?|href=['\"](?:/en|/uk)?)/news/(\d+)")
_CYR = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


@dataclass(frozen=True)
class Case:
    file: str  # name inside the corpus folder
    mutation: str
    source: str  # the fixture page it came from
    expect: str  # "load", "quarantine" or "either"
    title_prefix: str = ""  # for title mutations: what the stored title must start with


@dataclass
class Source:
    name: str
    text: str
    html: bool
    title: str

    def cyrillic(self) -> bool:
        letters = sum(ch.isalpha() for ch in self.text)
        return bool(letters) and len(_CYR.findall(self.text)) / letters > 0.6


def sources() -> list[Source]:
    from etl.parse import parse_bytes

    out = []
    for path in sorted(FIXTURE_PAGES.iterdir()):
        data = path.read_bytes()
        page = parse_bytes(data, path.name)
        out.append(Source(path.name, data.decode("utf-8"), path.suffix == ".html", page.title))
    return out


def fresh_ids(text: str, number: int) -> str:
    """Every news id in the page replaced by one of this case's own (900000 + 50*number + k)."""
    ids: dict[str, str] = {}
    for found in _NEWS.findall(text):
        ids.setdefault(found, str(900_000 + 50 * number + len(ids)))
    for old, new in ids.items():
        text = re.sub(rf"\b{old}\b", new, text)
    return text


Mutation = Callable[[random.Random, Source, str], tuple[bytes, str, str]]  # bytes, expect, prefix


def truncate(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    data = text.encode()
    return data[: rng.randint(1, max(1, len(data) - 1))], "either", ""


def random_bytes(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    data = bytearray(text.encode())
    for _ in range(rng.randint(1, 40)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data), "either", ""


def random_chunk(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    data = text.encode()
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randint(1, 2000)) + data[at:], "either", ""


def cp1251(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    data = text.encode("cp1251", errors="replace")
    return data, "load" if src.cyrillic() else "either", ""


def utf16_bom(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    codec, bom = rng.choice(
        [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE)]
    )
    return bom + text.encode(codec), "load", ""


def utf16_no_bom(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    return text.encode(rng.choice(["utf-16-le", "utf-16-be"])), "quarantine", ""


def utf8_bom(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    return codecs.BOM_UTF8 + text.encode(), "load", ""


def crlf(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    return text.replace("\n", "\r\n").encode(), "load", ""


def binary(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    header = rng.choice([b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"PK\x03\x04\x14\x00\x00\x00"])
    return header + rng.randbytes(rng.randint(10, 5000)), "quarantine", ""


def empty(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    return rng.choice([b"", b"\n", b"   \n\t\n", codecs.BOM_UTF8]), "quarantine", ""


def duplicated_block(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    blocks = text.split("\n\n")
    at = rng.randrange(len(blocks))
    blocks[at:at] = [blocks[at]] * rng.randint(1, 60)
    return "\n\n".join(blocks).encode(), "either", ""


def bad_date(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
    bad = rng.choice(BAD_DATES)
    if _DATE.search(text):
        return _DATE.sub(bad, text, count=rng.randint(1, 3)).encode(), "either", ""
    return text.replace("2024", "2023-02-31", 1).encode(), "either", ""


def views(value: str) -> Mutation:
    def mutate(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
        return _VIEWS.sub(lambda m: m[1] + value, text).encode(), "either", ""

    mutate.__name__ = f"views_{'negative' if value.startswith('-') else 'huge'}"
    return mutate


def title(prefixes: list[str], name: str) -> Mutation:
    def mutate(rng: random.Random, src: Source, text: str) -> tuple[bytes, str, str]:
        prefix = rng.choice(prefixes)
        shown = prefix.replace("&", "&amp;").replace("<", "&lt;") if src.html else prefix
        if not src.title or src.title not in text:
            return text.encode(), "either", ""
        return text.replace(src.title, shown + src.title).encode(), "load", prefix

    mutate.__name__ = name
    return mutate


MUTATIONS: list[Mutation] = [
    truncate, random_bytes, random_chunk, cp1251, utf16_bom, utf16_no_bom, utf8_bom, crlf,
    binary, empty, duplicated_block, bad_date, views("-640"),
    views("99999999999999999999999"), title([SCRIPT], "script_title"),
    title(FORMULAS, "formula_title"),
]  # fmt: skip


def huge_page(src: Source, text: str) -> bytes:
    """A real page padded past 50 MB with repeated paragraphs (the parser's size limit)."""
    filler = ("\n\nA long paragraph repeated to make the page enormous. " * 20).encode()
    data = text.encode()
    return data + filler * (HUGE // len(filler) + 1)


def corpus(out: Path, count: int, seed: int = 8, huge: bool = True) -> list[Case]:
    """Write `count` hostile pages (plus one 50 MB page if `huge`) into `out`; their cases."""
    out.mkdir(parents=True)
    rng = random.Random(seed)
    pages = sources()
    cases = []
    for number in range(count):
        src = pages[number % len(pages)]
        mutate = MUTATIONS[(number // len(pages) + number) % len(MUTATIONS)]
        data, expect, prefix = mutate(rng, src, fresh_ids(src.text, number))
        stem, ext = src.name.rsplit(".", 1)
        ext = "bin" if mutate is binary else ext
        name = f"{number:05d}_{mutate.__name__}_{stem}.{ext}"
        (out / name).write_bytes(data)
        cases.append(Case(name, mutate.__name__, src.name, expect, prefix))
    if huge:
        src = pages[0]
        name = f"{count:05d}_huge_{src.name}"
        (out / name).write_bytes(huge_page(src, fresh_ids(src.text, count)))
        cases.append(Case(name, "huge_50mb", src.name, "quarantine"))
    return cases
