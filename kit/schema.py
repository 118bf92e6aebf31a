"""Build contract tables from records, once, with integer columns typed as integers."""

from __future__ import annotations

import pandas as pd

INT_COLUMNS = {
    "n_chars", "n_sentences", "n_words", "sent_idx", "start_char", "end_char", "n_tokens",
    "token_idx", "word_idx", "head", "n_mentions", "n_docs", "weight", "n", "polarity",
}


def table(records: list[tuple], columns: list[str]) -> pd.DataFrame:
    """A DataFrame with exactly `columns`, built from a list of record tuples."""
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in columns:
        if column in INT_COLUMNS:
            frame[column] = frame[column].astype("int64")
    return frame
