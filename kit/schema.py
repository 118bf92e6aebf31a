"""Table contracts: each table's name and its columns with their types, declared once by the stage that writes it.

A stage builds its table from record tuples with `TableSpec.frame` (integer columns typed as
integers, so an empty table has the same types as a full one), and readers use `csv_dtypes`, so a
table reads back with the types it was written with.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import pandas as pd

DTYPES = ("str", "int64", "float64", "bool")


@dataclass(frozen=True)
class TableSpec:
    """A contract table: name and (column, dtype) pairs in column order."""

    name: str
    columns: tuple[tuple[str, str], ...]

    def __post_init__(self) -> None:
        unknown = [(c, t) for c, t in self.columns if t not in DTYPES]
        if unknown:
            raise ValueError(f"table {self.name}: unknown column type(s) {unknown}; valid: {', '.join(DTYPES)}")

    @classmethod
    def of(cls, name: str, columns: str) -> TableSpec:
        """A spec from a compact string: `"doc_id sent_idx:int64 text"` (a column without a type is text)."""
        pairs = tuple((part.split(":") + ["str"])[:2] for part in columns.split())
        return cls(name, tuple((column, kind) for column, kind in pairs))

    @property
    def names(self) -> list[str]:
        """The column names, in order."""
        return [column for column, _ in self.columns]

    def frame(self, records: Iterable[tuple]) -> pd.DataFrame:
        """A DataFrame with exactly these columns from record tuples, integer columns as int64."""
        frame = pd.DataFrame.from_records(list(records), columns=self.names)
        for column, kind in self.columns:
            if kind in ("int64", "float64") or (kind == "bool" and frame.empty):
                frame[column] = frame[column].astype(kind)
        return frame

    def empty(self) -> pd.DataFrame:
        """The table with no rows and every column typed."""
        return self.frame([])

    def arrow_schema(self):
        """The pyarrow schema of the table, so that an empty part is typed like a full one."""
        import pyarrow as pa

        kinds = {"str": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
        return pa.schema([(column, kinds[kind]) for column, kind in self.columns])

    def csv_dtypes(self) -> dict[str, object]:
        """`dtype=` for pandas.read_csv: text columns as str (never NaN), the others as declared."""
        return {column: (str if kind == "str" else kind) for column, kind in self.columns}
