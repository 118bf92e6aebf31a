"""Who appears: actor mentions from the NER model, the actor dictionary and title rules, merged into actors.

The offline model's NER is weak, so three kinds of evidence are combined and recorded in each
mention's `origin`: `dictionary` (states, capitals, bodies, outlets; the dictionary's type wins),
`rule` (a name after a title: `الرئيس الروسي فلاديمير بوتين`, or before one in apposition:
`ألكسندر لوكاشينكو، رئيس بيلاروسيا`) and `ner`. Overlaps go to the dictionary, then to the longer
span. Mentions of one actor are merged across spelling variants, attached clitics and short
forms (`بوتين` -> `فلاديمير بوتين` when that is the only longer name containing it).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import pandas as pd

from kit import lexicons
from kit.nlp import Parsed
from kit.schema import TableSpec
from kit.extract.context import (
    ARTICLE, CLITICS, COMMAS, CONJUNCTIONS, ELATIVE_ENDINGS, FEMININE_ENDINGS, FEMININE_PLURAL, GIVEN_NAMES, LAM_ARTICLE, NAME_COMPOUNDS,
    NISBA_ENDINGS, PREPOSITIONS, QUOTE_MARKS, TANWIN_FATH, WORD, Token, agrees_in_gender, agrees_in_number, bare_readings,
    clitic_readings, each_document, has_article, other_persons, past_quoted_recipient, sentence_tokens, surface_skip,
)
from kit.text import fold, strip_diacritics

ACTOR_TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")
MENTIONS = TableSpec.of("mentions", "doc_id sent_idx:int64 actor_id text type start_char:int64 end_char:int64 origin")
ACTORS = TableSpec.of("actors", "actor_id name type aliases n_mentions:int64 n_docs:int64 country cameo")
ACTOR_EDGES = TableSpec.of("actor_edges", "actor_a actor_b weight:int64 n_docs:int64")
CANDIDATES = TableSpec.of(  # mentions found per document, before actors are merged over the corpus
    "candidates",
    "doc_id sent_idx:int64 start:int64 end:int64 text type origin dictionary_id adjective:bool key country cameo role:bool")
MENTION_COLUMNS, ACTOR_COLUMNS, EDGE_COLUMNS, CANDIDATE_COLUMNS = (t.names for t in (MENTIONS, ACTORS, ACTOR_EDGES, CANDIDATES))
WINDOWS = ("sentence", "document")

ADJECTIVE_SUFFIXES = tuple(lexicons.column("affixes", "affix", kind="adjective_suffix"))
MAX_NAME_TOKENS = 4
MASCULINE_NISBA = NISBA_ENDINGS[0]  # ي, the first of the nisba endings in affixes.csv
ELATIVE_PREFIXES = tuple(lexicons.column("affixes", "affix", kind="elative_prefix"))  # الأكبر
MASCULINE_PLURAL = tuple(lexicons.column("affixes", "affix", kind="masculine_plural"))  # ون، ين
NISBA_PLURALS = tuple(lexicons.column("affixes", "affix", kind="nisba_plural"))
TITLE_LINK = fold(lexicons.column("pattern_words", role="title_link")[0])
TITLE_SEAT = fold(lexicons.column("pattern_words", role="title_seat")[0])  # عضو البرلمان عن حزب العمال
BRANCH_IN = fold(lexicons.column("pattern_words", role="branch_in")[0])  # في of «وزارة الصحة في قطاع غزة»
INSTITUTIONS = dict(zip((fold(h) for h in lexicons.column("institutions", "head")), lexicons.column("institutions", "cameo_role")))
MAX_COMPLEMENT = 6  # words after an institution noun
MEDIA_ROLE = "MED"  # the CAMEO role of the outlets' nouns in institutions.csv
OPTIONAL_DICTIONARY_COLUMNS = ("adjectives", "country", "cameo", "source")  # a user's own rows may leave them out
COMPLEMENTIZERS = frozenset(fold(w) for w in lexicons.column("complementizers"))
FUNCTION_UPOS = frozenset({"SCONJ", "CCONJ", "PRON", "DET", "AUX"})
STOP_UPOS = {"VERB", "AUX", "ADP", "CCONJ", "SCONJ", "PRON", "PUNCT", "NUM", "DET", "PART", "SYM"}
STATE_HEADS = frozenset(fold(w) for w in lexicons.column("actors_rules", "word", kind="state_head"))  # جمهورية، دولة
PLACE_HEADS = frozenset(fold(w) for w in lexicons.column("actors_rules", "word", kind="place_head"))  # محافظة، مدينة
TITLE_LEMMAS = frozenset(fold(w) for w in lexicons.column("actors_rules", "word", kind="title"))  # وزراء، سفير
ROLE_WORDS = frozenset(fold(w) for w in lexicons.column("actors_rules", "word", kind="role_word"))  # الدولة، شؤون
ROLE_REACH = 3  # words from a title to the institution noun that completes its role
NAME_LINKS = lexicons.column("actors_rules", "word", kind="name_link")  # بن، ابن
NAME_LINK_FORMS = frozenset(fold(w) for w in NAME_LINKS)
DEFINITE_WORD_AFTER = re.compile(r"\s+(" + ARTICLE + r"\w{3,})")
NAME_LINK_AFTER = re.compile(r"\s+(" + "|".join(NAME_LINKS) + r")\s+(\w+)")
FAMILY_PREFIXES = lexicons.column("actors_rules", "word", kind="family_prefix")  # آل
FAMILY_AFTER = re.compile(r"\s+(?:" + "|".join(FAMILY_PREFIXES) + r")\s+\w{2,}")
FAMILY_PREFIX_FORMS = frozenset(fold(w) for w in FAMILY_PREFIXES)
HASHTAG = re.compile(r"#(\w+(?:_\w+)+)")
ACCUSATIVE_ALIF = lexicons.column("affixes", "affix", kind="accusative_ending")[0]  # متحدثا، رسميا
TIME_WORDS = frozenset(fold(w) for kind in ("weekday", "month") for w in lexicons.column("non_actors", "word", kind=kind))
QUOTED_SUBJECT = re.compile(r"\s*[«\"“]\s*([^«»\"“”]+?)\s*[»\"”]\s*(\S+)")  # «السعودي الفرنسي كابيتال» إن
MAX_QUOTED_NAME = 4  # words of a quoted body's name
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9&'.-]*(?: [A-Za-z][A-Za-z0-9&'.-]*)*")  # «Premier Investment Group»
LATIN_ORG_WORDS = frozenset(lexicons.column("actors_rules", "word", kind="latin_org"))  # Group, Bank, Party
HASHTAG_WORD = re.compile(r" #\w+")  # a family name written as a hashtag after the given name: «ريكس #تيلرسون»
_HYPHEN_TAIL = re.compile(r"-[\w\u064B-\u065F]+")
_NAME_GAP = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class Mention:
    """One stretch of text that names an actor, before actors are assigned."""

    doc_id: str
    sent_idx: int
    start: int
    end: int
    text: str
    type: str
    origin: str
    dictionary_id: str = ""
    adjective: bool = False
    key: str = ""  # folded name; for the dictionary, the dictionary id
    country: str = ""  # ISO alpha-3 of the actor's state, where the mention shows it
    cameo: str = ""  # CAMEO actor code, where the mention shows it
    role: bool = False  # a role phrase standing for a person named elsewhere («الرئيس السوري»)


@dataclass
class ActorDictionary:
    """The actor dictionary with its lookup index (folded, space-free form -> entry)."""

    table: pd.DataFrame
    index: dict[str, tuple[str, bool]] = field(default_factory=dict)  # key -> (actor_id, is_adjective)
    max_tokens: int = 1
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)  # actor_id -> (country, cameo)
    types: dict[str, str] = field(default_factory=dict)  # actor_id -> type


def load_dictionary(dictionary: str | Path | pd.DataFrame | None = None, *, extend: str | Path | pd.DataFrame | None = None) -> ActorDictionary:
    """The default actor dictionary, a user's own (file or DataFrame), optionally extended by more rows."""
    if isinstance(dictionary, ActorDictionary):
        return dictionary
    if dictionary is None and extend is None:
        return _default_dictionary()
    return _build_dictionary(dictionary, extend)


@lru_cache(maxsize=1)
def _default_dictionary() -> ActorDictionary:
    """The shipped dictionary, indexed once per process (every partition and notebook reuses it)."""
    return _build_dictionary(None, None)


def _build_dictionary(dictionary: str | Path | pd.DataFrame | None, extend: str | Path | pd.DataFrame | None) -> ActorDictionary:
    if isinstance(dictionary, pd.DataFrame):
        entries = lexicons.clean(dictionary.fillna("").astype(str))
    else:
        entries = lexicons.load("actors", path=dictionary, extend=extend, optional=OPTIONAL_DICTIONARY_COLUMNS)
    missing = {"actor_id", "name", "type", "aliases"} - set(entries.columns)
    if missing:
        raise ValueError(f"actor dictionary lacks column(s) {sorted(missing)}; see kit/lexicons/ar/actors.csv")
    bad = sorted(set(entries["type"]) - set(ACTOR_TYPES))
    if bad:
        raise ValueError(f"actor dictionary has unknown type(s) {bad}; valid types: {', '.join(ACTOR_TYPES)}")
    index: dict[str, tuple[str, bool]] = {}
    max_tokens = 1
    for row in entries.itertuples(index=False):
        for alias in [row.name, *_split(row.aliases)]:
            index[_nospace(alias)] = (row.actor_id, False)
            max_tokens = max(max_tokens, len(fold(alias).split()))
    for row in entries.itertuples(index=False):
        for adjective in _split(getattr(row, "adjectives", "")):
            for form in adjective_forms(adjective):
                index.setdefault(_nospace(form), (row.actor_id, True))
                max_tokens = max(max_tokens, len(form.split()))
    codes = {row.actor_id: (getattr(row, "country", "") or "", getattr(row, "cameo", "") or "")
             for row in entries.itertuples(index=False)}
    types = dict(zip(entries["actor_id"], entries["type"]))
    return ActorDictionary(table=entries, index=index, max_tokens=max_tokens, codes=codes, types=types)


def adjective_forms(adjective: str) -> list[str]:
    """Inflected forms of a nisba adjective (every word inflected alike, with and without ال).

    Notes: Arabic nisba adjectives (-ي) take -ة (fem.), -ون/-ين (masc. pl.), -ان/-تان (dual)
    and agree in definiteness across a phrase: كوري شمالي -> الكورية الشمالية.
    """
    words = fold(adjective).split()
    forms = []
    for suffix in ADJECTIVE_SUFFIXES:
        for article in ("", ARTICLE):
            forms.append(" ".join(article + word + suffix for word in words))
    return forms


def _split(cell: object) -> list[str]:
    return [part.strip() for part in str(cell or "").split("|") if part.strip()]


def _nospace(text: str) -> str:
    return fold(text).replace(" ", "")


@lru_cache(maxsize=None)
def _lexicon_words(name: str, column: str) -> frozenset[str]:
    return frozenset(fold(word) for word in lexicons.load(name)[column])


def extract(
    parsed: Parsed,
    *,
    dictionary: str | Path | pd.DataFrame | ActorDictionary | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Find the actors of a parsed corpus: returns (actors, mentions) DataFrames per DESIGN.md."""
    lookup = load_dictionary(dictionary)
    return merge(candidate_mentions(parsed, dictionary=lookup), dictionary=lookup)


def candidate_mentions(
    parsed: Parsed, *, dictionary: str | Path | pd.DataFrame | ActorDictionary | None = None
) -> pd.DataFrame:
    """The per-document half of `extract`: mentions found in each document, before actors are merged.

    The engines run this per partition and `merge` once over the whole corpus, since short forms
    and spellings merge across documents.
    """
    lookup = load_dictionary(dictionary)
    titles = _lexicon_words("titles", "title")
    non_actors = _lexicon_words("non_actors", "word")
    found: list[Mention] = []
    for doc_id, doc in parsed.docs.items():
        found.extend(each_document(doc_id, "actor", lambda: _document_mentions(doc_id, doc, lookup, titles, non_actors)))
    return CANDIDATES.frame(tuple(getattr(m, column) for column in CANDIDATE_COLUMNS) for m in found)


def merge(
    candidates: pd.DataFrame, *, dictionary: str | Path | pd.DataFrame | ActorDictionary | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The corpus-wide half of `extract`: group candidate mentions into actors -> (actors, mentions)."""
    records = [Mention(**row) for row in candidates.to_dict("records")]
    return _merge(records, load_dictionary(dictionary))


def _document_mentions(doc_id: str, doc, lookup: ActorDictionary, titles: set[str], non_actors: set[str]) -> list[Mention]:
    sentences = [sentence_tokens(doc.text, sentence) for sentence in doc.sentences]
    _decide_clitics([t for tokens in sentences for t in tokens])
    candidates: list[Mention] = []
    title_spans: list[tuple[int, int]] = []
    roles: dict[str, set[tuple[str, str]]] = defaultdict(set)  # folded title phrase -> (key, dictionary id) of its people
    for sent_idx, tokens in enumerate(sentences):
        if not tokens:
            continue
        dictionary_hits = _dictionary_mentions(doc_id, sent_idx, doc.text, tokens, lookup)
        candidates += dictionary_hits
        people, spans = _titled_names(doc_id, sent_idx, doc.text, tokens, titles, non_actors, dictionary_hits)
        people = [known_tail(extend_by_name_links(person, doc.text, non_actors), dictionary_hits) for person in people]
        candidates += [person for person in people if person.origin != "dictionary"]
        title_spans += spans
        for (start, end), person in zip(spans, people):
            roles[fold(doc.text[start:end])].add((person.key, person.dictionary_id))
        candidates += institution_mentions(doc_id, sent_idx, doc.text, tokens, dictionary_hits, titles, non_actors)
        covered = {n for n, t in enumerate(tokens) for m in dictionary_hits if m.start <= t.start and t.end <= m.end}
        candidates += subject_names(doc_id, sent_idx, doc.text, tokens, titles, non_actors, covered)
        candidates += hashtag_names(doc_id, sent_idx, doc.text, tokens, non_actors, covered)
        candidates += latin_names(doc_id, sent_idx, doc.text, tokens)
        candidates += quoted_subjects(doc_id, sent_idx, doc.text, tokens)
        candidates += given_and_family_names(doc_id, sent_idx, doc.text, tokens, titles, non_actors, covered)
        candidates += place_mentions(doc_id, sent_idx, doc.text, tokens, non_actors, covered)
        candidates += _ner_mentions(doc_id, sent_idx, doc.text, doc.sentences[sent_idx], tokens, non_actors)
    candidates += [m for m in role_mentions(doc_id, doc.text, sentences, roles, titles) if not _inside(m, title_spans)]
    dictionary_spans = [(m.start, m.end) for m in candidates if m.origin == "dictionary"]
    latin_spans = [(m.start, m.end) for m in candidates if m.origin == "rule" and LATIN_RUN.search(m.text)]
    candidates = [
        m for m in candidates
        if not (m.adjective and _inside(m, title_spans))
        and not (m.origin == "ner" and (_inside(m, dictionary_spans) or _inside(m, latin_spans)))
    ]
    chosen = _resolve_overlaps(candidates)
    joined = _join_adjacent(_resolve_overlaps(chosen + _short_forms(doc_id, doc.text, sentences, chosen, titles)), doc.text,
                            title_spans)
    return _resolve_overlaps([extend_by_name_links(m, doc.text, non_actors) for m in joined])



def extend_by_name_links(mention: Mention, text: str, non_actors: set[str]) -> Mention:
    """A person's name goes on over a hyphen or a hashtag («مون جاي-إن», «ريكس #تيلرسون»), «بن X» (the name links of
    actors_rules.csv) and «آل X»: «محمد بن سلمان بن عبدالعزيز».

    Notes: the nasab (a chain of «son of») is part of an Arabic name; the dictionary and the model
    often stop at its first link. The word after a link must not be a common word or have the article;
    after the chain, a family name with the article ends the name («عادل بن أحمد الجبير»), a state's
    adjective does not («بن سلمان السعودي»).
    """
    if mention.type != "PER" or mention.adjective or mention.role:
        return mention
    end = mention.end
    tail = _HYPHEN_TAIL.match(text, end) or HASHTAG_WORD.match(text, end)  # «مون جاي-إن», «ريكس #تيلرسون»
    if tail:
        end = tail.end()
    for _ in range(2):
        found = NAME_LINK_AFTER.match(text, end)
        if not found or fold(found.group(2)) in non_actors or strip_diacritics(found.group(2)).startswith(ARTICLE):
            break
        end = found.end()
    family = DEFINITE_WORD_AFTER.match(text, end)  # «عادل بن أحمد الجبير»: the family name closes the chain
    closed = strip_diacritics(text[mention.start:end].split()[-1]).startswith(ARTICLE)  # «... العقيبي» has its own
    if family and not closed and fold(family.group(1)) not in non_actors and not fold(family.group(1)).endswith(NISBA_ENDINGS) \
            and set(fold(text[mention.start:end]).split()) & NAME_LINK_FORMS:
        end = family.end()
    elif house := FAMILY_AFTER.match(text, end):  # «عبدالله بن محمد آل الشيخ», «تميم بن حمد آل ثاني»
        end = house.end()
    if end == mention.end:
        return mention
    return replace(mention, end=end, text=text[mention.start:end],
                   key=mention.key if mention.origin == "dictionary" else fold(text[mention.start:end]).replace("#", ""))


def _join_adjacent(mentions: list[Mention], text: str, title_spans: list[tuple[int, int]] = ()) -> list[Mention]:
    """Join a person mention with a neighbour across a space or hyphen: pieces of one name (`كيم` + `جونغ-أون`), but
    not a body inside a title with the name the title introduces («عضوة البرلمان عن حزب العمال ناز شاه»)."""
    out: list[Mention] = []
    for m in mentions:
        last = out[-1] if out else None
        if (
            last and "PER" in (last.type, m.type) and last.sent_idx == m.sent_idx and not (last.role or m.role)
            and not _inside(last, title_spans)
            and not last.dictionary_id and not m.dictionary_id and _NAME_GAP.fullmatch(text[last.end:m.start])
            and not fold(last.text).startswith(LAM_ARTICLE)  # «المكتب الإعلامي للعبادي سعد الحديثي»: two people
            and not (last.origin == "rule" and last.type != "PER" and last.key.startswith(ARTICLE))
            # a definite body the rules named, then a person in apposition: «الخارجية المصرية أحمد أبوزيد» (but
            # «حكومة إبراهيم محلب» is the government named by its head)
        ):
            out[-1] = _span_mention(m.doc_id, m.sent_idx, text, last.start, m.end, "PER", "rule")
        else:
            out.append(m)
    return out


def _short_forms(doc_id: str, text: str, sentences: list[list[Token]], mentions: list[Mention],
                 titles: frozenset[str] = frozenset()) -> list[Mention]:
    """Bare family names of people named in full elsewhere in the document (`بايدن`, `لبوتين`, `كيم`).

    Notes: the family name is the last word of a name; in a name of three or more words (East
    Asian order: كيم جونغ أون) also its first word, unless an Arabic family name with the article shows the first
    word is a given name of someone the dictionary does not know, and its last two (جونغ جون for كوون جونغ جون).
    A form shared by two names is ambiguous and skipped, and a preposition is none (`على`, folded like
    the name `علي`), and neither is a title written in the name («الأمير محمد بن سلمان»). A dictionary's person
    counts as written in the article («#سمير_جعجع» gives «جعجع»). A place named with its place noun gives its bare name («سولاويسي»).
    """
    owners: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, str] = {}
    for m in mentions:
        if m.type == "LOC" and m.origin == "rule" and len(m.key.split()) == 2:  # «سولاويسي» after «جزيرة سولاويسي»
            owners[m.key.split()[1]].add(m.key)
            kinds[m.key] = "LOC"
        if m.type != "PER" or m.adjective:
            continue
        words = spoken_name(m.text).split() if m.origin == "dictionary" else m.key.split()
        while len(words) > 1 and words[0] in titles:
            words = words[1:]  # «الأمير محمد بن سلمان»: the title is nobody's short form
        if len(words) >= 2:
            # an Arabic name the dictionary lacks («عبدالله عزام القحطاني»): its given name alone is anyone; a known
            # person's is his («الملك سلمان» for سلمان بن عبد العزيز)
            arabic = not m.dictionary_id and any(w.startswith(ARTICLE) and w not in NAME_COMPOUNDS for w in words[1:])
            forms = {words[-1], " ".join(words[-2:])} | ({words[0]} if not arabic else set()) if len(words) >= 3 else {words[-1]}
            for form in forms:
                if len(form) >= 3:
                    owners[form].add(m.dictionary_id or m.key)
    found = []
    for sent_idx, tokens in enumerate(sentences):
        for n, token in enumerate(tokens):
            if _preposition(token):
                continue
            pair = " ".join(t.folded for t in tokens[n:n + 2])
            readings = [(r, tokens[min(n + 1, len(tokens) - 1)].end) for r in clitic_readings(pair)]
            readings += [(r, token.end) for r in clitic_readings(token.folded)]
            for (skip, reading), end in readings:
                if len(owners.get(reading, ())) == 1:
                    start = token.start + surface_skip(text, token.start, skip)
                    kind = kinds.get(next(iter(owners[reading])), "PER")
                    found.append(_span_mention(doc_id, sent_idx, text, start, end, kind, "rule"))
                    break
    return found


def _preposition(token: Token) -> bool:
    """A preposition by the parse and the closed class: «على» folds to the name «علي», but is no short form of it."""
    return token.upos[-1:] == ("ADP",) and token.folded in PREPOSITIONS


def name_key(text: str) -> str:
    """A rule mention's folded name, with ل + ال (written لل) read as the article: «للهيئة الشرعية» -> الهيئه الشرعيه."""
    key = fold(text)
    return ARTICLE + key[len(LAM_ARTICLE):] if key.startswith(LAM_ARTICLE) and len(key) > len(LAM_ARTICLE) + 1 else key


def display_name(text: str) -> str:
    """A name as a reader writes it alone, without the ل of a لل-form or a hashtag's mark: «للهيئة الشرعية» ->
    «الهيئة الشرعية», «ريكس #تيلرسون» -> «ريكس تيلرسون»."""
    text = text.replace(" #", " ")
    return ARTICLE + text[len(LAM_ARTICLE):] if fold(text[:len(LAM_ARTICLE)]) == LAM_ARTICLE and len(text) > 3 else text


def spoken_name(text: str) -> str:
    """A mention's name as words, folded: a hashtag's underscores are spaces («#سمير_جعجع» -> سمير جعجع)."""
    return fold(text.lstrip("#").replace("_", " "))


def _decide_clitics(tokens: list[Token]) -> None:
    """Mark which of the model's clitic splits are real, using the rest of the document as evidence.

    Notes: the offline model splits names that begin with a clitic letter (`واتسون` -> `و` +
    `اتسون`). A split is trusted when the rest also stands alone in the document (`وبوتين`, with
    `بوتين` elsewhere) or when the whole form occurs only once; a whole form that recurs is a name.
    """
    whole = Counter(t.folded for t in tokens)
    alone = {t.folded for t in tokens if t.n_words == 1}
    for token in tokens:
        clitic = fold(token.first_word)
        if token.n_words < 2 or clitic not in CLITICS or not token.folded.startswith(clitic):
            continue
        rest = token.folded[len(clitic):]
        if len(rest) >= 2 and (rest in alone or whole[token.folded] < 2):
            token.clitic = len(clitic)


def _dictionary_mentions(doc_id: str, sent_idx: int, text: str, tokens: list[Token], lookup: ActorDictionary) -> list[Mention]:
    """Longest dictionary matches over the words of the sentence (independent of Stanza's token splits)."""
    start, end = tokens[0].start, tokens[-1].end
    words = [(m.start() + start, m.end() + start) for m in WORD.finditer(text[start:end])]
    out = []
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(lookup.max_tokens, len(words) - i), 0, -1):
            span_start, span_end = words[i][0], words[i + n - 1][1]
            if n > 1 and fold(text[words[i + n - 1][0]:span_end]) in COMPLEMENTIZERS | PREPOSITIONS:
                continue  # «الروسي إن» spells the dual «الروسيان» without its space: no name ends in a particle
            first = fold(text[words[i][0]:words[i][1]])
            rest = _nospace(text[words[i][1]:span_end]) if n > 1 else ""
            tanwin = n == 1 and TANWIN_FATH in text[span_start:span_end] and first.endswith("ا")
            for skip, reading in clitic_readings(first) + ([(0, first[:-1])] if tanwin else []):
                entry = lookup.index.get((reading.replace(" ", "") + rest).replace("_", ""))  # #كوريا_الشمالية
                if entry:
                    hit = (n, span_start + surface_skip(text, span_start, skip), span_end, entry)
                    break
            if hit:
                break
        if hit and _patronymic_tail(text, words, i, lookup.types[hit[3][0]]):
            hit = None  # «وليد بن عبدالله الحسين» is not the dictionary's «بن عبد الله»
        if hit:
            n, s, e, (actor_id, adjective) = hit
            kind = lookup.types[actor_id]
            if kind == "GPE" and not adjective and i > 0 and (not out or out[-1].end <= words[i - 1][0]):
                s = _state_head(text, words[i - 1]) or s
            country, cameo = lookup.codes.get(actor_id, ("", ""))
            out.append(Mention(doc_id, sent_idx, s, e, text[s:e], kind, "dictionary", actor_id, adjective, actor_id,
                               country, cameo))
            i += n
        else:
            i += 1
    return out


def _patronymic_tail(text: str, words: list[tuple[int, int]], i: int, kind: str) -> bool:
    """Does a person's name that opens with بن/ابن continue a given name right before it? «وليد بن عبدالله الحسين»:
    the dictionary's «بن عبد الله» is the tail of another man's name."""
    if kind != "PER" or i == 0 or fold(text[words[i][0]:words[i][1]]) not in NAME_LINK_FORMS:
        return False
    before = words[i - 1]
    return not text[before[1]:words[i][0]].strip() and fold(text[before[0]:before[1]]) in GIVEN_NAMES


def _state_head(text: str, word: tuple[int, int]) -> int | None:
    """Where a state's name starts when the word before it belongs to it: «جمهورية غواتيمالا», «ودولة الإمارات»
    (after the و). None when the word is no state head."""
    start, end = word
    for skip, reading in clitic_readings(fold(text[start:end])):
        if skip <= 1 and reading in STATE_HEADS:
            return start + surface_skip(text, start, skip)
    return None


def _name_like(
    token: Token, titles: set[str], non_actors: set[str], *, allow_clitic: bool = False, lenient: bool = False
) -> bool:
    """Could this token be part of a person's name? NER's PER tag overrides the part-of-speech test.

    `lenient` ignores the tagger for the first word after a title, which it often misreads
    (`جو` as a verb, `كيم` as a preposition), and so does a given name (given_names.csv) anywhere in the
    name; the lexicons still rule out function words.
    """
    if not WORD.fullmatch(token.text) or any(c.isdigit() for c in token.text):
        return False
    if token.clitic and not allow_clitic:
        return False
    bare = token.folded[token.clitic:]
    if bare in TIME_WORDS:
        return False  # a weekday or a month the model tagged with the name: «جان كلود يونكر الخميس»
    if token.ner.endswith("PER"):
        return True
    if token.plain[token.clitic:].startswith(ARTICLE) or bare in titles or bare in non_actors or len(bare) < 2:
        return False
    if bare.endswith(ACCUSATIVE_ALIF) and bare[:-1] in titles:
        return False  # a title's accusative, a participle of manner: «وقال الوزير الأحد متحدثا عن الخطة»
    if token.upos[:1] == ("ADP",) and token.upos[-1:] == ("PRON",):
        return False  # a preposition with its pronoun: «طالب بها الرئيس»
    stops = {"PUNCT", "SYM", "NUM"} if lenient or known_given_name(token) else STOP_UPOS  # «ليندا توم» with توم read as a verb
    return not (set(token.upos[-1:]) & stops)


def _name_evidence(tokens: list[Token]) -> bool:
    """A run of name-like tokens is a name only if NER or the tagger calls part of it a proper name, or it opens
    with a given name (given_names.csv) whatever the tagger made of it: «الناشط المدني سعدون محسن» (س + عدون); «بن»
    or «آل» alone names no one."""
    if all(t.folded in NAME_LINK_FORMS | FAMILY_PREFIX_FORMS for t in tokens):
        return False
    return known_given_name(tokens[0]) or any(t.ner.endswith("PER") or set(t.upos) & {"PROPN", "X"} for t in tokens)


def known_given_name(token: Token) -> bool:
    """Is the word a given name (given_names.csv) and no function word the tagger saw («بأن» is no بان)?"""
    return token.folded in GIVEN_NAMES and not _function_word(token)


def _cut_name(run: list[int], tokens: list[Token]) -> list[int]:
    """Up to the last NER person token, and at least two words (given + family name) where the run has them:
    «الرئيس خالد خوجة» keeps خوجة though the model tagged only خالد."""
    tagged = [n for n, i in enumerate(run) if tokens[i].ner.endswith("PER")]
    run = run[: max(tagged[-1] + 1, 2)] if tagged else run[:2]
    while len(run) > 1 and tokens[run[-1]].folded in NAME_LINK_FORMS:  # «عبدالله بن محمد بن»: the links extend it later
        run = run[:-1]
    return run


def _titled_names(
    doc_id: str, sent_idx: int, text: str, tokens: list[Token], titles: set[str], non_actors: set[str],
    dictionary_hits: list[Mention],
) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Person names next to a title, and the titles' spans: after it, or before it in apposition."""
    hits = {i: m for i, t in enumerate(tokens) for m in dictionary_hits if m.start <= t.start and t.end <= m.end}
    covered = {i for i, m in hits.items() if not (m.type == "PER" and not m.adjective)}  # what a title may span
    out: list[Mention] = []
    spans: list[tuple[int, int]] = []
    i = 0
    chain: tuple[int, int] | None = None  # (start, end) of the last title that found no name
    while i < len(tokens):
        width = _title_at(tokens, i, titles) if not (i and tokens[i - 1].folded in FAMILY_PREFIX_FORMS) else 0  # «آل الشيخ»
        if not width:
            i += 1
            continue
        # a title in construct with the title before it shares its span: «نائب وزير الصحة» is no «وزير الصحة»
        opens = chain[0] if chain is not None and chain[1] == i else i
        end = title_end(tokens, i + width, covered, titles)
        known = hits.get(end + 1 if end < len(tokens) and tokens[end].text in COMMAS else end)
        if known is not None and known.type == "PER" and not known.adjective:  # «الرئيس السوري بشار الأسد»
            out.append(known)
            spans.append((tokens[opens].start, tokens[end - 1].end))
            chain = None
            i = end + 1
            continue
        # an indefinite institution noun closing the title takes the name after it: «رئيس جمعية آفاق» is no person آفاق
        open_body = end > i + width and _institution_head(tokens[end - 1]) is not None and not has_article(tokens[end - 1]) \
            or end == i + width and not has_article(tokens[i])  # «منسق برنامج»: an indefinite title's next word is its complement
        name = (name_after_title(tokens, end, set(hits), titles, non_actors) if not open_body else []) or \
            name_before_title(tokens, i, set(hits), titles, non_actors)
        family = hits.get(name[-1] + 1) if name and name[0] >= end else None
        if family is not None and family.type == "PER" and not family.adjective:  # «عادل بن أحمد الجبير»: the dictionary's person
            out.append(family)
            spans.append((tokens[opens].start, tokens[end - 1].end))
            chain = None
            i = name[-1] + 2
            continue
        if name:
            start = tokens[name[0]].start
            if name[0] < i and len(name) > 1:  # «وألكسندر لوكاشينكو، رئيس»: the opening clitic is not the name
                start += surface_skip(text, start, tokens[name[0]].clitic)
            out.append(_span_mention(doc_id, sent_idx, text, start, tokens[name[-1]].end, "PER", "rule"))
            spans.append((tokens[opens].start, tokens[end - 1].end))
        elif out and i and extend_by_name_links(out[-1], text, non_actors).end == tokens[i - 1].end and end > i + width \
                and apposition_closes(tokens, end):
            out.append(out[-1])  # the role in apposition right after a name: «راشد بن عبدالله آل خليفة وزير الداخلية»
            spans.append((tokens[i].start, tokens[end - 1].end))
        chain = None if name else (opens, end)
        i = name[-1] + 1 if name and name[0] > i else max(end, i + 1)
    return out, spans


def apposition_closes(tokens: list[Token], j: int, *, reach: int = 4) -> bool:
    """Does a role after a name close as an apposition, with a comma, a colon or أن within a few words and no verb
    before it («... وزير الداخلية بمملكة البحرين، أن»)? Else it may be the object's title: «استقبل الملك سلمان وزير
    الخارجية الأمريكي في الرياض» gives the king no such role."""
    for token in tokens[j:j + reach + 1]:
        if token.text in {":", *COMMAS} or token.folded in COMPLEMENTIZERS:
            return True
        if "VERB" in token.upos:
            return False
    return False


def title_end(tokens: list[Token], j: int, covered: set[int], titles: set[str]) -> int:
    """The index after a title's complements: «الرئيس الروسي», «المتحدثة باسم مجلس الأمن القومي», «وزير الدفاع», and
    after باسم a construct chain opened by indefinite nouns («المتحدث الرسمي باسم أهالي السجناء»); a member's seat
    after عن when a party, body or place follows («عضوة البرلمان عن حزب العمال»)."""
    while j < len(tokens) and (j in covered or tokens[j].folded == TITLE_LINK or _complement(tokens[j], titles)
                               or _seat(tokens, j, covered)):
        j += 1
        if tokens[j - 1].folded == TITLE_LINK:
            j += construct_chain(tokens, j, spoken_for=True)
        elif _institution_head(tokens[j - 1]) is not None and not has_article(tokens[j - 1]):
            j += construct_chain(tokens, j)  # «رئيس مجلس إدارة غرفة الشرقية»: indefinite nouns in construct, then a definite one
    return j


def _seat(tokens: list[Token], j: int, covered: set[int]) -> bool:
    """Does عن at tokens[j] open the seat a member holds: a party or body («عن حزب العمال»), or a named place
    («عن ولاية فلوريدا», «عن دائرة ...»)? Not «أعرب الوزير عن قلقه»."""
    if tokens[j].folded != TITLE_SEAT or j + 1 >= len(tokens):
        return False
    after = tokens[j + 1]
    return j + 1 in covered or _institution_head(after) is not None or _proper_name(after) \
        or bool(bare_readings(after.folded) & PLACE_HEADS)


def name_after_title(tokens: list[Token], j: int, covered: set[int], titles: set[str], non_actors: set[str]) -> list[int]:
    """The name right after a title, past an optional comma: «الرئيس الروسي فلاديمير بوتين» -> فلاديمير بوتين.

    Its first word may begin with a letter the model split off as a clitic: no conjunction follows a
    title directly, so «الدكتور وليام هالينجر» is وليام, not و + ليام.
    """
    k = j + 1 if j < len(tokens) and tokens[j].text in COMMAS else j
    if k < len(tokens) and tokens[k].clitic and tokens[k].upos[0] == "ADP" and (
            bare_readings(tokens[k].folded) & STATE_HEADS or _institution_head(tokens[k])):
        return []  # a preposition opens a phrase, not a name: «وزير الداخلية بمملكة البحرين» (not «باتريك»)
    if k < len(tokens) and k and _adjective_complement(tokens[k - 1], tokens[k]):
        k += 1  # «النائب المؤيد لبريكسيت جيكوب ريس موغ»: the participle's complement, then the name
    run: list[int] = []
    while (
        k < len(tokens) and len(run) < MAX_NAME_TOKENS and k not in covered
        and _name_like(tokens[k], titles, non_actors, lenient=not run, allow_clitic=not run)
    ):
        run.append(k)
        k += 1
    run = _cut_name(run, tokens)
    if len(run) > 1 and heads_construct(tokens, run[-1], titles):
        run = run[:-1]  # «زميله في الفريق شوماخر صاحب المركز الأول»: صاحب heads المركز, no family name
    if run and tokens[run[-1]].folded in FAMILY_PREFIX_FORMS and run[-1] + 1 < len(tokens) and WORD.fullmatch(tokens[run[-1] + 1].text):
        run.append(run[-1] + 1)  # «الدكتور آل الشيخ»: after آل any word is the family's name
    elif run and run[-1] + 1 < len(tokens) and definite_family_name(tokens[run[-1] + 1], titles, non_actors) \
            and run[-1] + 1 not in covered and len(run) < MAX_NAME_TOKENS and not _qualified(tokens, run[-1] + 1, titles) \
            and (not tokens[run[-1]].plain.startswith(ARTICLE) or tokens[run[-1]].folded in NAME_COMPOUNDS):
        # one family name with the article closes a name (الله of «سيف الله» is none)
        run.append(run[-1] + 1)
    return run if run and _name_evidence([tokens[n] for n in run]) else []


def heads_construct(tokens: list[Token], k: int, titles: set[str]) -> bool:
    """Is tokens[k] a common noun the model did not tag a name, with a definite noun after it as its genitive? A family
    name takes no genitive: «شوماخر صاحب المركز» ends at شوماخر; a title after a name stands in apposition («خوجة
    المتحدث»)."""
    if k + 1 >= len(tokens) or tokens[k].ner.endswith("PER") or tokens[k].upos != ("NOUN",) or known_given_name(tokens[k]):
        return False
    after = tokens[k + 1]
    return after.upos == ("NOUN",) and has_article(after) and not after.clitic and after.folded not in titles \
        and not after.ner.endswith("PER")


def _qualified(tokens: list[Token], k: int, titles: set[str]) -> bool:
    """Does an adjective of quality follow tokens[k]? Then it is a noun with its adjective, no family name: «سعدون
    محسن الأحزاب المشاركة»; a second family name in ي («أحمد الخازم الغامدي») or a role («هاني الغامدي المحلل») may
    follow a name."""
    if k + 1 >= len(tokens):
        return False
    after = tokens[k + 1]
    return after.upos[-1:] == ("ADJ",) and after.plain.startswith(ARTICLE) and not after.clitic \
        and not after.folded.endswith(NISBA_ENDINGS) and after.folded not in titles


def definite_family_name(token: Token, titles: set[str], non_actors: set[str]) -> bool:
    """A family name with the article closing a name after a title: «رشيد المعراج», «عادل الجبير», «أنس الراجحي».

    Notes: Arabic family names often take the article (a tribe's or place's nisba); a state's adjective
    («الروسي») is the dictionary's and stops the name before this rule is asked.
    """
    return token.plain.startswith(ARTICLE) and not token.clitic and _family_name(token, titles, non_actors) \
        and token.upos[-1:] not in (("NUM",), ("CCONJ",), ("SCONJ",), ("PART",), ("PRON",), ("DET",))


def name_before_title(tokens: list[Token], i: int, covered: set[int], titles: set[str], non_actors: set[str]) -> list[int]:
    """A name before «، TITLE» in apposition: «ألكسندر لوكاشينكو، رئيس بيلاروسيا» -> ألكسندر لوكاشينكو."""
    if i < 2 or tokens[i - 1].text not in COMMAS:
        return []
    run: list[int] = []
    k = i - 2
    verbs = _speech_verbs()
    while k >= 0 and len(run) < MAX_NAME_TOKENS and k not in covered and _name_like(tokens[k], titles, non_actors, allow_clitic=True):
        if any(skip <= 1 and reading in verbs for skip, reading in clitic_readings(tokens[k].folded)):
            break  # the reporting verb before the name, whatever the tagger made of it: «أكَّد نبيل زكي، المتحدث ...»
        run.insert(0, k)
        if tokens[k].clitic and k < i - 2:  # a conjunction or preposition opens the name
            break
        k -= 1
    run = _past_governing_nouns(run, tokens)
    return run if run and _name_evidence([tokens[n] for n in run]) else []


def _past_governing_nouns(run: list[int], tokens: list[Token]) -> list[int]:
    """Drop the common nouns that open a run whose name the tagger marks further on: in «وأعيد انتخاب مارين لوبان،
    المرشحة» انتخاب governs the name (X) and is no part of it; a given name the tagger read as a noun stays."""
    def marked(token: Token) -> bool:
        return token.ner.endswith("PER") or bool(set(token.upos) & {"PROPN", "X"})

    while len(run) > 1 and tokens[run[0]].upos == ("NOUN",) and not marked(tokens[run[0]]) \
            and not known_given_name(tokens[run[0]]) and any(marked(tokens[n]) for n in run[1:]):
        run = run[1:]
    return run


def institution_mentions(doc_id: str, sent_idx: int, text: str, tokens: list[Token], dictionary_hits: list[Mention],
                         titles: frozenset[str], non_actors: frozenset[str]) -> list[Mention]:
    """Bodies named by an institution noun and its complement, with no dictionary needed.

    «وزارة الخزانة الأمريكية», «حزب العدالة والتنمية», «اللجنة الوطنية للحج والعمرة»; a state's
    adjective or name in the complement gives the body its country and CAMEO code («الحكومة السورية» ->
    SYR, SYRGOV), so the government is not read as the state. After a title («وزير الخارجية») the
    noun is part of a role, not a body.
    """
    named = {n: m for n, t in enumerate(tokens) for m in dictionary_hits if m.start <= t.start and t.end <= m.end}
    out = []
    i = 0
    while i < len(tokens):
        head = _institution_head(tokens[i])
        after_title = in_role(tokens, i, titles)
        close = quoted_name_end(tokens, i + 1) if head and not after_title else None
        if close is not None and (_function_word(tokens[i + 2]) or tokens[i + 2].upos[:1] == ("ADP",)):
            close = None  # «زعامة الحركة «في مفترق طرق»»: a quoted phrase, no name, opens with a preposition
        if close is not None:  # «شركة "زودا غروب"», «موقع "ويبو"»: the quotation is the body's name
            start, stop = tokens[i + 2].start, tokens[close - 1].end
            out.append(Mention(doc_id, sent_idx, start, stop, text[start:stop], "ORG", "rule", key=name_key(text[start:stop])))
            i = close + 1
            continue
        end = _complement_end(tokens, i + 1, named, titles, non_actors) if head and not after_title else i + 1
        if end == i + 1 or (end == i + 2 and i + 1 not in named and describes(tokens[i + 1])):
            i += 1
            continue
        skip, role = head
        end = _branch_end(tokens, end, named)
        start, stop = tokens[i].start + surface_skip(text, tokens[i].start, skip), tokens[end - 1].end
        country = next((named[n].country for n in range(i + 1, end) if n in named and named[n].country), "")
        out.append(Mention(doc_id, sent_idx, start, stop, text[start:stop], "ORG", "rule", key=name_key(text[start:stop]),
                           country=country, cameo=country + role if country and role else ""))
        i = end
    return out


def _branch_end(tokens: list[Token], end: int, named: dict[int, Mention]) -> int:
    """The index after a body's place when «في» and a state or city follow its name: «وزارة الصحة في قطاع غزة», «قوات
    الأمن في قرغيزستان» (the body of that place, named in full), else `end`."""
    if end + 1 >= len(tokens) or tokens[end].folded != BRANCH_IN:
        return end
    place = named.get(end + 1)
    if place is None or place.type != "GPE" or place.adjective or place.start != tokens[end + 1].start:
        return end
    k = end + 1
    while k < len(tokens) and named.get(k) is place:
        k += 1
    return k


def quoted_name_end(tokens: list[Token], j: int, *, max_words: int = 4) -> int | None:
    """The index of the closing mark when a short quotation of words opens at tokens[j]: «"زودا غروب"»."""
    if j >= len(tokens) or tokens[j].text not in QUOTE_MARKS:
        return None
    for n in range(j + 1, min(len(tokens), j + max_words + 2)):
        if tokens[n].text in QUOTE_MARKS:
            return n if n > j + 1 else None
        if not WORD.fullmatch(tokens[n].text):
            return None
    return None


def describes(token: Token) -> bool:
    """An adjective of quality, not of relation (no nisba) nor an elative: alone after an institution noun it
    describes the body and names none: «الحكومة الجديدة», «اللجنة المذكورة», «القوات الموالية»; «الحكومة اليمنية»,
    «الهيئة العليا», «المجلس الأكبر» name one (the elative فُعلى and أفعل rank, as names do)."""
    bare = token.folded[len(ARTICLE):] if token.folded.startswith(ARTICLE) else token.folded
    elative = bare.endswith(ELATIVE_ENDINGS) or (len(bare) == 4 and bare.startswith(ELATIVE_PREFIXES))
    return token.upos[-1:] == ("ADJ",) and not token.folded.endswith(NISBA_ENDINGS) and not elative


def in_role(tokens: list[Token], i: int, titles: frozenset[str]) -> bool:
    """Does a title stand before tokens[i], with only words of a role between (at most ROLE_REACH)? Then the word
    completes the role («وزير الخارجية», «وزير الدولة للشؤون الخارجية الإماراتي», «لوزراء الخارجية العرب») and
    names no body; «المتحدث باسم وكالة البحث والإنقاذ» and «الأمين العام للمجلس العلمي الأعلى» name one."""
    if tokens[i].folded.startswith(LAM_ARTICLE):
        return False
    for j in range(i - 1, max(-1, i - 1 - ROLE_REACH), -1):
        readings = bare_readings(tokens[j].folded)
        if tokens[j].folded == TITLE_LINK:
            return False  # باسم names the body the person speaks for
        if _title_at(tokens, j, titles) or readings & TITLE_LEMMAS:
            return True
        if not readings & ROLE_WORDS:
            return False
    return False


def _proper_name(token: Token, *, outlet: bool = False) -> bool:
    """A word the tagger or the NER model calls a name, written alone (no clitic): «هارفارد»; after an outlet's noun
    a foreign word too (tagged X), which is how a paper's name is written: «صحيفة دايلي ستار»."""
    tags = ("PROPN", "X") if outlet else ("PROPN",)
    return bool(WORD.fullmatch(token.text)) and not token.clitic and (token.upos[-1] in tags or token.ner != "O")


def _outlet_head(token: Token) -> bool:
    """Is the word an institution noun of the press (صحيفة، جريدة، مجلة: institutions.csv, role MED)?"""
    head = _institution_head(token)
    return head is not None and head[1] == MEDIA_ROLE


def construct_chain(tokens: list[Token], j: int, *, spoken_for: bool = False) -> int:
    """How many indefinite nouns in construct open an institution's complement before a definite word: one in
    «منظمة حظر الأسلحة الكيميائية», two in «صندوق ضمان ودائع البنوك»; 0 when no definite word follows them.
    After باسم (`spoken_for`) what follows is a body or a group, so a noun the tagger read as a name counts too when
    NER leaves it alone: «المتحدث باسم أهالي السجناء»."""
    n = 0
    while j + n < len(tokens) and n < 2 and (tokens[j + n].upos == ("NOUN",) or spoken_for and tokens[j + n].upos == ("X",)
                                              and tokens[j + n].ner == "O") and not tokens[j + n].clitic \
            and WORD.fullmatch(tokens[j + n].text) and not tokens[j + n].plain.startswith(ARTICLE):
        n += 1
    following = tokens[j + n] if j + n < len(tokens) else None
    return n if n and following is not None and following.plain.startswith(ARTICLE) and not following.clitic else 0


def _institution_head(token: Token) -> tuple[int, str] | None:
    """(letters of an attached clitic, CAMEO role) when the token is an institution noun: «وزارة», «والحكومة»."""
    for skip, reading in clitic_readings(token.folded):
        bare = reading[len(ARTICLE):] if reading.startswith(ARTICLE) else reading
        if skip <= 1 and bare in INSTITUTIONS:
            return skip, INSTITUTIONS[bare]
    return None


def _complement_end(tokens: list[Token], j: int, named: dict[int, Mention], titles: frozenset[str],
                    non_actors: frozenset[str]) -> int:
    """The index after an institution noun's complement, at most MAX_COMPLEMENT words.

    A name in the genitive right after the noun («خارجية كوريا الشمالية», after a noun in construct:
    «وزارة دفاع كوريا الجنوبية»), definite nouns («الخزانة»), then adjectives that agree («الأمريكية»,
    «الوطنية»), complements with ل («للحج») and nouns joined by و («العدالة والتنمية»). A noun after an
    adjective starts a new phrase («الحكومة اليمنية الأمم المتحدة»); a title, a relative pronoun or a
    plural of people ends it («جامعة هارفارد الدكتور», «الهيئة التي», «الجامعة النظاميين»).
    """
    k = j
    if j + 1 < len(tokens) and tokens[j].upos == ("NOUN",) and not tokens[j].clitic and WORD.fullmatch(tokens[j].text) \
            and j + 1 in named:
        k = j + 1  # a noun in construct before a name
    elif construct_chain(tokens, j) and k - j < MAX_COMPLEMENT:
        k = j + construct_chain(tokens, j)  # «منظمة حظر الأسلحة الكيميائية»: the definite words follow
    if k in named and named[k].type != "PER":
        last = named[k]
        while k < len(tokens) and named.get(k) is last:
            k += 1
        return k  # the body of a state or an organisation: nothing agrees after the name
    outlet = _outlet_head(tokens[j - 1])
    if k == j < len(tokens) and _proper_name(tokens[k], outlet=outlet) and not has_article(tokens[j - 1]):
        while k < len(tokens) and k - j < 3 and _proper_name(tokens[k], outlet=outlet):
            k += 1
        return k  # «جامعة هارفارد», «صحيفة دايلي ستار»
    seen_adjective = in_complement = False
    while k < len(tokens) and k - j < MAX_COMPLEMENT:
        token = tokens[k]
        if not WORD.fullmatch(token.text) or any(c.isdigit() for c in token.text) or token.upos[-1:] in (("VERB",), ("AUX",)):
            break
        readings = [(skip, reading) for skip, reading in clitic_readings(token.folded) if skip <= 1]
        bare = {reading for _, reading in readings}
        if bare & titles or bare & non_actors or token.folded.endswith(NISBA_PLURALS) or named.get(k, None) and named[k].type == "PER":
            break
        definite = [(skip, r) for skip, r in readings if r.startswith(ARTICLE) and len(r) > len(ARTICLE) + 1]
        if not definite:
            break
        joined_by = token.folded[:1] if not token.folded.startswith(ARTICLE) else ""
        adjective = token.upos[-1:] == ("ADJ",) or k in named or token.folded.endswith(NISBA_ENDINGS)
        if adjective and not agrees_in_number(tokens[j - 1], token):
            break  # «الجيش النيجيري الاتهامات»: the object after the subject, whatever the tagger called it
        if k == j and joined_by:
            break  # «والمجلس» right after the head is a new phrase
        if k == j and not joined_by and has_article(tokens[j - 1]) and not (
                (adjective or _feminine_after_feminine(tokens[j - 1], token)) and agrees_in_gender(tokens[j - 1], token)):
            break  # a definite noun heads no construct: «طوقت الشرطة الشوارع», «بشريط الشرطة الأزرق»
        if joined_by == "و" and tokens[k - 1].upos[-1:] not in (("NOUN",), ("PROPN",)):
            break  # only nouns are joined into one name: «العدالة والتنمية», not «المدنية والجيش»
        if seen_adjective and not adjective and not (joined_by == "ل" or (joined_by == "و" and in_complement)):
            break
        in_complement = in_complement or joined_by == "ل"  # «للحج والعمرة»: the ل-noun's own words follow
        seen_adjective = seen_adjective or adjective
        k += 1
    return k


def _feminine_after_feminine(head: Token, word: Token) -> bool:
    """A feminine word after a feminine or plural head agrees with it as an adjective does, whatever the tagger
    called it: «القوات المشتركة» (a participle tagged a noun)."""
    return head.folded.endswith(FEMININE_ENDINGS + FEMININE_PLURAL) and word.folded.endswith(FEMININE_ENDINGS)


def known_tail(person: Mention, dictionary_hits: list[Mention]) -> Mention:
    """A titled name whose last words the dictionary knows as a person is that person, so its role names them later:
    «وزير الخارجية الأميركي، ريكس #تيلرسون» (the dictionary read only تيلرسون) ... «شدد وزير الخارجية الأميركي»."""
    tail = next((m for m in dictionary_hits if m.type == "PER" and not m.adjective and m.end == person.end
                 and person.start < m.start), None)
    return replace(person, key=tail.key, dictionary_id=tail.dictionary_id) if tail and not person.dictionary_id else person


def role_mentions(doc_id: str, text: str, sentences: list[list[Token]], roles: dict[str, set[tuple[str, str]]],
                  titles: frozenset[str]) -> list[Mention]:
    """A role phrase that introduced one person in the document stands for that person elsewhere in it.

    «الرئيس السوري بشار الأسد ... وقال الرئيس السوري إن» -> the second «الرئيس السوري» is بشار الأسد, not سوريا.
    The title and its first complement stand for the person too where no one else's role opens with them and
    what follows them agrees with the role: «راشد بن عبدالله آل خليفة وزير الداخلية بمملكة البحرين ... وأوضح وزير
    الداخلية البحريني», but not «وزير الداخلية الأمريكي».
    """
    heads: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for phrase, people in roles.items():
        if len(phrase.split()) >= 2:
            heads[" ".join(phrase.split()[:2])] |= people
    phrases: dict[str, list[tuple[list[str], tuple[str, str], list[str]]]] = defaultdict(list)
    for phrase, people in roles.items():
        if len(people) == 1 and len(phrase.split()) >= 2:
            phrases[phrase.split()[0]].append((phrase.split(), next(iter(people)), []))
    for head, people in heads.items():
        if head not in roles and len(people) == 1:
            introduced = [word for phrase in roles if phrase.startswith(head + " ") for word in phrase.split()[2:]]
            phrases[head.split()[0]].append((head.split(), next(iter(people)), introduced))
    out = []
    for sent_idx, tokens in enumerate(sentences):
        for n, token in enumerate(tokens):
            for skip, reading in clitic_readings(token.folded):
                for words, person, introduced in phrases.get(reading, []):
                    following = [t.folded for t in tokens[n + 1:n + len(words)]]
                    after = tokens[n + len(words)] if n + len(words) < len(tokens) else None
                    if skip > 1 or following != words[1:] or (
                            introduced and after is not None and _complement(after, titles)
                            and not _shares_stem(after.folded, introduced)):
                        continue
                    start = token.start + surface_skip(text, token.start, skip)
                    end = tokens[n + len(words) - 1].end
                    key, dictionary_id = person
                    out.append(Mention(doc_id, sent_idx, start, end, text[start:end], "PER", "rule", dictionary_id,
                                       key=key, role=True))
    return out


def _shares_stem(word: str, words: list[str]) -> bool:
    """Does a folded word share its first letters with one of `words`, past clitics and the article? «البحريني» and
    «بمملكة البحرين» do, as a state's adjective and its name do; «الامريكي» does not."""
    def stems(w: str) -> set[str]:
        return {(r[len(ARTICLE):] if r.startswith(ARTICLE) else r)[:4] for _, r in clitic_readings(w)}
    return bool(stems(word) & {s for w in words for s in stems(w)})


def _lexicon_forms(rows: pd.DataFrame, column: str, values: tuple[str, ...]) -> frozenset[str]:
    """Folded surface forms of a cue lexicon's rows whose `column` is one of `values` (forms are "|"-joined)."""
    return frozenset(fold(form) for cell in rows.loc[rows[column].isin(values), "forms"] for form in str(cell).split("|"))


@lru_cache(maxsize=1)
def _speech_verbs() -> frozenset[str]:
    """Folded forms of the reporting verbs (reporting_cues.csv), whose subject slot holds a speaker."""
    return _lexicon_forms(lexicons.load("reporting_cues"), "kind", ("verb",))


def subject_names(doc_id: str, sent_idx: int, text: str, tokens: list[Token], titles: frozenset[str],
                  non_actors: frozenset[str], covered: set[int]) -> list[Mention]:
    """A name in a reporting verb's subject slot, between the verb and its content, is a person.

    «وقال أنور قرقاش إن ...», «وأضاف عادل الجبير: ...»: the words between the verb and إن/أن or a colon
    or comma are its subject; when they look like a name (not a title, a common noun or a definite
    word first), they are one, though the model missed it. A role in apposition after them («وقال ينس
    لايركه، المتحدث باسم ...») is evidence enough, whatever the tagger made of the words.
    """
    verbs = _speech_verbs()
    out = []
    for i, token in enumerate(tokens[:-2]):
        if not any(skip <= 1 and reading in verbs for skip, reading in clitic_readings(token.folded)):
            continue
        run: list[int] = []
        k = past_quoted_recipient(tokens, i + 1)  # «أوضح لـ"الاقتصادية" لاحم الناصر»
        if k < len(tokens) and _title_at(tokens, k, titles):
            continue  # a title of two words opens the slot: «أقر صاحب السمو الأمير بدر»
        while k < len(tokens) and len(run) < MAX_NAME_TOKENS and k not in covered and (
                _slot_word(tokens[k], titles, non_actors, verbs) if not run else _family_name(tokens[k], titles, non_actors)):
            run.append(k)
            k += 1
            if tokens[k - 1].plain.startswith(ARTICLE) and tokens[k - 1].folded not in NAME_COMPOUNDS:
                break  # a family name with the article closes the name: «محمد الناصر» (التصويت is the object)
        if run and k + 1 < len(tokens) and k not in covered and tokens[k].upos[-1:] == ("VERB",) and not tokens[k].clitic \
                and _name_like(tokens[k], titles, non_actors, lenient=True) and role_apposition(tokens, k + 1, titles):
            run.append(k)  # «وقالت جانيت يلين رئيسة مجلس الاحتياط»: a role follows, so يلين is her name, not a verb
            k += 1
        accusative = len(run) > 1 and adverbial_accusative(tokens[run[-1]], tokens[k] if k < len(tokens) else None)
        if accusative:
            run.pop()
        if not run or (len(run) == 1 and tokens[run[0]].upos == ("NOUN",) and not known_given_name(tokens[run[0]])):
            continue  # one common noun is no name («واستبعد إجراء الرئيس»); a family name alone is a short form
        apposed = role_apposition(tokens, k, titles)
        closes = apposed or accusative or k < len(tokens) and (
            tokens[k].folded in COMPLEMENTIZERS or tokens[k].text in {":", *COMMAS} or _opens_adjunct(tokens[k]))
        named = _given_name(tokens[run[0]], titles, non_actors, verbs) and _name_evidence([tokens[n] for n in run])
        # with no tag to go on, only a name's shape: the article on the last word alone («عادل الجبير», not «حجم الدمار الكبير»)
        shaped = not any(tokens[n].plain.startswith(ARTICLE) and tokens[n].folded not in NAME_COMPOUNDS for n in run[:-1])
        # an indefinite word then a definite nisba is a name, since no adjective agrees so: «أشاد مطلق البقمي بـ»
        last = tokens[run[-1]]
        nisba = shaped and len(run) > 1 and last.plain.startswith(ARTICLE) and last.folded.endswith(MASCULINE_NISBA)
        if closes and (named or (apposed or nisba) and shaped):
            start, end = tokens[run[0]].start, tokens[run[-1]].end
            out.append(_span_mention(doc_id, sent_idx, text, start, end, "PER", "rule"))
    return out


def adverbial_accusative(token: Token, following: Token | None) -> bool:
    """An indefinite accusative of purpose or manner, which no name ends on: «وقال بن معمر ردا على», «تعليقاً»."""
    return TANWIN_FATH in token.text or (token.plain.endswith("ا") and following is not None
                                         and following.upos[:1] == ("ADP",) and not following.clitic)


def role_apposition(tokens: list[Token], k: int, titles: frozenset[str]) -> bool:
    """Does a role in apposition start at tokens[k], after a comma or not? «ينس لايركه، المتحدث باسم ...»,
    «أنس الراجحي المحلل بأسواق المال», a title made definite by its complement «روبرت مارديني مدير إدارة
    الشرق الأوسط», or one that speaks for a body «ليندا توم متحدثة باسم مكتب ...»: the words before it name the
    person who holds the role, whatever the tagger made of them (it reads ينس as a verb and أنس as a noun)."""
    k += k < len(tokens) and tokens[k].text in COMMAS
    width = _title_at(tokens, k, titles) if k < len(tokens) else 0
    speaks_for = k + width < len(tokens) and tokens[k + width].folded == TITLE_LINK  # «ليندا توم متحدثة باسم المكتب»
    return width > 0 and (tokens[k].plain.startswith(ARTICLE) or speaks_for or _annexed(tokens, k + width, titles))


def _annexed(tokens: list[Token], j: int, titles: frozenset[str]) -> bool:
    """Does a construct chain at tokens[j] make the title before it definite: «مدير إدارة الشرق الأوسط» (indefinite
    nouns, at most two, then a definite word), «رئيس حزب القوات», or titles in construct «نائب رئيس حزب التحالف»?"""
    for token in tokens[j:j + 4]:
        if _complement(token, titles) or _proper_name(token):  # a state's name is definite: «مندوب سوريا الدائم»
            return True
        if token.upos != ("NOUN",):
            return False
    return False


def _slot_word(token: Token, titles: frozenset[str], non_actors: frozenset[str], verbs: frozenset[str]) -> bool:
    """The first word of a reporting verb's subject: any word that may start a name (the tagger is asked later)."""
    return _name_like(token, titles, non_actors, lenient=True) and not token.plain.startswith(ARTICLE) \
        and token.folded not in verbs and not _is_cue_noun(token)


def _opens_adjunct(token: Token) -> bool:
    """A preposition or a participle of saying after the subject: «وأشار جعجع إلى أن», «وأضاف جعجع في مقابلة»,
    «وشدد جعجع قائلا»; the subject slot ends there."""
    return token.upos[:1] == ("ADP",) or _is_cue_noun(token)


def place_mentions(doc_id: str, sent_idx: int, text: str, tokens: list[Token], non_actors: frozenset[str],
                   covered: set[int]) -> list[Mention]:
    """A place named by a place noun and a name the dictionary lacks: «محافظة إدلب», «جزيرة سولاويسي», «مدينة بالو».

    The name must be a word the tagger or the NER model calls a name (a place noun before a common word,
    «منطقة واسعة», names nothing); a name the dictionary knows («مدينة كراتشي») stays the dictionary's.
    """
    out = []
    for n, token in enumerate(tokens[:-1]):
        following = tokens[n + 1]
        if n + 1 in covered or token.plain.startswith(ARTICLE) or not WORD.fullmatch(following.text):
            continue
        head = {reading for skip, reading in clitic_readings(token.folded) if skip <= 1} & PLACE_HEADS
        name_like = following.upos[-1:] in (("PROPN",), ("X",)) or following.ner != "O"
        if not head or not name_like or following.clitic or fold(following.text) in non_actors:
            continue
        start = token.start + surface_skip(text, token.start, token.folded.index(next(iter(head))))
        out.append(_span_mention(doc_id, sent_idx, text, start, following.end, "LOC", "rule"))
    return out


def given_and_family_names(doc_id: str, sent_idx: int, text: str, tokens: list[Token], titles: frozenset[str],
                           non_actors: frozenset[str], covered: set[int]) -> list[Mention]:
    """A given name (given_names.csv), at most two more name words, then a family name with the article in ي: a person
    wherever it stands, the model's tags aside: «هم فهد الحيزان، وماجد البقمي، وبدر عوفان المري».

    Notes: the family name must be a nisba (a tribe's or a place's: البقمي، الشمري) so that a given name that is
    also a common word does not open a phrase («حسن الجوار», «سعيد الحظ»); a preposition (على read as علي) opens none.
    """
    out = []
    taken: set[int] = set()
    for i, token in enumerate(tokens):
        skip = next((n for n, reading in clitic_readings(token.folded) if n <= 1 and reading in GIVEN_NAMES), None)  # «وماجد»
        body = token.upos[1:] if skip and len(token.upos) > 1 else token.upos  # the word after و
        if i in covered or i in taken or skip is None or not body or body[0] in FUNCTION_UPOS | {"ADP"} or "SCONJ" in body:
            continue
        k = i + 1
        while k < len(tokens) and k - i <= 2 and k not in covered and not tokens[k].plain.startswith(ARTICLE) \
                and _name_like(tokens[k], titles, non_actors):
            k += 1
        if k >= len(tokens) or k in covered or not definite_family_name(tokens[k], titles, non_actors) \
                or not tokens[k].folded.endswith(MASCULINE_NISBA) or tokens[k].folded in titles:
            continue
        start = token.start + surface_skip(text, token.start, skip)
        out.append(_span_mention(doc_id, sent_idx, text, start, tokens[k].end, "PER", "rule"))
        taken |= set(range(i, k + 1))
    return out


def hashtag_names(doc_id: str, sent_idx: int, text: str, tokens: list[Token], non_actors: frozenset[str],
                  covered: set[int]) -> list[Mention]:
    """A hashtag of two or more indefinite words that no dictionary knows is a person's name: «#سمير_جعجع».

    Notes: Arabic personal names take no article, where bodies and places mostly do («#كوريا_الشمالية» is in
    the dictionary; «#الحشد_الشعبي» is left alone); the name's words become its key, so «جعجع» alone later in
    the article is the same person (short forms).
    """
    out = []
    for n, token in enumerate(tokens):
        found = HASHTAG.fullmatch(token.text)
        if n in covered or not found:
            continue
        words = found.group(1).split("_")
        if any(strip_diacritics(w).startswith(ARTICLE) or fold(w) in non_actors or not w.isalpha() for w in words):
            continue
        out.append(Mention(doc_id, sent_idx, token.start, token.end, token.text, "PER", "rule", key=spoken_name(token.text)))
    return out


def quoted_subjects(doc_id: str, sent_idx: int, text: str, tokens: list[Token]) -> list[Mention]:
    """A short quotation right after a reporting verb and closed by إن/أن, a comma or a colon names the body that
    speaks: «قالت «السعودي الفرنسي كابيتال» إن ...» (a firm's or an outlet's name, which the press quotes); so
    does one that opens a headline before its colon: «"السعودي الفرنسي": "بتروكيم" سجلت ...», and one of at most
    three words that a verb follows, at a sentence's or a clause's start: «أن «مسك الخيرية» حصلت على ...».

    Read on the text, since the tokenizer may glue the closing mark to the last word («كابيتال»»)."""
    verbs = _speech_verbs()
    out = []
    headline = QUOTED_SUBJECT.match(text, tokens[0].start, tokens[-1].end)  # «السعودي الفرنسي»: «بتروكيم» سجلت ...
    if headline is not None and headline.start(1) - tokens[0].start <= 2 and headline.group(2).startswith(":"):
        out.append(_span_mention(doc_id, sent_idx, text, headline.start(1), headline.end(1), "ORG", "rule"))
    for n, token in enumerate(tokens):  # «مشيرا إلى أن «مسك الخيرية» حصلت على»: a quoted subject before its verb
        if n and tokens[n - 1].folded not in COMPLEMENTIZERS or token.text not in QUOTE_MARKS:
            continue
        close = quoted_name_end(tokens, n, max_words=MAX_QUOTED_NAME - 1)
        if close is not None and close + 1 < len(tokens) and tokens[close + 1].upos[-1:] == ("VERB",):
            out.append(_span_mention(doc_id, sent_idx, text, tokens[n + 1].start, tokens[close - 1].end, "ORG", "rule"))
    for token in tokens:
        if not any(skip <= 1 and reading in verbs for skip, reading in clitic_readings(token.folded)):
            continue
        found = QUOTED_SUBJECT.match(text, token.end, tokens[-1].end)
        if found is None or fold(found.group(2)) not in COMPLEMENTIZERS | {":", *COMMAS}:
            continue
        words = found.group(1).split()
        if 1 <= len(words) <= MAX_QUOTED_NAME and all(WORD.fullmatch(w) and not any(c.isdigit() for c in w) for w in words):
            out.append(_span_mention(doc_id, sent_idx, text, found.start(1), found.end(1), "ORG", "rule"))
    return out


def latin_names(doc_id: str, sent_idx: int, text: str, tokens: list[Token]) -> list[Mention]:
    """A name written in Latin letters where the sentence shows it names an actor.

    «وأعلنت شركة Premier Investment Group SAL Offshore» (after an institution noun, which it names: an ORG),
    «قالت GSMA، رابطة الصناعة ...، إن» and «وقال John Smith إن» (a reporting verb's subject, closed by a comma,
    إن/أن or a colon). Notes: Latin words in Arabic copy are as often products and terms («بطاقات SIM»), so
    only these slots count; the words are read on the text, since the tokenizer cuts Latin words
    («Inve» + «stment»). An acronym or a word of latin_org makes a body, two or three other words a person.
    """
    out = []
    verbs = _speech_verbs()
    for run in LATIN_RUN.finditer(text, tokens[0].start, tokens[-1].end):
        before = [t for t in tokens if t.end <= run.start()]
        after = next((t for t in tokens if t.start >= run.end()), None)
        if not before:
            continue
        words = run.group().split()
        head = _institution_head(before[-1])
        if head is not None and not has_article(before[-1]):
            start = before[-1].start + surface_skip(text, before[-1].start, head[0])
            out.append(_span_mention(doc_id, sent_idx, text, start, run.end(), "ORG", "rule"))
            continue
        spoken = any(skip <= 1 and reading in verbs for skip, reading in clitic_readings(before[-1].folded))
        closes = after is not None and (after.folded in COMPLEMENTIZERS or after.text in {":", *COMMAS})
        if spoken and closes:
            body = any(w.isupper() and len(w) > 1 for w in words) or bool({w.strip(".,") for w in words} & LATIN_ORG_WORDS)
            if body or 2 <= len(words) <= 3:
                out.append(_span_mention(doc_id, sent_idx, text, run.start(), run.end(), "ORG" if body else "PER", "rule"))
    return out


def _given_name(token: Token, titles: frozenset[str], non_actors: frozenset[str], verbs: frozenset[str]) -> bool:
    """The first word of a name after a reporting verb: tagged a proper name (or a person), not definite,
    not a title, a common word or a reporting word («قوله»)."""
    return _name_like(token, titles, non_actors) and not token.plain.startswith(ARTICLE) and token.folded not in verbs and (
        token.upos[-1:] in (("PROPN",), ("X",)) or token.ner.endswith("PER") or known_given_name(token)) \
        and not _is_cue_noun(token)


def _is_cue_noun(token: Token) -> bool:
    return any(reading in _speech_nouns() for _, reading in clitic_readings(token.folded))


@lru_cache(maxsize=1)
def _speech_nouns() -> frozenset[str]:
    """Folded forms of the reporting nouns and participles (قوله، تصريحات، مضيفا)."""
    return _lexicon_forms(lexicons.load("reporting_cues"), "kind", ("noun", "participle"))


def _family_name(token: Token, titles: frozenset[str], non_actors: frozenset[str]) -> bool:
    """A later word of a name, which may be definite: «الجبير» in «عادل الجبير»."""
    bare = token.folded
    read_as_verb = token.upos[-1:] == ("VERB",) and known_given_name(token)  # «ليندا توم», توم read as a verb
    return bool(WORD.fullmatch(token.text)) and not token.clitic and bare not in titles and bare not in non_actors \
        and not any(c.isdigit() for c in token.text) and (read_as_verb or token.upos[-1:] not in (("VERB",), ("ADP",), ("ADV",), ("PUNCT",))) \
        and not _function_word(token)  # «وقالت خديجة إنها»: إن + ها ends the name


def _function_word(token: Token) -> bool:
    """A word the tagger opens with a function word, or a complementizer with a clitic whatever its tag: «إنها»,
    «بأن»; «عبدالله» (X + the pronoun the model splits off) is none."""
    return bool(token.upos[:1] and token.upos[0] in FUNCTION_UPOS or "SCONJ" in token.upos
                or any(skip <= 1 and reading in COMPLEMENTIZERS for skip, reading in clitic_readings(token.folded)))


def _title_at(tokens: list[Token], i: int, titles: set[str]) -> int:
    for width in (2, 1):
        if i + width <= len(tokens):
            phrase = " ".join(t.folded for t in tokens[i:i + width])
            if any(reading in titles for _, reading in clitic_readings(phrase)):
                return width
    return 0


def _complement(token: Token, titles: set[str]) -> bool:
    """A word that continues a title: a definite noun or adjective (`الدفاع`, `الروسي`, `للشؤون`), or the head of an
    institution's name in construct (`محافظ مصرف البحرين المركزي`, `رئيس حزب القوات`)."""
    if token.folded in titles or token.folded in TIME_WORDS or token.upos[-1:] in (("PRON",), ("DET",)):
        return False  # nor a relative pronoun, whose article is part of the word: «رئيس الحكومة السابقة الذي»; nor «الأحد»
    lam_article = token.folded.startswith(LAM_ARTICLE) and len(token.folded) > len(LAM_ARTICLE) + 1  # للشؤون
    definite = token.plain.startswith(ARTICLE) or lam_article  # even where the model tags it a person: no name opens so
    return definite or (_institution_head(token) is not None and not token.ner.endswith("PER"))


def _span_mention(doc_id: str, sent_idx: int, text: str, start: int, end: int, kind: str, origin: str) -> Mention:
    return Mention(doc_id, sent_idx, start, end, text[start:end], kind, origin, key=name_key(text[start:end]))


def _ner_mentions(doc_id: str, sent_idx: int, text: str, sentence, tokens: list[Token], non_actors: set[str]) -> list[Mention]:
    """The model's entity spans, trimmed of verbs and common words at their edges; non-actors dropped."""
    by_start = {t.start: n for n, t in enumerate(tokens)}
    out = []
    for entity in sentence.ents:
        first = by_start.get(entity.start_char)
        if first is None:
            continue
        span = [t for t in tokens[first:] if t.end <= entity.end_char]
        while span and (_edge_noise(span[0], non_actors) or (entity.type == "PER" and (
                _definite(span[0]) or _adjective_complement(tokens[first - 1] if first else None, span[0])))):
            span, first = span[1:], first + 1
        while span and (_edge_noise(span[-1], non_actors, last=True) or (entity.type == "PER" and (
                _prepositional(span[-1]) or len(span) > 1 and _plural_noun(span[-1])))):
            span = span[:-1]  # «محمد بن عبدالله العقيبي المتقدمين»: a plural after a name is the next phrase
        if not span or any(not WORD.fullmatch(t.text) or any(c.isdigit() for c in t.text) for t in span):
            continue
        if len(span) == 1 and (span[0].folded.endswith(NISBA_PLURALS) or span[0].upos[-1:] == ("ADJ",)):
            continue  # الكوريين, غربيين, عسكري: people described by origin or trait, not a named actor
        if all(t.folded in NAME_LINK_FORMS | FAMILY_PREFIX_FORMS for t in span):
            continue  # «بن» alone, which the model tagged inside a name it did not finish
        if len(span) == 1 and _cue_verb(span[0]):
            continue  # «مضيفا "نناشد الحكومة"»: a verb of saying or of a stance, which the model read as a body
        if entity.type == "PER" and _plural_noun(span[0]):
            continue  # «طريقين», «مواطنين أمريكيين», «والمقيمين»: a dual or plural, no one's name
        if entity.type == "PER" and len(span) == 1 and span[0].upos == ("NOUN",) and span[0].folded not in GIVEN_NAMES:
            continue  # «واستبعد إجراء الرئيس»: one common noun, as the tagger reads it (a family name alone comes back
            # as the short form of the full name, if the article has it)
        if _common_noun_phrase(span) or any(_has_pronoun_suffix(t) for t in span):
            continue
        kind = entity.type if entity.type in ACTOR_TYPES else "MISC"
        start = span[0].start + surface_skip(text, span[0].start, span[0].clitic)
        hyphenated = _HYPHEN_TAIL.match(text, span[-1].end)  # كيم جونغ-أون tagged only up to the hyphen
        end = hyphenated.end() if hyphenated else span[-1].end
        out.append(_span_mention(doc_id, sent_idx, text, start, end, kind, "ner"))
    return out


@lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    """Folded one-word verb forms of the reporting and stance cues, in every person of an imperfect: «نناشد», «يدين»,
    «قالت». A word among them is a predicate, whatever a model tags it."""
    forms = _lexicon_forms(lexicons.load("reporting_cues"), "kind", ("verb", "participle")) \
        | _lexicon_forms(lexicons.load("stance_cues"), "pos", ("verb",))
    words = {form for form in forms if " " not in form}
    return frozenset(words | {other for form in words for other in other_persons(form)})


def _cue_verb(token: Token) -> bool:
    """Is the word a verb of saying or of a stance in any person (cue_verbs), with و/ف attached, and no given name?"""
    readings = {reading for skip, reading in clitic_readings(token.folded) if skip <= 1}
    return bool(readings & cue_verbs()) and not readings & GIVEN_NAMES


def _plural_noun(token: Token) -> bool:
    """A word in the sound masculine plural or the dual (ين، ون) of the singular the lemmatizer gives, past a
    conjunction or preposition and the article: «مواطنين» (مواطن), «والمقيمين»; «حسين», «ماكلارين» and
    «بينيتون» are names (a given name, or no singular the model knows)."""
    readings = {reading for skip, reading in clitic_readings(token.folded) if skip <= 1}
    bare = {r[len(ARTICLE):] if r.startswith(ARTICLE) else r for r in readings}
    lemma = token.lemmas[-1] if token.lemmas else ""
    singular = {b[:-len(end)] for b in bare for end in MASCULINE_PLURAL if b.endswith(end)}
    return bool(lemma) and lemma in singular and not (bare | {token.folded}) & GIVEN_NAMES


def _adjective_complement(before: Token | None, token: Token) -> bool:
    """Is the word the ل/ب-complement of a definite adjective or participle before it, not a name's first word?
    «النائب المؤيد لبريكسيت جيكوب ريس موغ»: لبريكسيت completes المؤيد; a nisba takes no complement, so «الخبير
    الفندقي باتريك» is a name."""
    return before is not None and before.upos[-1:] == ("ADJ",) and has_article(before) \
        and not before.folded.endswith(NISBA_ENDINGS) and token.n_words > 1 and token.upos[0] == "ADP"


def _definite(token: Token) -> bool:
    """A word with the article (with ل: للشؤون): it can close a person's name (عادل الجبير), never open one
    («الدولة للشؤون الخارجية», which the model tags as a person)."""
    bare = token.plain[token.clitic:]
    joined = token.folded[:1] in CONJUNCTIONS and token.folded[1:].startswith(ARTICLE)  # «والغاز الصخريين»
    return bare.startswith(ARTICLE) or token.folded.startswith(LAM_ARTICLE) or joined


def _has_pronoun_suffix(token: Token) -> bool:
    """A word with an attached pronoun is a common noun, never part of a name: «جيرانك» = جيران + ك ("your neighbours")."""
    return len(token.upos) > 1 and token.upos[-1] == "PRON"


def _common_noun_phrase(span: list[Token]) -> bool:
    """A definite noun with its adjective, which the model tags as a name: «المناطق الساحلية», «البوابة الجنوبية»; or a
    common noun in construct with a definite one, no institution's head: «شباب الوطن» (a body is named by its head,
    «وزارة الخارجية», and the institution rule finds it)."""
    if len(span) != 2 or any(t.ner.endswith("PER") for t in span) or span[0].upos[-1:] != ("NOUN",):
        return False
    definite = [t.plain[t.clitic:].startswith(ARTICLE) for t in span]
    if span[1].upos[-1:] == ("ADJ",):
        return all(definite)
    return span[1].upos == ("NOUN",) and definite == [False, True] and not span[0].clitic \
        and _institution_head(span[0]) is None


def _prepositional(token: Token) -> bool:
    """A word the parse opens with a preposition, which ends no person's name: «وتحدث فيتيل بالفرنسية»."""
    return len(token.upos) > 1 and token.upos[0] == "ADP"


def _edge_noise(token: Token, non_actors: set[str], *, last: bool = False) -> bool:
    """A word that cannot open or close a name: a non-actor word, a verb before the end or with its future
    particle at the end, a particle
    («بريغوجين بـ»), an adverb or indefinite accusative («رسمياً»: names take no tanwin), a definite
    adjective («البريطاني دايمون هيل»)."""
    bare = token.folded
    readings = {reading for _, reading in clitic_readings(bare)}
    if readings & non_actors or TANWIN_FATH in token.text:
        return True
    tag = token.upos[-1] if token.upos else ""
    if tag in {"ADP", "PART", "SCONJ", "CCONJ", "ADV"} or (tag == "ADJ" and not last and token.plain.startswith(ARTICLE)):
        return True
    future = token.upos[:1] == ("PART",) and tag == "VERB"  # «محمد صلاح سيسافر»: the future's س split off a verb
    verb = tag in {"VERB", "AUX"} and (not last or future)
    return verb or not WORD.fullmatch(token.text)


def _inside(mention: Mention, spans: list[tuple[int, int]]) -> bool:
    return any(start <= mention.start and mention.end <= end for start, end in spans)


def _resolve_overlaps(candidates: list[Mention]) -> list[Mention]:
    """Keep non-overlapping mentions: a role phrase standing for its person first («الأمين العام للجامعة العربية»
    over the League inside it), then dictionary names, then longer spans, NER before rules on ties."""
    def rank(m: Mention) -> tuple:
        institution = m.origin == "rule" and m.type == "ORG"
        tier = 3 if m.role else 2 if (m.origin == "dictionary" or institution) and not m.adjective else 0 if m.adjective else 1
        return (-tier, -(m.end - m.start), m.origin != "dictionary", m.origin != "ner", m.start)

    chosen: list[Mention] = []
    for mention in sorted(candidates, key=rank):
        if all(mention.end <= m.start or m.end <= mention.start or m.doc_id != mention.doc_id for m in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def _merge(mentions: list[Mention], lookup: ActorDictionary) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Group mentions into actors: dictionary ids, then equal folded names, then unambiguous short forms."""
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    canonical: dict[tuple[str, str], str] = {}  # (doc_id, key) -> key of the fullest name
    in_dictionary: dict[tuple[str, str], str] = {}  # (doc_id, key) -> the dictionary actor it shortens
    for doc_id, doc_mentions in by_doc.items():
        keys = {m.key for m in doc_mentions if m.origin != "dictionary"}
        named = {spoken_name(m.text): m.dictionary_id for m in doc_mentions if m.origin == "dictionary" and not m.adjective}
        for key in keys:
            canonical[(doc_id, key)] = _expand(key, keys)
            fuller = _expand(key, keys | set(named))
            if fuller in named:  # «وزارة الخارجية» after «وزارة الخارجية الأمريكية» in the same article
                in_dictionary[(doc_id, key)] = named[fuller]
    expand = expansions(set(canonical.values()))
    resolved = {pair: expand(key) for pair, key in canonical.items()}

    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        group = m.dictionary_id or in_dictionary.get((m.doc_id, m.key)) or resolved[(m.doc_id, m.key)].replace(" ", "")
        groups[group].append(m)

    names = dict(zip(lookup.table["actor_id"], lookup.table["name"]))
    types = dict(zip(lookup.table["actor_id"], lookup.table["type"]))
    actor_rows, mention_rows = [], []
    for group, members in groups.items():
        if group not in names and _only_stray_misc(members):
            continue
        if group in names:
            actor_id, name, kind = group, names[group], types[group]
            country, cameo = lookup.codes.get(group, ("", ""))
        else:
            named = [m for m in members if not m.role]
            # the rules' and the dictionary's spans before the model's, which may run over a body's name into a
            # person's: «الخارجية المصرية أحمد أبوزيد»
            ruled = [m for m in named if m.origin != "ner" and len(m.key.split()) > 1]  # not a bare short form
            name = display_name(_fullest(ruled or named or members))
            fuller = [m for m in named if m.origin == "ner" and _name_before(m.text, name)]
            if ruled and fuller:  # «جلوي بن محمد آل كركمان» (the model's) over «آل كركمان» (the rules')
                name = display_name(_fullest(fuller))
            actor_id = "actor-" + hashlib.sha1(group.encode("utf-8")).hexdigest()[:10]
            kind = _vote([m.type for m in members])
            country, cameo = _commonest(m.country for m in members), _commonest(m.cameo for m in members)
        surface = Counter(m.text for m in members)
        actor_rows.append((
            actor_id, name, kind, "|".join(s for s, _ in surface.most_common()),
            len(members), len({m.doc_id for m in members}), country, cameo,
        ))
        mention_rows += [(m.doc_id, m.sent_idx, actor_id, m.text, kind, m.start, m.end, m.origin) for m in members]
    actors = ACTORS.frame(actor_rows).sort_values(["n_mentions", "actor_id"], ascending=[False, True])
    mentions_table = MENTIONS.frame(mention_rows).sort_values(["doc_id", "start_char"], kind="stable")
    return actors.reset_index(drop=True), mentions_table.reset_index(drop=True)


def _expand(key: str, keys: Iterable[str]) -> str:
    """The one longest name among `keys` that contains `key` as whole words (itself if none or several)."""
    words = key.split()
    nospace = key.replace(" ", "")
    containing = [
        other for other in keys
        if other != key and (len(other.split()) > len(words) and _contains(other.split(), words) or
                             other.replace(" ", "") == nospace and len(other.split()) > len(words))
    ]
    maximal = [c for c in containing if not any(c != d and _contains(d.split(), c.split()) for d in containing)]
    return maximal[0] if len(maximal) == 1 else key


def expansions(keys: set[str]) -> Callable[[str], str]:
    """`_expand` against one fixed set of keys, each key once, through an index of their words: a corpus's
    keys are compared with the few that share a key's words, not with all of them (linear, not quadratic,
    in the corpus)."""
    by_word: dict[str, set[str]] = defaultdict(set)
    by_nospace: dict[str, set[str]] = defaultdict(set)
    for other in keys:
        for word in set(other.split()):
            by_word[word].add(other)
        by_nospace[other.replace(" ", "")].add(other)

    @lru_cache(maxsize=None)
    def expand(key: str) -> str:
        sharing = sorted((by_word.get(word, set()) for word in set(key.split())), key=len)
        pool = set(sharing[0]).intersection(*sharing[1:]) if sharing else set()
        return _expand(key, pool | by_nospace.get(key.replace(" ", ""), set()))

    return expand


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i:i + n] == part for i in range(len(words) - n + 1))


def _only_stray_misc(members: list[Mention]) -> bool:
    """Single-word MISC entities from NER alone are dropped (mostly fragments of names or titles)."""
    return all(m.origin == "ner" and m.type == "MISC" and len(m.key.split()) == 1 for m in members)


def _name_before(text: str, name: str) -> bool:
    """Does the text end with the name after more words of a person's name, none with the article: «جلوي بن محمد
    آل كركمان» ends «آل كركمان»; «الخارجية المصرية أحمد أبوزيد» is a body before a person."""
    words, tail = fold(text).split(), fold(name).split()
    return len(words) > len(tail) and words[-len(tail):] == tail \
        and not any(w.startswith(ARTICLE) for w in words[:-len(tail)])


def _fullest(members: list[Mention]) -> str:
    counts = Counter(m.text for m in members)
    return max(counts, key=lambda s: (len(fold(s).split()), len(s.split()), counts[s], s))


def _commonest(values: Iterable[str]) -> str:
    """The commonest non-empty value (the first in sort order on ties), or empty."""
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else ""


def _vote(kinds: list[str]) -> str:
    counts = Counter(kinds)
    return max(ACTOR_TYPES, key=lambda k: (counts[k], -ACTOR_TYPES.index(k)))


def cooccurrence(mentions: pd.DataFrame, *, window: str = "sentence") -> pd.DataFrame:
    """Actor pairs named in the same sentence (or document): weight = number of such windows."""
    if window not in WINDOWS:
        raise ValueError(f"unknown window {window!r}; valid windows: {', '.join(WINDOWS)}")
    keys = ["doc_id", "sent_idx"] if window == "sentence" else ["doc_id"]
    weights: Counter = Counter()
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for group_key, group in mentions.groupby(keys, sort=False):
        doc_id = group_key[0] if isinstance(group_key, tuple) else group_key
        actors = sorted(set(group["actor_id"]))
        for a_index, a in enumerate(actors):
            for b in actors[a_index + 1:]:
                weights[(a, b)] += 1
                docs[(a, b)].add(doc_id)
    rows = [(a, b, weight, len(docs[(a, b)])) for (a, b), weight in weights.items()]
    edges = ACTOR_EDGES.frame(rows)
    return edges.sort_values(["weight", "actor_a", "actor_b"], ascending=[False, True, True]).reset_index(drop=True)
