# ruff: noqa: E501  (long sentence templates are data)
"""Vocabulary and sentence templates for the demo corpus, in Ukrainian and English.

All sentences here were written for this project; none is copied from the portal. Each story
template is a list of (uk, en) pairs with the same placeholders, so the English version of a
Ukrainian story says the same thing: the same people, places, partners and numbers, which is
what story linking looks for. Real donors, programmes and foreign municipalities are named as
facts; the pairings and events are invented.
"""

from __future__ import annotations

Pair = tuple[str, str]

# Activity weight of each region (news per region, roughly), by ISO 3166-2:UA.
OBLAST_WEIGHTS: dict[str, float] = {
    "UA-46": 8,
    "UA-12": 8,
    "UA-32": 7,
    "UA-63": 6.5,
    "UA-18": 6,
    "UA-53": 6,
    "UA-61": 5.5,
    "UA-74": 5,
    "UA-07": 5,
    "UA-51": 5,
    "UA-23": 5,
    "UA-68": 5,
    "UA-05": 5,
    "UA-59": 4.5,
    "UA-56": 4,
    "UA-71": 4,
    "UA-48": 4.5,
    "UA-65": 4.5,
    "UA-26": 4.5,
    "UA-77": 3,
    "UA-21": 3.5,
    "UA-35": 3,
    "UA-14": 4,
    "UA-09": 2,
    "UA-30": 3,
    "UA-43": 0.3,
    "UA-40": 0.2,
}
# Relative daily volume of news by year (the portal grew, then rose again after February 2022).
YEAR_WEIGHTS: dict[int, float] = {
    2015: 0.45,
    2016: 0.7,
    2017: 0.85,
    2018: 0.95,
    2019: 0.95,
    2020: 0.9,
    2021: 0.85,
    2022: 1.25,
    2023: 1.35,
    2024: 1.3,
    2025: 1.3,
    2026: 1.3,
}
WEEKDAY_WEIGHTS = (1.0, 1.1, 1.1, 1.05, 0.95, 0.2, 0.12)  # Monday first
HOUR_WEIGHTS = {
    8: 2,
    9: 6,
    10: 9,
    11: 9,
    12: 7,
    13: 6,
    14: 8,
    15: 8,
    16: 7,
    17: 5,
    18: 3,
    19: 2,
    20: 1,
}

FIRST_NAMES = [
    "Олександр",
    "Андрій",
    "Сергій",
    "Володимир",
    "Юрій",
    "Віктор",
    "Олег",
    "Ігор",
    "Микола",
    "Василь",
    "Петро",
    "Роман",
    "Богдан",
    "Тетяна",
    "Наталія",
    "Оксана",
    "Ірина",
    "Олена",
    "Світлана",
    "Людмила",
    "Галина",
    "Марія",
    "Юлія",
    "Катерина",
    "Валентина",
]
LAST_NAMES = [
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Олійник",
    "Шевчук",
    "Поліщук",
    "Мельник",
    "Лисенко",
    "Руденко",
    "Марченко",
    "Гнатюк",
    "Савчук",
    "Петренко",
    "Мороз",
    "Левченко",
    "Климчук",
    "Данилюк",
    "Ярошенко",
    "Степаненко",
    "Гуменюк",
    "Литвиненко",
    "Павлюк",
    "Кушнір",
    "Сидоренко",
    "Головко",
    "Онищенко",
    "Федорук",
    "Захарченко",
    "Тимошенко",
]
ROLES: list[Pair] = [
    ("міський голова", "mayor"),
    ("голова громади", "head of the hromada"),
    ("селищний голова", "settlement head"),
    ("сільський голова", "village head"),
]
WAR_ROLES: list[Pair] = [
    ("начальник військової адміністрації", "head of the military administration")
]
EXPERTS: list[Pair] = [
    ("експерт з питань місцевого самоврядування", "local self-government expert"),
    ("експерт з фінансової децентралізації", "fiscal decentralisation expert"),
    ("регіональний консультант", "regional consultant"),
]

SOURCES = (
    ('Пресцентр ініціативи "Децентралізація"', 6),
    ("Прес-центр ініціативи «Децентралізація влади»", 2),
    ("Decentralization portal", 1),
    ("Програма «U-LEAD з Європою»", 1.5),
    ("DOBRE", 0.8),
    ("Урядовий портал", 0.8),
    ("Центр розвитку місцевого самоврядування", 1.2),
)
REGIONAL_MEDIA = ("Слобідський край", "Дніпро NEWS", "«Волинська правда»", "Новини Прибужжя")
AUTHORS: list[Pair] = [("Автор: {name}", "By {name_en}")]

# Donors and programmes: (key, uk phrase, en phrase, first year, last year, weight).
DONORS: list[tuple[str, str, str, int, int, float]] = [
    ("U-LEAD", "Програми «U-LEAD з Європою»", "the U-LEAD with Europe Programme", 2016, 2026, 10),
    ("EU", "Європейського Союзу", "the European Union", 2015, 2026, 6),
    ("DOBRE", "Програми USAID DOBRE", "the USAID DOBRE Programme", 2017, 2024, 6),
    ("USAID", "Агентства США з міжнародного розвитку (USAID)", "USAID", 2015, 2024, 4),
    (
        "DECIDE",
        "швейцарсько-українського проєкту DECIDE",
        "the Swiss-Ukrainian project DECIDE",
        2017,
        2026,
        4,
    ),
    (
        "Council of Europe",
        "Програми Ради Європи «Децентралізація і реформа публічного адміністрування»",
        "the Council of Europe Programme on Decentralisation and Public Administration Reform",
        2015,
        2026,
        4,
    ),
    ("GIZ", "німецької агенції GIZ", "GIZ", 2015, 2026, 4),
    ("SKL International", "SKL International", "SKL International", 2016, 2026, 3),
    ("Polaris", "Програми Polaris", "the Polaris Programme", 2022, 2026, 3),
    ("UNDP", "Програми розвитку ООН (ПРООН)", "UNDP", 2015, 2026, 4),
    (
        "JICA",
        "Японського агентства міжнародного співробітництва (JICA)",
        "the Japan International Cooperation Agency (JICA)",
        2022,
        2026,
        2.5,
    ),
    ("Sweden", "Уряду Швеції", "the Government of Sweden", 2016, 2026, 3),
    ("Switzerland", "Швейцарії", "Switzerland", 2015, 2026, 3),
    ("Canada", "Уряду Канади", "the Government of Canada", 2016, 2026, 1.5),
    ("HOVERLA", "Проєкту USAID «Говерла»", "the USAID HOVERLA Activity", 2021, 2024, 2),
]
SUPPORT_THINGS: list[Pair] = [
    ("шкільний автобус", "a school bus"),
    ("генератори для укриттів", "generators for shelters"),
    ("обладнання для ЦНАП", "equipment for the ASC"),
    ("комунальну техніку", "municipal vehicles"),
    ("медичне обладнання для амбулаторії", "medical equipment for the outpatient clinic"),
    ("сонячні панелі для лікарні", "solar panels for the hospital"),
    ("модульне житло для ВПО", "modular housing for IDPs"),
    ("ноутбуки для опорної школи", "laptops for the hub school"),
]

# Foreign municipalities for twinning stories: (en, uk, ISO 3166-1, country en, country uk).
PARTNERS: list[tuple[str, str, str, str, str]] = [
    ("Chennevières-sur-Marne", "Шеннв’єр-сюр-Марн", "FR", "France", "Франція"),
    ("Bergamo", "Бергамо", "IT", "Italy", "Італія"),
    ("Sheffield", "Шеффілд", "GB", "United Kingdom", "Велика Британія"),
    ("Cascais", "Кашкайш", "PT", "Portugal", "Португалія"),
    ("Bergisch Gladbach", "Бергіш-Гладбах", "DE", "Germany", "Німеччина"),
    ("Kočevje", "Кочевє", "SI", "Slovenia", "Словенія"),
    ("Lublin", "Люблін", "PL", "Poland", "Польща"),
    ("Rzeszów", "Ряшів", "PL", "Poland", "Польща"),
    ("Wrocław", "Вроцлав", "PL", "Poland", "Польща"),
    ("Kraków", "Краків", "PL", "Poland", "Польща"),
    ("Gdańsk", "Гданськ", "PL", "Poland", "Польща"),
    ("Kaunas", "Каунас", "LT", "Lithuania", "Литва"),
    ("Vilnius", "Вільнюс", "LT", "Lithuania", "Литва"),
    ("Tartu", "Тарту", "EE", "Estonia", "Естонія"),
    ("Jelgava", "Єлгава", "LV", "Latvia", "Латвія"),
    ("Brno", "Брно", "CZ", "Czech Republic", "Чехія"),
    ("Ostrava", "Острава", "CZ", "Czech Republic", "Чехія"),
    ("Košice", "Кошице", "SK", "Slovakia", "Словаччина"),
    ("Nyíregyháza", "Ньїредьгаза", "HU", "Hungary", "Угорщина"),
    ("Suceava", "Сучава", "RO", "Romania", "Румунія"),
    ("Linköping", "Лінчепінг", "SE", "Sweden", "Швеція"),
    ("Uppsala", "Уппсала", "SE", "Sweden", "Швеція"),
    ("Aarhus", "Орхус", "DK", "Denmark", "Данія"),
    ("Tampere", "Тампере", "FI", "Finland", "Фінляндія"),
    ("Bremen", "Бремен", "DE", "Germany", "Німеччина"),
    ("Hannover", "Ганновер", "DE", "Germany", "Німеччина"),
    ("Freiburg im Breisgau", "Фрайбург", "DE", "Germany", "Німеччина"),
    ("Lyon", "Ліон", "FR", "France", "Франція"),
    ("Nantes", "Нант", "FR", "France", "Франція"),
    ("Florence", "Флоренція", "IT", "Italy", "Італія"),
    ("Utrecht", "Утрехт", "NL", "Netherlands", "Нідерланди"),
    ("Leuven", "Левен", "BE", "Belgium", "Бельгія"),
    ("Graz", "Грац", "AT", "Austria", "Австрія"),
    ("Lausanne", "Лозанна", "CH", "Switzerland", "Швейцарія"),
    ("Valencia", "Валенсія", "ES", "Spain", "Іспанія"),
    ("Edinburgh", "Единбург", "GB", "United Kingdom", "Велика Британія"),
    ("Reykjavík", "Рейк’явік", "IS", "Iceland", "Ісландія"),
    ("Hiroshima", "Хіросіма", "JP", "Japan", "Японія"),
    ("Edmonton", "Едмонтон", "CA", "Canada", "Канада"),
    ("Columbus", "Колумбус", "US", "United States", "США"),
]

# Topics: (key, weight, tags uk, tags en, first year, last year, regional?).
TOPICS: list[tuple[str, float, list[str], list[str], int, int, bool]] = [
    (
        "amalgamation",
        9,
        ["об’єднання громад", "створення спроможних громад"],
        ["amalgamation of hromadas"],
        2015,
        2021,
        True,
    ),
    ("budgets", 6, ["місцеві бюджети"], ["local budgets"], 2015, 2026, False),
    ("asc", 5, ["ЦНАП", "адміністративні послуги"], ["Administrative services"], 2015, 2026, True),
    (
        "education",
        4,
        ["освіта", "секторальна децентралізація"],
        ["education", "sector decentralisation"],
        2016,
        2026,
        True,
    ),
    ("healthcare", 3.5, ["охорона здоров’я", "медицина"], ["healthcare"], 2016, 2026, True),
    ("energy", 3, ["енергоефективність"], ["energy efficiency"], 2015, 2026, True),
    ("recovery", 7, ["відновлення"], ["recovery"], 2022, 2026, True),
    ("war", 5, ["історії війни"], ["war stories"], 2022, 2026, True),
    (
        "twinning",
        5,
        ["партнерство", "побратимство", "міжнародне муніципальне партнерство"],
        ["partnership", "twin cities", "international municipal partnership"],
        2016,
        2026,
        True,
    ),
    ("support", 7, ["міжнародна підтримка"], ["international support"], 2015, 2026, True),
    ("elections", 2.5, ["місцеві вибори"], ["local elections"], 2015, 2026, True),
    (
        "legislation",
        4,
        ["законодавство", "децентралізація"],
        ["legislation", "decentralisation"],
        2015,
        2026,
        False,
    ),
    (
        "regional",
        3,
        ["регіональна політика", "ДФРР"],
        ["regional policy", "State Fund for Regional Development"],
        2015,
        2026,
        True,
    ),
    ("starostas", 1.5, ["старости"], ["starostas"], 2016, 2026, True),
    (
        "cooperation",
        2,
        ["міжмуніципальне співробітництво"],
        ["intermunicipal cooperation"],
        2015,
        2026,
        True,
    ),
    (
        "monitoring",
        2,
        ["моніторинг", "інфографіка"],
        ["monitoring", "infographics"],
        2015,
        2026,
        False,
    ),
    ("announcement", 3, ["анонс"], ["announcement"], 2015, 2026, False),
    (
        "rayon",
        1.5,
        ["район", "адміністративно-територіальний устрій"],
        ["rayon", "administrative and territorial structure"],
        2019,
        2021,
        False,
    ),
    ("idp", 2, ["ВПО", "безпека"], ["internally displaced persons", "security"], 2022, 2026, True),
    ("culture", 2, ["культура", "туризм"], ["culture", "tourism"], 2015, 2026, True),
]
PERSON_TAGS = {
    "Тетяна Пульна (Заєць)",
    "Віталій Безгін",
    "В’ячеслав Негода",
    "Володимир Гройсман",
    "Vitalii Bezghin",
    "Volodymyr Groysman",
    "V.Nehoda",
}

# Titles per topic: (uk, en). Placeholders: see etl.demo.Story.facts().
TITLES: dict[str, list[Pair]] = {
    "amalgamation": [
        (
            "{h_nom} громада об’єдналася з {n_small} сусідніми радами",
            "{h_en} hromada merged with {n_small} neighbouring councils",
        ),
        (
            "У {o_loc} утворили ще {n_small} об’єднані громади",
            "{n_small} more amalgamated hromadas formed in {o_en}",
        ),
        (
            "Як {h_nom} громада змінилася за {n_small} роки після об’єднання",
            "How {h_en} hromada has changed in {n_small} years since amalgamation",
        ),
    ],
    "budgets": [
        (
            "Власні доходи місцевих бюджетів зросли на {pct}%",
            "Own revenues of local budgets grew by {pct}%",
        ),
        (
            "Аналіз виконання місцевих бюджетів за {period_uk}",
            "Analysis of local budget execution for {period_en}",
        ),
        (
            "Громади отримали {money} млн грн базової дотації",
            "Hromadas received UAH {money} million in basic grants",
        ),
    ],
    "asc": [
        ("У {h_loc} громаді відкрили сучасний ЦНАП", "A modern ASC opened in {h_en} hromada"),
        (
            "ЦНАП {h_gen} громади надає вже {n_big} послуг",
            "{h_en} hromada's ASC now provides {n_big} services",
        ),
        (
            "Віддалені робочі місця ЦНАП запрацювали у {n_small} старостатах {h_gen} громади",
            "Remote ASC workplaces launched in {n_small} starosta districts of {h_en} hromada",
        ),
    ],
    "education": [
        (
            "{h_nom} громада відкрила опорну школу після ремонту",
            "{h_en} hromada opened a renovated hub school",
        ),
        (
            "У {h_loc} громаді облаштували укриття для {n_big} учнів",
            "Shelter for {n_big} pupils set up in {h_en} hromada",
        ),
        (
            "Шкільні автобуси для громад {o_gen}: отримали ще {n_small}",
            "School buses for hromadas of {o_en}: {n_small} more delivered",
        ),
    ],
    "healthcare": [
        (
            "У {h_loc} громаді відкрили нову амбулаторію",
            "New outpatient clinic opened in {h_en} hromada",
        ),
        (
            "{h_nom} громада закупила обладнання для лікарні на {money} млн грн",
            "{h_en} hromada bought UAH {money} million of hospital equipment",
        ),
    ],
    "energy": [
        (
            "{h_nom} громада утеплила {n_small} бюджетних закладів",
            "{h_en} hromada insulated {n_small} public buildings",
        ),
        (
            "Сонячна станція на даху школи: досвід {h_gen} громади",
            "A solar plant on a school roof: the experience of {h_en} hromada",
        ),
    ],
    "recovery": [
        (
            "{h_nom} громада відновила {n_small} пошкоджених будинків",
            "{h_en} hromada has repaired {n_small} damaged buildings",
        ),
        (
            "План відновлення {h_gen} громади: {n_big} проєктів на {money} млн грн",
            "{h_en} hromada's recovery plan: {n_big} projects worth UAH {money} million",
        ),
        (
            "У {h_loc} громаді відбудовують міст, зруйнований обстрілами",
            "{h_en} hromada is rebuilding a bridge destroyed by shelling",
        ),
    ],
    "war": [
        (
            "«Ми залишилися з людьми»: як живе {h_nom} громада",
            "'We stayed with our people': life in {h_en} hromada",
        ),
        (
            "Громада на лінії фронту: {p_name} про роботу {h_gen} громади",
            "A frontline hromada: {p_en} on how {h_en} hromada works",
        ),
    ],
    "twinning_talks": [
        (
            "{h_nom} громада веде перемовини про співпрацю з містом {c_uk}",
            "{h_en} hromada is negotiating cooperation with {c_en}",
        ),
        (
            "{h_nom} громада та {c_uk} ({k_uk}) обговорили партнерство",
            "{h_en} hromada and {c_en}, {k_en}, discussed a partnership",
        ),
    ],
    "twinning_signed": [
        (
            "{h_nom} громада та {c_uk} стали побратимами",
            "{h_en} hromada and {c_en} became twin cities",
        ),
        (
            "{h_nom} громада підписала меморандум про партнерство з {c_uk} ({k_uk})",
            "{h_en} hromada signed a partnership memorandum with {c_en}, {k_en}",
        ),
    ],
    "twinning_activity": [
        (
            "Побратими з {c_uk} передали {thing_uk} {h_dat} громаді",
            "Twin city {c_en} handed over {thing_en} to {h_en} hromada",
        ),
        (
            "Делегація {h_gen} громади відвідала місто-побратим {c_uk}",
            "A delegation of {h_en} hromada visited its twin city {c_en}",
        ),
    ],
    "support": [
        (
            "За підтримки {donor_uk} {h_nom} громада отримала {thing_uk}",
            "{h_en} hromada received {thing_en} with the support of {donor_en}",
        ),
        (
            "{donor_short_uk}: громади {o_gen} отримали допомогу на {money} млн грн",
            "{donor_short}: hromadas of {o_en} received UAH {money} million in aid",
        ),
    ],
    "elections": [
        (
            "У {n_small} громадах {o_gen} відбулися перші вибори",
            "First elections held in {n_small} hromadas of {o_en}",
        ),
        (
            "ЦВК призначила перші вибори ще у {n_small} громадах",
            "CEC has called first elections in {n_small} more hromadas",
        ),
    ],
    "legislation": [
        ("Верховна Рада ухвалила закон про {law_uk}", "Verkhovna Rada adopted the law on {law_en}"),
        (
            "Уряд затвердив порядок {law_uk}: що зміниться для громад",
            "Government approved the procedure for {law_en}: what changes for hromadas",
        ),
    ],
    "regional": [
        (
            "ДФРР: {o_nom} область отримає {money} млн грн на {n_small} проєктів",
            "SFRD: {o_en} to receive UAH {money} million for {n_small} projects",
        ),
        (
            "Стратегію розвитку {h_gen} громади ухвалили до {year_plan} року",
            "{h_en} hromada adopted its development strategy until {year_plan}",
        ),
    ],
    "starostas": [
        (
            "Старости {h_gen} громади пройшли навчання",
            "Starostas of {h_en} hromada completed training",
        ),
    ],
    "cooperation": [
        (
            "{n_small} громади {o_gen} уклали договір про співробітництво",
            "{n_small} hromadas of {o_en} signed a cooperation agreement",
        ),
    ],
    "monitoring": [
        (
            "Моніторинг децентралізації: {n_big} громад станом на {period_uk}",
            "Decentralisation monitoring: {n_big} hromadas as of {period_en}",
        ),
        (
            "Інфографіка: як змінилися доходи громад за {period_uk}",
            "Infographics: how hromada revenues changed in {period_en}",
        ),
    ],
    "announcement": [
        (
            "Анонс: форум громад «{forum_uk}» відбудеться {date_uk}",
            "Announcement: the '{forum_en}' hromada forum will take place on {date_en}",
        ),
        (
            "Триває конкурс для громад: заявки приймають до {date_uk}",
            "Contest for hromadas: applications accepted until {date_en}",
        ),
    ],
    "rayon": [
        (
            "Нові райони: {o_nom} область матиме {n_small} районів",
            "New rayons: {o_en} will have {n_small} rayons",
        ),
        (
            "Парламент ухвалив нову мапу районів: {n_small} питань і відповідей",
            "Parliament approved the new map of rayons: {n_small} questions and answers",
        ),
    ],
    "idp": [
        (
            "{h_nom} громада прихистила {n_big} переселенців",
            "{h_en} hromada has sheltered {n_big} displaced people",
        ),
    ],
    "culture": [
        ("{h_nom} громада відкрила туристичний маршрут", "{h_en} hromada opened a tourist route"),
        (
            "У {h_loc} громаді відреставрували будинок культури",
            "{h_en} hromada restored its house of culture",
        ),
    ],
}
NATIONAL_TITLES: dict[str, list[Pair]] = {
    "amalgamation": [
        (
            "В Україні утворено вже {n_big} об’єднаних громад",
            "{n_big} amalgamated hromadas already formed in Ukraine",
        )
    ],
    "asc": [
        ("Мінрегіон: в Україні працює {n_big} ЦНАП", "Ministry: {n_big} ASCs operate in Ukraine")
    ],
    "recovery": [
        (
            "Громади подали {n_big} проєктів відновлення",
            "Hromadas submitted {n_big} recovery projects",
        )
    ],
    "support": [
        (
            "{donor_short_uk} розширює підтримку громад у {year} році",
            "{donor_short} expands support to hromadas in {year}",
        )
    ],
}

# Body sentences per topic, each an (uk, en) pair. Regional ones may name the hromada.
BODY: dict[str, list[Pair]] = {
    "amalgamation": [
        (
            "До складу {h_gen} громади увійшли {n_small} сільських рад з населенням {n_pop} осіб.",
            "{h_en} hromada now includes {n_small} village councils with a population of {n_pop}.",
        ),
        (
            "Рішення про добровільне об’єднання депутати ухвалили одноголосно.",
            "The councillors voted unanimously for the voluntary amalgamation.",
        ),
        (
            "Після об’єднання власні доходи громади зросли майже на {pct}%.",
            "Since the amalgamation the hromada's own revenues have grown by almost {pct}%.",
        ),
        (
            "Перспективний план формування громад {o_gen} передбачає ще {n_small} об’єднань.",
            "The long-term plan for {o_en} provides for {n_small} more amalgamations.",
        ),
    ],
    "budgets": [
        (
            "За {period_uk} до загального фонду місцевих бюджетів надійшло {money} млн грн.",
            "In {period_en}, the general funds of local budgets received UAH {money} million.",
        ),
        (
            "Найбільше зростання показали податок на доходи фізичних осіб та єдиний податок.",
            "Personal income tax and the single tax showed the strongest growth.",
        ),
        (
            "Порівняно з минулим роком надходження збільшилися на {pct}%.",
            "Compared with last year, revenues increased by {pct}%.",
        ),
        (
            "Детальний аналіз підготували експерти фінансового напряму.",
            "The detailed analysis was prepared by fiscal experts.",
        ),
    ],
    "asc": [
        (
            "Центр надає {n_big} адміністративних послуг, зокрема реєстрацію місця проживання та оформлення паспортів.",
            "The centre provides {n_big} administrative services, including residence registration and passports.",
        ),
        (
            "Ремонт приміщення громада профінансувала з власного бюджету.",
            "The hromada funded the renovation of the premises from its own budget.",
        ),
        (
            "Щомісяця до ЦНАП звертаються понад {n_big} мешканців.",
            "More than {n_big} residents visit the ASC every month.",
        ),
        (
            "Для маломобільних відвідувачів облаштували пандус і окреме робоче місце.",
            "A ramp and a dedicated workplace were installed for visitors with reduced mobility.",
        ),
    ],
    "education": [
        (
            "У школі навчаються {n_big} дітей із {n_small} населених пунктів громади.",
            "The school teaches {n_big} children from {n_small} settlements of the hromada.",
        ),
        (
            "Для закладу придбали нові меблі, комп’ютерний клас та обладнання для кабінету фізики.",
            "The school received new furniture, a computer lab and equipment for the physics room.",
        ),
        ("Вартість робіт склала {money} млн грн.", "The works cost UAH {money} million."),
    ],
    "healthcare": [
        (
            "Амбулаторія обслуговуватиме понад {n_big} пацієнтів.",
            "The clinic will serve more than {n_big} patients.",
        ),
        (
            "Заклад отримав сучасне діагностичне обладнання та автомобіль для лікарів.",
            "The facility received modern diagnostic equipment and a car for doctors.",
        ),
        (
            "Кошти на будівництво виділили з державного бюджету та бюджету громади.",
            "The construction was funded from the state budget and the hromada's budget.",
        ),
    ],
    "energy": [
        (
            "Після термомодернізації витрати на опалення зменшилися на {pct}%.",
            "After the thermal modernisation, heating costs fell by {pct}%.",
        ),
        (
            "Проєкт реалізували за кошти громади та кредит Фонду енергоефективності.",
            "The project was financed by the hromada and a loan from the Energy Efficiency Fund.",
        ),
        (
            "Потужність встановленої станції становить {n_big} кВт.",
            "The installed station has a capacity of {n_big} kW.",
        ),
    ],
    "recovery": [
        (
            "Внаслідок обстрілів у громаді пошкоджено {n_big} житлових будинків та {n_small} шкіл.",
            "Shelling damaged {n_big} houses and {n_small} schools in the hromada.",
        ),
        (
            "Роботи фінансують з фонду ліквідації наслідків збройної агресії.",
            "The works are funded from the fund for eliminating the consequences of armed aggression.",
        ),
        (
            "До кінця року планують завершити ще {n_small} об’єктів.",
            "Another {n_small} sites are to be completed by the end of the year.",
        ),
        (
            "Громада вже отримала {money} млн грн на відновлення.",
            "The hromada has already received UAH {money} million for recovery.",
        ),
    ],
    "war": [
        (
            "Попри обстріли, адміністративні послуги в громаді не припиняли надавати жодного дня.",
            "Despite the shelling, the hromada has not stopped providing administrative services for a single day.",
        ),
        (
            "Громада облаштувала {n_small} пунктів незламності та організувала підвіз питної води.",
            "The hromada set up {n_small} resilience points and organised drinking water deliveries.",
        ),
        (
            "{p_name}, {role_uk}, розповідає, що найважче було в перші тижні повномасштабного вторгнення.",
            "{p_en}, {role_en}, says the first weeks of the full-scale invasion were the hardest.",
        ),
    ],
    "twinning_talks": [
        (
            "{p_name}, {role_uk}, провів онлайн-зустріч з представниками міста {c_uk} ({k_uk}).",
            "{p_en}, {role_en}, held an online meeting with representatives of {c_en}, {k_en}.",
        ),
        (
            "Сторони обговорили підготовку меморандуму про побратимство між {h_ins} громадою та містом {c_uk}.",
            "The parties discussed drafting a memorandum of twinning between {h_en} hromada and {c_en}.",
        ),
        (
            "Йдеться про співпрацю у сферах освіти, культури та відбудови.",
            "The cooperation would cover education, culture and reconstruction.",
        ),
    ],
    "twinning_signed": [
        (
            "{p_name}, {role_uk}, та мер міста {c_uk} підписали меморандум про побратимство.",
            "{p_en}, {role_en}, and the mayor of {c_en} signed a memorandum of twinning.",
        ),
        (
            "Тепер {h_nom} громада та {c_uk} ({k_uk}) — міста-побратими.",
            "{h_en} hromada and {c_en}, {k_en}, are now twin cities.",
        ),
        (
            "Документ передбачає допомогу у відбудові, обмін досвідом та молодіжні програми.",
            "The document provides for help with reconstruction, exchange of experience and youth programmes.",
        ),
    ],
    "twinning_activity": [
        (
            "Побратими з міста {c_uk} ({k_uk}) передали громаді {thing_uk}.",
            "The twin city of {c_en}, {k_en}, handed over {thing_en} to the hromada.",
        ),
        (
            "Співпраця між {h_ins} громадою та містом {c_uk} триває з моменту підписання меморандуму.",
            "The cooperation between {h_en} hromada and {c_en} has continued since the memorandum was signed.",
        ),
        (
            "Наступним кроком стане спільний проєкт на {money} млн грн.",
            "The next step will be a joint project worth UAH {money} million.",
        ),
    ],
    "support": [
        (
            "Допомогу надано за підтримки {donor_uk}.",
            "The aid was provided with the support of {donor_en}.",
        ),
        (
            "Загальна вартість допомоги становить {money} млн грн.",
            "The total value of the aid is UAH {money} million.",
        ),
        (
            "Партнери також провели навчання для {n_small} працівників органів місцевого самоврядування.",
            "The partners also trained {n_small} local government employees.",
        ),
        (
            "Співпраця з міжнародними партнерами триває з {year_from} року.",
            "The cooperation with international partners has continued since {year_from}.",
        ),
    ],
    "elections": [
        ("Участь у голосуванні взяли {pct}% виборців.", "Voter turnout was {pct}%."),
        ("Головою громади обрано {p_name}.", "{p_en} was elected head of the hromada."),
    ],
    "legislation": [
        (
            "Документ визначає повноваження органів місцевого самоврядування у сфері {law_uk}.",
            "The document sets out the powers of local governments regarding {law_en}.",
        ),
        (
            "Закон набирає чинності з 1 січня наступного року.",
            "The law takes effect on 1 January next year.",
        ),
        (
            "Експерти радять громадам заздалегідь підготувати зміни до своїх рішень.",
            "Experts advise hromadas to prepare changes to their decisions in advance.",
        ),
    ],
    "regional": [
        (
            "Загалом область подала {n_big} проєктних заявок.",
            "In total, the oblast submitted {n_big} project applications.",
        ),
        (
            "Пріоритетом стали проєкти з водопостачання, освіти та дорожньої інфраструктури.",
            "Priority was given to water supply, education and road projects.",
        ),
    ],
    "starostas": [
        (
            "Навчання для {n_small} старост організували за підтримки {donor_uk}.",
            "Training for {n_small} starostas was organised with the support of {donor_en}.",
        ),
        (
            "Учасники вивчали роботу з електронними документами та зверненнями мешканців.",
            "Participants learned to work with electronic documents and residents' requests.",
        ),
    ],
    "cooperation": [
        (
            "Громади спільно утримуватимуть пожежну команду та полігон твердих відходів.",
            "The hromadas will jointly maintain a fire brigade and a landfill.",
        ),
        (
            "Загальна вартість спільного проєкту становить {money} млн грн.",
            "The joint project is worth UAH {money} million in total.",
        ),
    ],
    "monitoring": [
        (
            "Станом на {period_uk} в Україні функціонують {n_big} територіальних громад.",
            "As of {period_en}, {n_big} territorial hromadas operate in Ukraine.",
        ),
        ("Дані моніторингу оновлюються щомісяця.", "The monitoring data is updated monthly."),
    ],
    "announcement": [
        (
            "Захід відбудеться {date_uk} у Києві та онлайн.",
            "The event will take place on {date_en} in Kyiv and online.",
        ),
        ("Реєстрація учасників триває до {date_uk}.", "Registration is open until {date_en}."),
        (
            "До участі запрошують голів громад, депутатів та старост.",
            "Heads of hromadas, councillors and starostas are invited.",
        ),
    ],
    "rayon": [
        (
            "Кількість районів в Україні зменшиться до 136.",
            "The number of rayons in Ukraine will fall to 136.",
        ),
        (
            "Районні ради зосередяться на спільних інтересах громад.",
            "Rayon councils will focus on the common interests of hromadas.",
        ),
    ],
    "idp": [
        (
            "Для переселенців облаштували {n_small} місць тимчасового проживання.",
            "The hromada set up {n_small} temporary shelters for displaced people.",
        ),
        (
            "Частина переселенців уже працевлаштувалася на місцевих підприємствах.",
            "Some of the displaced people have already found jobs at local businesses.",
        ),
    ],
    "culture": [
        (
            "Маршрут охоплює {n_small} пам’яток історії та природи.",
            "The route covers {n_small} historical and natural landmarks.",
        ),
        (
            "Проєкт профінансовано з бюджету громади та обласного конкурсу.",
            "The project was financed by the hromada and a regional contest.",
        ),
    ],
}
QUOTES: list[Pair] = [
    (
        "«Для нас це важливий крок, який відчують усі мешканці громади», — зазначив {p_name}.",
        '"This is an important step that every resident of the hromada will feel," said {p_en}.',
    ),
    (
        "«Ми працюємо, щоб громада жила й розвивалася», — наголосив {p_name}.",
        '"We work so that the hromada can live and develop," {p_en} stressed.',
    ),
    (
        "«Дякуємо партнерам за підтримку», — сказав {p_name}.",
        '"We thank our partners for their support," {p_en} said.',
    ),
]
DONOR_SENTENCES: list[Pair] = [
    (
        "Проєкт реалізовано за підтримки {donor_uk}.",
        "The project was implemented with the support of {donor_en}.",
    ),
    (
        "Фахівці громади пройшли навчання за підтримки {donor_uk}.",
        "Hromada staff were trained with the support of {donor_en}.",
    ),
    (
        "Частину коштів громада отримала за підтримки {donor_uk}.",
        "Part of the funding came with the support of {donor_en}.",
    ),
]
TWINNING_REMINDER: Pair = (
    "«Децентралізація» нагадує, що громади можуть скористатися методичними рекомендаціями щодо "
    "міжнародного муніципального партнерства та електронною платформою для пошуку партнерів.",
    "Decentralization reminds that municipalities can use the guidelines on international "
    "municipal partnership and the online platform for finding partners abroad.",
)
LAWS: list[Pair] = [
    ("місцеве самоврядування", "local self-government"),
    ("службу в органах місцевого самоврядування", "service in local self-government"),
    ("засади державної регіональної політики", "the principles of state regional policy"),
    ("містобудівну документацію", "urban planning documentation"),
    ("добровільне об’єднання громад", "voluntary amalgamation of hromadas"),
    ("співробітництво територіальних громад", "cooperation of territorial hromadas"),
]
FORUMS: list[Pair] = [
    ("Громада на всі 100", "Hromada at 100 percent"),
    ("Сильні громади", "Strong Hromadas"),
    ("Відновлення разом", "Recovering Together"),
    ("Регіони майбутнього", "Regions of the Future"),
]
DONOR_SHORT_UK = {
    "EU": "ЄС",
    "Sweden": "Швеція",
    "Switzerland": "Швейцарія",
    "Canada": "Канада",
    "Council of Europe": "Рада Європи",
    "HOVERLA": "«Говерла»",
    "UNDP": "ПРООН",
}
STUB_EN = "The full version is available in Ukrainian – please click HERE"
