"""Load news text from files, folders, tables or strings into one Corpus DataFrame.

Loading normalises what would otherwise break offsets or identity downstream (BOM, line ends,
Unicode composition, control and invisible format characters, HTML entities, page furniture),
makes every line a paragraph so that Stanza ends a sentence there, and records what it removed
(`furniture`: one `kind<TAB>line<TAB>text` record per line; `read_furniture` parses it; the
recognisers are in kit/furniture.py). Bad documents are skipped with a `CorpusWarning` naming
them; the rest of the corpus loads.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from kit.furniture import (  # noqa: F401  (read_furniture re-exported: kit.corpus.read_furniture)
    Furniture, format_furniture, paragraphs, read_furniture, remove_furniture, unescape_entities,
    rules as furniture_rules,
)
from kit.text import arabic_share

CORPUS_COLUMNS = ["doc_id", "text", "title", "source", "date", "path", "furniture"]
TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
FILE_SUFFIXES = (".txt",) + TABLE_SUFFIXES

# C0/C1 controls except tab and newline; zero-width no-break space (BOM) anywhere; zero-width space
# and the bidirectional marks and embeddings (invisible; they would glue onto the next word).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff\u200b-\u200f\u2060\u00ad\u034f\u061c\u202a-\u202e\u2066-\u2069]")
_SPACE_SEPARATORS = re.compile(r"[\xa0\u2000-\u200a\u202f\u205f\u3000]")  # no-break and other spaces
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")


class CorpusWarning(UserWarning):
    """A document could not be loaded as given (it is skipped or changed; the message says which)."""


@dataclass
class _Raw:
    text: str
    title: str = ""
    source: str = ""
    date: str = ""
    path: str = ""
    columns: dict = field(default_factory=dict)  # a table row's other columns, for a Selection


def load(
    inputs: str | Path | Iterable[str | Path],
    *,
    text_col: str = "text",
    title_col: str = "title",
    date_col: str = "date",
    source_col: str = "source",
    headline: bool = True,
    strip_furniture: bool = True,
    paragraph_lines: bool = True,
    min_arabic: float = 0.3,
    select: "Selection | None" = None,
) -> pd.DataFrame:
    """Load documents into a Corpus DataFrame with columns `CORPUS_COLUMNS`, one row per document.

    Each input is a `.txt` file, a folder (all `.txt` below it), a `.csv`/`.jsonl`/`.parquet`
    table (with `text_col`, and optionally `title_col`, `date_col`, `source_col`), or a string
    holding a document's text. A string counts as a path when it names an existing file or folder,
    ends in one of `FILE_SUFFIXES`, or is one word with a path separator; a path that does not exist
    is an error (FileNotFoundError naming every one), never a text.
    With `headline`, a short first line becomes the title when no title is given; it stays in
    `text`. `strip_furniture` removes page furniture (see `remove_furniture`); `paragraph_lines`
    makes every line a paragraph (see `paragraphs`). Documents with less than `min_arabic` Arabic
    letters are skipped. `select` keeps only the documents a `Selection` names (filters on the tables'
    own columns, a date range, a random sample).
    """
    if isinstance(inputs, (str, Path)):
        inputs = [inputs]
    inputs = list(inputs)
    missing = [str(item) for item in inputs if (isinstance(item, Path) or _looks_like_path(item)) and not Path(item).exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    columns = {"text": text_col, "title": title_col, "date": date_col, "source": source_col}
    raws: list[_Raw] = []
    for n, item in enumerate(inputs):
        if isinstance(item, Path) or _looks_like_path(item):
            found = _read_path(Path(item), columns)
            raws.extend(select.keep(found, Path(item)) if select else found)
        elif isinstance(item, str):
            raws.append(_Raw(text=item, path=f"<text {n}>"))
        else:
            warnings.warn(f"input {n} is a {type(item).__name__}, not a path or text; skipped", CorpusWarning, stacklevel=2)
    return from_records(select.sampled(raws) if select else raws, headline=headline, strip_furniture=strip_furniture,
                        paragraph_lines=paragraph_lines, min_arabic=min_arabic)


@dataclass(frozen=True)
class Selection:
    """Which documents of a corpus to keep, decided on the input tables' own columns before any parsing.

    `equals`: (column, value or list of values) pairs, e.g. (("outlet", "BBC"),); `where`: a pandas
    query over the table's columns (`category in ['middleEast', 'internationalNews']`); `since`/`until`:
    the date column from/through a date, a month or a year (`2018-04` through `2018-05` is April and
    May); `sample`: that many of the input documents that pass the filters, drawn at random with
    `seed` before cleaning (so a duplicate or empty one among them is still dropped), in input order;
    with `sample_per` (a column such as `outlet`), that many of each of its values instead.
    """

    equals: tuple = ()
    where: str | None = None
    since: str | None = None
    until: str | None = None
    sample: int | None = None
    seed: int = 0
    sample_per: str | None = None

    def __post_init__(self) -> None:
        for name in ("since", "until"):
            if getattr(self, name) is not None:
                _period(getattr(self, name), name)
        if self.sample is not None and self.sample < 1:
            raise ValueError(f"sample must be a positive number of documents, not {self.sample}")
        if self.sample_per and not self.sample:
            raise ValueError(f"sample_per {self.sample_per!r} needs a sample size (how many documents per value)")

    def describe(self) -> dict:
        """The selection as plain values, for a manifest (only what was set)."""
        values = {"equals": {column: value for column, value in self.equals}, "where": self.where, "since": self.since,
                  "until": self.until, "sample": self.sample, "sample_per": self.sample_per,
                  "seed": self.seed if self.sample else None}
        return {key: value for key, value in values.items() if value not in (None, {})}

    def keep(self, raws: list[_Raw], source: Path) -> list[_Raw]:
        """The raw documents of one input that pass the filters (the input's name in any error)."""
        if not raws or not (self.equals or self.where or self.since or self.until):
            return raws
        table = pd.DataFrame([{**raw.columns, "text": raw.text, "title": raw.title, "date": raw.date, "source": raw.source,
                               "path": raw.path} for raw in raws])
        mask = pd.Series(True, index=table.index)
        for column, value in self.equals:
            if column not in table.columns:
                raise ValueError(f"{source}: no column {column!r} to select on (columns: {', '.join(map(str, table.columns))})")
            values = value if isinstance(value, (list, tuple, set)) else [value]
            mask &= table[column].astype(str).isin([str(v) for v in values])
        if self.where:
            try:
                mask &= table.eval(self.where).astype(bool)
            except Exception as error:
                raise ValueError(f"{source}: --where {self.where!r} cannot be read on columns "
                                 f"{', '.join(map(str, table.columns))} ({type(error).__name__}: {error})") from None
        if self.since or self.until:
            dates = pd.to_datetime(table["date"].replace("", None), utc=True, errors="coerce", format="mixed")
            if dates.isna().any():
                warnings.warn(f"{source}: {int(dates.isna().sum())} document(s) without a readable date are left out "
                              "of the date range", CorpusWarning, stacklevel=4)
            if self.since:
                mask &= dates >= _period(self.since, "since").start_time.tz_localize("UTC")
            if self.until:
                mask &= dates <= _period(self.until, "until").end_time.tz_localize("UTC")
        return [raw for raw, kept in zip(raws, mask.fillna(False)) if kept]

    def sampled(self, raws: list[_Raw]) -> list[_Raw]:
        """`sample` of the documents that passed the filters, drawn with `seed`, in input order (all of them when fewer)."""
        import random

        if not self.sample:
            return raws
        draw = random.Random(self.seed)
        groups: dict[str, list[int]] = {}
        for i, raw in enumerate(raws):
            key = str(_field(raw, self.sample_per)) if self.sample_per else ""
            groups.setdefault(key, []).append(i)
        kept = [i for key in sorted(groups) for i in
                (groups[key] if len(groups[key]) <= self.sample else draw.sample(groups[key], self.sample))]
        return [raws[i] for i in sorted(kept)]


def _field(raw: _Raw, column: str) -> object:
    """One column of a raw document: its own fields (source, date, title) or the input table's columns."""
    if column in ("text", "title", "date", "source", "path"):
        return getattr(raw, column)
    if column not in raw.columns:
        raise ValueError(f"{raw.path}: no column {column!r} to sample per (columns: {', '.join(map(str, raw.columns))})")
    return raw.columns[column]


_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _period(value: str, name: str) -> pd.Period:
    """The year, month or day `value` names (2018, 2018-04, 2018-04-15)."""
    try:
        if not _DATE.fullmatch(str(value)):
            raise ValueError(value)
        return pd.Period(str(value))
    except (ValueError, TypeError):
        raise ValueError(f"{name} {value!r} is not a date: write a year, a month or a day (2018, 2018-04, 2018-04-15)") from None


def from_texts(
    texts: Sequence[str],
    *,
    titles: Sequence[str] | None = None,
    sources: Sequence[str] | None = None,
    dates: Sequence[str] | None = None,
    headline: bool = True,
    strip_furniture: bool = True,
    paragraph_lines: bool = True,
    min_arabic: float = 0.3,
) -> pd.DataFrame:
    """Build a Corpus from in-memory texts (never interpreted as paths); options as for `load`."""
    raws = [
        _Raw(
            text=text,
            title=titles[i] if titles else "",
            source=sources[i] if sources else "",
            date=dates[i] if dates else "",
            path=f"<text {i}>",
        )
        for i, text in enumerate(texts)
    ]
    return from_records(raws, headline=headline, strip_furniture=strip_furniture, paragraph_lines=paragraph_lines,
                        min_arabic=min_arabic)


def from_records(
    raws: Iterable[_Raw],
    *,
    headline: bool = True,
    strip_furniture: bool = True,
    paragraph_lines: bool = True,
    min_arabic: float = 0.3,
) -> pd.DataFrame:
    """Clean raw documents, give them ids, drop bad ones and duplicates with a warning each."""
    rows: list[tuple] = []
    seen: dict[str, str] = {}
    rules = furniture_rules() if strip_furniture else None
    for raw in raws:
        label = raw.path or "<text>"
        if not isinstance(raw.text, str):
            warnings.warn(f"document {label}: text is {type(raw.text).__name__}, not a string; skipped", CorpusWarning, stacklevel=3)
            continue
        cleaned = clean_text(raw.text)
        text, removed = unescape_entities(cleaned.strip())
        source = _cell(raw.source)
        if rules is not None and text.strip():
            text, furniture, outlet = remove_furniture(text, rules)
            removed = sorted(removed + furniture, key=lambda r: r.line)
            source = source or outlet
            if not text.strip():
                warnings.warn(f"document {label}: nothing but page furniture ({len(furniture)} lines: "
                              f"{', '.join(sorted({r.kind for r in furniture}))}); skipped", CorpusWarning, stacklevel=3)
                continue
        if paragraph_lines:
            text = paragraphs(text)
        if not text.strip():
            warnings.warn(f"document {label}: empty text; skipped", CorpusWarning, stacklevel=3)
            continue
        share = arabic_share(text)
        if share < min_arabic:
            warnings.warn(
                f"document {label}: almost no Arabic ({share:.0%} of letters, minimum {min_arabic:.0%}); skipped",
                CorpusWarning,
                stacklevel=3,
            )
            continue
        doc_id = make_doc_id(text)
        if doc_id in seen:
            warnings.warn(
                f"document {label} has the same text as {seen[doc_id]} (doc_id {doc_id}); the second is dropped",
                CorpusWarning,
                stacklevel=3,
            )
            continue
        seen[doc_id] = label
        title = clean_text(_cell(raw.title)).strip()
        if not title and headline:
            title = _headline(text)
        lead = cleaned[:len(cleaned) - len(cleaned.lstrip())].count("\n")  # blank lines stripped above the text
        removed = [Furniture(r.kind, r.line + lead, r.text) for r in removed]
        rows.append((doc_id, text, title, source, clean_text(_cell(raw.date)).strip(), raw.path, format_furniture(removed)))
    return pd.DataFrame(rows, columns=CORPUS_COLUMNS)


def make_doc_id(text: str) -> str:
    """The document id: the first 12 hex digits of the SHA-1 of its (loaded) text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def clean_text(text: str) -> str:
    """BOM, control and invisible format characters removed, every line break as LF, every space
    (no-break included) as a plain space, NFC composition."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL.sub("", text)
    text = _SPACE_SEPARATORS.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


def _looks_like_path(item: object) -> bool:
    """An existing path, a name ending in a file suffix, or one word with a path separator (`مقالات/`), never a text."""
    if not isinstance(item, str) or "\n" in item:
        return False
    return Path(item).exists() or item.lower().endswith(FILE_SUFFIXES) or (os.sep in item and not any(c.isspace() for c in item))


def _read_path(path: Path, columns: dict[str, str]) -> list[_Raw]:
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".txt")
        if not files:
            warnings.warn(f"folder {path} holds no .txt files", CorpusWarning, stacklevel=4)
        return [raw for file in files for raw in _read_path(file, columns)]
    if not path.exists():
        warnings.warn(f"document {path}: no such file; skipped", CorpusWarning, stacklevel=4)
        return []
    suffix = path.suffix.lower()
    try:
        if suffix == ".txt":
            return [_Raw(text=_read_utf8(path), path=str(path))]
        if suffix in TABLE_SUFFIXES:
            return _read_table(path, columns)
    except (OSError, UnicodeDecodeError, ValueError) as error:
        warnings.warn(f"document {path}: cannot be read ({_describe(error)}); skipped", CorpusWarning, stacklevel=4)
        return []
    warnings.warn(
        f"document {path}: unsupported file type {suffix!r} (expected one of {', '.join(FILE_SUFFIXES)}); skipped",
        CorpusWarning,
        stacklevel=4,
    )
    return []


def _read_utf8(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def _describe(error: Exception) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8: byte 0x{error.object[error.start]:02x} at position {error.start}"
    return f"{type(error).__name__}: {error}"


def _read_table(path: Path, columns: dict[str, str]) -> list[_Raw]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        table.columns = [c.lstrip("\ufeff") for c in table.columns]
    elif suffix == ".parquet":
        table = pd.read_parquet(path)
    else:
        table = _read_jsonl(path)
    if columns["text"] not in table.columns:
        raise ValueError(
            f"no text column {columns['text']!r} (columns: {', '.join(map(str, table.columns))}); "
            "name the right one with text_col="
        )
    raws = []
    numbers = table.pop(_LINE) if _LINE in table.columns else range(1, len(table) + 1)
    for row, number in zip(table.to_dict("records"), numbers):
        text = row[columns["text"]]
        raws.append(
            _Raw(
                text=text if isinstance(text, str) else _cell(text),
                title=_cell(row.get(columns["title"], "")),
                date=_cell(row.get(columns["date"], "")),
                source=_cell(row.get(columns["source"], "")),
                path=f"{path}#{number}",
                columns=row,
            )
        )
    return raws


_LINE = "\0line"  # a JSON-lines record's line number, so documents and warnings name the same `path#N`


def _read_jsonl(path: Path) -> pd.DataFrame:
    records = []
    for n, line in enumerate(_read_utf8(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            warnings.warn(f"document {path}#{n}: not valid JSON ({error.msg}); skipped", CorpusWarning, stacklevel=6)
            continue
        if not isinstance(record, dict):
            warnings.warn(f"document {path}#{n}: a JSON {type(record).__name__}, not an object; skipped", CorpusWarning, stacklevel=6)
            continue
        records.append({**record, _LINE: n})
    return pd.DataFrame.from_records(records)


def _headline(text: str) -> str:
    """The first line, when it reads as a headline: short and followed by more text."""
    first, _, rest = text.strip().partition("\n")
    if rest.strip() and 0 < len(first.split()) <= 25:
        return first.strip()
    return ""
