"""Compute every contract table of a parsed corpus once, and write or read them as a folder.

The stages and their order live in `kit.stages`; the CLI and the notebooks go through here, so a
table is never computed two different ways.
"""

from __future__ import annotations

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
