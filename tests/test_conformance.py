"""Conformance on the real sample pages in ../shared (seeds and pages): each field as the page
visibly shows it, read by hand. Titles are checked by their first 50 characters."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from etl.parse import parse_file

SHARED = Path(__file__).resolve().parents[2] / "shared"


@dataclass
class E:
    key: str | None
    title: str | None
    date: str | None
    views: int | None
    tags: list[str] = field(default_factory=list)
    oblasts: list[str] = field(default_factory=list)
    hromadas: list[str] = field(default_factory=list)
    language: str | None = None
    source: str | None = None
    kind: str = "article"


EXPECTED: dict[str, E] = {
    "000_7848d0c24a126755.txt": E(
        key=None,
        title="Ізюмська громада веде перемовини про співпрацю з м",
        date="2023-01-10T18:45:00+02:00",
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="reprint",
    ),
    "001_63c97146140c693e.txt": E(
        key=None,
        title="Izium municipality is negotiating cooperation with",
        date="2023-01-10T15:35:00+02:00",
        views=2436,
        tags=["partnership", "war stories", "international support"],
        oblasts=["UA-63"],
        hromadas=["UA63040090000021240"],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_10474.txt": E(
        key="en:10474",
        title="Khmelnytskyi Oblast takes the first place. Zakarpa",
        date=None,
        views=None,
        tags=["amalgamation of hromadas"],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_11326.txt": E(
        key="en:11326",
        title="96% of infrastructure subvention already distribut",
        date="2019-07-22T11:15:00+03:00",
        views=1350,
        tags=["subvention", "subventsiia 2019"],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_11421.txt": E(
        key="en:11421",
        title="Announcement! Modern ASCs to be opened in Mamayivs",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_11421_v2.txt": E(
        key="en:11421",
        title="Announcement! Modern ASCs to be opened in Mamayivs",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_11520.txt": E(
        key="en:11520",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=["UA-14", "UA-63"],
        hromadas=["UA63120150000086206"],
        language="en",
        source="Програма «U-LEAD з Європою»",
        kind="article",
    ),
    "en_news_11689.txt": E(
        key="en:11689",
        title=None,
        date=None,
        views=None,
        tags=["announcement", "Administrative services"],
        oblasts=["UA-48", "UA-65"],
        hromadas=[],
        language="en",
        source="Програма «U-LEAD з Європою»",
        kind="article",
    ),
    "en_news_12546.txt": E(
        key="en:12546",
        title="«A new rayon division won’t affect hromada residen",
        date=None,
        views=None,
        tags=["Vitalii Bezghin", "rayon"],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_12645.txt": E(
        key="en:12645",
        title='"The issue of regional borders changes is Pandora’',
        date="2020-07-21T11:38:00+03:00",
        views=7716,
        tags=["Vitalii Bezghin", "administrative and territorial structure"],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_14626.txt": E(
        key="en:14626",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="en",
        source='Пресцентр ініціативи "Децентралізація"',
        kind="article",
    ),
    "en_news_14911.txt": E(
        key="en:14911",
        title="American state of Mississippi recognized Khmelnyts",
        date="2022-05-11T09:33:00+03:00",
        views=4297,
        tags=["international support"],
        oblasts=["UA-68"],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_15129.txt": E(
        key="en:15129",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=["UA-32"],
        hromadas=["UA32080070000050759"],
        language="en",
        source='Пресцентр ініціативи "Децентралізація"',
        kind="article",
    ),
    "en_news_15129_v2.txt": E(
        key="en:15129",
        title="Bucha and Bergamo became twin cities",
        date=None,
        views=None,
        tags=[],
        oblasts=["UA-32"],
        hromadas=["UA32080070000050759"],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_15911.txt": E(
        key="en:15911",
        title="International municipal partnership: Ministry for ",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_15913.txt": E(
        key="en:15913",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_16150.txt": E(
        key="en:16150",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "en_news_16180.txt": E(
        key="en:16180",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "en_news_16180_v2.txt": E(
        key="en:16180",
        title="Гостомель та район чеської Праги – Ржепоріє стали ",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "en_news_16247.txt": E(
        key="en:16247",
        title="Kyiv and Wrocław agreed on bilateral cooperation",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_16417.txt": E(
        key="en:16417",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_17553.txt": E(
        key="en:17553",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "en_news_18253.txt": E(
        key="en:18253",
        title="Успішний досвід Польщі – українським громадам: які",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "en_news_19673.txt": E(
        key="en:19673",
        title=None,
        date=None,
        views=None,
        tags=["Vitalii Bezghin", "administrative and territorial structure"],
        oblasts=[],
        hromadas=[],
        language="en",
        source="Decentralization portal",
        kind="article",
    ),
    "en_news_20245.txt": E(
        key="en:20245",
        title="Train Kyiv – War. Interview with Head of Kostianty",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="article",
    ),
    "en_news_20262.txt": E(
        key="en:20262",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "en_news_9063.txt": E(
        key="en:9063",
        title="Will Adzhamska AH appear on Ukraine’s map?",
        date="2018-06-21T13:11:00+03:00",
        views=16033,
        tags=["amalgamation of hromadas"],
        oblasts=["UA-35"],
        hromadas=[],
        language="en",
        source="DOBRE",
        kind="article",
    ),
    "en_news_9245.txt": E(
        key="en:9245",
        title="Refurbished administrative service centre has been",
        date="2018-07-19T17:13:00+03:00",
        views=2054,
        tags=[],
        oblasts=["UA-07"],
        hromadas=["UA07060270000021892"],
        language="en",
        source="«КОРДОН» - інформаційний сайт Прибужжя",
        kind="article",
    ),
    "en_news_9373.txt": E(
        key="en:9373",
        title="Ten AHs in Luhansk Oblast are waiting for their fi",
        date=None,
        views=None,
        tags=["amalgamation of hromadas"],
        oblasts=["UA-09"],
        hromadas=[],
        language="en",
        source="Луганська обласна державна адміністрація",
        kind="article",
    ),
    "en_news_9973.txt": E(
        key="en:9973",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=["UA-46"],
        hromadas=[],
        language="en",
        source="Львівський Центр розвитку місцевого самоврядування",
        kind="article",
    ),
    "en_news_tag_reportazh.txt": E(
        key=None,
        title=None,
        date=None,
        views=None,
        tags=["reportage"],
        oblasts=[],
        hromadas=[],
        language="en",
        source=None,
        kind="listing",
    ),
    "uk_news_1163.txt": E(
        key="uk:1163",
        title="П’ять об’єднаних територіальних громад Волині розп",
        date=None,
        views=None,
        tags=[],
        oblasts=["UA-07"],
        hromadas=[],
        language="uk",
        source="«Волинська правда»",
        kind="article",
    ),
    "uk_news_14273.txt": E(
        key="uk:14273",
        title="Царичанська громада – успішний приклад втілення де",
        date=None,
        views=None,
        tags=["створення спроможних громад", "Тетяна Пульна (Заєць)"],
        oblasts=["UA-12"],
        hromadas=["UA12020310000017431"],
        language="uk",
        source="Дніпро NEWS",
        kind="article",
    ),
    "uk_news_14273_v2.txt": E(
        key="uk:14273",
        title="Царичанська громада – успішний приклад втілення де",
        date=None,
        views=None,
        tags=["створення спроможних громад", "Тетяна Пульна (Заєць)"],
        oblasts=["UA-12"],
        hromadas=["UA12020310000017431"],
        language="uk",
        source="Дніпро NEWS",
        kind="article",
    ),
    "uk_news_14333.txt": E(
        key="uk:14333",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "uk_news_16057.txt": E(
        key="uk:16057",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "uk_news_16150.txt": E(
        key="uk:16150",
        title="Знайди місто-побратима: аналітики Центру спільних ",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "uk_news_16583.txt": E(
        key="uk:16583",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "uk_news_18972.txt": E(
        key="uk:18972",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "uk_news_19846.txt": E(
        key="uk:19846",
        title="Агломерація — новий формат співпраці: в Івано-Фран",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "uk_news_20372.txt": E(
        key="uk:20372",
        title="Брно стало 28-м містом-побратимом Ужгорода",
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
    "uk_news_4061.txt": E(
        key="uk:4061",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source="Прес-центр ініціативи «Децентралізація влади»",
        kind="article",
    ),
    "uk_news_9820.txt": E(
        key="uk:9820",
        title=None,
        date=None,
        views=None,
        tags=[],
        oblasts=[],
        hromadas=[],
        language="uk",
        source=None,
        kind="article",
    ),
}

BOILERPLATE = (
    "Share the news",
    "Read more:",
    "Читайте також:",
    "To add comment",
    "Views:",
    "Tags:",
    "Теги:",
    "Область:",
    "Громади:",
    "Source:",
    "Джерело:",
    "The full version is available",
    "Поділитися",
    "cookies",
)


def _files() -> list[Path]:
    if not SHARED.is_dir():
        return []
    return sorted([*SHARED.glob("seeds/*.txt"), *SHARED.glob("pages/*.txt")])


def _ids() -> list[str]:
    return [p.name for p in _files()]


@pytest.fixture(autouse=True)
def _need_shared() -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared sample folder not found at {SHARED}")


@pytest.mark.parametrize("path", _files(), ids=_ids())
def test_sample_page_reads_as_it_visibly_shows(path: Path) -> None:
    exp = EXPECTED.get(path.name)
    if exp is None:
        pytest.skip(f"no expectation written for {path.name} yet")
    page = parse_file(path)
    assert page.kind == exp.kind
    assert page.article_key == exp.key
    assert (page.title[:50] if page.title else None) == exp.title
    assert page.published_at == exp.date
    assert page.views == exp.views
    assert page.tags == exp.tags
    assert page.oblasts == exp.oblasts
    assert page.hromadas == exp.hromadas
    assert page.language == exp.language
    assert page.source == exp.source


@pytest.mark.parametrize("path", _files(), ids=_ids())
def test_sample_body_has_no_boilerplate_or_related_news(path: Path) -> None:
    page = parse_file(path)
    for marker in BOILERPLATE:
        assert marker not in page.body
    if page.title:
        assert not page.body.startswith(page.title)


def test_every_sample_page_has_an_expectation() -> None:
    assert set(_ids()) == set(EXPECTED)


def test_seed_english_page_meets_the_brief() -> None:
    page = parse_file(SHARED / "seeds" / "001_63c97146140c693e.txt")
    assert page.title == "Izium municipality is negotiating cooperation with Chennevières-sur-Marne"
    assert page.published_at == "2023-01-10T15:35:00+02:00"
    assert page.views == 2436
    assert set(page.tags) == {"partnership", "war stories", "international support"}
    assert page.oblasts == ["UA-63"] and page.hromadas == ["UA63040090000021240"]
    assert page.language == "en"


def test_seed_ukrainian_reprint_meets_the_brief() -> None:
    page = parse_file(next((SHARED / "seeds").glob("000_*.txt")))
    assert page.published_at == "2023-01-10T18:45:00+02:00"
    assert (page.language, page.views, page.kind, page.article_key) == ("uk", None, "reprint", None)
    assert "Популярні категорії" not in page.body and "Прочитайте" not in page.body


def test_compact_renderings_never_take_a_related_news_date() -> None:
    for path in _files():
        page = parse_file(path)
        if page.kind == "article" and page.views is None and "T" in (page.published_at or ""):
            pytest.fail(f"{path.name}: date {page.published_at} without a date line")
