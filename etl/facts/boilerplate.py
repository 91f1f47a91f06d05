"""The portal's standard partnership reminder, recognised so that it yields no pair and no donor.

Why: about one partnership article in two ends with the same paragraphs (FORMAT.md §9):
"Decentralization reminds that municipalities of Ukraine can use the International Municipal
Partnership Guidelines…", «Децентралізація» нагадує…, the "International Marathon of Local
Governments" and the electronic-platform paragraphs. They name the Council of Europe, DECIDE
and U-LEAD as the tools' authors; they say nothing about the story itself.

Decision (documented in docs/extraction.md): donors named only inside this reminder do NOT
count as the article's donors, so an English article and its Ukrainian original (whose reminder
often omits the list) get the same donors. The one exception is the lead: when a reminder cue
sits in the first two sentences, the article is *about* the tools (e.g. their presentation),
and its donors count. A strong cue (the reminder's opening words) ends the story wherever
it stands, lead or not.
"""

from __future__ import annotations

import re

# A strong cue opens the reminder block: it and every later sentence are boilerplate.
_STRONG_RE = re.compile(
    r"Decentrali[sz]ation reminds|«?Децентралізація»? нагадує|^Нагадуємо|"
    r"can also be helped by the tools|інструменти,? які спеціально розробив|"
    r"can use the International Municipal Partnership Guidelines",
    re.IGNORECASE,
)
# A weak cue marks one sentence of the reminder.
_WEAK_RE = re.compile(
    r"International Municipal Partnership Guidelines|Guidelines on International Municipal "
    r"Partnership|Міжнародне муніципальне партнерство|International Marathon of Local|"
    r"international marathon|Міжнародн\w* марафон\w*|electronic platform|"
    r"електронн\w* платформ\w*|Partnership for (?:Restoration|Recovery) and Development|"
    r"Партнерство для відновлення (?:та|і) розвитку|These Guidelines|Такі рекомендації|"
    r"методичн\w* рекомендаці\w*|by clicking Cooperate|«Співпрацювати»|City to City Cooperation",
    re.IGNORECASE,
)
LEAD_SENTENCES = 2
# Cheap substring gate: a sentence without any of these cannot match the regexes above.
_GATE = (
    "remind", "нагаду", "guideline", "marathon", "марафон", "platform", "платформ",
    "рекомендац", "partnership for", "партнерство для", "tools", "інструмент", "cooperate",
    "співпрацювати", "city to city", "муніципальне партнерство",
)  # fmt: skip


def _has_gate(sent: str) -> bool:
    low = sent.lower()
    return any(word in low for word in _GATE)


def strip_boilerplate(sents: list[str]) -> list[str]:
    """The sentences that are the story itself (reminder paragraphs removed)."""
    out: list[str] = []
    for i, sent in enumerate(sents):
        if not _has_gate(sent):
            out.append(sent)
            continue
        if _STRONG_RE.search(sent):
            break
        if i >= LEAD_SENTENCES and _WEAK_RE.search(sent):
            continue
        out.append(sent)
    return out


def is_reminder_only(sents: list[str]) -> bool:
    """True when every sentence is reminder text (a page that is only the standard reminder)."""
    return bool(sents) and all(_STRONG_RE.search(s) or _WEAK_RE.search(s) for s in sents)
