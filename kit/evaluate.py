"""Score the kit's tables against a hand-written gold reading (YAML; format in the README).

Gold items locate themselves by passages of text, not offsets, so a teacher can write them by
reading the article. A found claim matches a gold claim when its evidence contains the gold
sentence passage, its cue is the gold cue (attached و/ف aside) and the contents overlap.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from kit.text import fold


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold YAML file; raises ValueError naming the file and the problem when malformed."""
    path = Path(path)
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"gold file {path}: not valid YAML ({error})") from error
    if not isinstance(gold, dict) or "document" not in gold:
        raise ValueError(f"gold file {path}: expected a mapping with a 'document' key")
    for key in ("actors", "claims", "stances"):
        gold.setdefault(key, [])
    return gold


def _bare(text: object) -> str:
    folded = fold(str(text or ""))
    return folded[1:] if folded[:1] in ("و", "ف") and len(folded) > 3 else folded


def _overlap(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return bool(a) and bool(b) and (a in b or b in a)


def actor_names(actors: pd.DataFrame) -> dict[str, str]:
    """actor_id -> folded display name."""
    return {row.actor_id: fold(row.name) for row in actors.itertuples()}


def score_actors(actors: pd.DataFrame, gold_actors: list[dict]) -> dict[str, Any]:
    """How many gold actors were found (by name or alias) and with the right type."""
    known = {}
    for row in actors.itertuples():
        for form in [row.name, *str(row.aliases).split("|")]:
            known.setdefault(fold(form), row)
    found = [g for g in gold_actors if fold(g["name"]) in known]
    typed = [g for g in found if known[fold(g["name"])].type == g["type"]]
    missed = [g["name"] for g in gold_actors if fold(g["name"]) not in known]
    return {"total": len(gold_actors), "found": len(found), "right_type": len(typed), "missed": missed}


def match_claims(claims: pd.DataFrame, gold_claims: list[dict]) -> list[tuple[dict, Any]]:
    """Pair each gold claim with the found claim that matches it (or None); each found claim used once."""
    used: set[str] = set()
    pairs = []
    for item in gold_claims:
        match = None
        for row in claims.itertuples():
            if row.claim_id in used or fold(item["sentence"]) not in fold(row.evidence):
                continue
            if _bare(row.cue) == _bare(item["cue"]) and _overlap(row.content, item["content"]):
                match = row
                break
        if match is not None:
            used.add(match.claim_id)
        pairs.append((item, match))
    return pairs


def score_claims(claims: pd.DataFrame, actors: pd.DataFrame, gold_claims: list[dict]) -> dict[str, Any]:
    """Found / total claims, and how many matched claims have the gold speaker, source and mode."""
    names = actor_names(actors)
    pairs = match_claims(claims, gold_claims)
    matched = [(g, f) for g, f in pairs if f is not None]

    def speaker_right(gold: dict, found) -> bool:
        if gold.get("speaker_actor"):
            return names.get(found.speaker_actor_id) == fold(gold["speaker_actor"])
        return not found.speaker_actor_id and _overlap(found.speaker, gold["speaker"])

    def source_right(gold: dict, found) -> bool:
        if gold.get("source_actor"):
            return names.get(found.source_actor_id) == fold(gold["source_actor"])
        return not found.source_actor_id and not found.source

    return {
        "total": len(gold_claims),
        "found": len(matched),
        "extra": len(claims) - len(matched),
        "speaker_right": sum(speaker_right(g, f) for g, f in matched),
        "source_right": sum(source_right(g, f) for g, f in matched),
        "mode_right": sum(g["mode"] == f.mode for g, f in matched),
        "missed": [g["sentence"] for g, f in pairs if f is None],
        "wrong_speaker": [(g["sentence"], f.speaker) for g, f in matched if not speaker_right(g, f)],
    }


def match_stances(stances: pd.DataFrame, actors: pd.DataFrame, gold_stances: list[dict]) -> list[tuple[dict, Any]]:
    """Pair each gold stance with a found stance in that sentence with the same holder, target and polarity."""
    names = actor_names(actors)
    used: set[str] = set()
    pairs = []
    for item in gold_stances:
        match = None
        for row in stances.itertuples():
            if row.stance_id in used or fold(item["sentence"]) not in fold(row.evidence):
                continue
            if (names.get(row.holder_actor_id) == fold(item["holder_actor"])
                    and names.get(row.target_actor_id) == fold(item["target_actor"])
                    and int(row.polarity) == int(item["polarity"])):
                match = row
                break
        if match is not None:
            used.add(match.stance_id)
        pairs.append((item, match))
    return pairs


def score_stances(stances: pd.DataFrame, actors: pd.DataFrame, gold_stances: list[dict]) -> dict[str, Any]:
    """Gold stances found with the right holder, target and polarity; found stances no gold item explains."""
    pairs = match_stances(stances, actors, gold_stances)
    return {
        "total": len(gold_stances),
        "found": sum(1 for _, f in pairs if f is not None),
        "label_right": sum(1 for g, f in pairs if f is not None and f.label == g["label"]),
        "missed": [(g["sentence"], g["holder_actor"], g["target_actor"]) for g, f in pairs if f is None],
        "n_stances": len(stances),
    }
