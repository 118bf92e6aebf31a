"""How actors and speakers are named where a person looks: an actor's name for an actor, one label for each
group of unnamed speakers («المسؤولون», «المسؤولين», «المسؤول», «أحد المسؤولين» are one speaker: المسؤولون)."""

from __future__ import annotations

import functools

import pandas as pd

from kit import lexicons
from kit.text import fold


@functools.lru_cache(maxsize=1)
def _folding_words() -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    quantifiers = tuple(sorted((fold(w) for w in lexicons.column("quantifiers")), key=len, reverse=True))
    article = fold(lexicons.column("affixes", "affix", kind="article")[0])
    endings = tuple(sorted((fold(e) for e in lexicons.column("affixes", "affix", kind="adjective_suffix") if e),
                           key=len, reverse=True))
    return quantifiers, article, endings


def unnamed_key(text: str) -> str:
    """The group an unnamed speaker belongs to: «أحد المسؤولين» -> مسؤول, «المسؤولون» -> مسؤول, «مسؤولة» -> مسؤول."""
    quantifiers, article, endings = _folding_words()
    words = fold(text).split()
    for quantifier in quantifiers:
        size = len(quantifier.split())
        if words[:size] == quantifier.split() and len(words) > size:
            words = words[size:]
            break
    head = words[0] if words else ""
    head = head[len(article):] if head.startswith(article) and len(head) > len(article) + 2 else head
    for ending in endings:
        if head.endswith(ending) and len(head) - len(ending) >= 3:
            head = head[: -len(ending)]
            break
    return " ".join([head, *words[1:]])


def actor_names(actors: pd.DataFrame | None) -> dict[str, str]:
    """actor_id -> the actor's name."""
    return {} if actors is None else dict(zip(actors["actor_id"], actors["name"]))


def party_labels(texts: pd.Series, actor_ids: pd.Series, actors: pd.DataFrame | None = None) -> pd.Series:
    """What to call each speaker (or holder, target): the actor's name, else the commonest words of its unnamed group."""
    names = actor_names(actors)
    texts = texts.fillna("").astype(str)
    ids = actor_ids.fillna("").astype(str)
    keys = [("actor", i) if i else ("unnamed", unnamed_key(t)) if t else ("none", "") for t, i in zip(texts, ids)]
    counts = pd.DataFrame({"key": keys, "text": texts}).groupby(["key", "text"]).size().reset_index(name="n")
    commonest = counts.sort_values(["n", "text"], ascending=[False, True]).drop_duplicates("key").set_index("key")["text"]
    return pd.Series([names.get(key[1], text) if key[0] == "actor" else commonest[key] if key[0] == "unnamed" else ""
                      for key, text in zip(keys, texts)], index=texts.index)
