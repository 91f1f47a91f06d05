"""Every word, number and date the dashboard shows, in Ukrainian (default) or English.

Why a module: the issue asks that *every* label, number format and date follow the chosen
language. Keeping the strings and the formatters in one place means a page can never show a
hard-coded English label or a `1,234.5` in the Ukrainian interface; `tests/test_charts.py`
checks that both languages define every key. No streamlit here: charts use it too.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Literal

Lang = Literal["uk", "en"]
LANGS: tuple[Lang, ...] = ("uk", "en")
DEFAULT_LANG: Lang = "uk"

# Ukrainian uses a space between thousands and a decimal comma; a no-break space keeps a
# number on one line.
_THOUSANDS = {"uk": "\u00a0", "en": ","}
_DECIMAL = {"uk": ",", "en": "."}

UK_MONTHS_GEN = (
    "січня", "лютого", "березня", "квітня", "травня", "червня",
    "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
)  # fmt: skip
UK_MONTHS_NOM = (
    "січень", "лютий", "березень", "квітень", "травень", "червень",
    "липень", "серпень", "вересень", "жовтень", "листопад", "грудень",
)  # fmt: skip
UK_MONTHS_SHORT = (
    "січ", "лют", "бер", "кві", "тра", "чер", "лип", "сер", "вер", "жов", "лис", "гру",
)  # fmt: skip
EN_MONTHS_SHORT = (
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
)  # fmt: skip

TEXT: dict[str, tuple[str, str]] = {
    # app and navigation
    "app_title": (
        "Читацька аналітика порталу «Децентралізація»",
        "Decentralization portal readership",
    ),
    "page_overview": ("Огляд", "Overview"),
    "page_readership": ("Читацтво", "Readership"),
    "page_regions": ("Регіони", "Regions"),
    "page_support": ("Міжнародна підтримка", "International support"),
    "page_twinning": ("Побратимство", "Twinning"),
    "page_articles": ("Статті", "Articles"),
    "page_sql": ("SQL-консоль", "SQL console"),
    "language": ("Мова", "Language"),
    "no_db": (
        "Бази даних ще немає ({path}). Створіть її командою:",
        "There is no database yet ({path}). Build it with:",
    ),
    "db_damaged": (
        "Базу даних не вдалося відкрити: {error}",
        "The database cannot be opened: {error}",
    ),
    "demo_banner": (
        "Демонстраційні дані: у базі є завантаження командою `demo`. Цифри вигадані.",
        "Demo data: the database holds a `demo` load. The numbers are invented.",
    ),
    "data_as_of": ("Дані станом на {date}", "Data as of {date}"),
    "tz_note": (
        "Час — київський (Europe/Kyiv); тижні — ISO, з понеділка.",
        "Times are Kyiv time (Europe/Kyiv); weeks are ISO weeks, Monday first.",
    ),
    "empty": (
        "Під ці фільтри нічого не підпадає. Розширте період або зніміть частину фільтрів.",
        "Nothing matches these filters. Widen the period or clear some filters.",
    ),
    # filters
    "filters": ("Фільтри", "Filters"),
    "period": ("Період", "Period"),
    "custom_dates": ("Дати (від — до включно)", "Dates (from — to, inclusive)"),
    "compare": ("Порівняти з", "Compare with"),
    "cmp_previous": ("попереднім періодом", "the previous period"),
    "cmp_year": ("тим самим періодом торік", "the same period last year"),
    "cmp_none": ("нічим", "nothing"),
    "edition": ("Видання", "Edition"),
    "edition_all": ("усі", "all"),
    "edition_uk": ("українське", "Ukrainian"),
    "edition_en": ("англійське", "English"),
    "edition_reprint": ("передруки", "reprints"),
    "oblasts": ("Області", "Oblasts"),
    "hromada": ("Громада", "Hromada"),
    "all_oblasts": ("усі області", "all oblasts"),
    "all_tags": ("усі теги", "all tags"),
    "hromada_all": ("усі громади", "all hromadas"),
    "tags": ("Теги", "Tags"),
    "period_label": ("{start} — {end}", "{start} — {end}"),
    "cmp_label": ("Порівняння: {start} — {end}", "Comparison: {start} — {end}"),
    "preset_7d": ("останні 7 днів", "last 7 days"),
    "preset_28d": ("останні 28 днів", "last 28 days"),
    "preset_90d": ("останні 90 днів", "last 90 days"),
    "preset_this_week": ("цей тиждень", "this week"),
    "preset_last_week": ("минулий тиждень", "last week"),
    "preset_this_month": ("цей місяць", "this month"),
    "preset_last_month": ("минулий місяць", "last month"),
    "preset_this_quarter": ("цей квартал", "this quarter"),
    "preset_last_quarter": ("минулий квартал", "last quarter"),
    "preset_this_year": ("цей рік", "this year"),
    "preset_last_year": ("минулий рік", "last year"),
    "preset_all": ("увесь час", "all time"),
    "preset_custom": ("власні дати", "custom dates"),
    "grain": ("Крок", "Step"),
    "grain_day": ("день", "day"),
    "grain_week": ("тиждень (ISO)", "week (ISO)"),
    "grain_month": ("місяць", "month"),
    "grain_year": ("рік", "year"),
    # KPIs and quality
    "kpi_articles": ("Статей", "Articles"),
    "kpi_views": ("Переглядів", "Views"),
    "kpi_median": ("Медіана на статтю", "Median per article"),
    "kpi_support": ("Міжнар. підтримка", "Intl. support"),
    "kpi_twinning": ("Побратимство", "Twinning"),
    "kpi_articles_help": ("Статті, опубліковані в періоді.", "Articles published in the period."),
    "kpi_views_help": (
        "Перегляди, набрані в періоді всіма статтями за фільтрами.",
        "Views gained in the period by all matching articles.",
    ),
    "kpi_support_help": (
        "Частка опублікованих статей про міжнародну підтримку.",
        "Share of the articles published with international support.",
    ),
    "kpi_twinning_help": (
        "Згадки про побратимство у статтях, опублікованих у періоді.",
        "Twinning mentions in the articles published in the period.",
    ),
    "kpi_median_help": (
        "Медіана переглядів, набраних за період статтями, опублікованими в ньому.",
        "Median of the views gained in the period by the articles published in it.",
    ),
    "quality": ("Якість даних", "Data quality"),
    "q_no_region": ("без регіону", "without region"),
    "q_no_tags": ("без тегів", "without tags"),
    "q_counters_down": ("лічильників зменшилися", "counters went down"),
    "q_quarantined": ("сторінок у карантині", "pages quarantined"),
    "q_last_load": ("останнє завантаження", "last load"),
    "q_caption": (
        "По всій базі: {articles} статей. Зменшені лічильники збережено й позначено.",
        "Whole database: {articles} articles. Counters that went down are kept and flagged.",
    ),
    "q_run": ("Дані завантаження № {run} ({command}).", "Data of load run {run} ({command})."),
    # charts and sections
    "trend": ("Динаміка переглядів", "Readership trend"),
    "views": ("Перегляди", "Views"),
    "views_period": ("Перегляди за період", "Views in period"),
    "total_views": ("Усього переглядів", "Total views"),
    "articles": ("Статті", "Articles"),
    "views_per_article": ("Переглядів на статтю", "Views per article"),
    "date": ("Дата", "Date"),
    "published": ("Опубліковано", "Published"),
    "title": ("Заголовок", "Title"),
    "link": ("Посилання", "Link"),
    "oblast": ("Область", "Oblast"),
    "tag": ("Тег", "Tag"),
    "top_articles": ("Найчитаніші статті", "Top articles"),
    "by_edition": ("За виданням", "By edition"),
    "by_tag": ("За тегами", "By tag"),
    "by_oblast": ("За областями", "By oblast"),
    "first_week": ("Перегляди за перші 7 днів", "Views in the first 7 days"),
    "first_week_caption": (
        "Статті, опубліковані в періоді щонайменше за 7 днів до останнього спостереження; "
        "медіана: {median}.",
        "Articles published in the period at least 7 days before the last observation; "
        "median: {median}.",
    ),
    "n_articles": ("Кількість статей", "Number of articles"),
    "speed": ("Як швидко статті набирають перегляди", "How fast articles collect their views"),
    "speed_caption": (
        "Медіана днів від публікації до половини та 80 % переглядів, підрахованих досі.",
        "Median days from publication to half and to 80% of the views counted so far.",
    ),
    "days_to_half": ("днів до 50 %", "days to 50%"),
    "days_to_80": ("днів до 80 %", "days to 80%"),
    "days": ("Дні", "Days"),
    "movers": (
        "Зміни в топі порівняно з попереднім періодом",
        "Movers against the previous period",
    ),
    "movers_caption": (
        "Топ-{top} за переглядами: {start} — {end} проти {cstart} — {cend}.",
        "Top {top} by views: {start} — {end} against {cstart} — {cend}.",
    ),
    "new_entrants": ("Нові в топі", "New entrants"),
    "drop_outs": ("Вибули з топу", "Drop-outs"),
    "rank": ("Місце", "Rank"),
    "rank_before": ("Було", "Before"),
    "change": ("Зміна", "Change"),
    "views_before": ("Перегляди раніше", "Views before"),
    "status": ("Статус", "Status"),
    "status_new": ("новий", "new"),
    "status_dropped": ("вибув", "dropped"),
    "status_up": ("вгору", "up"),
    "status_down": ("вниз", "down"),
    "status_same": ("без змін", "same"),
    "map_metric": ("Показник на мапі", "Map shows"),
    "oblast_map": ("Області", "Oblasts"),
    "choose_oblast": (
        "Оберіть область, щоб побачити її громади",
        "Choose an oblast to see its hromadas",
    ),
    "hromadas_of": ("Громади: {oblast}", "Hromadas: {oblast}"),
    "hromadas_caption": (
        "Громади, згадані у статтях за фільтрами, та громади з партнерами (за весь час).",
        "Hromadas named by matching articles, and hromadas with partners (all time).",
    ),
    "raion": ("Район", "Raion"),
    "partners": ("Партнери-побратими", "Twinning partners"),
    "coverage": ("Частка статей (охоплення)", "Share of articles (coverage)"),
    "attention": ("Частка переглядів (увага)", "Share of views (attention)"),
    "support_over_time": ("Міжнародна підтримка в часі", "International support over time"),
    "support_by_oblast": ("Міжнародна підтримка за областями", "International support by oblast"),
    "support_by_tag": ("Охоплення проти уваги за тегами", "Coverage against attention per tag"),
    "support_by_tag_caption": (
        "Для кожного тегу: частка статей про міжнародну підтримку та частка їхніх переглядів. "
        "Вище діагоналі — читають більше, ніж пишемо.",
        "For each tag: the share of its articles about international support and the share of "
        "its views they got. Above the diagonal: read more than written.",
    ),
    "donors": ("Донори", "Donors"),
    "donor": ("Донор", "Donor"),
    "donor_countries": ("Країни-донори", "Donor countries"),
    "country": ("Країна", "Country"),
    "multilateral": ("багатосторонні", "multilateral"),
    "eu": ("Європейський Союз", "European Union"),
    "partner_map": ("Країни партнерів", "Partner countries"),
    "world_map_caption": (
        "Контури: Natural Earth 1:110m; Україна в міжнародно визнаних кордонах. Малих країн "
        "(Мальта, Монако) на цій мапі немає: їхні пари — на графіку праворуч.",
        "Outlines: Natural Earth 1:110m; Ukraine in its internationally recognised borders. "
        "Small countries (Malta, Monaco) are too small for this map: their pairs are in the "
        "chart beside it.",
    ),
    "pairs": ("Пари громада — партнер", "Hromada to partner pairs"),
    "n_pairs": ("Пари", "Pairs"),
    "ukrainian_side": ("Українська сторона", "Ukrainian side"),
    "partner": ("Партнер", "Partner"),
    "stage": ("Етап", "Stage"),
    "stage_talks": ("переговори", "talks"),
    "stage_activity": ("спільні дії", "activity"),
    "stage_signed": ("підписано", "signed"),
    "stage_unknown": ("невідомо", "unknown"),
    "first_mentioned": ("Перша згадка", "First mentioned"),
    "last_mentioned": ("Остання згадка", "Last mentioned"),
    "mentions": ("Згадки", "Mentions"),
    "twinning_timeline": ("Новини про побратимство за етапами", "Twinning news by stage"),
    "twinning_by_oblast": ("Пари за областями", "Pairs by oblast"),
    "search": ("Пошук у заголовках", "Search titles"),
    "sort_by": ("Сортувати за", "Sort by"),
    "download_csv": ("Завантажити CSV (те, що показано)", "Download CSV (what is shown)"),
    "n_shown": ("Показано статей: {n}", "Articles shown: {n}"),
    "support_flag": ("Міжнародна підтримка", "International support"),
    "support_yes": ("так", "yes"),
    "support_no": ("ні", "no"),
    "twinning_count": ("Згадки побратимства", "Twinning mentions"),
    "edition_col": ("Видання", "Edition"),
    "national": ("без області", "no oblast"),
    "vs_before": ("проти {value}", "vs {value}"),
    # SQL console
    "sql_intro": (
        "Один запит SELECT за раз, лише читання: без доступу до файлів і мережі, без змін у "
        "базі. Показується до {rows} рядків; запит зупиняється через {seconds} с.",
        "One SELECT query at a time, read-only: no file or network access, no changes to the "
        "database. Up to {rows} rows are shown; a query is stopped after {seconds} s.",
    ),
    "sql_no_filters": (
        "Фільтри бічної панелі тут не діють: запит сам визначає, що вибрати.",
        "The sidebar filters do not apply here: the query itself says what to select.",
    ),
    "sql_examples": ("Збережені приклади", "Saved examples"),
    "sql_example_pick": ("Оберіть приклад, щоб вставити його запит", "Pick one to load its query"),
    "sql_query": ("Запит SQL (DuckDB)", "SQL query (DuckDB)"),
    "sql_run": ("Виконати", "Run"),
    "sql_schema": ("Таблиці, подання й макроси", "Tables, views and macros"),
    "sql_schema_note": (
        "Стовпці, типи та їх значення (з docs/schema.md).",
        "Columns, types and what they mean (from docs/schema.md).",
    ),
    "sql_table": ("таблиця", "table"),
    "sql_view": ("подання", "view"),
    "sql_table_macro": ("табличний макрос", "table macro"),
    "sql_macro": ("макрос", "macro"),
    "sql_parameter": ("Параметр", "Parameter"),
    "sql_column": ("Стовпець", "Column"),
    "sql_type": ("Тип", "Type"),
    "sql_meaning": ("Значення", "Meaning"),
    "sql_refused": (
        "Запит відхилено: консоль лише читає базу. Причина:",
        "Query refused: the console only reads the database. Why:",
    ),
    "sql_failed": (
        "DuckDB не зміг виконати запит. Повідомлення:",
        "DuckDB could not run the query. Its message:",
    ),
    "sql_timeout": (
        "Запит зупинено: він виконувався довше за {seconds} с.",
        "Query stopped: it ran longer than {seconds} s.",
    ),
    "sql_truncated": (
        "Показано лише перші {n} рядків: результат більший. Додайте LIMIT або агрегуйте.",
        "Only the first {n} rows are shown: the result is larger. Add LIMIT or aggregate.",
    ),
    "sql_rows": ("Рядків: {n} · {seconds} с", "Rows: {n} · {seconds} s"),
    "sql_download": ("Завантажити CSV", "Download CSV"),
}

PRESETS = (
    "7d", "28d", "90d", "this_week", "last_week", "this_month", "last_month",
    "this_quarter", "last_quarter", "this_year", "last_year", "all", "custom",
)  # fmt: skip
COMPARES = ("previous", "year", "none")
GRAINS = ("day", "week", "month")


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for `key` in `lang`, with {placeholders} filled."""
    uk, en = TEXT[key]
    text = uk if lang == "uk" else en
    return text.format(**values) if values else text


def fmt_num(value: float | int | None, lang: Lang, digits: int = 0) -> str:
    """1234567.8 -> '1 234 567,8' (uk) or '1,234,567.8' (en); None or NaN -> '—'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    text = f"{abs(float(value)):,.{digits}f}"
    whole, _, frac = text.partition(".")
    out = whole.replace(",", _THOUSANDS[lang]) + (_DECIMAL[lang] + frac if frac else "")
    negative = float(value) < 0 and any(c in "123456789" for c in text)
    return ("−" if negative else "") + out


def fmt_int(value: float | int | None, lang: Lang) -> str:
    return fmt_num(value, lang, 0)


def fmt_pct(share: float | None, lang: Lang, digits: int = 1) -> str:
    """0.136 -> '13,6 %' (uk) or '13.6%' (en)."""
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    number = fmt_num(share * 100, lang, digits)
    return f"{number}\u00a0%" if lang == "uk" else f"{number}%"


def fmt_signed(value: float, lang: Lang, digits: int = 0) -> str:
    """A delta with its sign: '+1 234' / '−5'."""
    text = fmt_num(value, lang, digits)
    return text if text.startswith("−") or text == "—" else "+" + text


def as_date(value: date | datetime | str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def fmt_date(value: date | datetime | str | None, lang: Lang) -> str:
    """'4 грудня 2026' (uk) or '4 Dec 2026' (en)."""
    if value is None:
        return "—"
    d = as_date(value)
    if lang == "uk":
        return f"{d.day} {UK_MONTHS_GEN[d.month - 1]} {d.year}"
    return f"{d.day} {EN_MONTHS_SHORT[d.month - 1]} {d.year}"


def fmt_datetime(value: datetime | None, lang: Lang) -> str:
    """A moment in Kyiv time: '4 грудня 2026, 02:26'."""
    if value is None:
        return "—"
    from zoneinfo import ZoneInfo

    local = value.astimezone(ZoneInfo("Europe/Kyiv")) if value.tzinfo else value
    return f"{fmt_date(local, lang)}, {local:%H:%M}"


def fmt_period(value: date | datetime | str, grain: str, lang: Lang) -> str:
    """A bucket start as a label: day '4 лис 2026', week 'тиждень 49, 2026', month 'лис 2026'."""
    d = as_date(value)
    short = UK_MONTHS_SHORT if lang == "uk" else EN_MONTHS_SHORT
    if grain == "week":
        year, week, _ = d.isocalendar()
        return f"тиждень {week}, {year}" if lang == "uk" else f"week {week}, {year}"
    if grain == "month":
        return f"{short[d.month - 1]} {d.year}"
    if grain == "year":
        return str(d.year)
    return f"{d.day} {short[d.month - 1]} {d.year}"


def plotly_separators(lang: Lang) -> str:
    """Plotly's layout.separators: decimal mark, then thousands separator."""
    return _DECIMAL[lang] + _THOUSANDS[lang]


def edition_label(edition: str | None, lang: Lang) -> str:
    return t(f"edition_{edition or 'reprint'}", lang) if edition else t("edition_reprint", lang)


def stage_label(stage: str | None, lang: Lang) -> str:
    key = f"stage_{stage or 'unknown'}"
    return t(key, lang) if key in TEXT else str(stage)
