"""Text renderings of portal article pages: the "loose" one (blank-line blocks, a date/views line,
the title repeated, unlabelled tag/region/source lines) and the "compact" one (single newlines,
labels glued to values, no date). See ../shared/pages/FORMAT.md §2-§9.

The page is read as three zones: header (title, an optional Ukrainian date line), body, and a
metadata tail (date/views, tags, regions, hromadas, source) that ends where the share widget or
the related-news list begins. Related-news dates belong to other articles and are never read.
"""

from __future__ import annotations

import re

from etl import reference
from etl.extract import Extracted
from etl.transform import (
    clean_line,
    is_bare_date_line,
    normalise_apostrophes,
    parse_date,
    parse_int,
    split_glued_labels,
    split_oblasts,
    tags_coverage,
)

# `10.01.2023 - 15:35 | Views: 2436` (the views part is optional on some copies).
VIEWS_LINE = re.compile(
    r"^(\d{1,2}\.\d{1,2}\.\d{4}\s*[-–—]?\s*\d{1,2}:\d{2})\s*"
    r"(?:\|\s*(?:Views|Переглядів|Перегляди|К-ть переглядів)\s*:?\s*([-−]?[\d\s\u00a0]+))?\s*$",
    re.IGNORECASE,
)
LABEL = re.compile(
    r"^(Tags|Теги|Область|Області|Громади|Громада|Source|Джерело|Attached images|Attached files|"
    r"Прикріплені файли|Прикріплені зображення|Video|Відео|Share the news|Поділитися новиною|"
    r"Поділитися)\s*:\s*(.*)$",
    re.IGNORECASE,
)
RELATED = re.compile(r"^(Read more|Читайте також|Related news|Інші новини)\s*:?\s*$", re.IGNORECASE)
COMMENT = re.compile(
    r"^\*?\s*(To add comment you should be authorized|Щоб додати коментар|Для того щоб додати)",
    re.IGNORECASE,
)
STUB = re.compile(
    r"^(The full version is available in Ukrainian|Повна версія доступна українською)",
    re.IGNORECASE,
)
DROP_FROM_BODY = re.compile(
    r"^(!\[\]\(.*?\)\s*\|?|Attached images:?|Video:?|Відео:?|Прикріплені файли:?)$", re.IGNORECASE
)
AUTHOR = re.compile(r"^(Автор|Author|Авторка|By)\b[:\s]", re.IGNORECASE)
SITE_NAMES = frozenset(
    {"децентралізація", "decentralization", "decentralisation", "logo slogan", "logo", "slogan"}
)
_SENTENCE_END = re.compile(r"[.;:,]$")

_TAG_LABELS = {"tags", "теги"}
_OBLAST_LABELS = {"область", "області"}
_HROMADA_LABELS = {"громади", "громада"}
_SOURCE_LABELS = {"source", "джерело"}
_SHARE_LABELS = {"share the news", "поділитися новиною", "поділитися"}
_META_LABELS = _TAG_LABELS | _OBLAST_LABELS | _HROMADA_LABELS | _SOURCE_LABELS


def looks_like_portal_text(text: str) -> bool:
    """Markers only the portal's own article renderings carry."""
    head = text[:200_000]
    return bool(
        re.search(
            r"^(Share the news:|Read more:|Читайте також:|Tags:|Теги:|Область:|Громади:|Source:|"
            r"Джерело:|\*?To add comment)|\|\s*Views:\s*\d"
            r"|The full version is available in Ukrainian",
            head,
            re.MULTILINE,
        )
    )


def _is_oblast_line(line: str) -> bool:
    parts = split_oblasts(line)
    return bool(parts) and all(re.search(r"област[ьі]$", p, re.IGNORECASE) for p in parts)


def _is_hromada_line(line: str) -> bool:
    return bool(re.search(r"громад[аи]$|\bОТГ$", normalise_apostrophes(line), re.IGNORECASE))


def _tag_like(line: str, language_vocab: tuple[str, ...]) -> bool:
    if tags_coverage(line, language_vocab) >= 0.5:
        return True
    return line[:1].islower()


def _first_title(lines: list[str], start: int, limit: int, loose: bool) -> tuple[str | None, int]:
    """The title at the top of an excerpt, if the excerpt starts there; (title, next index)."""
    i = start
    while i < limit and not lines[i]:
        i += 1
    if i >= limit:
        return None, i
    first = lines[i]
    if (
        AUTHOR.match(first)
        or LABEL.match(first)
        or VIEWS_LINE.match(first)
        or len(first) > 250
        or len(first) < 4
    ):
        return None, i
    j = i + 1
    while j < limit and not lines[j]:
        j += 1
    repeated = j < limit and lines[j] == first
    followed_by_blank = i + 1 < limit and not lines[i + 1]
    if repeated or (not _SENTENCE_END.search(first) and (followed_by_blank or not loose)):
        k = i + 1
        while k < limit and (not lines[k] or lines[k] == first):
            k += 1
        return first, k
    return None, i


def extract(text: str) -> Extracted:
    lines = [clean_line(x) for x in split_glued_labels(normalise_newlines(text)).split("\n")]
    n = len(lines)
    loose = "\n\n" in text.strip()
    out = Extracted()

    # Header: a Ukrainian-edition date line and a site-name line before the title (§3).
    start = 0
    while start < n and not lines[start]:
        start += 1
    if start < n and is_bare_date_line(lines[start]):
        out.published_at = parse_date(lines[start])
        start += 1
        while start < n and (not lines[start] or lines[start].casefold() in SITE_NAMES):
            start += 1

    # End of everything we read: related news, the comment prompt, or (compact) a bare date line.
    end = n
    for i in range(start, n):
        ln = lines[i]
        if RELATED.match(ln) or COMMENT.match(ln) or (i > start + 1 and is_bare_date_line(ln)):
            end = i
            break

    views_at = -1
    labels: list[tuple[int, str, str]] = []
    share_at = -1
    for i in range(start, end):
        ln = lines[i]
        if views_at < 0 and (vm := VIEWS_LINE.match(ln)):
            views_at = i
            out.published_at = parse_date(vm.group(1)) or out.published_at
            out.views = parse_int(vm.group(2))
            continue
        if lm := LABEL.match(ln):
            name = lm.group(1).casefold()
            labels.append((i, name, lm.group(2).strip()))
            if name in _SHARE_LABELS and share_at < 0:
                share_at = i
    label_at = {i for i, _, _ in labels}

    # Title: the copy after the views line wins; else the top line when the excerpt starts there.
    title_repeat = None
    if views_at >= 0:
        for j in range(views_at + 1, end):
            if lines[j]:
                if j not in label_at:
                    title_repeat = lines[j]
                break
    body_limit = min([end, *(i for i, _, _ in labels)] + ([views_at] if views_at >= 0 else []))
    top_title, body_start = _first_title(lines, start, body_limit, loose)
    if title_repeat:
        out.title = title_repeat
        if top_title != title_repeat:
            body_start = start
            while body_start < body_limit and lines[body_start] in ("", title_repeat):
                body_start += 1
    else:
        out.title = top_title

    body_end = body_limit
    has_meta_labels = any(name in _META_LABELS for _, name, _ in labels)
    if has_meta_labels:
        _read_labelled(lines, labels, end, views_at, out)
    elif share_at >= 0 or views_at >= 0:
        stop = share_at if share_at >= 0 else end
        first_meta = _read_unlabelled(lines, stop, views_at, out)
        if views_at < 0 and first_meta is not None:
            body_end = min(body_end, first_meta)

    body = [
        ln
        for ln in lines[body_start:body_end]
        if ln and not STUB.match(ln) and not DROP_FROM_BODY.match(ln) and ln != out.title
    ]
    out.body = "\n".join(body)
    return out


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_labelled(
    lines: list[str], labels: list[tuple[int, str, str]], end: int, views_at: int, out: Extracted
) -> None:
    stops = sorted({i for i, _, _ in labels} | {end} | ({views_at} if views_at >= 0 else set()))
    for i, name, inline in labels:
        nxt = min(s for s in stops if s > i) if any(s > i for s in stops) else end
        values = ([inline] if inline else []) + [ln for ln in lines[i + 1 : nxt] if ln]
        if name in _TAG_LABELS and values:
            out.tag_line = " ".join(values[:3])
        elif name in _OBLAST_LABELS:
            out.oblast_text = " ".join([out.oblast_text, *values[:5]]).strip()
        elif name in _HROMADA_LABELS:
            out.hromada_text = " ".join([out.hromada_text, *values[:10]]).strip()
        elif name in _SOURCE_LABELS and values and out.source is None:
            out.source = values[0]


def _read_unlabelled(lines: list[str], stop: int, views_at: int, out: Extracted) -> int | None:
    """Older loose pages: tag, region, hromada and source lines sit bare between the views/title
    block (or the body) and `Share the news:`. Walk up from the share line; the first index of
    the metadata block is returned so the body can end there."""
    picked: list[int] = []
    j = stop - 1
    while j >= 0 and len(picked) < 8:
        ln = lines[j]
        if not ln:
            j -= 1
            continue
        if (
            j <= views_at
            or ln == out.title
            or LABEL.match(ln)
            or STUB.match(ln)
            or DROP_FROM_BODY.match(ln)
            or len(ln) > 160
            or re.search(r"[.!?…]$", ln)
        ):
            break
        picked.append(j)
        j -= 1
    if not picked:
        return None
    picked.reverse()
    kinds = []
    for i in picked:
        ln = lines[i]
        kinds.append("o" if _is_oblast_line(ln) else "h" if _is_hromada_line(ln) else "x")
    places = [k for k, kind in enumerate(kinds) if kind != "x"]
    others = [k for k, kind in enumerate(kinds) if kind == "x"]
    tag_idx: list[int] = []
    source_idx: int | None = None
    if places:
        tag_idx = [k for k in others if k < places[0]]
        after = [k for k in others if k > places[-1]]
        source_idx = after[-1] if after else None
    elif len(others) >= 2:
        tag_idx, source_idx = others[:-1], others[-1]
    elif others:
        ln = lines[picked[others[0]]]
        vocab = reference.tags("uk" if re.search(r"[А-Яа-яІіЇїЄєҐґ]", ln) else "en")
        if _tag_like(ln, vocab):
            tag_idx = others
        else:
            source_idx = others[0]
    # A line above the region block that is not tag-like and sits at the top is body text.
    if tag_idx:
        out.tag_line = " ".join(lines[picked[k]] for k in tag_idx[-1:])
        first = picked[tag_idx[-1]]
    else:
        first = picked[places[0]] if places else picked[source_idx or 0]
    for k, kind in enumerate(kinds):
        if kind == "o":
            out.oblast_text = " ".join([out.oblast_text, lines[picked[k]]]).strip()
        elif kind == "h":
            out.hromada_text = " ".join([out.hromada_text, lines[picked[k]]]).strip()
    if source_idx is not None:
        out.source = lines[picked[source_idx]]
    return first
