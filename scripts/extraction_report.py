"""Extraction report: quality on the labelled pages and speed on invented 5 KB articles.

    .venv/bin/python scripts/extraction_report.py            # quality table + errors + speed
    .venv/bin/python scripts/extraction_report.py --speed    # speed only (no ../shared needed)
    .venv/bin/python scripts/extraction_report.py --profile twinning-en   # cProfile one kind

Quality reads ../shared/pages and ../shared/seeds (labels: tests/data/extraction_labels.jsonl,
scoring: tests/test_facts_quality.py). Speed bodies are generated here from template sentences
written for this benchmark (no article text), with varied names and numbers so no sentence
repeats and no per-sentence cache flatters the figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from etl.facts import analyse  # noqa: E402

HROMADAS_EN = ["Pryluky", "Izium", "Bucha", "Zolochiv", "Irpin", "Khotyn", "Slavutych", "Nizhyn"]
HROMADAS_UK = ["Прилуцька", "Ізюмська", "Бучанська", "Золочівська", "Ірпінська", "Хотинська"]
PEOPLE = ["Petro Ivanenko", "Olena Kovalenko", "Ivan Moroz", "Maria Savchuk", "Taras Bondar"]
PEOPLE_UK = ["Петро Іваненко", "Олена Коваленко", "Іван Мороз", "Марія Савчук", "Тарас Бондар"]
# (Latin name, Ukrainian name, English adjective, Ukrainian adjective in the instrumental)
PARTNERS = [
    ("Chennevières-sur-Marne", "Шеннв’єр-сюр-Марн", "French", "французьким"),
    ("Bergamo", "Бергамо", "Italian", "італійським"),
    ("Wrocław", "Вроцлав", "Polish", "польським"),
    ("Bergisch Gladbach", "Бергіш-Гладбах", "German", "німецьким"),
    ("Brno", "Брно", "Czech", "чеським"),
    ("Kaunas", "Каунас", "Lithuanian", "литовським"),
    ("Tartu", "Тарту", "Estonian", "естонським"),
    ("Cascais", "Кашкайш", "Portuguese", "португальським"),
]

ORDINARY_EN = [
    "The council of {h} hromada approved the budget for {y} on {d} March.",
    "Spending on schools will rise by {n} percent, and {m} million hryvnias go to road repairs.",
    "Mayor {p} said a new sports hall opened at the hub school in the village of Vyshneve.",
    "Residents can get administrative services at the ASC every weekday from 8 to {n2}.",
    "The hromada bought {n} buses for children who live more than three kilometres away.",
    "Deputies discussed the heating season and agreed to insulate {n} public buildings.",
    "{p} thanked the utility workers who cleared {n} kilometres of roads after the snow.",
    "The starosta of the district reported on the repair of the outpatient clinic.",
    "A youth centre with {n} places will open in the former library building in {y}.",
    "The local tax revenue grew by {n} percent compared with the same period of {y}.",
]
ORDINARY_UK = [
    "Депутати {h} громади ухвалили бюджет на {y} рік {d} березня.",
    "Видатки на освіту зростуть на {n} відсотків, на ремонт доріг дадуть {m} мільйонів гривень.",
    "Голова громади {p} розповів, що в опорній школі відкрили новий спортивний зал.",
    "Жителі можуть отримати адміністративні послуги у ЦНАП щодня з 8 до {n2} години.",
    "Громада придбала {n} шкільних автобусів для дітей з віддалених сіл.",
    "Депутати обговорили опалювальний сезон і вирішили утеплити {n} комунальних будівель.",
    "{p} подякував комунальникам, які розчистили {n} кілометрів доріг після снігопаду.",
    "Староста округу прозвітував про ремонт амбулаторії загальної практики.",
    "Молодіжний центр на {n} місць відкриють у колишньому приміщенні бібліотеки у {y} році.",
    "Надходження місцевих податків зросли на {n} відсотків порівняно з {y} роком.",
]
SUPPORT_EN = [
    "The centre was equipped with the support of the U-LEAD with Europe Programme.",
    "USAID DOBRE experts trained {n} employees of the finance department.",
    "The generators were handed over with the help of the European Union.",
]
SUPPORT_UK = [
    "ЦНАП облаштували за підтримки Програми «U-LEAD з Європою».",
    "Експерти програми DOBRE навчили {n} працівників фінансового управління.",
    "Генератори громада отримала завдяки допомозі Європейського Союзу.",
]
TWIN_EN = [
    "{h} hromada signed a twinning memorandum with the {a} city of {c}.",
    "A delegation from {c} handed over {n} generators to {h} hromada.",
    "The parties discussed cooperation with the {a} town of {c} on the recovery of schools.",
    "{h} and {c} became sister cities in {y}.",
    "Partners from {c} helped to rebuild the hospital in {h}, mayor {p} said.",
]
TWIN_UK = [
    "{h} громада підписала меморандум про побратимство з {a} містом {c}.",
    "Делегація міста {c} передала громаді {n} генераторів.",
    "Сторони обговорили співпрацю з {a} містом {c} у відбудові шкіл.",
    "{h} громада та місто {c} стали побратимами у {y} році.",
    "Партнери з міста {c} допомогли відбудувати лікарню, розповів {p}.",
]
KINDS = {
    "ordinary-en": (ORDINARY_EN,),
    "ordinary-uk": (ORDINARY_UK,),
    "support-en": (ORDINARY_EN, SUPPORT_EN),
    "support-uk": (ORDINARY_UK, SUPPORT_UK),
    "twinning-en": (ORDINARY_EN, TWIN_EN),
    "twinning-uk": (ORDINARY_UK, TWIN_UK),
    "twinning-heavy-en": (TWIN_EN,),
    "twinning-heavy-uk": (TWIN_UK,),
}


def body(kind: str, seed: int, size: int = 5000) -> str:
    """An invented article of about `size` bytes of the given kind."""
    rng = random.Random(f"{kind}:{seed}")
    uk = kind.endswith("-uk")
    pools = KINDS[kind]
    out: list[str] = []
    while len(" ".join(out).encode()) < size:
        pool = pools[len(out) % len(pools)] if len(pools) > 1 else pools[0]
        partner = rng.choice(PARTNERS)
        out.append(
            rng.choice(pool).format(
                h=rng.choice(HROMADAS_UK if uk else HROMADAS_EN),
                p=rng.choice(PEOPLE_UK if uk else PEOPLE),
                c=partner[1] if uk else partner[0],
                a=partner[3] if uk else partner[2],
                y=rng.randrange(2016, 2026),
                d=rng.randrange(1, 29),
                n=rng.randrange(2, 400),
                n2=rng.randrange(16, 21),
                m=rng.randrange(2, 90),
            )
        )
    return " ".join(out)


def speed(rounds: int = 40) -> dict[str, float]:
    """Milliseconds per analyse() call, per kind (median of `rounds` distinct bodies)."""
    analyse(body("twinning-uk", -1), "uk")  # warm the lazy indexes (countries, gazetteer)
    analyse(body("twinning-en", -1), "en")
    out: dict[str, float] = {}
    for kind in KINDS:
        times = []
        for seed in range(rounds):
            text = body(kind, seed)
            start = time.perf_counter()
            analyse(text, None)
            times.append(time.perf_counter() - start)
        out[kind] = sorted(times)[len(times) // 2] * 1000
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed", action="store_true", help="speed only")
    parser.add_argument("--profile", choices=sorted(KINDS), help="cProfile one kind")
    args = parser.parse_args()
    if args.profile:
        import cProfile
        import pstats

        texts = [body(args.profile, seed) for seed in range(40)]
        analyse(texts[0], None)
        with cProfile.Profile() as prof:
            for text in texts:
                analyse(text, None)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return
    if not args.speed:
        from tests.test_facts_quality import LABELS, SHARED, evaluate

        if not (SHARED / "pages").is_dir():
            print(f"{SHARED}/pages is not present: quality skipped")
        else:
            table, errors = evaluate()
            count = len(LABELS.read_text(encoding="utf-8").splitlines())
            print(f"Quality on {count} labelled files\n")
            print("| item | precision | recall | F1 |\n|---|---|---|---|")
            for name, (p, r, f) in table.items():
                print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
            print("\n".join(errors) or "no errors")
    print("\nSpeed: ms per analyse() call on a ~5 KB body (median of 40 distinct bodies)\n")
    print("| body | ms |\n|---|---|")
    for kind, ms in speed().items():
        print(f"| {kind} | {ms:.2f} |")


if __name__ == "__main__":
    main()
