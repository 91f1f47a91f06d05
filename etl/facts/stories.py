"""Link one story across editions and reprints: the English article, its Ukrainian original
(usually published a day or two earlier) and copies on other sites.

Why this shape: comparing every article with every other is O(n²) (1.25 billion pairs for
50,000 articles). Instead an inverted index maps each fingerprint feature to the articles that
have it; features held by more than MAX_DF articles (years, "Ukraine", "Kyiv") are dropped from
candidate generation. Each article is scored only against the articles it shares a rare feature
with, and a pair is kept only if both dates fall within WINDOW of each other (a missing date
never blocks a link, but then the pair must pass a stricter threshold).

Similarity: IDF-weighted overlap coefficient, sum(idf of shared features) /
min(sum idf of A, sum idf of B), so a short English summary still matches its long Ukrainian
original. Linked pairs are joined into stories with union-find. The story's original is its
earliest Ukrainian-edition article, else its earliest article (undated ones last); the others are
`reprint` (kind 'reprint', or same language as the original) or `translation`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict

import pandas as pd

WINDOW = pd.Timedelta(days=14)
THRESHOLD = 0.5  # weighted overlap for dated pairs within WINDOW
THRESHOLD_UNDATED = 0.7  # when either date is missing
MIN_SHARED = 3  # shared features needed, however rare
MAX_DF_SHARE = 0.01  # features in more than 1% of articles (and >= 50) are not used as keys
MIN_MAX_DF = 50

COLUMNS = ["article_key", "story_id", "role", "lag_hours"]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _to_utc(value: object) -> pd.Timestamp | None:
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError):
        return None
    if ts is pd.NaT or pd.isna(ts):
        return None
    return ts.tz_localize("UTC") if ts.tzinfo is None else ts.tz_convert("UTC")


_EPOCH = pd.Timestamp("1970-01-01", tz="UTC")


def _seconds(values: pd.Series) -> list[float | None]:
    """Each value's UTC time as epoch seconds (naive means UTC), None if missing or unreadable.

    Floats, not Timestamps: a weekly load scores ~35,000 articles, and boxing, comparing and
    subtracting Timestamps cost it ~1 s. A column of aware times (the loader's) converts at once.
    """
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return [None if math.isnan(x) else x for x in (values - _EPOCH).dt.total_seconds()]
    times = [_to_utc(v) for v in values.tolist()]
    return [None if t is None else (t - _EPOCH).total_seconds() for t in times]


def link_stories(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per input article: article_key, story_id, role, lag_hours (see module doc)."""
    return assign_stories(frame, link_edges(frame))


def link_edges(
    frame: pd.DataFrame,
    n: int | None = None,
    df: dict[str, int] | None = None,
    only: set[str] | None = None,
) -> list[tuple[str, str]]:
    """The linked pairs (a, b), a < b, among the articles of `frame`.

    By default every pair, with document frequencies from the frame itself. Incrementally
    (etl.load._link_stories): `only` the pairs with an article in `only`, with the whole
    database's article count `n` and frequencies `df`; the frame then holds those articles
    and every article sharing a rare feature with one of them.
    """
    keys = [str(k) for k in frame["article_key"].tolist()]
    times = _seconds(frame["published_at"])
    # A missing fingerprint (NULL, NaN in a frame) has no features.
    feats = [set(fp.split() if isinstance(fp, str) else ()) for fp in frame["fingerprint"]]
    n = len(frame) if n is None else n
    freq = Counter(f for fs in feats for f in fs) if df is None else df
    max_df = max(MIN_MAX_DF, int(n * MAX_DF_SHARE))
    chosen = [only is None or k in only for k in keys]
    # Candidates come only from the rare features of the chosen articles, and only the
    # articles actually compared need their weights: incrementally that is a few thousand of
    # the ~35,000 in the frame at 1,000,000 articles.
    wanted = {f for i, fs in enumerate(feats) if chosen[i] for f in fs if freq[f] <= max_df}
    postings: dict[str, list[int]] = defaultdict(list)
    for i, fs in enumerate(feats):
        for f in fs & wanted:
            postings[f].append(i)
    idf: dict[str, float] = {}

    def weight(fs: set[str]) -> float:
        total = 0.0
        for f in fs:
            if f not in idf:
                idf[f] = math.log(1 + n / freq[f])
            total += idf[f]
        return total

    weights: dict[int, float] = {}

    def weight_of(i: int) -> float:
        if i not in weights:
            weights[i] = weight(feats[i])
        return weights[i]

    window = WINDOW.total_seconds()
    edges: list[tuple[str, str]] = []
    for i, fs in enumerate(feats):
        if not chosen[i]:
            continue
        shared: dict[int, int] = defaultdict(int)
        for f in fs:
            for j in postings.get(f, ()):
                if j > i or (j != i and not chosen[j]):  # each pair once
                    shared[j] += 1
        for j, count in shared.items():
            if count < 2:
                continue
            common = fs & feats[j]
            if len(common) < MIN_SHARED:
                continue
            ti, tj = times[i], times[j]
            dated = ti is not None and tj is not None
            if ti is not None and tj is not None and abs(ti - tj) > window:
                continue
            denom = min(weight_of(i), weight_of(j))
            score = weight(common) / denom if denom else 0.0
            if score >= (THRESHOLD if dated else THRESHOLD_UNDATED):
                edges.append((min(keys[i], keys[j]), max(keys[i], keys[j])))
    return edges


def assign_stories(frame: pd.DataFrame, edges: list[tuple[str, str]]) -> pd.DataFrame:
    """Stories as the connected groups of `edges` among the frame's articles, each with its
    original and every other member's role and lag (see module doc)."""
    n = len(frame)
    if n == 0:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS}).astype(
            {"lag_hours": "float64"}
        )
    keys = frame["article_key"].tolist()
    kinds = frame["kind"].tolist() if "kind" in frame else ["article"] * n
    editions = frame["edition"].tolist() if "edition" in frame else [None] * n
    languages = frame["language"].tolist() if "language" in frame else [None] * n
    times = _seconds(frame["published_at"])
    index = {str(k): i for i, k in enumerate(keys)}
    uf = _UnionFind(n)
    for a, b in edges:
        uf.union(index[a], index[b])

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)

    story_id: list[str] = [""] * n
    role: list[str] = [""] * n
    lag: list[float] = [math.nan] * n
    for members in groups.values():

        def order(i: int) -> tuple[float, str]:
            t = times[i]
            return (math.inf if t is None else t, str(keys[i]))

        uk_edition = [i for i in members if editions[i] == "uk" and kinds[i] == "article"]
        original = min(uk_edition or members, key=order)
        for i in members:
            story_id[i] = str(keys[original])
            if i == original:
                role[i] = "original"
                continue
            same_language = languages[i] == languages[original]
            role[i] = "reprint" if kinds[i] == "reprint" or same_language else "translation"
            t0, ti = times[original], times[i]
            if t0 is not None and ti is not None:
                lag[i] = (ti - t0) / 3600.0
    return pd.DataFrame(
        {"article_key": keys, "story_id": story_id, "role": role, "lag_hours": lag},
        index=frame.index,
    )
