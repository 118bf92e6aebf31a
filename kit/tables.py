"""Compute every contract table of a parsed corpus once, and write or read them as a folder.

This is the one place that runs the stages in order (frames, then the extractors); the CLI and the
notebooks go through it, so a table is never computed two different ways.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit import actors, claims, frames, stances
from kit.io import write_csv
from kit.nlp import Parsed

TABLE_NAMES = [
    "documents", "sentences", "words", "entities", "actors", "mentions", "actor_edges", "claims", "stances",
    "stance_matrix",
]


def build(parsed: Parsed, *, dictionary: str | Path | pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """All tables the kit can compute for `parsed`, keyed by table name (file stem)."""
    found_actors, mentions = actors.extract(parsed, dictionary=dictionary)
    found_claims = claims.extract(parsed, found_actors, mentions)
    found_stances = stances.extract(parsed, found_actors, mentions, found_claims)
    return {
        "documents": frames.documents(parsed),
        "sentences": frames.sentences(parsed),
        "words": frames.words(parsed),
        "entities": frames.entities(parsed),
        "actors": found_actors,
        "mentions": mentions,
        "actor_edges": actors.cooccurrence(mentions),
        "claims": found_claims,
        "stances": found_stances,
        "stance_matrix": stances.matrix(found_stances),
    }


def write(tables: dict[str, pd.DataFrame], folder: str | Path) -> Path:
    """Write each table as `<name>.csv` into `folder`, replacing the folder's tables atomically per file."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        write_csv(table, folder / f"{name}.csv")
    return folder


def read(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Read every `<name>.csv` of a tables folder (as written by `write`) back into DataFrames."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"no tables folder at {folder}")
    return {
        path.stem: pd.read_csv(path, dtype={"doc_id": str}, keep_default_na=False, na_values=[""])
        for path in sorted(folder.glob("*.csv"))
    }
