"""Build the small reference tables in data/reference/ from the shared raw data.

Why a script: the official codifier (KATOTTG, 3 MB) and the KSE hromada table are too big or too
raw to ship; the parser needs only oblasts, hromadas with English names, towns mapped to their
hromada, and a tag vocabulary. Output is sorted and written with fixed line ends, so a rebuild
from the same inputs is byte-identical.

    .venv/bin/python scripts/build_reference.py [--shared ../shared] [--out data/reference]
"""

from __future__ import annotations

import argparse
import csv
import io
import shutil
from pathlib import Path

from translitua import translit

ROOT = Path(__file__).resolve().parent.parent

# ISO 3166-2:UA code, KATOTTG first-level prefix, Ukrainian stem (as the codifier writes it),
# English name as the portal writes it (Odesa, Zaporizhzhia; not geoBoundaries' spellings).
OBLASTS: list[tuple[str, str, str, str]] = [
    ("UA-43", "UA01", "Автономна Республіка Крим", "Autonomous Republic of Crimea"),
    ("UA-05", "UA05", "Вінницька", "Vinnytsia Oblast"),
    ("UA-07", "UA07", "Волинська", "Volyn Oblast"),
    ("UA-12", "UA12", "Дніпропетровська", "Dnipropetrovsk Oblast"),
    ("UA-14", "UA14", "Донецька", "Donetsk Oblast"),
    ("UA-18", "UA18", "Житомирська", "Zhytomyr Oblast"),
    ("UA-21", "UA21", "Закарпатська", "Zakarpattia Oblast"),
    ("UA-23", "UA23", "Запорізька", "Zaporizhzhia Oblast"),
    ("UA-26", "UA26", "Івано-Франківська", "Ivano-Frankivsk Oblast"),
    ("UA-32", "UA32", "Київська", "Kyiv Oblast"),
    ("UA-35", "UA35", "Кіровоградська", "Kirovohrad Oblast"),
    ("UA-09", "UA44", "Луганська", "Luhansk Oblast"),
    ("UA-46", "UA46", "Львівська", "Lviv Oblast"),
    ("UA-48", "UA48", "Миколаївська", "Mykolaiv Oblast"),
    ("UA-51", "UA51", "Одеська", "Odesa Oblast"),
    ("UA-53", "UA53", "Полтавська", "Poltava Oblast"),
    ("UA-56", "UA56", "Рівненська", "Rivne Oblast"),
    ("UA-59", "UA59", "Сумська", "Sumy Oblast"),
    ("UA-61", "UA61", "Тернопільська", "Ternopil Oblast"),
    ("UA-63", "UA63", "Харківська", "Kharkiv Oblast"),
    ("UA-65", "UA65", "Херсонська", "Kherson Oblast"),
    ("UA-68", "UA68", "Хмельницька", "Khmelnytskyi Oblast"),
    ("UA-71", "UA71", "Черкаська", "Cherkasy Oblast"),
    ("UA-77", "UA73", "Чернівецька", "Chernivtsi Oblast"),
    ("UA-74", "UA74", "Чернігівська", "Chernihiv Oblast"),
    ("UA-30", "UA80", "Київ", "Kyiv"),
    ("UA-40", "UA85", "Севастополь", "Sevastopol"),
]

# Tag vocabulary: (language, tag, slug, weight). Tags seen on the sample pages come first in
# each group; the rest are the portal's recurring topics, inferred from its menus and the themes
# of the sample (weights are rough relative frequencies for the demo generator, summing to ~1000
# per language; persons and one-off tags are rare).
TAGS_EN: list[tuple[str, int]] = [
    ("partnership", 60),
    ("international support", 70),
    ("war stories", 45),
    ("amalgamation of hromadas", 80),
    ("decentralisation", 70),
    ("subvention", 20),
    ("subventsiia 2019", 4),
    ("rayon", 15),
    ("administrative and territorial structure", 30),
    ("announcement", 40),
    ("Administrative services", 45),
    ("reportage", 25),
    ("Vitalii Bezghin", 8),
    ("Volodymyr Groysman", 6),
    ("V.Nehoda", 6),
    ("local budgets", 55),
    ("recovery", 50),
    ("education", 40),
    ("healthcare", 30),
    ("energy efficiency", 30),
    ("local elections", 25),
    ("starostas", 15),
    ("regional policy", 25),
    ("land", 15),
    ("intermunicipal cooperation", 25),
    ("international municipal partnership", 25),
    ("twin cities", 20),
    ("U-LEAD", 30),
    ("DOBRE", 20),
    ("legislation", 30),
    ("urban planning", 15),
    ("culture", 12),
    ("tourism", 12),
    ("security", 15),
    ("internally displaced persons", 15),
    ("digitalisation", 15),
    ("youth", 10),
    ("sector decentralisation", 20),
    ("State Fund for Regional Development", 15),
    ("European integration", 20),
    ("Cities4Cities", 8),
    ("Polaris", 10),
    ("infographics", 10),
    ("monitoring", 20),
    ("interview", 25),
]
TAGS_UK: list[tuple[str, int]] = [
    ("партнерство", 60),
    ("міжнародна підтримка", 70),
    ("історії війни", 45),
    ("об'єднання громад", 80),
    ("створення спроможних громад", 40),
    ("децентралізація", 70),
    ("субвенція", 20),
    ("район", 15),
    ("адміністративно-територіальний устрій", 30),
    ("анонс", 40),
    ("адміністративні послуги", 35),
    ("ЦНАП", 30),
    ("репортаж", 25),
    ("Тетяна Пульна (Заєць)", 5),
    ("Віталій Безгін", 8),
    ("В'ячеслав Негода", 6),
    ("Володимир Гройсман", 6),
    ("місцеві бюджети", 55),
    ("відновлення", 50),
    ("освіта", 40),
    ("охорона здоров'я", 30),
    ("медицина", 15),
    ("енергоефективність", 30),
    ("місцеві вибори", 25),
    ("старости", 15),
    ("регіональна політика", 25),
    ("земля", 15),
    ("міжмуніципальне співробітництво", 25),
    ("міжнародне муніципальне партнерство", 25),
    ("побратимство", 20),
    ("U-LEAD", 30),
    ("DOBRE", 20),
    ("законодавство", 30),
    ("містобудування", 15),
    ("культура", 12),
    ("туризм", 12),
    ("безпека", 15),
    ("ВПО", 15),
    ("цифровізація", 15),
    ("молодь", 10),
    ("секторальна децентралізація", 20),
    ("ДФРР", 15),
    ("євроінтеграція", 20),
    ("Cities4Cities", 8),
    ("Polaris", 10),
    ("інфографіка", 10),
    ("моніторинг", 20),
    ("інтерв'ю", 25),
]

# The portal's tag slugs are transliterations of the Ukrainian tag (`/en/news/tag/reportazh`).
SLUG_OVERRIDES = {"reportage": "reportazh"}


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def _apos(text: str) -> str:
    # One apostrophe form (U+2019, the portal's own) in shipped names, as the parser normalises.
    for ch in "'ʼ`‘":
        text = text.replace(ch, "’")
    return text.strip()


def _slug_en(tag: str) -> str:
    if tag in SLUG_OVERRIDES:
        return SLUG_OVERRIDES[tag]
    return "-".join("".join(c if c.isalnum() else " " for c in tag.lower()).split())


def _slug_uk(tag: str) -> str:
    return _slug_en(translit(_apos(tag).replace("’", "")))


def build(shared: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    prefix_to_iso = {p: iso for iso, p, _, _ in OBLASTS}

    _write_csv(
        out / "oblasts.csv",
        ["oblast_iso", "katottg_prefix", "name_uk", "name_en"],
        [[iso, p, uk, en] for iso, p, uk, en in sorted(OBLASTS)],
    )

    rows: list[list[str]] = []
    with (shared / "data" / "hromadas.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            name = _apos(r["hromada_name"])
            kind = r["type"] if r["type"] in ("міська", "селищна", "сільська") else ""
            iso = prefix_to_iso[r["hromada_code"][:4]]
            rows.append(
                [r["hromada_code"], iso, r["raion_name"].strip(), name, translit(name), kind]
            )
    rows.sort()
    _write_csv(
        out / "hromadas.csv",
        ["hromada_code", "oblast_iso", "raion_name", "name_uk", "name_en", "type"],
        rows,
    )

    # Cities (M), urban-type settlements (X) and the two special-status cities (K), each with
    # the hromada that governs it; villages are left out (27k names, many collide with words).
    places: list[list[str]] = []
    with (shared / "data" / "katottg_2025-05-16.csv").open(encoding="utf-8-sig") as fh:
        reader = csv.reader(fh, delimiter=";")
        next(reader)
        for rec in reader:
            if len(rec) < 7:
                continue
            cat, name = rec[5].strip(), _apos(rec[6])
            if cat == "K":
                code = rec[0]
            elif cat in ("M", "X"):
                code = rec[2]
            else:
                continue
            iso = prefix_to_iso.get(code[:4], "")
            en = {"Київ": "Kyiv", "Севастополь": "Sevastopol"}.get(name, translit(name))
            places.append([name, en, cat, code, iso])
    places.sort(key=lambda r: (r[4], r[0], r[3]))
    _write_csv(
        out / "places.csv", ["name_uk", "name_en", "category", "hromada_code", "oblast_iso"], places
    )

    tags = [["en", t, _slug_en(t), str(w)] for t, w in TAGS_EN]
    tags += [["uk", _apos(t), _slug_uk(t), str(w)] for t, w in TAGS_UK]
    _write_csv(out / "tags.csv", ["language", "tag", "slug", "weight"], tags)

    shutil.copyfile(shared / "data" / "ukraine_oblasts.geojson", out / "ukraine_oblasts.geojson")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "data" / "reference")
    args = ap.parse_args()
    build(args.shared, args.out)


if __name__ == "__main__":
    main()
