"""Load the kit's lexicons (data files in kit/lexicons/ar/) or a user's own file of the same shape.

Every lexicon is a UTF-8 CSV whose leading `#` lines say what each column means and where the
entries came from. Text cells are NFC-normalised and stripped once, here.
"""

from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

import pandas as pd

LANG = "ar"


def available() -> list[str]:
    """Names of the lexicons the kit ships (file stems under kit/lexicons/ar/)."""
    folder = resources.files(__package__).joinpath(LANG)
    return sorted(p.name[:-4] for p in folder.iterdir() if p.name.endswith(".csv"))


def load(name: str, *, path: str | Path | None = None, extend: str | Path | pd.DataFrame | None = None,
         optional: tuple[str, ...] = ()) -> pd.DataFrame:
    """Load the shipped lexicon `name`, or the user's file at `path`, optionally extended by more rows.

    `extend` (a file or DataFrame with the same columns) is appended to the default so a user can
    add entries without copying the shipped file; the `optional` columns it may leave out are empty.
    """
    if path is not None:
        table = _read(Path(path))
    else:
        if name not in available():
            raise ValueError(f"no lexicon named {name!r}; the kit ships: {', '.join(available())}")
        with resources.as_file(resources.files(__package__).joinpath(LANG, f"{name}.csv")) as file:
            table = _read(file)
    if extend is not None:
        extra = extend if isinstance(extend, pd.DataFrame) else _read(Path(extend))
        extra = extra.assign(**{column: "" for column in optional if column not in extra.columns})
        missing = set(table.columns) - set(extra.columns)
        if missing:
            raise ValueError(f"extension of lexicon {name!r} lacks column(s) {sorted(missing)}")
        table = pd.concat([table, clean(extra[table.columns].astype(str))], ignore_index=True)
    return table


def column(name: str, column: str = "word", **where: str) -> list[str]:
    """One column of a shipped lexicon in file order, from the rows whose other columns have the given values.

    `column("affixes", "affix", kind="clitic")` -> ["وب", "ول", ...].
    """
    table = load(name)
    for key, value in where.items():
        table = table[table[key] == value]
    return list(table[column])


def _read(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise FileNotFoundError(f"lexicon file {path} does not exist")
    table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return clean(table)


def clean(table: pd.DataFrame) -> pd.DataFrame:
    """Every cell as an NFC-normalised, stripped string."""
    table = table.copy()
    for column in table.columns:
        table[column] = table[column].map(lambda s: unicodedata.normalize("NFC", str(s)).strip())
    return table.reset_index(drop=True)
