"""Build the actor gazetteer `kit/lexicons/ar/actors.csv` from open sources, the same way every time.

    python -m kit.lexicons.build_actors [--shared DIR] [--out FILE] [--check]

Sources, in order of authority (an earlier one wins a shared name or alias):

- `actors_curated.csv` (hand-kept: states with capitals and nisba adjectives, bodies, outlets; the
  ids of its rows never change) and `actors_recent.csv` (hand-kept: actors of 2014-2024 that the
  open sources predate), both beside this file;
- UniversalPetrarch's Arabic actor dictionary (`../shared/lexicons/universal-petrarch-ar/`, MIT):
  lemmatised names (`وزارة_دفاع_أميركي_`) turned into the surface forms news writes
  (`وزارة الدفاع الأميركية`), with the CAMEO code of the latest date range;
- ANERcorp's gazetteers and NewsFANE's political mentions (`../shared/corpora/ner/`): names that
  recur in that news text with the entity type they carry there.

ANERcorp's annotated text also serves as evidence for the filters: a name the annotators mostly
left untagged is a common word, and a word that opens person names is a given name.

`--check` builds in memory and exits 1 when the shipped file differs (for tests and CI).
Notes: CAMEO actor codes (Schrodt, CAMEO Conflict and Mediation Event Observations codebook,
2012): a country (ISO 3166 alpha-3) or bloc (IGO, NGO, IMG ...) then role codes (GOV, MIL, REB ...).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kit import lexicons, text
from kit.text import strip_diacritics

fold = lru_cache(maxsize=None)(text.fold)  # the kit's folding, memoised: the build folds the same words often

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_SHARED = ROOT.parent / "shared"
CURATED = HERE / "ar" / "actors_curated.csv"
RECENT = HERE / "ar" / "actors_recent.csv"
OUT = HERE / "ar" / "actors.csv"

PETRARCH_DIR = Path("lexicons/universal-petrarch-ar")
PETRARCH_FILE = PETRARCH_DIR / "actor_dict_ar_v4.txt"
ANER_DIR = Path("corpora/ner/ANERcorp")
ANER_TEXT = ANER_DIR / "ANERCorp.txt"
ANER_GAZETTEERS = {"PERS": "PersGazetteer_data.txt", "LOC": "LocGazetteer_data.txt", "ORG": "OrgGazetteer_data.txt"}
NEWSFANE_FILE = Path("corpora/ner/NewsFANE/NewsFANE_Gold_2014_170K.txt")
NEWS_DIR = Path("corpora/news")  # unannotated articles (parquet, a `text` column): evidence of places
UD_FILES = (Path("corpora/ud/UD_Arabic-PADT-1.3/ar-ud-dev.conllu"), Path("corpora/ud/UD_Arabic-PADT-1.3/ar-ud-test.conllu"),
            Path("corpora/ud/UD_Arabic-PUD/ar_pud-ud-test.conllu"))

COLUMNS = ("actor_id", "name", "type", "aliases", "adjectives", "country", "cameo", "source")
HAND_COLUMNS = ("actor_id", "name", "type", "aliases", "adjectives", "country", "cameo")
SOURCES = ("curated", "recent", "petrarch", "anercorp", "newsfane", "news")
TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")

# --- thresholds of the filters (see the header written into actors.csv) -----------------------
MIN_LETTERS = 3  # an alias shorter than this after folding is never a safe match
MAX_WORDS = 6  # longer aliases are descriptions (and slow the kit's longest-match scan); عبد الله counts two
MAX_ALIASES = 4  # surface variants kept per derived actor
COMMON_MIN = 3  # an alias left untagged this often (and more often than tagged) is a common word
RECUR_MIN = 2  # gazetteer and NewsFANE names must recur this often as entities in the news text
PLACE_MIN = 5  # a word must follow a place noun this often in the news corpus to be a place of its own
PLACE_SHARE = 0.1  # ... and at least this share of all its occurrences
PLACE_HEADS_MIN = 2  # ... after at least this many different place nouns (مدينة درعا، محافظة درعا)
PLACE_PAIR_SHARE = 0.5  # a place whose next word follows it this often is named by both (دير الزور)
PLACE_END_SHARE = 0.2  # a one-word place ends its name at least this often after a place noun (not سانت، نيو)

# --- CAMEO ---------------------------------------------------------------------------------------
ISO3 = frozenset("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR
BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL
COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK
FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV
HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG
MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN
PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE
SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO
TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
KSV
""".split())  # ISO 3166-1 alpha-3, plus CAMEO's KSV (Kosovo)
BLOCS = frozenset({"IGO", "NGO", "IMG", "INT", "MNC", "NGM"})  # CAMEO actors that are no country
_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})*")

# --- the words the rules need: kit/lexicons/ar/actors_rules.csv, plus affixes.csv -----------------
_RULES = lexicons.load("actors_rules")


def _words(kind: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _RULES.loc[_RULES["kind"] == kind, "word"])


def _pairs(kind: str) -> dict[str, str]:
    rows = _RULES[_RULES["kind"] == kind]
    return {fold(w): v for w, v in zip(rows["word"], rows["value"])}


ARTICLE = lexicons.column("affixes", "affix", kind="article")[0]
LAM_ARTICLE = lexicons.column("affixes", "affix", kind="article_after_lam")[0]
NISBA_PLURALS = tuple(fold(e) for e in lexicons.column("affixes", "affix", kind="nisba_plural"))
NISBA_ENDINGS = tuple(fold(e) for e in lexicons.column("affixes", "affix", kind="nisba_ending"))
ARTICLE_FORMS = tuple(sorted(_words("article_form"), key=len, reverse=True))
NOT_ARTICLE = _words("not_article")
ORG_HEADS = _words("org_head")  # the head of an institution's, party's, armed group's or outlet's name
PLACE_HEADS = _words("place_head")
PLACE_HEAD_TYPES = _pairs("place_head")  # محافظة -> GPE, جزيرة -> LOC
TITLES = _words("title")  # around a person's name: stripped; a title with no name left is a role
TITLE_PHRASES = _words("title_phrase")
ROLE_WORDS = _words("role_word")  # complete a role after a title (رئيس الوزراء): stripped with it
DESCRIPTIVE = _words("descriptive")  # a "name" holding one of these is a description (جهاز أمني)
NOT_PERSON = _words("not_person")  # nouns for groups, places and things: no part of a person's name
ORDINALS = _words("ordinal")
NAME_LINKS = _words("name_link")
INCOMPLETE = _words("name_end")  # a name cannot end on these
ADJECTIVES = _pairs("adjective")  # masculine -> feminine, for adjectives that are no nisba
PLURALS = _pairs("plural")  # singular -> the broken plural names use
HEAD_PLURALS = _words("head_plural")
PLURAL_FORMS = frozenset(fold(p) for p in PLURALS.values())
HUMAN_PLURALS = _words("human_plural")
_CONNECTOR_ROWS = _RULES[_RULES["kind"] == "connector"]
CONNECTORS = frozenset(_CONNECTOR_ROWS["word"])  # prepositions and و between the words of a name (as written)
JOINED = frozenset(_CONNECTOR_ROWS.loc[_CONNECTOR_ROWS["value"] == "joined", "word"])  # written attached
JOINED_AND = _RULES.loc[_RULES["kind"] == "conjunction", "word"].iloc[0]
HEAD_ROLES = _pairs("role_code")  # a state body's word -> its CAMEO role (حكومة -> GOV)
GROUP_PLURAL_ENDINGS = tuple(_words("group_plural_ending"))
CLITIC_LETTERS = frozenset(c for c in lexicons.column("affixes", "affix", kind="clitic") if len(c) == 1)
ANER_LABELS = {"PERS", "LOC", "ORG", "MISC"}
PERSON_WORDS = {"PERS", "Politician", "Athlete", "Artist", "Other_PER", "Religious_PER", "Scientist",
                "Businessperson", "Lawyer", "Engineer"}
# NewsFANE fine classes the gazetteer takes, with the actor type they give.
NEWSFANE_CLASSES = {"Politician": "PER", "Government": "ORG", "Group": "MISC", "Non-Governmental": "ORG", "Media": "ORG"}
MIN_GROUP = 5  # NewsFANE groups (peoples, sects) must recur this often: they are named everywhere if at all


@dataclass
class Actor:
    """One row of the gazetteer while it is built."""

    name: str
    type: str
    aliases: list[str]
    adjectives: list[str] = field(default_factory=list)
    country: str = ""
    cameo: str = ""
    sources: list[str] = field(default_factory=list)
    actor_id: str = ""

    @property
    def protected(self) -> bool:
        return bool({"curated", "recent"} & set(self.sources))


@dataclass
class Tally:
    """What became of one source's entries: read, kept as new actors, merged into others, dropped (by reason)."""

    read: int = 0
    kept: int = 0
    merged: int = 0
    dropped: Counter = field(default_factory=Counter)
    ambiguous: int = 0  # aliases (not entries) dropped because two actors share them

    def line(self, source: str) -> str:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(self.dropped.items(), key=lambda kv: (-kv[1], kv[0])))
        return f"{source}: {self.read} read, {self.kept} kept, {self.merged} merged into another actor, " \
               f"{sum(self.dropped.values())} dropped" + (f" ({reasons})" if reasons else "") + \
               (f"; {self.ambiguous} ambiguous alias(es) dropped (shared by two actors)" if self.ambiguous else "")


def key(text: str) -> str:
    """The kit's lookup key of a surface form: folded, spaces removed (as kit.extract.actors indexes aliases)."""
    return fold(text).replace(" ", "")


def display(text: str) -> str:
    """A surface form as the gazetteer writes it: NFC, no diacritics or tatweel, single spaces."""
    return " ".join(strip_diacritics(unicodedata.normalize("NFC", text)).split())


def split_cell(cell: str) -> list[str]:
    return [part.strip() for part in str(cell or "").split("|") if part.strip()]


def derived_id(name: str) -> str:
    """A stable id for a derived actor: the first 10 hex digits of the SHA-1 of its folded name."""
    return "ar-" + hashlib.sha1(key(name).encode("utf-8")).hexdigest()[:10]


def country_of(cameo: str) -> str:
    """The country of a CAMEO actor code (ISO alpha-3), or '' for blocs and role-only codes."""
    return cameo[:3] if cameo[:3] in ISO3 else ""


def nisba_forms(adjective: str) -> list[str]:
    """Folded inflected forms of a nisba adjective, as kit.extract.actors generates them."""
    words = fold(adjective).split()
    suffixes = lexicons.column("affixes", "affix", kind="adjective_suffix")
    return [" ".join(a + w + s for w in words) for s in suffixes for a in ("", ARTICLE)]


def clitics() -> tuple[str, ...]:
    return tuple(fold(c) for c in lexicons.column("affixes", "affix", kind="clitic"))


def readings(folded_word: str, proclitics: tuple[str, ...]) -> list[str]:
    """A folded word as is, and without each proclitic (و ف ب ل ك ...), and لل read as ل + ال."""
    out = [folded_word]
    for clitic in proclitics:
        rest = folded_word[len(clitic):]
        if folded_word.startswith(clitic) and len(rest) >= 2:
            out.append(rest)
    for lead in ("", "و", "ف"):
        if folded_word.startswith(lead + "لل") and len(folded_word) > len(lead) + 3:
            out.append("ا" + folded_word[len(lead) + 1:])
    return out


# --- evidence from the annotated news text ------------------------------------------------------

@dataclass
class Evidence:
    """Counts from ANERcorp (and NewsFANE's spans) that the filters consult."""

    untagged: Counter = field(default_factory=Counter)  # key of an n-gram of untagged tokens -> count
    occurs: Counter = field(default_factory=Counter)  # key of an n-gram, tagged or not -> count
    spans: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # key -> entity label -> count
    first: Counter = field(default_factory=Counter)  # folded word -> times it opens a person's name
    last: Counter = field(default_factory=Counter)  # folded word -> times it ends one
    fane: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # NewsFANE class -> display -> count
    ud_common: Counter = field(default_factory=Counter)  # folded word -> times a treebank has it as a common word
    ud_proper: Counter = field(default_factory=Counter)  # folded word -> times a treebank has it as a proper noun

    def entity_count(self, k: str, labels: set[str] | None = None) -> int:
        found = self.spans.get(k, Counter())
        return sum(n for label, n in found.items() if labels is None or label in labels)

    def seen(self, text: str) -> int:
        """How often the form occurs in the news text, tagged or not."""
        return self.occurs.get(key(text), 0)

    def common(self, text: str) -> bool:
        """Mostly left untagged in the news text, or a common word in the treebanks: not a name.

        Notes: ANERcorp's ORG leaves out state bodies that NewsFANE tags (الحكومة السودانية), so a
        form counts as tagged as often as the annotation that tags it more. PADT 1.3 tags proper nouns NOUN but glosses them with a capital (Gloss=Baghdad).
        """
        k = key(text)
        plain = self.untagged.get(k, 0)
        # the same text annotated twice: tagged as often as the annotation that tags it more
        tagged = max(self.entity_count(k, ANER_LABELS), self.entity_count(k) - self.entity_count(k, ANER_LABELS))
        if plain >= COMMON_MIN and plain > tagged:
            return True
        return " " not in fold(text) and self.ud_common.get(k, 0) > self.ud_proper.get(k, 0)

    def given_name(self, words: list[str]) -> bool:
        """A name that opens longer person names at least as often as it ends one (محمد، عبد الله)."""
        k = fold(" ".join(words))
        return self.first.get(k, 0) > 0 and self.first.get(k, 0) >= self.last.get(k, 0)

    def add_person(self, words: list[str]) -> None:
        """Record the given and family name of a person's name of two or more words."""
        words = [fold(w) for w in words]
        if len(words) < 2:
            return
        self.first[words[0]] += 1
        if len(words) > 2:  # a compound given name (عبد الله، صلاح الدين) opens the name as a unit
            self.first[" ".join(words[:2])] += 1
        self.last[words[-1]] += 1


def _bio_spans(rows: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    """(label, tokens) of each entity in BIO-tagged (token, tag) rows."""
    spans: list[tuple[str, list[str]]] = []
    current: tuple[str, list[str]] | None = None
    for token, tag in rows:
        if tag.startswith("B-") or (tag.startswith("I-") and (current is None or current[0] != tag[2:])):
            if current:
                spans.append(current)
            current = (tag[2:], [token])
        elif tag.startswith("I-") and current:
            current[1].append(token)
        else:
            if current:
                spans.append(current)
            current = None
    if current:
        spans.append(current)
    return spans


def read_aner_text(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.strip().rsplit(" ", 1) if "\t" not in line else line.strip().split("\t")
        if len(parts) == 2 and parts[0]:
            rows.append((unicodedata.normalize("NFC", parts[0]), parts[1].strip()))
    return rows


def read_newsfane(path: Path) -> list[tuple[str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.replace("\u200e", "").replace("\u200f", "").strip().split("\t")
        if len(parts) == 2 and parts[0].strip():
            rows.append((unicodedata.normalize("NFC", parts[0].strip()), parts[1].strip()))
    return rows


def read_ud(path: Path) -> list[tuple[str, bool]]:
    """(word form, whether the treebank calls it a proper noun) for the content words of a CoNLL-U file."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) != 10 or not cols[0].isdigit() or cols[3] not in {"NOUN", "ADJ", "VERB", "ADV", "PROPN", "X"}:
            continue
        gloss = next((f[6:] for f in cols[9].split("|") if f.startswith("Gloss=")), "")
        out.append((cols[1], cols[3] in {"PROPN", "X"} or gloss[:1].isupper()))
    return out


def gather_evidence(aner: list[tuple[str, str]], fane: list[tuple[str, str]], wanted: set[str],
                    ud: list[tuple[str, bool]] = ()) -> Evidence:
    """Untagged n-gram counts (only for the keys in `wanted`), entity spans, given names, treebank word classes."""
    evidence = Evidence()
    for form, proper in ud:
        k = key(form)
        if k in wanted:
            (evidence.ud_proper if proper else evidence.ud_common)[k] += 1
    proclitics = clitics()
    folded = [fold(token) for token, _ in aner]
    plain = [tag == "O" for _, tag in aner]
    for i in range(len(folded)):
        for first in set(readings(folded[i], proclitics)):
            k, untagged = first, plain[i]
            for j in range(i, min(i + MAX_WORDS, len(folded))):
                if j > i:
                    k += folded[j]
                    untagged = untagged and plain[j]
                if k in wanted:
                    evidence.occurs[k] += 1
                    if untagged:
                        evidence.untagged[k] += 1
    for label, tokens in _bio_spans(aner):
        words = [fold(t) for t in tokens]
        for first in set(readings(words[0], proclitics)):
            evidence.spans["".join([first, *words[1:]])][label] += 1
        if label == "PERS":
            evidence.add_person([readings(words[0], proclitics)[-1] if len(words) > 1 else words[0], *words[1:]])
    for label, tokens in _bio_spans(fane):
        text = " ".join(tokens)
        evidence.fane[label][text] += 1
        evidence.spans[key(text)][label] += 1
        if label in PERSON_WORDS:
            evidence.add_person(tokens)
    return evidence


# --- evidence from the unannotated news corpus -----------------------------------------------------

@dataclass
class PlaceEvidence:
    """How often each word of the news corpus follows a place noun (مدينة، محافظة، جزيرة ...), and in all."""

    total: Counter = field(default_factory=Counter)  # folded word -> occurrences
    after: Counter = field(default_factory=Counter)  # folded word -> times right after a place noun
    heads: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # folded word -> place noun -> times
    following: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # word -> its next word -> times
    ends: Counter = field(default_factory=Counter)  # folded word -> times the name ended with it (punctuation, في, و...)
    spelling: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # folded -> surface -> times
    documents: int = 0

    def is_place(self, name: str) -> bool:
        """Named after a place noun at least once, whole: «في مدينة بودابست», «مدينة سانت بطرسبرغ»; not «سانت»
        alone, the first word of several names."""
        words = fold(name).split()
        if not words or not self.after.get(words[0], 0):
            return False
        if len(words) > 1:
            return self.following[words[0]].get(words[1], 0) > 0
        return not self.next_word(words[0]) and not self.opens_names(words[0])

    def opens_names(self, word: str) -> bool:
        """Does a word mostly open longer names (سانت، نيو، نورث: «مدينة سانت بطرسبرغ», «ولاية نورث كارولينا»)?"""
        return self.ends.get(word, 0) < PLACE_END_SHARE * self.after.get(word, 0)

    def next_word(self, word: str) -> str:
        """The word that names a place together with `word`, when it follows it at least half the time (دير الزور)."""
        nexts = self.following.get(word)
        if not nexts:
            return ""
        best, n = max(nexts.items(), key=lambda kv: (kv[1], kv[0]))
        return best if n >= max(2, PLACE_PAIR_SHARE * self.after[word]) else ""


ARABIC_WORD = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
ARABIC_TOKEN = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+|[^\s\w]")  # words, and punctuation one mark at a time


def read_news_texts(folder: Path) -> list[str]:
    """The `text` column of every parquet table under `folder`, in file-name order."""
    import pandas as pd

    files = sorted(folder.glob("*.parquet"))
    if not files:
        raise FileNotFoundError(f"source {folder} holds no parquet tables of news articles (pass --shared DIR)")
    return [t for f in files for t in pd.read_parquet(f, columns=["text"])["text"].dropna()]


def gather_places(texts: Iterable[str]) -> PlaceEvidence:
    """Count, over raw news text, the words that follow a place noun without the article (a construct: مدينة بالو),
    what follows them, and whether the name ends there (punctuation, a preposition or a word joined by و next)."""
    evidence = PlaceEvidence()
    enders = {fold(w) for w in lexicons.column("prepositions")}
    for text_ in texts:
        evidence.documents += 1
        raw = [t for t in ARABIC_TOKEN.findall(strip_diacritics(text_))]
        words = [fold(t) if ARABIC_WORD.fullmatch(t) else t for t in raw]
        evidence.total.update(w for w, t in zip(words, raw) if ARABIC_WORD.fullmatch(t))
        for i in range(len(words) - 1):
            head = words[i][1:] if words[i][:1] in PLACE_HEAD_CLITICS and words[i][1:] in PLACE_HEADS else words[i]
            name = words[i + 1]
            if head not in PLACE_HEADS or not ARABIC_WORD.fullmatch(raw[i + 1]):
                continue
            evidence.after[name] += 1
            evidence.heads[name][head] += 1
            evidence.spelling[name][raw[i + 1]] += 1
            nxt = words[i + 2] if i + 2 < len(words) else "."
            if not ARABIC_WORD.fullmatch(raw[i + 2] if i + 2 < len(raw) else ".") or nxt in enders or nxt[:1] in "وف":
                evidence.ends[name] += 1
            else:
                evidence.following[name][nxt] += 1
                evidence.spelling[name + " " + nxt][raw[i + 1] + " " + raw[i + 2]] += 1
    return evidence


PLACE_HEAD_CLITICS = CLITIC_LETTERS
FEMININE_NISBA = NISBA_ENDINGS[1]  # «مدينة ساحلية»; a masculine ending is a name after these feminine nouns (سولاويسي)
ADJECTIVE_ENDINGS = tuple(fold(a) for a in lexicons.column("affixes", "affix", kind="adjective_suffix"))  # "" ه ون ين ...
PRONOUN_SUFFIXES = tuple(fold(a) for a in lexicons.column("affixes", "affix", kind="pronoun_suffix"))


def _not_a_name(word: str) -> bool:
    """An indefinite word shaped like a feminine participle (منكوبة، محررة: مفعولة) or a verb with an object
    pronoun (يقطنها), or a place noun after و (وبلدة): words that follow place nouns without naming a place."""
    if has_article(word):
        return False
    participle = len(word) in (5, 6) and word[0] == "م" and word[-1] == "ه"
    verb = word[:1] in "يت" and word.endswith(PRONOUN_SUFFIXES) and len(word) > 4
    return participle or verb or (word[:1] in PLACE_HEAD_CLITICS and word[1:] in PLACE_HEADS)


def _state_adjective(word: str, vocabulary: Vocabulary) -> bool:
    """A state's nisba adjective in any form: «جربة التونسية» is جربة, in Tunisia."""
    bare = word[2:] if has_article(word) else word
    return any(bare[: len(bare) - len(end)] in vocabulary.adjectives for end in ADJECTIVE_ENDINGS if bare.endswith(end))

def news_candidates(places: PlaceEvidence, vocabulary: Vocabulary, evidence: Evidence, tally: Tally) -> list[Candidate]:
    """Places the news corpus names after place nouns often, in several ways, and for a fair share of their uses.

    «مدينة درعا» and «محافظة درعا» (323 of 718 uses) make درعا a place; «منطقة الجزاء» (a football pitch's
    box, after one place noun only) and «مدينة ساحلية» (an indefinite adjective) do not. A word whose next word
    follows it at least half the time is named with it (دير الزور، خان شيخون). Towns, provinces and camps are
    GPE, regions and islands LOC (the place noun's type in actors_rules.csv).
    """
    out: list[Candidate] = []
    stops = stop_words() | {fold(w) for w in lexicons.column("prepositions")}
    for word in sorted(places.after):
        n = places.after[word]
        if n < PLACE_MIN:
            continue
        tally.read += 1
        reason = ""
        if n < PLACE_SHARE * places.total[word]:
            reason = "a word that follows place nouns in too few of its uses"
        elif len(places.heads[word]) < PLACE_HEADS_MIN:
            reason = "a word that follows only one kind of place noun"
        elif word in vocabulary.name_parts and word not in vocabulary.places:
            reason = "a given name"
        elif not has_article(word) and word.endswith(FEMININE_NISBA) and word not in vocabulary.places:
            reason = "an adjective (an indefinite feminine nisba after the place noun)"
        elif evidence.common(word) or _not_a_name(word):
            reason = "a common word, a participle or a verb («منطقة منكوبة», «بلدة يقطنها»)"
        second = places.next_word(word)
        if not second and not reason and places.opens_names(word):
            reason = "the first word of several longer names («سانت», «نيو»)"
        if second and not reason and (second in stops or is_nisba(second, vocabulary) or evidence.common(second)
                                      or second[:1] in CLITIC_LETTERS and second[1:] in stops or _not_a_name(second)
                                      or _state_adjective(second, vocabulary)):
            reason = "the first word of a longer name, or followed by a common word («كيليس جنوب»)"
        if reason:
            tally.dropped[reason] += 1
            continue
        name = word + " " + second if second else word
        surface = max(places.spelling[name].items(), key=lambda kv: (kv[1], kv[0]))[0]
        head = max(places.heads[word].items(), key=lambda kv: (kv[1], kv[0]))[0]
        out.append(Candidate([display(surface)], PLACE_HEAD_TYPES.get(head) or "LOC", "", "", "news"))
    return out


# --- hand-kept files -------------------------------------------------------------------------------

def read_hand(path: Path, source: str) -> list[Actor]:
    table = lexicons.load(source, path=path)
    missing = set(HAND_COLUMNS) - set(table.columns)
    if missing:
        raise ValueError(f"{path} lacks column(s) {sorted(missing)}; expected {', '.join(HAND_COLUMNS)}")
    actors = []
    for row in table.itertuples(index=False):
        if row.type not in TYPES:
            raise ValueError(f"{path}: {row.actor_id} has type {row.type!r}; valid types: {', '.join(TYPES)}")
        aliases = split_cell(row.aliases)
        actors.append(Actor(
            name=row.name, type=row.type, aliases=aliases if row.name in aliases else [row.name, *aliases],
            adjectives=split_cell(row.adjectives), country=row.country, cameo=row.cameo,
            sources=[source], actor_id=row.actor_id,
        ))
    ids = Counter(a.actor_id for a in actors)
    duplicates = sorted(i for i, n in ids.items() if n > 1 or not i)
    if duplicates:
        raise ValueError(f"{path}: empty or repeated actor_id(s) {duplicates}")
    return actors


# --- UniversalPetrarch ----------------------------------------------------------------------------

@dataclass
class Coded:
    """A CAMEO code with its date range (yyyymmdd; end 99999999 when open)."""

    code: str
    start: int
    end: int
    dated: bool


_RANGE = re.compile(r"^(?P<code>\S*)\s*(?:(?P<start>\d{8})\s*-\s*(?P<end>\d{8})|>\s*(?P<after>\d{8})|<\s*(?P<before>\d{8}))?\s*$")


def parse_code(cell: str) -> Coded | None:
    """`IRQGOV 20101221-20140908`, `SYRGOV >20000717`, `RUSGOV <19530305` or `LBNREB` -> Coded.

    Notes: UniversalPetrarch writes an open range as an end before its start (often 18000101).
    """
    match = _RANGE.match(cell.strip())
    if not match:
        return None
    code = re.sub(r"[^A-Z]", "", match["code"])
    if match["start"]:
        start, end = int(match["start"]), int(match["end"])
        return Coded(code, start, end if end >= start else 99999999, True)
    if match["after"]:
        return Coded(code, int(match["after"]), 99999999, True)
    if match["before"]:
        return Coded(code, 0, int(match["before"]), True)
    return Coded(code, 0, 0, False)


def read_petrarch(path: Path) -> list[tuple[str, list[Coded]]]:
    """(lemmatised name, its codes) for each entry, in file order; a name may recur."""
    entries: list[tuple[str, list[Coded]]] = []
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = unicodedata.normalize("NFC", raw)
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("\t") and entries:
            for cell in re.findall(r"\[([^\]]*)\]", line):
                coded = parse_code(cell)
                if coded:
                    entries[-1][1].append(coded)
            continue
        name, _, rest = line.strip().partition("[")
        codes = [c for c in (parse_code(cell) for cell in re.findall(r"\[?([^\]]*)\]", "[" + rest)) if c] if rest else []
        entries.append((name.strip(), codes))
    return entries


def usable(code: str) -> bool:
    """A code naming a country or bloc (not a role alone such as GOV or MIL, nor junk such as 000)."""
    return bool(_CODE.fullmatch(code)) and (code[:3] in ISO3 or code[:3] in BLOCS)


def latest(codes: list[Coded]) -> str:
    """The code of the most recent date range (dated ranges before undated codes; ties to the later start)."""
    good = [c for c in codes if usable(c.code)]
    if not good:
        return ""
    best = max(good, key=lambda c: (c.dated, c.end, c.start, -good.index(c)))
    return best.code


@dataclass
class Vocabulary:
    """Word classes the surface rules consult: places, countries, given names, nisba adjectives of states."""

    places: set[str]  # folded names of places as written (with ال where news writes it)
    countries: set[str]  # folded names of states (with and without ال)
    given: set[str]  # folded given names and name parts (ANERcorp's person gazetteer), less places
    adjectives: set[str]  # folded masculine nisba adjectives of known states
    name_parts: set[str] = field(default_factory=set)  # the person gazetteer as it is
    proper: set[str] = field(default_factory=set)  # one-word names the news text tags as entities (فتح، حماس)


def has_article(word: str) -> bool:
    """Written with the article, alone or after a clitic (الشرق، والتنمية، للطاقة)."""
    f = fold(word)
    return any(f.startswith(p) and len(f) > len(p) + 1 for p in ARTICLE_FORMS) and f not in NOT_ARTICLE


def is_nisba(word: str, vocabulary: Vocabulary) -> bool:
    """A nisba adjective (أميركي، الدولية، إسلامي) or a known irregular adjective (عام، أعلى، الأوسط)."""
    f = fold(word)
    bare = f[2:] if f.startswith(ARTICLE) and len(f) > 4 else f
    if bare in ADJECTIVES or bare in vocabulary.adjectives or bare in DESCRIPTIVE:
        return True
    if bare in vocabulary.given or bare in vocabulary.places or f in vocabulary.places:
        return False
    return len(bare) >= 4 and bare.endswith(NISBA_ENDINGS[:2])


def feminine(adjective: str) -> str:
    f = fold(adjective)
    if f in ADJECTIVES:
        return ADJECTIVES[f]
    if f.endswith("ه") or f.endswith("ا"):  # already inflected (اريترية) or ending in alef (عليا)
        return adjective
    return adjective + "ة"


def definite(word: str, vocabulary: Vocabulary) -> str:
    """The word with the article, unless it has one or is a name written without it (مصر، ميونيخ، فتح)."""
    f = fold(word)
    if has_article(word) or f in NOT_ARTICLE:
        return word
    if ARTICLE + f in vocabulary.places:
        return ARTICLE + word
    if f in vocabulary.places or f in vocabulary.given:
        return word
    return ARTICLE + word


def _join(words: list[str]) -> str:
    """Words with the one-letter clitics (ل و ب) attached to the next word; ل + ال written لل."""
    return _attach_letters(words, JOINED)[0]


def _attach_letters(words: list[str], letters: frozenset[str]) -> tuple[str, str]:
    """(the words with each run of `letters` attached to the word after it, the letters left at the end)."""
    out: list[str] = []
    pending = ""
    for w in words:
        if w in letters:
            pending += w
            continue
        if pending:
            w = _attach(pending, w)
            pending = ""
        out.append(w)
    return " ".join(out), pending


def _attach(clitics: str, word: str) -> str:
    """Clitics written onto a word; ل before the article drops the article's alef (ل + الأمم -> للأمم)."""
    lam = LAM_ARTICLE[0]
    if clitics.endswith(lam) and word.startswith(ARTICLE):
        return clitics[:-1] + LAM_ARTICLE + word[len(ARTICLE):]
    return clitics + word


def phrase_forms(words: list[str], vocabulary: Vocabulary) -> list[str]:
    """Surface forms of a lemmatised phrase: the article where a name needs it, adjectives agreeing.

    Notes: in a construct chain (إضافة) only the last noun takes the article (مجلس الأمن); a noun
    followed directly by its adjective takes it too (الاتحاد الأفريقي); adjectives agree with their
    head in definiteness and gender, and non-human broken plurals take feminine agreement (القوات
    الأميركية). Which noun an adjective modifies is not in the lemmas, so both readings are given
    (وزارة الدفاع الأميركية، وزارة الدفاع الأميركي), and nouns in PLURALS also in the plural
    (مجلس حقوق الإنسان). Words the lemmatiser left inflected (الاريترية) stay as they are.
    """
    forms: list[str] = []
    for plural in (False, True):
        if plural and not any(fold(w) in PLURALS for w in words):
            continue
        for agree_first in (True, False):
            forms.append(_join(_inflect(words, vocabulary, plural=plural, agree_first=agree_first)))
    if any(fold(w) in vocabulary.proper for w in words):  # a name the news text tags alone may keep no article (حركة فتح)
        forms += [_join(_inflect(words, vocabulary, plural=False, agree_first=True, bare_names=True))]
    return list(dict.fromkeys(forms))


def _inflect(words: list[str], vocabulary: Vocabulary, *, plural: bool, agree_first: bool, bare_names: bool = False) -> list[str]:
    groups: list[list[str]] = [[]]  # the words between prepositions: a noun chain, then its adjectives
    for w in words:
        if w in CONNECTORS:
            groups.append([w])
            groups.append([])
        else:
            groups[-1].append(w)
    out: list[str] = []
    for n_group, group in enumerate(groups):
        if not group:
            continue
        if len(group) == 1 and group[0] in CONNECTORS:
            out.append(group[0])
            continue
        nouns: list[str] = []
        adjectives: list[str] = []
        for w in group:
            (adjectives if adjectives or (nouns and is_nisba(w, vocabulary)) else nouns).append(w)
        if plural:
            nouns = [PLURALS.get(fold(n), n) if i or n_group or fold(n) in HEAD_PLURALS else n for i, n in enumerate(nouns)]
        chain = list(nouns)
        coordinated = n_group + 2 < len(groups) and groups[n_group + 1] == [JOINED_AND]  # عدل و إحسان: both definite
        if chain and (len(chain) > 1 or adjectives or n_group > 0 or coordinated) and not (
                bare_names and fold(chain[-1]) in vocabulary.proper and ARTICLE + fold(chain[-1]) not in vocabulary.places):
            chain[-1] = definite(chain[-1], vocabulary)
        if len(chain) == 1 and adjectives:
            chain[0] = definite(chain[0], vocabulary)
        head = (nouns[0] if agree_first else nouns[-1]) if nouns else ""
        fem = fold(head).endswith("ه") or (fold(head) in PLURAL_FORMS and fold(head) not in HUMAN_PLURALS)
        inflected = [a if has_article(a) else ARTICLE + (feminine(a) if fem else a) for a in adjectives]
        out.extend(chain + inflected)
    return out


def lemma_words(name: str) -> list[str]:
    """The words of a UniversalPetrarch name: `_`-joined, diacritics and the dagger alef dropped."""
    words = [display(w) for w in re.split(r"[_\s]+", name) if display(w)]
    fixed = []
    for w in words:
        if w.startswith("آل") and len(w) > 4:  # «آلوكالة»: the article misspelt with a madda
            w = "ال" + w[2:]
        fixed.append(w)
    while fixed and fixed[0] in CONNECTORS:  # «ل_اتحاد_الاوروبي_»: a clitic cut off a name
        fixed = fixed[1:]
    return fixed


@dataclass
class Candidate:
    """A derived actor before merging: its forms, type, code and source."""

    forms: list[str]
    type: str
    country: str
    cameo: str
    source: str


def person_name(words: list[str], vocabulary: Vocabulary) -> tuple[list[str], str]:
    """The name in a person entry, and why there is none ('' when there is one).

    Titles, the words of a role and nationality adjectives around the name go: `رئيس_وزير_غوردون_براون_`
    -> غوردون براون; `جون_هاتون_وزير_دفاع_بريطاني_` -> جون هاتون; `رئيس_سوري_` -> none (a role).
    A long name of the `X بن Y بن ...` kind is cut to `X بن Y`, as news writes it.
    """
    def role(w: str, titled: bool) -> bool:
        f = fold(w)
        f = f[2:] if f.startswith(ARTICLE) and f[2:] in TITLES else f
        return f in TITLES or f in CONNECTORS or (titled and (f in ROLE_WORDS or f in ORG_HEADS or f in vocabulary.places
                                                            or ARTICLE + f in vocabulary.places or is_nisba(w, vocabulary) and not has_article(w)))

    titled = fold(" ".join(words[:2])) in TITLE_PHRASES
    start = 2 if titled else 0
    while start < len(words) and (role(words[start], titled) or fold(words[start]) in vocabulary.adjectives):
        titled = titled or fold(words[start]) in TITLES
        start += 1
    rest = words[start:]
    for j, w in enumerate(rest):
        if j and (fold(w) in TITLES or w in CONNECTORS) and fold(w) not in vocabulary.given:
            rest = rest[:j]
            break
    while rest and (fold(rest[-1]) in vocabulary.adjectives or fold(rest[-1]) in ROLE_WORDS) and fold(rest[-1]) not in ORDINALS:
        rest = rest[:-1]
    out = [ARTICLE + w if fold(w) in ORDINALS else "آل" if w == "ال" else w for w in rest]
    if not out:
        return [], "a role, not a named actor"
    if len(fold(" ".join(out)).split()) > MAX_WORDS and len(out) > 2 and fold(out[1]) in NAME_LINKS:
        second = next((i for i in range(2, len(out)) if fold(out[i]) in NAME_LINKS), len(out))
        out = out[:second]
    if any(len(fold(w)) < 2 or w in CONNECTORS for w in out) or fold(out[-1]) in INCOMPLETE:
        return [], "not a clean name (a clitic or letter left over)"
    if any(fold(w) in vocabulary.countries or fold(w) in vocabulary.adjectives or fold(w) in DESCRIPTIVE
           or fold(w) in ORG_HEADS or fold(w) in NOT_PERSON for w in out):
        return [], "a description naming a state, not a name"
    if has_article(out[0]) and _bare(out[-1]) in vocabulary.adjectives:
        return [], "a role left without its title (الخارجية السعودي), not a name"
    if (has_article(out[-1]) and _bare(out[-1]).endswith(NISBA_PLURALS)) or _bare(out[0]) in PLURAL_FORMS | HEAD_PLURALS | HUMAN_PLURALS:
        return [], "a group of people (العسكريون الكازاخيون), not a person"
    if len(out) < 2:
        return [], "person named by one word (the kit links family names within a document)"
    return out, ""


def _bare(word: str) -> str:
    """A word folded and without its article: السعودي -> سعودي."""
    f = fold(word)
    return f[len(ARTICLE):] if f.startswith(ARTICLE) and len(f) > len(ARTICLE) + 2 else f


def petrarch_candidates(entries: list[tuple[str, list[Coded]]], vocabulary: Vocabulary, evidence: Evidence,
                        tally: Tally) -> list[Candidate]:
    """UniversalPetrarch entries as candidates: surface forms, type and the latest CAMEO code.

    Entries whose surface forms coincide (بشار_الأسد_, رئيس_سوري_بشار_الأسد_) are one candidate
    with the codes of all.
    """
    by_name: dict[str, list[Coded]] = {}  # a name listed twice is one entry with the codes of both
    for name, codes in entries:
        by_name.setdefault(name, []).extend(codes)
    tally.read = len(by_name)
    grouped: dict[str, tuple[list[str], str, list[Coded]]] = {}
    for name, codes in by_name.items():
        kind, forms, reason = petrarch_forms(lemma_words(name), codes, vocabulary, evidence)
        if reason:
            tally.dropped[reason] += 1
            continue
        forms = [display(f) for f in forms]
        k = key(forms[0])
        if k in grouped:
            old_forms, old_kind, old_codes = grouped[k]
            grouped[k] = (list(dict.fromkeys(old_forms + forms)), old_kind, old_codes + codes)
            tally.merged += 1
        else:
            grouped[k] = (forms, kind, list(codes))
    out = []
    for k, (forms, kind, codes) in grouped.items():
        cameo = latest(codes)
        out.append(Candidate(forms=forms, type=kind, country=country_of(cameo), cameo=cameo, source="petrarch"))
    return out


def petrarch_forms(words: list[str], codes: list[Coded], vocabulary: Vocabulary, evidence: Evidence) -> tuple[str, list[str], str]:
    """(type, surface forms, '') for one entry, or ('', [], why it is dropped)."""
    if not words or any(not re.fullmatch(r"[\u0621-\u064A]+", w) for w in words):
        return "", [], "not an Arabic name"
    if len(words) == 1 and {fold(words[0]), fold(ARTICLE + words[0])} & vocabulary.name_parts:
        return "", [], "one word that is also part of people's names"
    cameo = latest(codes)
    if not cameo:
        return "", [], "no country or bloc in its code (a role noun)"
    head = fold(words[0])
    if head in ORG_HEADS and not (head in PLACE_HEADS and cameo in ISO3):
        return "ORG", phrase_forms(words, vocabulary), ""
    if len(cameo) == 3 and cameo in ISO3:  # a place, coded with its country
        if len(words) > 1 and is_nisba(words[-1], vocabulary):
            return "", [], "a description of a state (noun + nisba)"
        if len(words) == 1 and (fold(words[0]) in vocabulary.adjectives or is_nisba(words[0], vocabulary)):
            return "", [], "a nisba adjective (its state's adjective forms cover it)"
        forms = _single_forms(words[0], vocabulary, evidence) if len(words) == 1 else phrase_forms(words, vocabulary)
        k = key(forms[0])
        places = {"LOC", "Nation", "Population-Center", "State-or-Province", "County-or-District"}
        if fold(forms[0]) not in vocabulary.countries and evidence.entity_count(k, places) < RECUR_MIN:
            return "", [], "a place that does not recur in the news text (a location, not an actor)"
        if len(words) == 1 and fold(words[0]) in vocabulary.name_parts | {fold(f) for f in forms} & vocabulary.name_parts:
            return "", [], "a place name that is also a person's name"
        return "GPE", forms, ""
    if head in TITLES:
        person, reason = person_name(words, vocabulary)
        return ("PER", [" ".join(person)], "") if person else ("", [], reason)
    kind = _named_type(words, cameo, evidence, vocabulary)
    if kind == "PER":
        person, reason = person_name(words, vocabulary)
        return ("PER", [" ".join(person)], "") if person else ("", [], reason)
    if len(words) == 1:
        forms = _single_forms(words[0], vocabulary, evidence)
        if evidence.entity_count(key(forms[0])) < RECUR_MIN or kind == "MISC":
            return "", [], "one word that does not recur as a name in the news text"
        if is_nisba(forms[0], vocabulary):
            return "", [], "a nisba adjective (its state's adjective forms cover it)"
        return kind, forms, ""
    return kind, phrase_forms(words, vocabulary), ""


def _single_forms(word: str, vocabulary: Vocabulary, evidence: Evidence) -> list[str]:
    """A one-word name as is, or with the article when news writes it so (صين -> الصين)."""
    f = fold(word)
    with_article = ARTICLE + word
    if not has_article(word) and (ARTICLE + f in vocabulary.places or evidence.entity_count(key(with_article)) > evidence.entity_count(f)):
        return [with_article]
    return [word]


def _named_type(words: list[str], cameo: str, evidence: Evidence, vocabulary: Vocabulary) -> str:
    """PER or ORG (or the type the news text gives a single word) for a named entry that is no place.

    Notes: a given name first means a person (طارق حميد, a journalist coded GBRMED); otherwise a
    bloc code (IGO, NGO ...) or a media or business role means an organisation (لو موند).
    """
    if len(words) == 1:
        labels = evidence.spans.get(key(words[0]), Counter()) + evidence.spans.get(key(ARTICLE + words[0]), Counter())
        if labels:
            label = max(sorted(labels), key=lambda lab: labels[lab])
            return "PER" if label in PERSON_WORDS else "GPE" if label in PLACE_WORDS else "ORG" if label in ORG_WORDS else "MISC"
    if fold(words[0]) in vocabulary.given or evidence.first.get(fold(words[0]), 0):
        return "PER"
    if cameo[:3] in BLOCS or cameo[3:].startswith(("MED", "BUS")):
        return "ORG"
    return "PER"


PLACE_WORDS = {"LOC", "Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster"}
ORG_WORDS = {"ORG", "Government", "Non-Governmental", "Media", "Group", "Commercial", "Sports", "Educational", "Police"}
POLITICAL_ORG_WORDS = {"Government", "Non-Governmental", "Media", "Police"}


# --- ANERcorp gazetteers -------------------------------------------------------------------------

def read_lines(path: Path) -> list[str]:
    return [display(line) for line in path.read_text(encoding="utf-8-sig").splitlines()]


def aner_countries(path: Path) -> list[tuple[str, list[str]]]:
    """(country, its towns) from the place gazetteer: continents between `====`, then blocks between
    `****` alternating the country names (the last one owns the towns) and the towns."""
    out: list[tuple[str, list[str]]] = []
    blocks: list[list[str]] = [[]]
    for line in read_lines(path):
        if line == "====":
            blocks.append(["===="])
            blocks.append([])
        elif line == "****":
            blocks.append([])
        elif line:
            blocks[-1].append(line)
    expecting_towns = False
    for n, block in enumerate(blocks):
        if block == ["===="]:
            expecting_towns = False
            continue
        if not block or (0 < n < len(blocks) - 1 and blocks[n - 1] == blocks[n + 1] == ["===="]):
            continue  # a continent's heading
        if expecting_towns:
            out[-1][1].extend(block)
        else:
            out.extend((name, []) for name in block)
        expecting_towns = not expecting_towns
    return out


def aner_candidates(folder: Path, states: dict[str, str], vocabulary: Vocabulary, evidence: Evidence,
                    places: PlaceEvidence, tally: Tally) -> list[Candidate]:
    """ANERcorp's place and organisation gazetteers, where the names recur as entities in its news text.

    Places: the states, and towns that recur as places in ANERcorp or that the news corpus names after a
    place noun («مدينة بودابست»), with their state's code. Organisations:
    those NewsFANE's annotators classed as government, non-governmental or media (not the football
    clubs and car makers the gazetteer also lists). The person gazetteer holds parts of names, one
    word each: no actor, but evidence of given names.
    """
    out: list[Candidate] = []
    names = {n for n in read_lines(folder / ANER_GAZETTEERS["PERS"]) if n}
    tally.read += len(names)
    for n in names:
        tally.dropped["person name part (one word)" if len(n.split()) < 2 else "person name without evidence"] += 1
    seen: set[str] = set()
    for country, towns in aner_countries(folder / ANER_GAZETTEERS["LOC"]):
        code = states.get(key(country), "")
        for place, is_state in [(country, True), *((town, False) for town in towns)]:
            if place in seen or place in {"====", "****"}:
                continue
            seen.add(place)
            tally.read += 1
            k = key(place)
            if evidence.entity_count(k, PLACE_WORDS) < RECUR_MIN and not places.is_place(place):
                tally.dropped["a place that neither recurs in the news text nor follows a place noun in the corpus"] += 1
                continue
            if fold(place) in vocabulary.name_parts:
                tally.dropped["a place name that is also a given name"] += 1
                continue
            own = states.get(k, code if not is_state else "")
            out.append(Candidate([place], "GPE" if is_state or own else "LOC", own, own, "anercorp"))
    for line in sorted(set(read_lines(folder / ANER_GAZETTEERS["ORG"]))):
        if not line or set(line) <= set("=-*|"):
            continue
        tally.read += 1
        k = key(line)
        fine = Counter({label: n for label, n in evidence.spans.get(k, Counter()).items() if label in ORG_WORDS - {"ORG"}})
        political = sum(n for label, n in fine.items() if label in POLITICAL_ORG_WORDS)
        if evidence.entity_count(k, {"ORG"}) < RECUR_MIN:
            tally.dropped["an organisation that does not recur in the news text"] += 1
        elif political * 2 <= sum(fine.values()):
            tally.dropped["a club or company (NewsFANE's class), not a political actor"] += 1
        else:
            out.append(Candidate([line], "ORG", "", "", "anercorp"))
    return out


# --- NewsFANE ------------------------------------------------------------------------------------

def newsfane_candidates(evidence: Evidence, vocabulary: Vocabulary, states: dict[str, str], adjectives: dict[str, str],
                        tally: Tally) -> list[Candidate]:
    """NewsFANE's politicians, government bodies, groups, organisations and outlets that are actors.

    NewsFANE splits clitics off words (ف يديل كاسترو, ل الجزيرة): they are joined back. A
    politician needs a name of two words; other names must recur; a government body must name its
    state (الحكومة السودانية: SDNGOV), since «وزارة الخارجية» alone could be any state's.
    """
    out: list[Candidate] = []
    for label, kind in NEWSFANE_CLASSES.items():
        merged: Counter = Counter()
        shown: dict[str, str] = {}
        for mention, n in sorted(evidence.fane.get(label, Counter()).items()):
            surface = _join_split(mention.split())
            first = fold(surface.split()[0]) if surface else ""
            for lead in ARTICLE_FORMS:  # «للحكومة الإسرائيلية», «والجيش ...»: the name with its article
                if lead != ARTICLE and first.startswith(lead) and len(first) > len(lead) + 2:
                    surface = ARTICLE + surface[len(lead):]
                    break
            if not surface or any(not re.fullmatch(r"[\u0621-\u064A]{2,}", w) for w in surface.split()):
                tally.read += 1
                tally.dropped["not a clean name (a clitic or letter left over)"] += 1
                continue
            k = key(surface)
            merged[k] += n
            shown.setdefault(k, surface)
        tally.read += len(merged)
        for k in sorted(merged):
            surface = shown[k]
            words = surface.split()
            if kind == "PER":
                person, reason = person_name(words, vocabulary)
                if reason:
                    tally.dropped[reason] += 1
                    continue
                out.append(Candidate([" ".join(person)], kind, "", "", "newsfane"))
                continue
            country = _country_in(words, states, adjectives)
            if kind == "MISC" and not has_article(words[0]):
                tally.dropped["a people named without the article (a common noun: مسلمين)"] += 1
                continue
            if kind == "MISC" and _nisba_plural(words[-1]):
                tally.dropped["a people named by a nisba plural (its state's adjective forms cover it)"] += 1
                continue
            if merged[k] < (MIN_GROUP if kind == "MISC" else RECUR_MIN) and not (label == "Government" and country):
                tally.dropped["does not recur"] += 1
                continue
            if label == "Government" and not country:
                tally.dropped["a government body that names no state"] += 1
                continue
            role = "MED" if label == "Media" else next((HEAD_ROLES[b] for w in words for b in (fold(w), fold(w)[2:]) if b in HEAD_ROLES), "")
            cameo = country + role if country and role else country if label == "Government" else ""
            out.append(Candidate([surface], kind, country, cameo, "newsfane"))
    return out


def _join_split(words: list[str]) -> str:
    """Join NewsFANE's split clitics back onto their word: ف يديل -> فيديل, و الاجتماعي -> والاجتماعي."""
    joined, dangling = _attach_letters(words, CLITIC_LETTERS)
    return "" if dangling else joined


def _nisba_plural(word: str) -> bool:
    f = fold(word)
    return f.endswith(GROUP_PLURAL_ENDINGS)


def _country_in(words: list[str], states: dict[str, str], adjectives: dict[str, str]) -> str:
    """The state a phrase names by its name or nisba adjective (الحكومة السودانية -> SDN)."""
    for w in words:
        f = fold(w)
        bare = f[2:] if f.startswith(ARTICLE) else f
        for form in (f, bare):
            if form in states and states[form]:
                return states[form]
        for form in (bare, bare[:-1] if bare.endswith("ه") else bare):
            if form in adjectives:
                return adjectives[form]
    return ""


# --- merging ---------------------------------------------------------------------------------------

@dataclass
class Filters:
    """What may never be an alias: common words, titles, non-actors, too-short or too-long forms."""

    stops: set[str]
    evidence: Evidence
    states: set[str] = field(default_factory=set)  # folded state names and nisba adjectives

    def names_state(self, form: str) -> bool:
        """A phrase naming a state or its adjective (الحكومة السودانية): a state body, however often untagged."""
        words = fold(form).split()
        return len(words) > 1 and any(w in self.states or w[2:] in self.states or w[2:-1] in self.states for w in words)

    def reason(self, form: str) -> str:
        k = key(form)
        if len(k) < MIN_LETTERS:
            return "shorter than 3 letters"
        if len(fold(form).split()) > MAX_WORDS:
            return f"longer than {MAX_WORDS} words"
        if k in self.stops:
            return "a title or non-actor word"
        if self.evidence.common(form) and not self.names_state(form):
            return "a common word in the news text"
        return ""


def stop_words() -> set[str]:
    """Folded keys of titles.csv and non_actors.csv, with and without the article."""
    words = set()
    for name, column in (("non_actors", "word"), ("titles", "title")):
        for w in lexicons.load(name)[column]:
            f = key(w)
            words |= {f, f[2:] if f.startswith(ARTICLE) else ARTICLE + f}
    return words


def merge(protected: list[Actor], candidates: list[Candidate], filters: Filters, tallies: dict[str, Tally]) -> list[Actor]:
    """Add the derived candidates to the hand-kept actors.

    A candidate any of whose forms is already an actor's name or alias joins that actor (adding its
    source, its other forms, and its code where the actor has none). An alias (not a name) claimed
    by two actors names neither for sure and is dropped from both; hand-kept aliases stay put.
    """
    owner: dict[str, Actor] = {}  # names of all actors and the hand-kept aliases and adjective forms
    for actor in protected:
        for form in actor.aliases:
            owner.setdefault(key(form), actor)
        for adjective in actor.adjectives:
            for form in nisba_forms(adjective):
                owner.setdefault(form.replace(" ", ""), actor)
    claims: dict[str, list[Actor]] = defaultdict(list)  # derived aliases -> the actors that carry them
    actors = list(protected)
    for candidate in candidates:
        tally = tallies[candidate.source]
        forms = sorted(dict.fromkeys(candidate.forms), key=lambda f: not filters.evidence.seen(f))  # attested first
        if candidate.type in {"GPE", "LOC"}:  # a place written without its article (مغرب، يونان)
            forms += [ARTICLE + f for f in forms if " " not in f and not has_article(f) and key(ARTICLE + f) in owner]
        # the same actor: any spelling is a hand-kept actor's alias, or the name is another actor's name or alias
        target = next((owner[key(f)] for f in forms if key(f) in owner and (owner[key(f)].protected or f == forms[0])), None) \
            or (claims[key(forms[0])][0] if len(claims.get(key(forms[0]), ())) == 1 else None) or _same_person(candidate, owner)
        if target is not None:
            _absorb(target, candidate)
            for f in forms:  # only spellings the news text attests join an actor that has its own
                k = key(f)
                if candidate.type in {"GPE", "LOC"} and " " not in f and not has_article(f) and key(ARTICLE + f) in owner:
                    continue  # the dictionary's lemma of a place named with the article: «مغرب» is sunset, «المغرب» Morocco
                if k not in owner and target not in claims[k] and not filters.reason(f) and filters.evidence.seen(f):
                    claims[k].append(target)
                    target.aliases.append(f)
            tally.merged += 1
            continue
        reason = filters.reason(forms[0])
        if reason:
            tally.dropped[reason] += 1
            continue
        if candidate.type == "PER" and filters.evidence.given_name(fold(forms[0]).split()):
            tally.dropped["a given name alone"] += 1
            continue
        good = [f for f in forms if not filters.reason(f)][:MAX_ALIASES]
        actor = Actor(name=good[0], type=candidate.type, aliases=good, country=candidate.country,
                      cameo=candidate.cameo, sources=[candidate.source], actor_id=derived_id(good[0]))
        owner[key(actor.name)] = actor
        for f in good[1:]:
            claims[key(f)].append(actor)
        actors.append(actor)
        tally.kept += 1
    for k, claimants in claims.items():
        holder = owner.get(k)
        if holder is None and len(claimants) < 2:
            continue
        for actor in claimants:
            if actor is holder:
                continue
            actor.aliases = [a for a in actor.aliases if key(a) != k]
            tallies[_first_derived(actor)].ambiguous += 1
    return actors


def _same_person(candidate: Candidate, owner: dict[str, Actor]) -> Actor | None:
    """The hand-kept person a derived name spells differently: same family name (a hand-kept alias on
    its own, such as نتنياهو) and a given name within two letters (بنجامين / بنيامين نتنياهو)."""
    words = fold(candidate.forms[0]).split()
    if candidate.type != "PER" or len(words) < 2:
        return None
    actor = owner.get(key(words[-1]))
    if actor is None or not actor.protected or actor.type != "PER" or candidate.country not in {"", actor.country}:
        return None
    firsts = {fold(a).split()[0] for a in actor.aliases if len(fold(a).split()) > 1}
    return actor if any(_distance(words[0], f) <= 2 for f in firsts) else None


def _distance(a: str, b: str) -> int:
    """Levenshtein distance between two short words."""
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (ca != cb))
    return row[-1]


def _first_derived(actor: Actor) -> str:
    return next((s for s in actor.sources if s not in {"curated", "recent"}), actor.sources[0])


def _absorb(target: Actor, candidate: Candidate) -> None:
    if candidate.source not in target.sources:
        target.sources.append(candidate.source)
    if not target.cameo and candidate.cameo:
        target.cameo = candidate.cameo
    if not target.country and candidate.country:
        target.country = candidate.country


# --- the whole build -------------------------------------------------------------------------------

def build(shared: str | Path = DEFAULT_SHARED, *, curated: str | Path = CURATED, recent: str | Path = RECENT) -> str:
    """The text of actors.csv, built from the sources under `shared` and the two hand-kept files."""
    shared = Path(shared)
    for part in (PETRARCH_FILE, PETRARCH_DIR / "LICENSE", ANER_TEXT, NEWSFANE_FILE, NEWS_DIR, *UD_FILES,
                 *(ANER_DIR / f for f in ANER_GAZETTEERS.values())):
        if not (shared / part).exists():
            raise FileNotFoundError(f"source {shared / part} is missing (pass --shared DIR)")
    tallies = {source: Tally() for source in SOURCES}
    hand = read_hand(Path(curated), "curated") + read_hand(Path(recent), "recent")
    for source in ("curated", "recent"):
        tallies[source].read = tallies[source].kept = sum(a.sources == [source] for a in hand)

    # what the hand-kept files and the sources say about places, states and names
    entries = read_petrarch(shared / PETRARCH_FILE)
    states = {key(form): a.country for a in hand if a.type == "GPE" and a.country for form in a.aliases}
    adjectives = {fold(adj): a.country for a in hand if a.country for adj in a.adjectives}
    coded_places = {}
    for name, codes in entries:
        words, cameo = lemma_words(name), latest(codes)
        if len(words) == 1 and cameo in ISO3 and not key(words[0]).endswith(NISBA_ENDINGS[:2]):  # not سوري [SYR]
            coded_places.setdefault(key(words[0]), cameo)
    countries = {fold(a.name) for a in hand if a.type == "GPE" and a.cameo == a.country and a.country}
    aner_states = aner_countries(shared / ANER_DIR / ANER_GAZETTEERS["LOC"])
    countries |= {fold(c) for c, _ in aner_states}
    countries |= {c[2:] for c in countries if c.startswith(ARTICLE)} | {ARTICLE + c for c in countries}
    for country in countries:  # the dictionary's code of each state the gazetteer lists
        if country in coded_places:
            states.setdefault(country, coded_places[country])
    for k, code in coded_places.items():
        if ARTICLE + k in countries:
            states.setdefault(ARTICLE + k, code)
    places = {fold(f) for a in hand if a.type in {"GPE", "LOC"} for f in a.aliases}
    places |= {fold(n) for n in read_lines(shared / ANER_DIR / ANER_GAZETTEERS["LOC"]) if n and n[0] not in "*="}
    places |= set(coded_places)
    given = {fold(n) for n in read_lines(shared / ANER_DIR / ANER_GAZETTEERS["PERS"]) if n and len(n.split()) == 1}
    aner = read_aner_text(shared / ANER_TEXT)
    fane = read_newsfane(shared / NEWSFANE_FILE)
    single = Counter(fold(tokens[0]) for _, tokens in _bio_spans(aner) + _bio_spans(fane) if len(tokens) == 1)
    plain = Counter(fold(token) for token, tag in aner if tag == "O")
    proper = {w for w, n in single.items() if n >= RECUR_MIN and n > plain[w] and not w.startswith(ARTICLE)} - given
    vocabulary = Vocabulary(places=places, countries=countries, given=given - places, adjectives=set(adjectives),
                            name_parts=given, proper=proper)
    wanted: set[str] = set()  # every form a source could contribute, so the evidence counts only those
    for name, _ in entries:
        words = lemma_words(name)
        if words:
            for form in phrase_forms(words, vocabulary) + [" ".join(words)]:
                wanted |= {key(form), key(ARTICLE + form)}
    wanted |= {key(n) for part in ANER_GAZETTEERS.values() for n in read_lines(shared / ANER_DIR / part) if n}
    places_seen = gather_places(read_news_texts(shared / NEWS_DIR))
    for word, n in places_seen.after.items():
        if n >= PLACE_MIN:
            wanted |= {key(word), key(places_seen.next_word(word) or word)}
    wanted |= {key(" ".join(tokens)) for _, tokens in _bio_spans(fane)}
    wanted |= {key(_join_split(tokens)) for _, tokens in _bio_spans(fane)}
    evidence = gather_evidence(aner, fane, wanted, [w for path in UD_FILES for w in read_ud(shared / path)])
    for a in hand:
        if a.type == "PER":
            for alias in a.aliases:
                evidence.add_person(alias.split())

    candidates = petrarch_candidates(entries, vocabulary, evidence, tallies["petrarch"])
    candidates += aner_candidates(shared / ANER_DIR, states, vocabulary, evidence, places_seen, tallies["anercorp"])
    candidates += newsfane_candidates(evidence, vocabulary, states, adjectives, tallies["newsfane"])
    candidates += news_candidates(places_seen, vocabulary, evidence, tallies["news"])
    filters = Filters(stops=stop_words(), evidence=evidence, states=vocabulary.countries | vocabulary.adjectives)
    actors = merge(hand, candidates, filters, tallies)
    notice = (shared / PETRARCH_DIR / "LICENSE").read_text(encoding="utf-8").strip()
    return render(actors, tallies, notice)


def render(actors: list[Actor], tallies: dict[str, Tally], notice: str) -> str:
    """The CSV text: the `#` header, the column line, hand-kept rows in file order, then derived rows sorted."""
    hand = [a for a in actors if a.protected]
    derived = sorted((a for a in actors if not a.protected), key=lambda a: (a.country or "~", a.type, key(a.name), a.actor_id))
    lines = [f"# {line}".rstrip() for line in HEADER.strip("\n").splitlines()]
    lines += [f"#   {tallies[s].line(s)}" for s in SOURCES]
    lines += ["#", "# The rows from petrarch are derived from UniversalPetrarch's Arabic actor dictionary, whose licence follows:", "#"]
    lines += [f"#   {line}".rstrip() for line in notice.splitlines()]
    lines.append(",".join(COLUMNS))
    for a in hand + derived:
        cells = [a.actor_id, a.name, a.type, "|".join(dict.fromkeys(a.aliases)), "|".join(a.adjectives),
                 a.country, a.cameo, "|".join(s for s in SOURCES if s in a.sources)]
        lines.append(",".join(_cell(c) for c in cells))
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    if any(c in text for c in ',"\n#'):
        if "#" in text:
            raise ValueError(f"a '#' in {text!r} would be read as a comment by kit.lexicons")
        return '"' + text.replace('"', '""') + '"'
    return text


HEADER = """
The actor dictionary: states (with capitals used as metonyms for governments and the adjectives
that name them), international and government bodies, parties, armed groups, people and outlets.
GENERATED by `python -m kit.lexicons.build_actors` from the sources below: edit
actors_curated.csv or actors_recent.csv (or the build rules), never this file.
actor_id: stable id of the actor (kept in every table); hand-kept rows keep their own ids, derived
         rows are "ar-" + the first 10 hex digits of the SHA-1 of the folded name
name: the display name
type: PER, ORG, GPE, LOC or MISC (wins over the NER model's label)
aliases: "|"-joined surface forms that name the actor (matched after orthographic folding,
         with attached clitics و ف ب ل ك and لل; "بيونغ يانغ" also matches "بيونغيانغ")
adjectives: "|"-joined masculine singular adjectives naming the state; their feminine, plural
         and definite forms are generated (أمريكي -> الأمريكية, الأمريكيون, ...)
country: ISO 3166 alpha-3 code of the actor's state, or empty (international bodies, unknown)
cameo: CAMEO actor code (country or bloc, then roles: SYRGOV, LBNREB, IGO, USAMED), or empty
source: "|"-joined sources the row comes from: curated (actors_curated.csv: common Arabic news
         spellings, Al Jazeera, BBC Arabic and Asharq Al-Awsat usage, both أمريكي and أميركي),
         recent (actors_recent.csv: actors of 2014-2024 the open sources predate; cameo of the
         latest role held then), petrarch (UniversalPetrarch's Arabic actor dictionary, MIT:
         lemmatised names turned into surface forms, CAMEO code of the latest date range),
         anercorp (ANERcorp gazetteers: states, towns and political organisations recurring as
         entities in ANERcorp's news text), newsfane (NewsFANE Politician / Government / Group /
         Non-Governmental / Media mentions), news (places that ../shared/corpora/news, about 60,000
         unannotated articles, names after place nouns: «مدينة درعا», «محافظة درعا»). ANERcorp's
         tagged text and the UD Arabic treebanks (PADT, PUD) serve as evidence only: which names
         recur, which words are common.
Rules: an alias is dropped when it is shorter than 3 letters, longer than 6 words, a title or
non-actor word (titles.csv, non_actors.csv), or a common word (left untagged in ANERcorp more
often than tagged, or a common noun in the treebanks); a person needs two words beyond any title
and is no given name alone (محمد، عبد الله); roles without a name (رئيس سوري), generic role
nouns, descriptions of a state (قوة أميركية) and places that do not recur in news are no actors;
an alias two actors share is dropped from both (a hand-kept actor keeps its own).
Counts per source:
"""


def main(argv: list[str] | None = None) -> int:
    return build_command(argv, module="kit.lexicons.build_actors", description=__doc__.splitlines()[0], build=build,
                         out=OUT, rows="actors")


def build_command(argv: list[str] | None, *, module: str, description: str, build: Callable[[str | Path], str], out: Path,
                  rows: str) -> int:
    """The command line of a lexicon build (`--shared`, `--out`, `--check`): write the built file or check it is current."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=description)
    parser.add_argument("--shared", default=str(DEFAULT_SHARED), help="folder with the open sources (default: ../shared beside the repo)")
    parser.add_argument("--out", default=str(out), help=f"where to write the {rows} (default: {out.relative_to(ROOT)})")
    parser.add_argument("--check", action="store_true", help="build in memory; exit 1 if the file differs")
    args = parser.parse_args(argv)
    return write_or_check(build(args.shared), Path(args.out), check=args.check, module=module, rows=rows)


def write_or_check(text: str, out: Path, *, check: bool, module: str, rows: str) -> int:
    """Write a built lexicon, or with `check` compare it with the shipped file: the exit status (1 when stale)."""
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            changed = len(set(current.splitlines()) ^ set(text.splitlines()))
            print(f"{out} is out of date ({changed} line(s) differ); rebuild with python -m {module}", file=sys.stderr)
            return 1
        print(f"{out} is up to date")
        return 0
    out.write_text(text, encoding="utf-8")
    count = text.count("\n") - sum(1 for line in text.splitlines() if line.startswith("#")) - 1  # less the column line
    print(f"wrote {out}: {count} {rows}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
