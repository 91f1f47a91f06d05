"""Measured extraction quality over the labelled pages (tests/data/extraction_labels.jsonl).

Run as a report: `.venv/bin/python scripts/extraction_report.py` (or
`.venv/bin/python -m tests.test_facts_quality`) prints the per-item table that
docs/extraction.md quotes. The test fails if any figure drops below the floor reached when
the extractor was last tuned (FLOORS).

Partner matching: when the gold partner is a name of the gazetteer (data/reference/
partners.csv) the predicted `partner_normalised` must be that exact spelling; otherwise the
partner keys (consonant skeletons) must be >= FUZZY similar.
"""

from __future__ import annotations

import json
import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from etl.facts import analyse
from etl.facts.partners import is_known_name
from etl.facts.twinning import partner_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
LABELS = ROOT / "tests" / "data" / "extraction_labels.jsonl"

# Reached on the 43 labelled files; precision, recall (see docs/extraction.md).
FLOORS: dict[str, tuple[float, float]] = {
    "pairs": (1.0, 1.0),
    "pairs+stage": (1.0, 1.0),
    "support": (1.0, 1.0),
    "donors": (1.0, 1.0),
}
FUZZY = 0.8  # partner-key similarity for partners the gazetteer does not know

_READ_MORE_RE = re.compile(r"^(?:Read more:|Читайте також:|Share the news:|Поділитися)", re.M)


def _page(path: Path) -> tuple[str, str | None, str | None, list[str], list[str], list[str]]:
    """Body, language, title, tags, oblasts, hromadas: from the parser when it is there."""
    try:
        from etl.parse import parse_file
    except ImportError:  # parser not written yet: crude cut of the related-news block
        text = path.read_text(encoding="utf-8")
        body = _READ_MORE_RE.split(text)[0]
        return body, None, None, [], [], []
    page = parse_file(path)
    return page.body, page.language, page.title, page.tags, page.oblasts, page.hromadas


def _same_partner(predicted: str, gold: str) -> bool:
    if is_known_name(gold):
        return predicted == gold
    return SequenceMatcher(None, partner_key(predicted), partner_key(gold)).ratio() >= FUZZY


def _pair_match(pred: Any, gold: dict[str, str], with_stage: bool) -> bool:
    return (
        pred.ukrainian_code == gold["ukrainian_code"]
        and pred.country == gold["country"]
        and _same_partner(pred.partner_normalised, gold["partner"])
        and (not with_stage or pred.stage == gold["stage"])
    )


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def evaluate() -> tuple[dict[str, tuple[float, float, float]], list[str]]:
    counts = {k: [0, 0, 0] for k in FLOORS}
    errors: list[str] = []
    for line in LABELS.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        body, language, title, tags, oblasts, hromadas = _page(SHARED / label["file"])
        facts = analyse(body, language, title, tags, oblasts, hromadas)
        for item, with_stage in (("pairs", False), ("pairs+stage", True)):
            gold = list(label["pairs"])
            for pred in facts.twinning:
                hit = next((g for g in gold if _pair_match(pred, g, with_stage)), None)
                if hit is not None:
                    gold.remove(hit)
                    counts[item][0] += 1
                else:
                    counts[item][1] += 1
                    errors.append(f"{label['file']} extra {item}: {pred.partner} {pred.stage}")
            counts[item][2] += len(gold)
            errors += [f"{label['file']} missed {item}: {g}" for g in gold]
        gold_flag, flag = label["international_support"], facts.international_support
        counts["support"][0] += gold_flag and flag
        counts["support"][1] += flag and not gold_flag
        counts["support"][2] += gold_flag and not flag
        if gold_flag != flag:
            errors.append(f"{label['file']} support {flag} != {gold_flag}")
        gold_donors, donors = set(label["donors"]), set(facts.donors)
        counts["donors"][0] += len(gold_donors & donors)
        counts["donors"][1] += len(donors - gold_donors)
        counts["donors"][2] += len(gold_donors - donors)
        if gold_donors != donors:
            errors.append(f"{label['file']} donors {sorted(donors)} != {sorted(gold_donors)}")
    return {k: _prf(*v) for k, v in counts.items()}, errors


@pytest.mark.skipif(not (SHARED / "pages").is_dir(), reason="../shared/pages is not present")
def test_extraction_quality_stays_at_or_above_the_reached_floors() -> None:
    scores, errors = evaluate()
    for item, (p_floor, r_floor) in FLOORS.items():
        p, r, _ = scores[item]
        assert p >= p_floor and r >= r_floor, (item, scores[item], errors)


if __name__ == "__main__":
    table, errs = evaluate()
    print("| item | precision | recall | F1 |\n|---|---|---|---|")
    for name, (p, r, f) in table.items():
        print(f"| {name} | {p:.3f} | {r:.3f} | {f:.3f} |")
    print("\n".join(errs))
