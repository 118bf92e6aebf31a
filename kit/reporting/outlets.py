"""Outlets side by side: who each outlet gives voice to, how, on whose authority, and its stances, with uncertainty.

A share computed from one outlet's few hundred claims moves a lot with which articles happened to
be sampled, and claims of one article are not independent. So every share here comes with a
bootstrap interval that resamples whole documents within the outlet (`shares`), and a difference
between an outlet and the others comes with its own interval (`differences`): an interval that
excludes 0 is a difference the sample supports; one that straddles 0 is not.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.reporting import labels

Tables = dict[str, pd.DataFrame]
N_BOOT = 1000
LEVEL = 0.95
OTHER = "(other)"
UNNAMED = "unnamed"
NO_SPEAKER = "(none)"
SHARE_COLUMNS = ["outlet", "category", "count", "total", "share", "low", "high"]


def _with_outlet(rows: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    outlets = dict(zip(documents["doc_id"], documents["source"].replace("", "(unknown)")))
    return rows.assign(outlet=rows["doc_id"].map(outlets).fillna("(unknown)"))


def _document_counts(rows: pd.DataFrame, categories: list[str]) -> np.ndarray:
    """documents x categories: how many rows of each category each document holds."""
    return pd.crosstab(rows["doc_id"], rows["category"]).reindex(columns=categories, fill_value=0).to_numpy(float)


def _bootstrap(counts: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """n_boot x categories: the category shares of documents drawn with replacement (each draw as many as there are)."""
    weights = rng.multinomial(len(counts), np.full(len(counts), 1 / len(counts)), size=n_boot)
    sums = weights @ counts
    totals = sums.sum(axis=1, keepdims=True)
    return np.divide(sums, totals, out=np.zeros_like(sums), where=totals > 0)


def shares(rows: pd.DataFrame, documents: pd.DataFrame, category: str, *, n_boot: int = N_BOOT,
           level: float = LEVEL, seed: int = 0) -> pd.DataFrame:
    """Per outlet, each category's count and share of the outlet's rows, with a bootstrap interval over its documents.

    `rows` has `doc_id` and the `category` column (e.g. claims with `mode`); outlets come from
    `documents.source`. Columns: outlet, category, count, total, share, low, high.
    """
    rows = _with_outlet(rows, documents).rename(columns={category: "category"})
    if rows.empty:
        return pd.DataFrame(columns=SHARE_COLUMNS)
    categories = sorted(rows["category"].astype(str).unique())
    rng = np.random.default_rng(seed)
    tail = (1 - level) / 2
    records = []
    for outlet, group in rows.groupby("outlet"):
        counts = _document_counts(group, categories)
        drawn = _bootstrap(counts, n_boot, rng)
        low, high = np.quantile(drawn, [tail, 1 - tail], axis=0)
        total = counts.sum()
        for k, name in enumerate(categories):
            records.append((outlet, name, int(counts[:, k].sum()), int(total), counts[:, k].sum() / total, low[k], high[k]))
    return pd.DataFrame(records, columns=SHARE_COLUMNS)


def differences(rows: pd.DataFrame, documents: pd.DataFrame, category: str, *, n_boot: int = N_BOOT,
                level: float = LEVEL, seed: int = 0) -> pd.DataFrame:
    """Per outlet and category, its share minus the share in all the other outlets, with a bootstrap interval.

    Columns: outlet, category, share, rest, difference, low, high, supported (the interval excludes 0).
    """
    rows = _with_outlet(rows, documents).rename(columns={category: "category"})
    columns = ["outlet", "category", "share", "rest", "difference", "low", "high", "supported"]
    if rows["outlet"].nunique() < 2:
        return pd.DataFrame(columns=columns)
    categories = sorted(rows["category"].astype(str).unique())
    rng = np.random.default_rng(seed)
    tail = (1 - level) / 2
    records = []
    for outlet in sorted(rows["outlet"].unique()):
        inside, outside = rows[rows["outlet"] == outlet], rows[rows["outlet"] != outlet]
        a, b = _document_counts(inside, categories), _document_counts(outside, categories)
        drawn = _bootstrap(a, n_boot, rng) - _bootstrap(b, n_boot, rng)
        low, high = np.quantile(drawn, [tail, 1 - tail], axis=0)
        share, rest = a.sum(axis=0) / a.sum(), b.sum(axis=0) / b.sum()
        for k, name in enumerate(categories):
            records.append((outlet, name, share[k], rest[k], share[k] - rest[k], low[k], high[k],
                            bool(low[k] > 0 or high[k] < 0)))
    return pd.DataFrame(records, columns=columns)


def top_or_other(values: pd.Series, n: int) -> pd.Series:
    """The `n` commonest values as they are, every other value as `(other)` (so a share table stays readable)."""
    keep = set(values[values != ""].value_counts().nlargest(n).index)
    return values.where(values.isin(keep), OTHER)


def speakers(tables: Tables, *, n: int = 8) -> pd.DataFrame:
    """Claims with `speaker`: the actor's name (or the unnamed group, «مسؤولون»), the `n` commonest kept, others `(other)`."""
    claims = tables["claims"]
    named = labels.party_labels(claims["speaker"], claims["speaker_actor_id"], tables["actors"]).replace("", NO_SPEAKER)
    return claims.assign(speaker=top_or_other(named, n))


def speaker_types(tables: Tables) -> pd.DataFrame:
    """Claims with `speaker_type`: the speaking actor's type (PER, ORG, GPE...), `unnamed` (officials, sources), or `(none)`."""
    claims = tables["claims"]
    types = claims["speaker_actor_id"].map(dict(zip(tables["actors"]["actor_id"], tables["actors"]["type"])))
    kind = np.where(types.notna(), types, np.where(claims["speaker"].fillna("") != "", UNNAMED, NO_SPEAKER))
    return claims.assign(speaker_type=kind)


def sources(tables: Tables, *, n: int = 8) -> pd.DataFrame:
    """Claims resting on a source (`نقلا عن`, `بحسب`, a wire), with `relied_on`: the source's name, the `n` commonest kept."""
    claims = tables["claims"]
    claims = claims[claims["source"].fillna("") != ""]
    named = labels.party_labels(claims["source"], claims["source_actor_id"], tables["actors"])
    return claims.assign(relied_on=top_or_other(named, n))


def stance_polarity(tables: Tables, *, n: int = 8) -> pd.DataFrame:
    """Per outlet and target actor (the `n` most targeted), the stances' mean polarity and count.

    Columns: outlet, target_actor_id, target, mean_polarity, n, against, for.
    """
    stances = _with_outlet(tables["stances"], tables["documents"])
    stances = stances[stances["target_actor_id"].fillna("") != ""]
    columns = ["outlet", "target_actor_id", "target", "mean_polarity", "n", "against", "for"]
    if stances.empty:
        return pd.DataFrame(columns=columns)
    top = stances["target_actor_id"].value_counts().nlargest(n).index
    names = labels.actor_names(tables["actors"])
    polarity = stances[stances["target_actor_id"].isin(top)].assign(polarity=lambda t: t["polarity"].astype(int))
    table = polarity.groupby(["outlet", "target_actor_id"])["polarity"].agg(
        mean_polarity="mean", n="size", against=lambda p: int((p < 0).sum()), **{"for": lambda p: int((p > 0).sum())})
    table = table.reset_index()
    table.insert(2, "target", table["target_actor_id"].map(names).fillna(table["target_actor_id"]))
    return table[columns]


def summary(tables: Tables) -> pd.DataFrame:
    """One row per outlet: documents, claims, claims per document, direct share, stances (bare counts to read beside the intervals)."""
    documents = tables["documents"].assign(outlet=tables["documents"]["source"].replace("", "(unknown)"))
    claims = _with_outlet(tables["claims"], tables["documents"])
    stances = _with_outlet(tables["stances"], tables["documents"])
    table = pd.DataFrame({
        "documents": documents.groupby("outlet").size(),
        "claims": claims.groupby("outlet").size(),
        "direct": claims[claims["mode"].isin(["direct", "mixed"])].groupby("outlet").size(),
        "stances": stances.groupby("outlet").size(),
    }).fillna(0).astype(int)
    table["claims_per_document"] = (table["claims"] / table["documents"]).round(2)
    table["direct_share"] = (table["direct"] / table["claims"].where(table["claims"] > 0)).round(3)
    return table.reset_index(names="outlet")
