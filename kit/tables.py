"""Compute every contract table of a parsed corpus once, and write or read them as a folder.

This is the one place that runs the stages in order (frames, then the extractors); the CLI and the
notebooks go through it, so a table is never computed two different ways.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit import actors, claims, corpus, frames, nlp, stances
from kit.io import write_csv
from kit.nlp import Parsed

TEXT_COLUMNS = {
    name: str for name in (
        "doc_id", "title", "source", "date", "path", "text", "token", "word", "lemma", "lemma_plain", "feats",
        "actor_id", "name", "aliases", "actor_a", "actor_b", "speaker", "speaker_actor_id", "source_actor_id",
        "content", "evidence", "holder", "holder_actor_id", "target", "target_actor_id", "claim_id", "cue",
    )
}
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
        path.stem: pd.read_csv(path, dtype=TEXT_COLUMNS, keep_default_na=False)
        for path in sorted(folder.glob("*.csv"))
    }


def load(
    input: str | Path | list[str | Path] | None = None,
    *,
    run_dir: str | Path | None = None,
    model_dir: str | Path | None = None,
) -> dict[str, pd.DataFrame]:
    """The tables a notebook works on: read from `run_dir`/tables when a run wrote them, else built here.

    Building parses `input` (through the parse cache, so only the first time costs) and runs every
    extractor, which is what a notebook opened in JupyterLab on its own does.
    """
    if run_dir is not None and (Path(run_dir) / "tables").is_dir():
        return read(Path(run_dir) / "tables")
    if input is None:
        raise ValueError("give `input` (files or folders to analyse) or a `run_dir` that holds tables/")
    inputs = input if isinstance(input, (list, tuple)) else [input]
    return build(nlp.parse(corpus.load([str(i) for i in inputs]), model_dir=model_dir))
