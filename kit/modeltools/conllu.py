"""Read and write CoNLL-U treebanks and BIO entity files: the one module that knows their layout.

CoNLL-U (https://universaldependencies.org/format.html): a sentence is its `#` comment lines, then
one line of 10 tab-separated fields per word (id 1, 2, ...), per multi-word token (id `3-4`, the
surface form its words were split from) and per empty node (id `5.1`); a blank line ends it.
BIO: one `token TAG` line per token, a blank line between sentences.
Everything here is plain text in, plain text out (no Stanza, no model); `kit.nlp` reads CoNLL-U into
Stanza documents with Stanza's own reader, and the model tools build on these functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kit.text import arabic_share, strip_diacritics

FIELDS = ("id", "form", "lemma", "upos", "xpos", "feats", "head", "deprel", "deps", "misc")
ID, FORM, LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS, MISC = range(len(FIELDS))
TEXT_COMMENT = "# text ="
NEWDOC_COMMENT = "# newdoc"
NER_TAG = re.compile(r"^([BIES])-(.+)$")


# --- CoNLL-U --------------------------------------------------------------------------------------

@dataclass
class Sentence:
    """One CoNLL-U sentence: its comment lines (with their `#`) and its rows of 10 fields, in file order."""

    comments: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)

    @property
    def text(self) -> str | None:
        """The `# text = ...` comment's value, or None when the sentence has none (the old PADT release)."""
        return next((line.split("=", 1)[1].strip() for line in self.comments if line.startswith(TEXT_COMMENT)), None)

    @property
    def starts_document(self) -> bool:
        """True when a `# newdoc` comment opens a new document here."""
        return any(line.startswith(NEWDOC_COMMENT) for line in self.comments)

    def words(self) -> list[list[str]]:
        """The syntactic words (integer ids), without multi-word token lines and empty nodes."""
        return [row for row in self.rows if is_word(row)]

    def tokens(self) -> list[tuple[list[str], list[list[str]]]]:
        """(surface token row, its words): a multi-word token line with the words it covers, else a word with itself."""
        tokens: list[tuple[list[str], list[list[str]]]] = []
        covered_until = 0
        for row in self.rows:
            if is_multiword(row):
                covered_until = int(row[ID].split("-")[1])
                tokens.append((row, []))
            elif is_word(row):
                if tokens and int(row[ID]) <= covered_until:
                    tokens[-1][1].append(row)
                else:
                    tokens.append((row, [row]))
        return tokens

    def lines(self) -> list[str]:
        """The sentence's lines as written in a file (comments first), without the closing blank line."""
        return [*self.comments, *("\t".join(row) for row in self.rows)]


def is_word(row: list[str]) -> bool:
    """A syntactic word's row (id 1, 2, ...)."""
    return row[ID].isdigit()


def is_multiword(row: list[str]) -> bool:
    """A multi-word token's row (id `3-4`): the surface form, whose words follow it."""
    return row[ID].count("-") == 1


def is_empty_node(row: list[str]) -> bool:
    """An empty node's row (id `5.1`, enhanced dependencies)."""
    return "." in row[ID]


def parse_conllu(text: str, *, source: str = "CoNLL-U text") -> list[Sentence]:
    """The sentences of CoNLL-U text; raises ValueError naming `source` and the line when a line has not 10 fields.

    Blank lines end sentences (several in a row count as one); leading and trailing whitespace of a
    line is ignored, as Stanza's reader does.
    """
    sentences: list[Sentence] = []
    current = Sentence()
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip().rstrip(" \n\r\t")
        if not line:
            if current.comments or current.rows:
                sentences.append(current)
                current = Sentence()
        elif line.startswith("#"):
            current.comments.append(line)
        else:
            row = line.split("\t")
            if len(row) != len(FIELDS):
                raise ValueError(f"{source}, line {number}: expected {len(FIELDS)} tab-separated fields, found {len(row)}")
            current.rows.append(row)
    if current.comments or current.rows:
        sentences.append(current)
    return sentences


def read_conllu(path: str | Path) -> list[Sentence]:
    """The sentences of a CoNLL-U file (UTF-8, a byte order mark allowed)."""
    return parse_conllu(Path(path).read_text(encoding="utf-8-sig"), source=str(path))


def format_conllu(sentences: Iterable[Sentence]) -> str:
    """CoNLL-U text of the sentences: each one's lines, then a blank line."""
    return "".join("\n".join(sentence.lines()) + "\n\n" for sentence in sentences)


def write_conllu(sentences: Iterable[Sentence], path: str | Path) -> Path:
    """Write the sentences as a CoNLL-U file (UTF-8) and return its path."""
    path = Path(path)
    path.write_text(format_conllu(sentences), encoding="utf-8")
    return path


def documents(sentences: Iterable[Sentence]) -> list[list[Sentence]]:
    """The sentences grouped into documents at each `# newdoc` comment (all in one when there is none)."""
    grouped: list[list[Sentence]] = [[]]
    for sentence in sentences:
        if sentence.starts_document and grouped[-1]:
            grouped.append([])
        grouped[-1].append(sentence)
    return [group for group in grouped if group]


def sentence_text(sentence: Sentence) -> str:
    """The sentence's raw text: its `# text` comment, else rebuilt from its surface tokens.

    The rebuild follows Stanza's reading (`kit.nlp.doc_from_conllu`): tokens placed at their
    `start_char`/`end_char` (MISC) when every token has them, else joined with the spacing of their
    `SpaceAfter`/`SpacesAfter` (one space by default).
    """
    if sentence.text is not None:
        return sentence.text
    tokens = sentence.tokens()
    spans = [_char_span(token) for token, _ in tokens]
    if tokens and all(span is not None for span in spans):
        chars = [" "] * max(end for _, end in spans)
        for (token, _), (start, end) in zip(tokens, spans):
            chars[start:end] = token[FORM][:end - start].ljust(end - start)
        return "".join(chars).strip()
    return "".join(token[FORM] + space_after(token, words) for token, words in tokens).strip()


def misc_items(row: list[str]) -> list[str]:
    """The row's MISC items (`key=value`), none for `_`."""
    return [] if row[MISC] == "_" else row[MISC].split("|")


def space_after(token: list[str], words: list[list[str]] | None = None) -> str:
    """What follows a surface token in the raw text, from `SpaceAfter=No` or `SpacesAfter=...` (default a space).

    For a multi-word token, a spacing item on its last word counts before the token line's own (as in Stanza).
    """
    for row in ([words[-1]] if words else []) + [token]:
        spacing = _spacing(misc_items(row))
        if spacing is not None:
            return spacing
    return " "


def with_misc(row: list[str], keep: Callable[[str], bool]) -> list[str]:
    """A copy of the row whose MISC keeps only the items for which `keep(item)` is true (`_` when none)."""
    return [*row[:MISC], "|".join(item for item in misc_items(row) if keep(item)) or "_"]


def has_multiword_tokens(sentences: Iterable[Sentence]) -> bool:
    """True when any sentence has a multi-word token line (a treebank that splits clitics off surface tokens)."""
    return any(is_multiword(row) for sentence in sentences for row in sentence.rows)


def has_xpos(sentences: Iterable[Sentence]) -> bool:
    """True when any row has a language-specific tag (XPOS)."""
    return any(row[XPOS] != "_" for sentence in sentences for row in sentence.rows)


def group_clitic_tokens(conllu: str) -> str:
    """Group each run of Arabic words written together (SpaceAfter=No) into a multi-word token line.

    UD Arabic PUD writes clitics as separate words with no token lines (و|قال, ل|لحشد), so a
    tokenizer trained on it splits the surface token itself; grouped, the tokenizer learns
    surface tokens and the mwt processor learns the split, as in PADT's own releases. Sentences
    that already have token lines or empty nodes are left as they are; a word of digits or
    punctuation stays its own token.
    """
    return format_conllu(_grouped(sentence) for sentence in parse_conllu(conllu))


def _grouped(sentence: Sentence) -> Sentence:
    if not all(is_word(row) for row in sentence.rows):
        return sentence
    rows: list[list[str]] = []
    run: list[list[str]] = []
    for row in sentence.rows:
        if run and not _is_arabic_word(row[FORM]):
            rows += _token_rows(run)
            run = []
        run.append(row)
        if not (_joins_next(row) and _is_arabic_word(row[FORM])):
            rows += _token_rows(run)
            run = []
    rows += _token_rows(run)
    return Sentence(list(sentence.comments), rows)


def _token_rows(run: list[list[str]]) -> list[list[str]]:
    """The rows of words written together: a token line first when there are several, which takes their spacing."""
    if len(run) < 2:
        return run
    spacing = "|".join(item for item in misc_items(run[-1]) if item.startswith("SpaceAfter=")) or "_"
    token = [f"{run[0][ID]}-{run[-1][ID]}", "".join(word[FORM] for word in run), *["_"] * 7, spacing]
    return [token, *(with_misc(word, lambda item: not item.startswith("SpaceAfter=")) for word in run)]


def _joins_next(row: list[str]) -> bool:
    return "SpaceAfter=No" in misc_items(row)


def _is_arabic_word(form: str) -> bool:
    return strip_diacritics(form).isalpha() and arabic_share(form) == 1.0


def _char_span(token: list[str]) -> tuple[int, int] | None:
    values = dict(item.split("=", 1) for item in misc_items(token) if item.startswith(("start_char=", "end_char=")))
    if "start_char" not in values or "end_char" not in values:
        return None
    return int(values["start_char"]), int(values["end_char"])


def _spacing(items: list[str]) -> str | None:
    """The whitespace a token's MISC items give after it, or None when they say nothing (Stanza's rules)."""
    if any(item.lower() == "spaceafter=no" for item in items) or "SpaceAfter=No~" in items:
        return ""
    if "SpaceAfter=Yes" in items:
        return " "
    for item in items:
        if item.startswith(("SpaceAfter=", "SpacesAfter=")):
            return _unescape_space(item.split("=", 1)[1])
    return None


_SPACE_ESCAPES = {"\\s": " ", "\\t": "\t", "\\r": "\r", "\\n": "\n", "\\p": "|", "\\\\": "\\", "\\u00A0": "\u00a0"}
_SPACE_ESCAPE = re.compile("|".join(re.escape(escape) for escape in sorted(_SPACE_ESCAPES, key=len, reverse=True)))


def _unescape_space(value: str) -> str:
    return _SPACE_ESCAPE.sub(lambda match: _SPACE_ESCAPES[match.group()], value)


# --- BIO ------------------------------------------------------------------------------------------

def normalise_tag(tag: str) -> str:
    """A BIO tag in one label scheme (PER LOC ORG MISC): AQMAR's MIS0-MIS3 as MISC, ANERcorp's PERS as PER, BIOES as BIO."""
    match = NER_TAG.match(tag.strip())
    if not match:
        return "O"
    prefix, label = match.groups()
    label = "MISC" if label.upper().startswith("MIS") else "PER" if label.upper() == "PERS" else label.upper()
    return ("B" if prefix in "BS" else "I") + "-" + label


def parse_bio(text: str) -> list[list[tuple[str, str]]]:
    """Sentences of (token, BIO tag) from `token TAG` lines, tags normalised (`normalise_tag`); a bare token is O."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            if sentences[-1]:
                sentences.append([])
            continue
        token, tag = (parts[0], parts[-1]) if len(parts) > 1 else (parts[0], "O")
        sentences[-1].append((token, normalise_tag(tag)))
    return [sentence for sentence in sentences if sentence]


def read_bio(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, BIO tag) from a BIO file (`parse_bio`)."""
    return parse_bio(Path(path).read_text(encoding="utf-8-sig"))


def format_bio(sentences: Iterable[Iterable[tuple[str, str]]]) -> str:
    """BIO text: a `token TAG` line per token, a blank line after each sentence."""
    return "".join("".join(f"{token} {tag}\n" for token, tag in sentence) + "\n" for sentence in sentences)


def write_bio(sentences: Iterable[Iterable[tuple[str, str]]], path: str | Path) -> Path:
    """Write the sentences as a BIO file (UTF-8) and return its path."""
    path = Path(path)
    path.write_text(format_bio(sentences), encoding="utf-8")
    return path
