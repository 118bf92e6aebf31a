"""A light view of Stanza tokens for the extractors: surface text, folded form, tags and offsets.

Shared by actors, claims and stances so every extractor reads tokens, clitics and offsets the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kit import lexicons
from kit.text import fold, strip_diacritics

CLITICS = tuple(lexicons.column("affixes", "affix", kind="clitic"))  # proclitics, longest first
ARTICLE = lexicons.column("affixes", "affix", kind="article")[0]
PREPOSITION_CLITICS = tuple(lexicons.column("affixes", "affix", kind="preposition_clitic"))
LAM_ARTICLE = lexicons.column("affixes", "affix", kind="article_after_lam")[0]
COMMAS = frozenset({",", "،"})
CLAUSE_BREAKS = frozenset({"،", ",", ".", ":", "؛", ";", "(", ")"})
WORD = re.compile(r"[\w\u0640\u064B-\u065F\u0670]+(?:-[\w\u0640\u064B-\u065F\u0670]+)*")
QUOTE_PAIRS = {"«": "»", "“": "”", "„": "“", '"': '"', "＂": "＂"}
QUOTE_MARKS = frozenset({'"', "«", "»", "“", "”"})


@dataclass
class Token:
    """One Stanza token: surface, folded form, its words' tags, NER tag and character span."""

    start: int
    end: int
    text: str
    folded: str
    upos: tuple[str, ...]
    ner: str
    first_word: str
    n_words: int
    plain: str = ""  # surface without diacritics (for the definite article ال)
    lemmas: tuple[str, ...] = ()
    feats: tuple[str, ...] = ()
    ids: tuple[int, ...] = ()
    heads: tuple[int, ...] = ()
    deprels: tuple[str, ...] = ()
    clitic: int = 0  # letters of a real proclitic at the start, where a stage decided so


def sentence_tokens(text: str, sentence) -> list[Token]:
    """The tokens of a Stanza sentence, with their surface cut from the document text."""
    out = []
    for token in sentence.tokens:
        surface = text[token.start_char:token.end_char]
        words = token.words
        out.append(Token(
            start=token.start_char, end=token.end_char, text=surface, folded=fold(surface),
            upos=tuple(w.upos or "" for w in words), ner=token.ner or "O",
            first_word=words[0].text if words else surface, n_words=len(words), plain=strip_diacritics(surface),
            lemmas=tuple(fold(w.lemma or "") for w in words), feats=tuple(w.feats or "" for w in words),
            ids=tuple(w.id for w in words), heads=tuple(w.head or 0 for w in words),
            deprels=tuple(w.deprel or "" for w in words),
        ))
    return out


def clitic_readings(folded: str) -> list[tuple[int, str]]:
    """(letters to skip, remaining form) for a folded word: as is, then without each proclitic."""
    readings = [(0, folded)]
    for clitic in CLITICS:
        rest = folded[len(clitic):]
        if folded.startswith(clitic) and len(rest) >= 2:
            readings.append((len(clitic), rest))
    for lead in ("", "و", "ف"):
        if folded.startswith(lead + LAM_ARTICLE) and len(folded) > len(lead) + 3:
            # لل = ل + ال with the alef dropped: للولايات -> ل + الولايات; the span keeps the clitic.
            readings.append((0, "ا" + folded[len(lead) + 1:]))
    return readings


def surface_skip(text: str, start: int, folded_letters: int) -> int:
    """How many characters of the surface text at `start` hold its first `folded_letters` folded letters."""
    if folded_letters == 0:
        return 0
    seen = 0
    for offset, char in enumerate(text[start:]):
        if fold(char):
            seen += 1
        if seen == folded_letters:
            return offset + 1
    return 0


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quoted text (inside the marks), for «», “”, „“ and straight double quotes."""
    spans = []
    i = 0
    while i < len(text):
        close = QUOTE_PAIRS.get(text[i])
        if close is None:
            i += 1
            continue
        end = text.find(close, i + 1)
        if end < 0:
            i += 1
            continue
        spans.append((i + 1, end))
        i = end + 1
    return spans


@dataclass(frozen=True)
class Party:
    """Someone a rule found: the words naming them and their actor id (empty when not an actor: «مسؤولون»)."""

    text: str
    actor_id: str = ""


NOBODY = Party("")


@dataclass(frozen=True)
class MentionSpan:
    """An actor mention as the claim and stance extractors read it from mentions.csv."""

    start: int
    end: int
    actor_id: str
    text: str
    type: str


def mentions_by_doc(mentions) -> dict[str, list[MentionSpan]]:
    """The rows of a mentions table per document, in text order."""
    return {
        doc_id: sorted(
            (MentionSpan(r.start_char, r.end_char, r.actor_id, r.text, r.type) for r in group.itertuples()),
            key=lambda m: m.start,
        )
        for doc_id, group in mentions.groupby("doc_id")
    }


@dataclass(frozen=True)
class Sentence:
    """What every rule reads about one sentence: its tokens and actor mentions, the document's text and quotations."""

    doc_id: str
    sent_idx: int
    text: str
    tokens: list[Token]
    mentions: list[MentionSpan]
    quotes: list[tuple[int, int]]

    @classmethod
    def of(cls, doc_id: str, sent_idx: int, text: str, tokens: list[Token], mentions: list[MentionSpan],
           quotes: list[tuple[int, int]]) -> Sentence:
        """The context of one sentence; `mentions` are the document's, kept when they start in the sentence."""
        inside = [m for m in mentions if tokens and tokens[0].start <= m.start < tokens[-1].end]
        return cls(doc_id, sent_idx, text, tokens, inside, quotes)

    def mentions_in(self, start: int, end: int) -> list[MentionSpan]:
        """The mentions lying wholly within [start, end)."""
        return [m for m in self.mentions if start <= m.start and m.end <= end]

    def inside_quote(self, token: Token) -> bool:
        """Is the token inside a quotation?"""
        return any(start <= token.start and token.end <= end for start, end in self.quotes)
