"""A light view of Stanza tokens for the extractors: surface text, folded form, tags and offsets.

Shared by actors, claims and stances so every extractor reads tokens, clitics and offsets the same way.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from kit import lexicons
from kit.text import TATWEEL, fold, strip_diacritics

CLITICS = tuple(lexicons.column("affixes", "affix", kind="clitic"))  # proclitics, longest first
ARTICLE = lexicons.column("affixes", "affix", kind="article")[0]
PREPOSITION_CLITICS = tuple(lexicons.column("affixes", "affix", kind="preposition_clitic"))
LAM_ARTICLE = lexicons.column("affixes", "affix", kind="article_after_lam")[0]
NISBA_ENDINGS = tuple(lexicons.column("affixes", "affix", kind="nisba_ending"))  # الروسي، السعودية
STATE_ENDINGS = tuple(lexicons.column("affixes", "affix", kind="state_ending"))  # السعودية: a state, not an adjective
FEMININE_ENDINGS = tuple(lexicons.column("affixes", "affix", kind="feminine_ending"))  # ة, folded ه
ELATIVE_ENDINGS = tuple(lexicons.column("affixes", "affix", kind="elative_ending"))  # العليا
FEMININE_PLURAL = tuple(lexicons.column("affixes", "affix", kind="feminine_plural"))  # ات
PREPOSITIONS = frozenset(fold(w) for w in lexicons.column("prepositions"))  # folded: على reads as علي
GIVEN_NAMES = frozenset(lexicons.column("given_names", "name"))  # folded already (kit.lexicons.build_given_names)
TANWIN_FATH = "\u064b"  # the indefinite accusative's mark: adverbs and accusatives («رسمياً», «ردا»), never in a name
NAME_COMPOUNDS = frozenset(fold(w) for w in lexicons.column("actors_rules", "word", kind="name_compound"))  # الله
COMMAS = frozenset({",", "،", "؛", ";"})  # news writes the semicolon for an apposition: «لاحم الناصر؛ المستشار»
CLAUSE_BREAKS = frozenset({"،", ",", ".", ":", "؛", ";", "(", ")"})
WORD = re.compile(r"[\w\u0640\u064B-\u065F\u0670]+(?:-[\w\u0640\u064B-\u065F\u0670]+)*")
QUOTE_OPENERS = {"«": "»", "“": "”", "„": "“"}
QUOTE_CLOSERS = frozenset(QUOTE_OPENERS.values())
STRAIGHT_QUOTES = {'"': '"', "＂": "＂"}
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
OPENING_CONTEXT = frozenset("(:[،,؛")  # a straight mark after these opens a quotation
CLOSING_CONTEXT = frozenset(".,،؛;:!?؟)]")  # a straight mark before these closes one
ATTACHED_LETTERS = frozenset(c for c in CLITICS if len(c) == 1)  # proclitics written on a quotation: و"الخط"، ل"الدرعية"
QUOTE_MARKS = frozenset({'"', "«", "»", "“", "”"})
TRAILING_MARKS = frozenset({"،", "؛", ";"})  # left on a word by the tokenizer: «الناصر؛»
TRAILING_CLOSERS = frozenset({"»", "”"})  # a closing mark left on a word («الخالدي»): a token of its own
CONJUNCTIONS = frozenset(fold(w) for w in lexicons.column("affixes", "affix", kind="conjunction_clitic"))  # و، ف
RECIPIENT_PREPOSITIONS = frozenset(fold(w) for w in lexicons.column("affixes", "affix", kind="recipient_preposition"))  # لـ
IMPERFECT_PERSONS = tuple(fold(p) for p in lexicons.column("affixes", "affix", kind="imperfect_person"))  # ي، ت، ن، ا
_JOINED = re.compile(r"\s*و")  # the conjunction written on the next name


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


class ExtractionWarning(UserWarning):
    """A document on which an extractor's rules failed: it gets no rows from that extractor, the batch goes on."""


Row = TypeVar("Row")


def each_document(doc_id: str, extractor: str, rows: Callable[[], list[Row]]) -> list[Row]:
    """The rows `rows()` finds in one document, or none, with a warning naming the document, when a rule fails on
    it: one odd text must not stop a corpus."""
    try:
        return rows()
    except Exception as error:  # noqa: BLE001 - any rule's failure on one document
        warnings.warn(f"document {doc_id}: the {extractor} rules failed ({type(error).__name__}: {error}); "
                      f"it has no {extractor} rows", ExtractionWarning, stacklevel=2)
        return []


def sentence_tokens(text: str, sentence) -> list[Token]:
    """The tokens of a Stanza sentence, with their surface cut from the document text; a closing quotation mark the
    tokenizer left on a word («الخالدي»») is a token of its own, as it would be after a stop."""
    out = []
    for token in sentence.tokens:
        end = token.end_char
        while end - token.start_char > 1 and text[end - 1] in TRAILING_MARKS:
            end -= 1  # a mark the tokenizer left on the word: «الناصر؛»
        closer = end - token.start_char > 1 and text[end - 1] in TRAILING_CLOSERS and WORD.fullmatch(text[token.start_char:end - 1])
        end -= bool(closer)
        surface = text[token.start_char:end]
        words = token.words
        out.append(Token(
            start=token.start_char, end=end, text=surface, folded=fold(surface),
            upos=tuple(w.upos or "" for w in words), ner=token.ner or "O",
            first_word=words[0].text if words else surface, n_words=len(words), plain=strip_diacritics(surface),
            lemmas=tuple(fold(w.lemma or "") for w in words), feats=tuple(w.feats or "" for w in words),
            ids=tuple(w.id for w in words), heads=tuple(w.head or 0 for w in words),
            deprels=tuple(w.deprel or "" for w in words),
        ))
        if closer:
            out.append(Token(start=end, end=end + 1, text=text[end], folded=text[end], upos=("PUNCT",), ner="O",
                             first_word=text[end], n_words=1, plain=text[end]))
    return out


def clitic_readings(folded: str) -> list[tuple[int, str]]:
    """(letters to skip, remaining form) for a folded word: as is, then without each proclitic."""
    return list(_clitic_readings(folded))


@lru_cache(maxsize=1 << 16)
def _clitic_readings(folded: str) -> tuple[tuple[int, str], ...]:
    """`clitic_readings`, computed once per word form (every rule asks about the same words again)."""
    readings = [(0, folded)]
    for clitic in CLITICS:
        rest = folded[len(clitic):]
        if folded.startswith(clitic) and len(rest) >= 2:
            readings.append((len(clitic), rest))
    for lead in ("", "و", "ف"):
        if folded.startswith(lead + LAM_ARTICLE) and len(folded) > len(lead) + 3:
            # لل = ل + ال with the alef dropped: للولايات -> ل + الولايات; the span keeps the clitic.
            readings.append((0, "ا" + folded[len(lead) + 1:]))
    return tuple(readings)


def bare_readings(folded: str) -> set[str]:
    """A word's readings with at most one proclitic, with and without the article: «والمسؤولين» -> المسؤولين, مسؤولين."""
    readings = {r for skip, r in clitic_readings(folded) if skip <= 1}
    return readings | {r[len(ARTICLE):] for r in readings if r.startswith(ARTICLE)}


def other_persons(form: str) -> list[str]:
    """The other persons of an imperfect verb form: «يطالب» -> تطالب، نطالب، اطالب (a spokesman's «نطالب»)."""
    first, *others = IMPERFECT_PERSONS
    if not form.startswith(first) or len(form) < 3:
        return []
    return [other + form[len(first):] for other in others]


def has_article(token: Token) -> bool:
    """Does the word carry the article, after at most one proclitic (الشرطة، للهيئة، والمسؤولون)? The first noun of a
    construct never does, so what follows such a noun is its adjective or a new phrase."""
    return any(reading.startswith(ARTICLE) for skip, reading in clitic_readings(token.folded) if skip <= 1)


def agrees_in_gender(head: Token, adjective: Token) -> bool:
    """A feminine singular head («الشرطة») takes a feminine adjective or an elative («العليا»), never «الأزرق»."""
    return not head.folded.endswith(FEMININE_ENDINGS) or adjective.folded.endswith(FEMININE_ENDINGS + ELATIVE_ENDINGS)


def agrees_in_number(head: Token, adjective: Token) -> bool:
    """Can the adjective qualify the head? One in the sound feminine plural qualifies only a noun in it: «القوات
    المسلحة» and «المنظمات الحقوقية» agree (the non-human plural takes a singular adjective), «الجيش الاتهامات» does not."""
    return not adjective.folded.endswith(FEMININE_PLURAL) or head.folded.endswith(FEMININE_PLURAL)


def conjuncts(text: str, first: MentionSpan, mentions: list[MentionSpan]) -> list[MentionSpan]:
    """`first` and the mentions joined to it one after another by و: «الولايات المتحدة وبريطانيا وفرنسا»."""
    chain = [first]
    for m in mentions:
        if m.start >= chain[-1].end and _JOINED.fullmatch(text[chain[-1].end:m.start]):
            chain.append(m)
    return chain


def past_quoted_recipient(tokens: list[Token], k: int, *, max_words: int = 3) -> int:
    """The index after a quoted outlet a reporting verb addresses, right at tokens[k]: «أوضح لـ"الاقتصادية" لاحم
    الناصر» (ل + quotation), «أبلغ "الاقتصادية" مصرفيون»; k itself when none stands there. The speaker follows it."""
    j = k + (k < len(tokens) and tokens[k].folded in RECIPIENT_PREPOSITIONS)
    if j >= len(tokens) or tokens[j].text not in QUOTE_MARKS:
        return k
    close = next((n for n in range(j + 1, min(len(tokens), j + max_words + 2)) if tokens[n].text in QUOTE_MARKS), None)
    return close + 1 if close is not None and close > j + 1 else k


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
    """Spans of quoted text (inside the marks), for «», “”, „“ and straight double quotes.

    Marks pair within a paragraph, nested ones inside out («ورأى جعجع "أن عودة "حزب الله" قريبة"»); a straight
    mark opens after a space, a colon or an attached letter (لـ"سبق") and closes before a space or punctuation.
    A mark left open at a paragraph's end is dropped (a stray «حزب "القوات» must not pair with the next
    paragraph's quotation), unless the next paragraph opens with a mark: the convention for a quotation
    running over several paragraphs.
    """
    spans: list[tuple[int, int]] = []
    bounds = [0, *(m.end() for m in PARAGRAPH_BREAK.finditer(text))]
    ends = [*(m.start() for m in PARAGRAPH_BREAK.finditer(text)), len(text)]
    carried: tuple[int, str] | None = None
    for start, end in zip(bounds, ends):
        open_marks: list[tuple[int, str]] = []  # (position, the mark that closes it)
        if carried is not None and text[start:start + 1] in QUOTE_OPENERS.keys() | STRAIGHT_QUOTES:
            open_marks.append(carried)
            start += 1
        for i in range(start, end):
            mark = text[i]
            closing = _closing_mark(text, i, open_marks)
            if closing is None:
                continue
            if closing == "open":
                open_marks.append((i, STRAIGHT_QUOTES.get(mark) or QUOTE_OPENERS[mark]))
                continue
            for depth in range(len(open_marks) - 1, -1, -1):
                if open_marks[depth][1] == mark:
                    spans.append((open_marks[depth][0] + 1, i))
                    del open_marks[depth:]
                    break
        carried = open_marks[0] if open_marks else None
    return sorted(spans)


def _closing_mark(text: str, i: int, open_marks: list[tuple[int, str]]) -> str | None:
    """"open" when text[i] opens a quotation, "close" when it closes one, None when it is no quotation mark.

    A straight mark is read by its neighbours: after a space, «:» or an attached letter and before a word it
    opens; after a word and before a space or punctuation it closes; otherwise it closes an open one.
    """
    mark = text[i]
    if mark in STRAIGHT_QUOTES:
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        attached = before == TATWEEL or (before in ATTACHED_LETTERS and (i < 2 or text[i - 2].isspace()))
        can_open = (before.isspace() or before in OPENING_CONTEXT or attached) and not (
            after.isspace() or after in CLOSING_CONTEXT)
        can_close = not (before.isspace() or attached or before in OPENING_CONTEXT) and (
            after.isspace() or after in CLOSING_CONTEXT)
        if can_open != can_close:
            return "open" if can_open else "close"
        return "close" if any(c == mark for _, c in open_marks) else "open"
    if mark in QUOTE_OPENERS and not any(c == mark for _, c in open_marks):  # “ closes „ but opens ”
        return "open"
    if mark in QUOTE_CLOSERS:
        return "close"
    return None


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


def adjectival(mention: MentionSpan) -> bool:
    """A state named by its adjective (`مسؤولون أمريكيون`, `أهالي السجناء السعوديين`) describes a noun; it is not a
    party of its own."""
    bare = fold(mention.text)
    bare = bare[len(ARTICLE):] if bare.startswith(ARTICLE) else bare
    return mention.type == "GPE" and len(bare.split()) == 1 and bare.endswith(NISBA_ENDINGS) and not bare.endswith(STATE_ENDINGS)


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
