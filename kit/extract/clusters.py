"""The same statement across documents: claims whose content says the same thing, grouped into clusters.

Two outlets that carry one statement rarely carry it letter for letter: one adds a conjunction or
drops a clause, another spells a hamza differently. Contents are folded (`kit.text.fold`), cut
into overlapping character shingles, and near-duplicates are found with MinHash LSH (datasketch),
then confirmed by their exact shingle overlap; a cluster is every claim linked to another by such
a pair, kept when it spans at least two documents. A cluster's first row is the claim published
first: who reported the statement first, and who repeated it (and on whose authority) after.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from kit.schema import TableSpec
from kit.text import fold

CLAIM_CLUSTERS = TableSpec.of("claim_clusters", "cluster_id claim_id doc_id source date speaker_actor_id")
SHINGLE_CHARS = 5  # character shingles: robust to clitics (والذي / الذي) and spelling variants
MIN_CONTENT_WORDS = 5  # shorter contents ("ذلك", "الأمر") match too much to mean the same statement
SIMILARITY = 0.5  # Jaccard overlap of shingles from which two contents say the same thing
NUM_PERM = 128
_NOT_LETTERS = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def shingles(content: str, size: int = SHINGLE_CHARS) -> frozenset[str]:
    """The character shingles of a claim's folded content, punctuation removed.

    >>> sorted(shingles("«إنّ الهدنة»", size=5))
    [' الهد', 'الهدن', 'ان ال', 'لهدنه', 'ن اله']
    """
    text = _SPACES.sub(" ", _NOT_LETTERS.sub(" ", fold(content))).strip()
    if len(text) <= size:
        return frozenset([text]) if text else frozenset()
    return frozenset(text[i:i + size] for i in range(len(text) - size + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of shingles two contents have in common (0 when either is empty)."""
    return len(a & b) / len(a | b) if a and b else 0.0


def similar_pairs(contents: dict[str, str], threshold: float = SIMILARITY) -> list[tuple[str, str]]:
    """The pairs of keys whose contents are near-duplicates: MinHash LSH candidates, confirmed by exact overlap.

    >>> similar_pairs({"a": "إن الهدنة صامدة في كل المناطق", "b": "وإن الهدنة صامدة في كل المناطق",
    ...                "c": "سنرد على أي هجوم بقوة"})
    [('a', 'b')]
    """
    from datasketch import MinHash, MinHashLSH

    sets = {key: shingles(text) for key, text in contents.items()}
    sets = {key: value for key, value in sets.items() if value}
    keys = list(sets)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    hashes = MinHash.bulk([[s.encode("utf-8") for s in sets[key]] for key in keys], num_perm=NUM_PERM)
    for key, minhash in zip(keys, hashes):
        lsh.insert(key, minhash)
    order = {key: n for n, key in enumerate(keys)}
    pairs = set()
    for key, minhash in zip(keys, hashes):
        for other in lsh.query(minhash):
            if order[other] > order[key] and jaccard(sets[key], sets[other]) >= threshold:
                pairs.add((key, other))
    return sorted(pairs, key=lambda pair: (order[pair[0]], order[pair[1]]))


def groups(keys: Iterable[str], pairs: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected groups of keys linked by pairs (union-find), each in the keys' order; singletons left out."""
    keys = list(keys)
    parent = {key: key for key in keys}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for a, b in pairs:
        parent[root(a)] = root(b)
    members: dict[str, list[str]] = {}
    for key in keys:
        members.setdefault(root(key), []).append(key)
    return [group for group in members.values() if len(group) > 1]


def cluster(claims: pd.DataFrame, documents: pd.DataFrame, *, threshold: float = SIMILARITY,
            min_words: int = MIN_CONTENT_WORDS) -> pd.DataFrame:
    """`claim_clusters`: claims that carry the same statement in at least two documents, earliest first.

    `cluster_id` is `cl-` and the claim id of the cluster's earliest claim (by date, then claim id),
    so it is the same for the same input; rows are ordered by cluster, then date.
    """
    if claims.empty:
        return CLAIM_CLUSTERS.empty()
    meta = documents.set_index("doc_id")[["source", "date"]] if not documents.empty else None
    long_enough = claims[claims["content"].fillna("").str.split().str.len() >= min_words]
    contents = dict(zip(long_enough["claim_id"], long_enough["content"]))
    found = groups(contents, similar_pairs(contents, threshold))
    by_id = claims.set_index("claim_id")
    records = []
    for group in found:
        rows = by_id.loc[group].reset_index()
        rows["source"] = rows["doc_id"].map(meta["source"]) if meta is not None else ""
        rows["date"] = rows["doc_id"].map(meta["date"]) if meta is not None else ""
        rows = rows.fillna({"source": "", "date": ""})
        if rows["doc_id"].nunique() < 2:
            continue
        rows["_when"] = pd.to_datetime(rows["date"].replace("", None), utc=True, errors="coerce", format="mixed")
        rows = rows.sort_values(["_when", "claim_id"], na_position="last")
        cluster_id = f"cl-{rows['claim_id'].iloc[0]}"
        records.extend((cluster_id, row.claim_id, row.doc_id, row.source, row.date, row.speaker_actor_id)
                       for row in rows.itertuples(index=False))
    table = CLAIM_CLUSTERS.frame(records)
    return table.sort_values("cluster_id", kind="stable").reset_index(drop=True)
