"""Compute every contract table of a parsed corpus once, and write or read them as a folder.

The stages and their order live in `kit.stages`; the CLI and the notebooks go through here, so a
table is never computed two different ways.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from kit import corpus, nlp, stages
from kit.io import write_csv
from kit.nlp import Parsed

TABLE_NAMES = stages.TABLE_NAMES


def build(parsed: Parsed, *, dictionary: str | Path | pd.DataFrame | None = None) -> dict[str, pd.DataFrame]:
    """All tables the kit can compute for `parsed`, keyed by table name (file stem), stage by stage."""
    return stages.build(parsed, stages.Options(dictionary=dictionary))


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
        path.stem: pd.read_csv(path, dtype=_dtypes(path.stem), keep_default_na=False)
        for path in sorted(folder.glob("*.csv"))
    }


def _dtypes(name: str) -> dict[str, object] | None:
    spec = stages.TABLES.get(name)
    return spec.csv_dtypes() if spec else None


def read_run(run_dir: str | Path) -> dict[str, pd.DataFrame]:
    """The tables of a run folder (as `kit run` or `kit parse --out` writes it), keyed by table name.

    Reading only: nothing is parsed. A folder without tables is an error that says how to get them.
    """
    run_dir = Path(run_dir)
    folder = run_dir / "tables"
    found = read(folder) if folder.is_dir() else {}
    if not found:
        raise FileNotFoundError(
            f"no tables in {run_dir} (expected {folder}/*.csv, as `kit run` or `kit parse --out` writes); "
            "to compute them from text, use kit.analyse(input)"
        )
    return found


def analyse(
    input: str | Path | Sequence[str | Path] | pd.DataFrame | nlp.Parsed,
    *,
    model_dir: str | Path | None = None,
    dictionary: str | Path | pd.DataFrame | None = None,
    cache: str | Path | bool | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table the kit computes for `input`, in memory: read_corpus, then parse, then the extractors.

    `input` is what `kit.read_corpus` reads (files, folders, tables, texts), a corpus DataFrame, or
    a `Parsed`. Parsing goes through the parse cache, so only the first call on a corpus costs.
    """
    if isinstance(input, nlp.Parsed):
        parsed = input
    else:
        if isinstance(input, pd.DataFrame):
            loaded = input
        else:
            inputs = input if isinstance(input, (list, tuple)) else [input]
            loaded = corpus.load([str(i) for i in inputs])
        if loaded.empty:
            raise ValueError(f"no documents could be loaded from {input!r}")
        parsed = nlp.parse(loaded, model_dir=model_dir, cache=cache)
    return build(parsed, dictionary=dictionary)


def _load_tables(
    input: str | Path | Sequence[str | Path] | None = None,
    *,
    run_dir: str | Path | None = None,
    model_dir: str | Path | None = None,
) -> dict[str, pd.DataFrame]:
    """What the deprecated `kit.load_tables` did: `read_run(run_dir)` when it holds tables, else `analyse(input)`."""
    if run_dir is not None and (Path(run_dir) / "tables").is_dir():
        return read_run(run_dir)
    if input is None:
        raise ValueError("give `input` (files or folders to analyse) or a `run_dir` that holds tables/")
    return analyse(input, model_dir=model_dir)
