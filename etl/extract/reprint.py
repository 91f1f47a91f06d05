"""Reprints of portal stories on other sites (news aggregators, hromada CMSs): a title, a date in
the site's own layout (FORMAT.md §10), maybe a bare view count, the story, then the site's
share/comment/cookie/"latest news" furniture, which must stay out of the body.
"""

from __future__ import annotations

import re

from etl import reference
from etl.extract import Extracted
from etl.extract.portal_text import normalise_newlines
from etl.transform import clean_line, parse_date, parse_int, segment_tags

JUNK = re.compile(
    r"^(Поділитися|Поширити|Напишіть коментар|Залишити коментар|Коментарі|Коментар|"
    r"Ваша електронна адреса|Популярні категорії|Популярні новини|Останні новини|Новини по темі|"
    r"Схожі новини|Схожі матеріали|Читайте також|Інші новини|Ми використовуємо cookies|"
    r"Погоджуюсь|Прочитайте повну статтю|Share|Related|Latest news|Read more|Subscribe|"
    r"Підписатися|Підпишіться|Теги:|Tags:|Мітки:|Джерело:|Source:)",
    re.IGNORECASE,
)
VIEWS = re.compile(
    r"^(?:Перегляди|Переглядів|Кількість переглядів|К-ть переглядів|Views|Переглянуто)"
    r"\s*:?\s*([-−]?\d[\d\s]*)$",
    re.IGNORECASE,
)
BARE_NUMBER = re.compile(r"^\d{1,7}$")
_HEADER_WINDOW = 12


def _tags(value: str) -> list[str]:
    """Other sites separate tags with commas or `#`; fall back to the portal vocabulary."""
    parts = [p.strip(" #") for p in re.split(r"[,;#]", value) if p.strip(" #")]
    if len(parts) > 1:
        return parts
    return segment_tags(value, reference.tags())


def looks_like_reprint(text: str) -> bool:
    return bool(re.search(r"^(Поділитися|Напишіть коментар|Ми використовуємо cookies)", text, re.M))


def extract(text: str) -> Extracted:
    lines = [clean_line(x) for x in normalise_newlines(text).split("\n")]
    idx = [i for i, ln in enumerate(lines) if ln]
    out = Extracted(kind="reprint")
    if not idx:
        return out
    head = idx[:_HEADER_WINDOW]
    body_from = head[0]

    # Views before the title on some CMSs (`Перегляди: 20345\n12 грудня 2016`).
    title_at = head[0]
    for i in head:
        ln = lines[i]
        if VIEWS.match(ln) or (parse_date(ln) and len(ln) < 40):
            continue
        title_at = i
        break
    if len(lines[title_at]) <= 300:
        out.title = lines[title_at]
        body_from = title_at + 1

    # Date: the first date in the header lines (it may span two lines: `Січень 10\n18:45 2023`).
    date_end = -1
    window = [i for i in head if len(lines[i]) < 80 and i != title_at]
    for k, i in enumerate(window):
        pair = lines[i] + ("\n" + lines[window[k + 1]] if k + 1 < len(window) else "")
        single = parse_date(lines[i])
        both = parse_date(pair)
        if both and (not single or len(both) > len(single)):
            out.published_at, date_end = both, window[k + 1]
            break
        if single:
            out.published_at, date_end = single, i
            break
    for i in head:
        if m := VIEWS.match(lines[i]):
            out.views = parse_int(m.group(1))
            date_end = max(date_end, i)
    if date_end >= 0:
        nxt = next((i for i in idx if i > date_end), None)
        if out.views is None and nxt is not None and BARE_NUMBER.match(lines[nxt]):
            out.views = int(lines[nxt])
            date_end = nxt
        body_from = max(body_from, date_end + 1)

    body: list[str] = []
    skip = -1
    for i in range(body_from, len(lines)):
        ln = lines[i]
        if i == skip:
            continue
        if JUNK.match(ln):
            label = ln.split(":", 1)
            rest = label[1].strip() if len(label) > 1 else ""
            nxt = next((j for j in range(i + 1, len(lines)) if lines[j]), -1)
            value = rest or (lines[nxt] if nxt >= 0 else "")
            if not rest:
                skip = nxt
            low = ln.casefold()
            if low.startswith(("теги:", "tags:", "мітки:")):
                out.tags = _tags(value)
                continue
            if low.startswith(("джерело:", "source:")):
                out.source = out.source or value or None
                continue
            break
        if ln and ln != out.title:
            body.append(ln)
    out.body = "\n".join(body)
    return out
