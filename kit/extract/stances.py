"""Who warns, condemns, supports or cooperates with whom: one row per stance cue with a holder and a target.

Cues come from a lexicon with a label, a polarity and a kind. For an `attitude` cue (حذر، أدان،
أيد) the holder is the speaker of the claim it belongs to, else the cue's subject; for an
`event` cue inside a claim (انتهاك، تتحدى) the holder is the speaker who so judges it and the
targets are the actors said to commit it; objecting to a hostile act (أدان العدوان على سوريا) targets
who commits it, never its victim (hostile_acts.csv); a `relation` cue (تعاون، التقى) links its agent to its
partner; an `act` noun (غارات، مساعدات) is done by the actor named after it or its verb's subject to the
actor its preposition marks. Targets are the cue's object or prepositional object, both parties of a relation
(`العلاقات بين روسيا وكوريا الشمالية`), or else the actors named in the claim's content (never for a demand,
aimed at whom it addresses); a state's embassy or consulate as a target stands for the state (missions.csv). A
negator just before the cue turns a negative stance to 0 and a positive one to -1. Each stance carries
the CAMEO event code of its cue (`cameo`): the cue row's own code, else its label's (stance_labels.csv);
a negated cue has none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from pathlib import Path

import pandas as pd

from kit import lexicons
from kit.nlp import Parsed
from kit.schema import TableSpec
from kit.extract.context import (
    ARTICLE, CLAUSE_BREAKS, IMPERFECT_PERSONS, LAM_ARTICLE, PREPOSITIONS, QUOTE_MARKS, MentionSpan, Party, Token, adjectival, clitic_readings, conjuncts, each_document,
    has_article, mentions_by_doc, other_persons, sentence_tokens,
)
from kit.text import fold

STANCES = TableSpec.of(
    "stances",
    "stance_id doc_id sent_idx:int64 holder holder_actor_id target target_actor_id polarity:int64 label cue negated:bool"
    " claim_id start_char:int64 end_char:int64 evidence cameo",
)
STANCE_MATRIX = TableSpec.of("stance_matrix", "holder_actor_id target_actor_id mean_polarity:float64 n:int64")
STANCE_COLUMNS, MATRIX_COLUMNS = STANCES.names, STANCE_MATRIX.names
NETWORK_COLUMNS = ["source", "target", "weight", "sign", "mean_polarity", "n"]
LABELS = {  # the stance labels of DESIGN.md with their polarity
    "warn": -1, "concern": -1, "condemn": -1, "criticise": -1, "accuse": -1, "threaten": -1, "reject": -1,
    "violation": -1, "challenge": -1, "oppose": -1, "demand": -1, "sanction": -1, "attack": -1,
    "support": 1, "cooperate": 1, "agree": 1, "praise": 1, "welcome": 1, "contact": 0,
}
SYMMETRIC_LABELS = frozenset({"cooperate", "agree", "contact"})  # A with B is B with A
HEARSAY_LABELS = frozenset({"accuse", "threaten", "criticise"})  # with the article and no one named, a noun cue («الاتهامات») tells of others' words
ADDRESSED_LABELS = frozenset({"demand"})  # aimed at whom it addresses (دعت روسيا المجلس إلى ...), not at its content
KINDS = ("attitude", "event", "relation", "act")
REACH = 8  # tokens from a cue to its subject, object or prepositional target
BETWEEN_REACH = 14  # tokens from بين to the second party of a relation
COMPLEMENTIZERS = frozenset(fold(w) for w in lexicons.column("complementizers"))
BETWEEN = fold(lexicons.column("pattern_words", role="between")[0])
CAUSE_FROM = fold(lexicons.column("pattern_words", role="cause_from")[0])
RELATIVE_WHAT = fold(lexicons.column("pattern_words", role="relative_what")[0])
HOSTILE_ACTS = frozenset(fold(w) for w in lexicons.column("hostile_acts", "word", kind="act"))
VICTIM_MARKERS = frozenset(fold(w) for w in lexicons.column("hostile_acts", "word", kind="victim_marker"))
MISSION_HEADS = frozenset(fold(w) for w in lexicons.column("missions", "head"))
FUTURE = fold(lexicons.column("affixes", "affix", kind="future")[0])
FIRST_PLURAL = IMPERFECT_PERSONS[2]  # ن of «نطالب»
ACT_REACH = 4  # tokens from a cue to the act noun it objects to (أدانت روسيا الهجوم)


@dataclass(frozen=True)
class StanceCue:
    """A stance cue of the lexicon: label and polarity, kind, part of speech, target prepositions, words."""

    label: str
    polarity: int
    kind: str
    pos: str  # verb, noun, or "" to let the tagger decide
    markers: frozenset[str]
    words: tuple[str, ...]
    cameo: str = ""  # the CAMEO event code of the form (or of its label)


@dataclass
class StanceLexicon:
    """Stance cues by their first folded word, longest forms first, and the negators."""

    cues: dict[str, list[StanceCue]]
    negators: set[str]
    prepositions: set[str]


@dataclass(frozen=True)
class Stance:
    """One stance of a sentence: holder towards target, with the cue's span (offsets index the document text)."""

    sent_idx: int
    holder: Party
    target: Party
    polarity: int
    label: str
    cue: str
    negated: bool
    claim_id: str
    start: int
    end: int
    evidence: str
    cameo: str = ""


Pair = tuple[Party, Party]


def load_lexicon(lexicon: str | Path | pd.DataFrame | None = None) -> StanceLexicon:
    """The stance-cue lexicon (default, a user's CSV, or a DataFrame) and the negators."""
    if lexicon is None:
        return _default_lexicon()
    return _build_lexicon(lexicon)


@lru_cache(maxsize=1)
def _default_lexicon() -> StanceLexicon:
    """The shipped lexicons, read once per process."""
    return _build_lexicon(None)


def _build_lexicon(lexicon: str | Path | pd.DataFrame | None) -> StanceLexicon:
    rows = lexicon if isinstance(lexicon, pd.DataFrame) else lexicons.load("stance_cues", path=lexicon)
    label_codes = dict(zip(*(lexicons.load("stance_labels")[c] for c in ("label", "cameo"))))
    cues: dict[str, list[StanceCue]] = {}
    for row in rows.to_dict("records"):
        label, kind = row["label"], row["kind"]
        if LABELS.get(label) is None or kind not in KINDS:
            raise ValueError(
                f"stance cue row {row!r}: label must be one of {', '.join(LABELS)} and kind one of {', '.join(KINDS)}"
            )
        markers = frozenset(fold(m) for m in str(row.get("markers", "")).split("|") if m)
        cameo = str(row.get("cameo", "") or "") or label_codes.get(label, "")
        forms = [fold(form) for form in str(row["forms"]).split("|")]
        if row.get("pos", "") != "noun":
            forms += [f for form in forms for f in other_persons(form) if f not in forms]
        for form in forms:
            words = tuple(form.split())
            cues.setdefault(words[0], []).append(
                StanceCue(label, LABELS[label], kind, row.get("pos", ""), markers, words, cameo))
    for entries in cues.values():
        entries.sort(key=lambda e: -len(e.words))
    negators = {fold(w) for w in lexicons.load("negators")["word"]}
    return StanceLexicon(cues=cues, negators=negators, prepositions=set(PREPOSITIONS))


def extract(
    parsed: Parsed,
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    claims: pd.DataFrame,
    *,
    lexicon: str | Path | pd.DataFrame | StanceLexicon | None = None,
) -> pd.DataFrame:
    """Find the stances of a parsed corpus: a DataFrame with `STANCE_COLUMNS`, in text order."""
    cue_lexicon = lexicon if isinstance(lexicon, StanceLexicon) else load_lexicon(lexicon)
    by_doc = mentions_by_doc(mentions)
    claims_by_doc = {doc_id: list(group.itertuples()) for doc_id, group in claims.groupby("doc_id")}
    states = mission_states(actors)
    rows = []
    for doc_id, doc in parsed.docs.items():
        found = [replace(st, target=states.get(st.target.actor_id, st.target)) for st in each_document(
            doc_id, "stance", lambda: _document_stances(doc, by_doc.get(doc_id, []), claims_by_doc.get(doc_id, []), cue_lexicon))]
        rows += [(
            f"{doc_id}-s{n}", doc_id, st.sent_idx, st.holder.text, st.holder.actor_id, st.target.text, st.target.actor_id,
            st.polarity, st.label, st.cue, st.negated, st.claim_id, st.start, st.end, st.evidence, st.cameo,
        ) for n, st in enumerate(found)]
    return STANCES.frame(rows)


def mission_states(actors: pd.DataFrame) -> dict[str, Party]:
    """Each diplomatic mission among the actors, mapped to its state when the state is an actor too.

    «السفارة الأميركية» (country USA) -> الولايات المتحدة: a stance against moving an embassy is against its state.
    """
    states = {row.country: Party(row.name, row.actor_id) for row in actors.itertuples()
              if row.actor_id in _state_ids() and row.country and row.cameo == row.country}
    return {row.actor_id: states[row.country] for row in actors.itertuples()
            if row.country in states and _mission(row.name)}


@lru_cache(maxsize=1)
def _state_ids() -> frozenset[str]:
    """The dictionary's states: the places an adjective names (أمريكي -> الولايات المتحدة), unlike its cities."""
    dictionary = lexicons.load("actors")
    return frozenset(dictionary.loc[(dictionary["type"] == "GPE") & (dictionary["adjectives"].fillna("") != ""), "actor_id"])


def _mission(name: str) -> bool:
    """Does the name open with a mission noun: «السفارة الأمريكية», «سفارة أميركا», «القنصلية السعودية»?"""
    first = fold(str(name)).split()[:1]
    return bool(first) and (first[0] in MISSION_HEADS or first[0].removeprefix(ARTICLE) in MISSION_HEADS)


def _document_stances(doc, mentions: list[MentionSpan], claims: list, lexicon: StanceLexicon) -> list[Stance]:
    text = doc.text
    out = []
    for sent_idx, sentence in enumerate(doc.sentences):
        tokens = sentence_tokens(text, sentence)
        evidence = text[tokens[0].start:tokens[-1].end] if tokens else ""
        i = 0
        while i < len(tokens):
            found = None if in_actor_name(tokens[i], mentions) else _cue_at(tokens, i, lexicon)
            if found is None:
                i += 1
                continue
            entry, width = found
            start, end = tokens[i].start, tokens[i + width - 1].end
            negated = _negated(tokens, i, lexicon)
            claim = _claim_for(claims, sent_idx, text[start:end], start, end)
            site = CueSite(text, tokens, i, width, entry, mentions, claim, lexicon)
            for holder, target in pairs(site):
                if holder.actor_id and holder.actor_id == target.actor_id:
                    continue
                out.append(Stance(sent_idx, holder, target, _polarity(entry.polarity, negated), entry.label, text[start:end],
                                  negated, claim.claim_id if claim is not None else "", start, end, evidence,
                                  event_code(entry, negated)))
            i += width
    return out


def in_actor_name(token: Token, mentions: list[MentionSpan]) -> bool:
    """Is the word part of an actor's name, so no cue: «المعارضة السورية» (the opposition), «مجلس التعاون الخليجي»."""
    return any(m.start <= token.start < m.end and m.actor_id for m in mentions)


def _negated(tokens: list[Token], i: int, lexicon: StanceLexicon) -> bool:
    """A negator one or two words before the cue, within the clause (لم يحذر، تحظر عقد صفقات)."""
    for j in (i - 1, i - 2):
        if j < 0 or tokens[j].text in CLAUSE_BREAKS:
            return False
        if any(r in lexicon.negators for s, r in clitic_readings(tokens[j].folded) if s <= 1):
            return True
    return False


def event_code(entry: StanceCue, negated: bool) -> str:
    """The CAMEO event code of a cue: «أدانت» 111 (criticize or denounce), «شنت غارات على» 195; «لم يحذر» none.

    Notes: CAMEO codes events that happened (Schrodt, CAMEO codebook 1.1b3), so a negated cue gets
    an empty code rather than a code of its own; polarity and `negated` still record the denial.
    """
    return "" if negated else entry.cameo


def _polarity(polarity: int, negated: bool) -> int:
    """Notes: denying a negative act (لم يحذر) is not support, so it gives 0; denying a positive one gives -1."""
    if not negated:
        return polarity
    return 0 if polarity < 0 else -1 if polarity > 0 else 0


def _cue_at(tokens: list[Token], i: int, lexicon: StanceLexicon) -> tuple[StanceCue, int] | None:
    """The stance cue starting at tokens[i] (with a clitic attached), longest form first, and its width; else
    a verb cue written with the future prefix (سيزور), or a noun cue with the article (الاتهام، والمساعدات);
    else a one-word cue whose form is the token's lemma with a matching tag (سينتقدون: lemma انتقد)."""
    readings = [reading for _, reading in clitic_readings(tokens[i].folded)]
    future = [(r[len(FUTURE):], "verb") for r in readings if r.startswith(FUTURE) and r[len(FUTURE):][:1] in IMPERFECT_PERSONS]
    article = [(r[len(ARTICLE):], "noun") for r in readings if r.startswith(ARTICLE) and len(r) > len(ARTICLE) + 1]
    for reading, only in [(r, "") for r in readings] + future + article:
        for entry in lexicon.cues.get(reading, []):
            rest = entry.words[1:]
            if only and entry.pos not in (only, ""):  # سيزور is no noun, الاتهام no verb
                continue
            if tuple(t.folded for t in tokens[i + 1:i + 1 + len(rest)]) == rest:
                return entry, 1 + len(rest)
    for lemma, upos in zip(tokens[i].lemmas, tokens[i].upos):
        for entry in lexicon.cues.get(lemma, []):
            if len(entry.words) == 1 and lemma_fits(entry, upos):
                return entry, 1
    return None


def lemma_fits(entry: StanceCue, upos: str) -> bool:
    """A lemma match needs the tag the cue is written for: انتقد as a VERB, إدانة as a NOUN; a cue of
    either part of speech (رفض) takes a verb or a noun."""
    wanted = {"verb": {"VERB"}, "noun": {"NOUN"}}.get(entry.pos, {"VERB", "NOUN"})
    return upos in wanted


def _claim_for(claims: list, sent_idx: int, cue: str, start: int, end: int):
    """The claim a cue belongs to: the cue lies in the claim's content, or is the claim's own cue."""
    claims = [c for c in claims if c.mode != "attributed"]  # an outlet credited with a fact holds no stance
    containing = [c for c in claims if c.start_char <= start and end <= c.end_char]
    if containing:
        return min(containing, key=lambda c: c.end_char - c.start_char)  # the innermost claim
    for claim in claims:
        if claim.sent_idx == sent_idx and fold(claim.cue) == fold(cue) and start < claim.start_char:
            return claim
    return None


@dataclass
class CueSite:
    """A stance cue in its sentence, with what the holder and target rules read around it (computed when first read)."""

    text: str  # the document's
    tokens: list[Token]
    i: int
    width: int
    entry: StanceCue
    mentions: list[MentionSpan]  # the document's: a claim's content may run over several sentences
    claim: object | None  # the claims row the cue belongs to
    lexicon: StanceLexicon

    @cached_property
    def after(self) -> list[Party]:
        """Actors after the cue within its clause, nearest first (past a cue verb joined to it and a «ما قامت به»)."""
        return _clause_mentions(self.tokens, object_start(self.tokens, self.i + self.width, self.lexicon), 1, self.mentions)

    @cached_property
    def before(self) -> list[Party]:
        """Actors before the cue within its clause, nearest first, not governed by a preposition."""
        return _clause_mentions(self.tokens, self.i - 1, -1, self.mentions, prepositions=self.lexicon.prepositions)

    @cached_property
    def adjacent_subject(self) -> list[Party]:
        """The actor written right before a verb cue, nothing between: the subject in subject-first order
        («قوات الأمن تداهم مقر الحركة», a headline's habit)."""
        if self.is_noun or self.i == 0:
            return []
        cue_start = self.tokens[self.i].start
        previous = self.tokens[self.i - 1]
        return [p for p in self.before[:1] if any(
            m.actor_id == p.actor_id and previous.start < m.end <= previous.end <= cue_start for m in self.mentions)]

    @cached_property
    def relation(self) -> list[Party]:
        """Both parties of «بين A وB» shortly after the cue."""
        return _between(self.tokens, self.i + self.width, self.mentions)

    @cached_property
    def marked(self) -> list[Party]:
        """Actors after one of the cue's target prepositions (حذر من X), or right after a cue written with its preposition
        («بالتعاون مع جامعة هارفارد»)."""
        if self.ends_with_marker:
            start = self.i + self.width
            return with_conjuncts(self.text, self.tokens, start, _clause_mentions(self.tokens, start, 1, self.mentions)[:1], self.mentions)
        return _marked_targets(self.text, self.tokens, self.i + self.width, self.entry, self.mentions)

    @cached_property
    def ends_with_marker(self) -> bool:
        """Does the cue's form end with one of its target prepositions («بالتعاون مع», «بالتنسيق مع»)? What follows is the
        partner, not a genitive."""
        return len(self.entry.words) > 1 and self.entry.words[-1] in self.entry.markers

    @cached_property
    def speaker(self) -> Party | None:
        """The speaker of the claim the cue belongs to."""
        claim = self.claim
        return Party(claim.speaker, claim.speaker_actor_id) if claim is not None and claim.speaker else None

    @cached_property
    def in_content(self) -> bool:
        """Does the cue lie in its claim's content (not the claim's own cue)?"""
        return self.claim is not None and self.claim.start_char <= self.tokens[self.i].start

    @cached_property
    def content_actors(self) -> list[Party]:
        """Actors named in the claim's content."""
        return _content_actors(self.claim, self.mentions) if self.claim is not None else []

    @cached_property
    def object_end(self) -> int:
        """Where the cue's objects end: at its content, or inside the content at its first preposition when the content
        opens with them («وتتهم الولايات المتحدة روسيا وسوريا بالعمل على ...»: روسيا وسوريا)."""
        start = self.claim.start_char
        before = [t for t in self.tokens if t.end <= start]
        if not before or before[-1].folded in COMPLEMENTIZERS or before[-1].text in CLAUSE_BREAKS or before[-1].text in QUOTE_MARKS \
                or before[-1].upos[-1:] == ("ADP",) or start < before[-1].end:
            return start  # the content opens after أن, a colon, a quotation mark or the cue's preposition: it is what was said
        inside = [t for t in self.tokens if start <= t.start < self.claim.end_char]
        opening = next((t for t in inside if t.upos[:1] == ("ADP",) or t.folded in COMPLEMENTIZERS or t.text in CLAUSE_BREAKS), None)
        return opening.start if opening is not None and inside and inside[0].upos[:1] != ("ADP",) else start

    @cached_property
    def addressee(self) -> list[Party]:
        """The actor a claim's content opens with, whom a demand addresses: «ودعت روسيا مجلس الأمن إلى إدانة ...»."""
        if self.claim is None or self.object_end == self.claim.start_char:
            return []  # the content opens at the cue's preposition or after أن: it addresses no one by name
        return [_as_party(m) for m in self.mentions if m.start == self.claim.start_char][:1]

    @cached_property
    def zone_parties(self) -> tuple[list[Party], list[Party]]:
        """For a claim's own cue, the actors between it and the content: those the speaker names (its coordinated
        parties) and the others, its objects: «وتتهم الولايات المتحدة وبريطانيا روسيا وسوريا بالعمل على ...»."""
        if self.claim is None or self.in_content or not self.claim.speaker:
            return [], []
        cue_end = self.tokens[self.i + self.width - 1].end
        speaker = fold(self.claim.speaker)
        named, objects = [], []
        for m in self.mentions:
            if cue_end <= m.start and m.end <= self.object_end and m.actor_id:
                party = _as_party(m)
                if fold(m.text) in speaker:
                    named.append(party)
                elif not _governed(self.tokens, party, self.mentions, self.lexicon.prepositions, after=cue_end) and party not in objects \
                        and not qualifies(self, party):
                    objects.append(party)
        return named, objects

    @cached_property
    def first_person(self) -> bool:
        """Is the cue a verb in the first person («نناشد الحكومة», «ندين»: the tagger's Person=1, or ن on a lexicon imperfect)?
        Its subject is whoever speaks, never a word the parse hangs under it."""
        token = self.tokens[self.i]
        if "Person=1" in "|".join(token.feats):
            return True
        return any(r.startswith(FIRST_PLURAL) and IMPERFECT_PERSONS[0] + r[len(FIRST_PLURAL):] in self.lexicon.cues
                   for skip, r in clitic_readings(token.folded) if skip <= 1)

    @cached_property
    def is_noun(self) -> bool:
        """A noun cue (تحذيرات), by the lexicon or else by the tagger."""
        return self.entry.pos == "noun" or (not self.entry.pos and "VERB" not in self.tokens[self.i].upos)

    @cached_property
    def genitive(self) -> list[Party]:
        """The actor right after a noun cue (تحذيرات البيت الأبيض)."""
        return _genitive(self.tokens, self.i + self.width, self.mentions) if self.is_noun and not self.ends_with_marker else []

    @cached_property
    def hostile_act(self) -> int | None:
        """The token of a hostile act the cue objects to, within ACT_REACH words after it (إدانة العدوان على سوريا)."""
        for j in range(self.i + self.width, min(len(self.tokens), self.i + self.width + ACT_REACH)):
            if _clause_break(self.tokens[j], 1):
                return None
            if {r for skip, r in clitic_readings(self.tokens[j].folded) if skip <= 1} & HOSTILE_ACTS:
                return j
        return None

    @cached_property
    def subject(self) -> Subject | None:
        """The actor the parse makes the subject: of a verb cue, or of the verb a noun cue depends on
        (تقدم المالكي بالشكر، أعربت فرنسا عن قلقها)."""
        verb = self.i if not self.is_noun else governing_verb(self.tokens, self.i)
        return parse_subject(self.tokens, verb, self.mentions) if verb is not None else None


def pairs(site: CueSite) -> list[Pair]:
    """(holder, target) pairs for a cue, by its kind: relation, event, attitude or act."""
    rules = {"relation": relation_pairs, "event": event_pairs, "attitude": attitude_pairs, "act": act_pairs}
    return rules[site.entry.kind](site)


def relation_pairs(c: CueSite) -> list[Pair]:
    """Who relates to whom: both parties of «العلاقات بين روسيا وكوريا الشمالية», or of «توصل روسيا وكوريا
    الشمالية إلى اتفاق»; in «يعتزم لقاء بوتين» the verb's subject meets the genitive; in «زيارة شويغو إلى
    كوريا» the genitive is the agent and the marked or following actor the partner."""
    parties = c.relation if len(c.relation) >= 2 else [] if c.is_noun else _coordinated(c.tokens, c.i, c.mentions)
    if parties:
        return [(a, b) for a in parties for b in parties if a != b]
    if c.genitive and c.before and c.i > 0 and "VERB" in c.tokens[c.i - 1].upos:
        agent, partners = c.before[:1], with_conjuncts(c.text, c.tokens, c.i + c.width, c.genitive, c.mentions)
    else:
        speaker = [c.speaker] if c.speaker and c.in_content and speaker_pronoun_before(c.tokens, c.i) else []
        agent = c.genitive or c.before[:1] or speaker or ([] if c.in_content else c.after[:1])
        partners = [p for p in c.marked if p not in agent] if c.marked else with_conjuncts(
            c.text, c.tokens, c.i + c.width, [p for p in c.after if p not in agent][:1], c.mentions)
    return [(agent[0], p) for p in partners] if agent else []


def speaker_pronoun_before(tokens: list[Token], i: int) -> bool:
    """Is the word before the cue a complementizer carrying a pronoun («أنه سيزور», «إنها ستلتقي»)? In a claim's
    content that pronoun is the speaker, the verb's unnamed subject."""
    if i == 0:
        return False
    previous = tokens[i - 1]
    return previous.n_words > 1 and previous.upos[-1] == "PRON" and fold(previous.first_word) in COMPLEMENTIZERS


def event_pairs(c: CueSite) -> list[Pair]:
    """An act judged by a speaker («ستشكل انتهاكا لقرارات مجلس الأمن» in a US claim: the US against the
    actors said to commit it, not the violated party), or, outside a claim, its subject against its object."""
    if c.speaker and c.in_content:
        earlier = [a for a in _content_actors(c.claim, c.mentions, until=c.tokens[c.i].start)
                   if not _governed(c.tokens, a, c.mentions, c.lexicon.prepositions)]
        following = c.tokens[c.i + c.width] if c.i + c.width < len(c.tokens) else None
        of_what = c.is_noun and not c.genitive and following is not None and has_article(following) and following.upos[:1] == ("NOUN",)
        # a noun's agent is its genitive («جرائم الاحتلال»); with a common noun there («جرائم الحرب») the content names none
        found = (earlier or c.relation) if of_what else (c.genitive or earlier or c.relation or c.content_actors)
        agents = [a for a in found if a not in c.marked]
        return [(c.speaker, a) for a in agents if a.actor_id != c.speaker.actor_id]
    if c.is_noun:
        return []  # a threat or violation mentioned in passing, judged by no one in particular
    patients = [p for p in c.marked or c.after if p not in c.before[:1]][:1]
    return [(c.before[0], p) for p in patients] if c.before else []


def act_pairs(c: CueSite) -> list[Pair]:
    """Who does a deed to whom: the actor named after the noun or the subject of its verb, towards the actor its
    preposition marks («شنت القوات الروسية غارات على إدلب», «المساعدات السعودية لليمن»); never the speaker
    who reports it, and no target without the preposition (الحرب في سوريا)."""
    holder = (c.genitive or ([c.subject.party] if c.subject else []))[:1]
    return [(holder[0], t) for t in c.marked if t != holder[0]] if holder else []


def attitude_holder(c: CueSite) -> Party | None:
    """Who holds an attitude: a noun cue's genitive (تحذيرات البيت الأبيض), the subject of the verb it
    depends on, or its claim's speaker; a verb's claim speaker, else its subject: the actor written right
    before it («المالكي يعرقل إصلاحات العبادي»), else the parse's, else the actor before it, or in
    verb-first order («حذرت واشنطن») after it."""
    subject = [c.subject.party] if c.subject else []
    if c.is_noun and not c.genitive and c.entry.label in HEARSAY_LABELS and has_article(c.tokens[c.i]):
        return None  # «ليس هناك أي أساس للاتهامات الموجهة إلى روسيا»: the accusations known to all are someone else's
    if c.is_noun:
        holders = c.genitive or subject or ([c.speaker] if c.speaker else [])
    elif c.speaker and (not c.in_content or not c.before or c.first_person):
        holders = [c.speaker]
    else:
        following = [verb_first_subject(c)] if c.after else []
        holders = c.adjacent_subject or subject or (c.before[:1] if c.in_content or not c.after else following)
    return holders[0] if holders else None


def object_start(tokens: list[Token], j: int, lexicon: StanceLexicon) -> int:
    """Where a cue's objects start: past a cue verb joined to it («تدين وتستنكر») and past the verb of a relative
    «ما» with its pronoun («ما قامت به»), whose doer is what is judged: «تدين وتستنكر ما قامت به جمهورية غواتيمالا»."""
    while j < len(tokens) and tokens[j].folded.startswith("و") and tokens[j].upos[-1:] == ("VERB",) and _cue_at(tokens, j, lexicon):
        j += 1
    if j + 1 < len(tokens) and tokens[j].folded == RELATIVE_WHAT and tokens[j + 1].upos[-1:] == ("VERB",):
        j += 2
        if j < len(tokens) and tokens[j].n_words > 1 and tokens[j].upos[0] == "ADP" and tokens[j].upos[-1] == "PRON":
            j += 1
    return j


def verb_first_subject(c: CueSite) -> Party:
    """In verb-first order the subject follows the cue: the actor right after it (انتقدت روسيا ترامب -> روسيا),
    or after a role noun the person it names (طالب الأمين العام للجامعة العربية أحمد أبو الغيط -> أبو الغيط)."""
    following = c.tokens[c.i + c.width] if c.i + c.width < len(c.tokens) else None
    if following is not None and any(following.start <= m.start < following.end for m in c.mentions):
        return c.after[0]
    persons = {m.actor_id for m in c.mentions if m.type == "PER"}
    return next((p for p in c.after if p.actor_id in persons), c.after[0])


def attitude_pairs(c: CueSite) -> list[Pair]:
    """The holder towards the cue's marked target (حذر من X), a relation's parties, or its object; for the
    claim's own cue, the actors between it and the content that its speaker does not name (each of the
    speaker's coordinated parties holding it: «وتتهم الولايات المتحدة وبريطانيا روسيا وسوريا بـ»), else the
    actors its content names (أدانت ... أن ...)."""
    holder = attitude_holder(c)
    if holder is None:
        return []
    named, objects = c.zone_parties
    if holder == c.speaker and objects and not (c.marked or c.relation):
        holders = [holder] + [p for p in named if p.actor_id != holder.actor_id]
        return [(h, t) for h in holders for t in objects if t.actor_id != h.actor_id]
    if holder == c.speaker and not c.in_content:
        # a demand targets whom it addresses, written where its content opens («طالب ... وزارة العدل بتمكين»), not the
        # actors its content names
        named_in_content = c.addressee if c.entry.label in ADDRESSED_LABELS else c.content_actors
        targets = c.marked or c.relation or [m for m in named_in_content if m.actor_id != holder.actor_id]
    else:
        in_subject = [p for p in c.subject.parties if not opens_new_phrase(c, p)] \
            if c.subject and not c.adjacent_subject and not c.first_person else []
        # SVO: what the parse calls a subject after the verb is its object
        # in verb-first order the object follows the subject: what comes before the holder is its role phrase
        ahead = c.after[:c.after.index(holder)] if holder in c.after else []
        candidates = [m for m in c.after if m != holder and m not in c.genitive + in_subject + ahead and not qualifies(c, m)]
        direct = [m for m in candidates if not _governed(c.tokens, m, c.mentions, c.lexicon.prepositions, after=c.tokens[c.i].end)]
        objects = (direct or candidates)[:1]  # a direct object first; else «ينتقد النظام في غواتيمالا», «يجب على إيران»
        targets = c.marked or c.relation or with_conjuncts(c.text, c.tokens, c.i + c.width, objects, c.mentions)
    if c.entry.polarity < 0 and c.hostile_act is not None:
        targets = act_targets(c, targets)
    return [(holder, t) for t in targets if t != holder]


def opens_new_phrase(c: CueSite, party: Party) -> bool:
    """Does the actor open a noun phrase of its own right after a definite one, which heads no construct? «وانتقدت مصادر
    في الحكومة اليمنية الأمم المتحدة»: the parse may hang الأمم under the subject, but it is the object."""
    for m in _in_sentence(c, party):
        j = next((n for n, t in enumerate(c.tokens) if t.start <= m.start < t.end), None)
        if j and c.tokens[j].upos[:1] == ("NOUN",) and has_article(c.tokens[j]) and not c.tokens[j].clitic \
                and has_article(c.tokens[j - 1]) and c.tokens[j - 1].upos[-1:] in (("NOUN",), ("ADJ",)):
            return True
    return False


def qualifies(c: CueSite, party: Party) -> bool:
    """Is the actor a state's adjective after a noun other than the cue, describing that noun, not an object of its own?
    «طالب عدد من أهالي السجناء السعوديين ... وزارة العدل العراقية» -> the ministry, not Saudi Arabia."""
    for m in _in_sentence(c, party):
        if not adjectival(m):
            continue
        before = max((j for j, t in enumerate(c.tokens) if t.end <= m.start), default=None)  # the word it follows
        if before is not None and before >= c.i + c.width and c.tokens[before].upos[-1:] in (("NOUN",), ("PROPN",), ("ADJ",), ("X",)):
            return True
    return False


def _in_sentence(c: CueSite, party: Party) -> list[MentionSpan]:
    """The party's mentions in the cue's sentence (the site holds the whole document's)."""
    start, end = c.tokens[0].start, c.tokens[-1].end
    return [m for m in c.mentions if start <= m.start < end and m.actor_id == party.actor_id and m.text == party.text]


def act_targets(c: CueSite, targets: list[Party]) -> list[Party]:
    """Objecting to a hostile act targets who commits it, not its victim: «أدانت روسيا الهجوم الأمريكي على سوريا»
    -> the United States; «إدانة العدوان على سوريا» -> no one named (Syria is the victim)."""
    k = c.hostile_act
    agent = _genitive(c.tokens, k + 1, c.mentions)
    victims = {_as_party(m) for j in range(k + 1, min(len(c.tokens), k + 1 + REACH)) if c.tokens[j - 1].folded in VICTIM_MARKERS
               for m in c.mentions if c.tokens[j].start <= m.start < c.tokens[j].end}
    return agent or [t for t in targets if t not in victims]


@dataclass(frozen=True)
class Subject:
    """A verb's subject by the parse: the actor chosen, and every actor named in the subject's phrase."""

    party: Party
    parties: list[Party]


def parse_subject(tokens: list[Token], i: int, mentions: list[MentionSpan]) -> Subject | None:
    """The actor the parse makes the nsubj of tokens[i]'s verb: the mention at the subject's head word, else a
    person named in its phrase (أشادت عميدة الدراسات في جامعة هارفارد الدكتورة ساندرا ندف -> ساندرا ندف),
    else the phrase's first actor; None when the parse gives no subject or it names no actor."""
    where = {w: k for k, t in enumerate(tokens) for w in t.ids}
    verb_ids = {w for w, upos in zip(tokens[i].ids, tokens[i].upos) if upos == "VERB"} or set(tokens[i].ids)
    arcs = [(w, h, d) for t in tokens for w, h, d in zip(t.ids, t.heads, t.deprels)]
    head = next((w for w, h, d in arcs if h in verb_ids and d.startswith("nsubj") and w not in verb_ids), None)
    if head is None:
        return None
    phrase = {head}
    while True:
        grown = phrase | {w for w, h, _ in arcs if h in phrase and w not in verb_ids}
        if grown == phrase:
            break
        phrase = grown
    spans = [tokens[k] for k in sorted({where[w] for w in phrase if w in where})]
    inside = [m for m in mentions if any(t.start <= m.start < t.end for t in spans)]
    head_token = tokens[where[head]]
    at_head = [m for m in inside if m.start <= head_token.start < m.end or head_token.start <= m.start < head_token.end]
    chosen = at_head or [m for m in inside if m.type == "PER"] or inside
    return Subject(_as_party(chosen[0]), [_as_party(m) for m in inside]) if chosen else None


def governing_verb(tokens: list[Token], i: int) -> int | None:
    """The token of the verb a noun cue depends on (بالشكر in «تقدم المالكي بالشكر»), if the parse says so."""
    where = {w: k for k, t in enumerate(tokens) for w in t.ids}
    for head, deprel in zip(tokens[i].heads, tokens[i].deprels):
        k = where.get(head)
        if k is not None and k != i and deprel in ("obl", "obj", "nmod") and "VERB" in tokens[k].upos:
            return k
    return None


def _coordinated(tokens: list[Token], i: int, mentions: list[MentionSpan]) -> list[Party]:
    """Two actors joined by و just before a relation cue (`توصل روسيا وكوريا الشمالية إلى اتفاق`)."""
    found: list[tuple[int, Party]] = []
    for j in range(i - 1, max(-1, i - REACH), -1):
        if _clause_break(tokens[j], -1):
            break
        for m in mentions:
            if tokens[j].start <= m.start < tokens[j].end and all(p != _as_party(m) for _, p in found):
                found.append((j, _as_party(m)))
        if len(found) == 2:
            (later, b), (_, a) = found
            return [a, b] if tokens[later].folded.startswith("و") else []
    return []


def _genitive(tokens: list[Token], start: int, mentions: list[MentionSpan]) -> list[Party]:
    """The actor right after a noun cue: its genitive (تحذيرات البيت الأبيض) or adjective (تحذيرات أمريكية)."""
    for j in range(start, min(len(tokens), start + 2)):
        if tokens[j].folded == CAUSE_FROM:
            continue
        if tokens[j].n_words > 1 and tokens[j].upos[0] == "ADP":
            return []  # بالشكر للسعودية: the target, not a genitive
        found = [_as_party(m) for m in mentions if tokens[j].start <= m.start < tokens[j].end]
        return found[:1]
    return []


def _as_party(mention: MentionSpan) -> Party:
    return Party(mention.text, mention.actor_id)


def _clause_mentions(
    tokens: list[Token], start: int, step: int, mentions: list[MentionSpan], *, prepositions: set[str] = frozenset()
) -> list[Party]:
    """Actors within REACH tokens of the cue in one direction, nearest first, stopping at a clause break.

    With `prepositions` (looking back for a subject), an actor governed by a preposition is skipped.
    """
    found: list[Party] = []
    j = start
    while 0 <= j < len(tokens) and abs(j - start) < REACH and not _clause_break(tokens[j], step):
        governed = j > 0 and tokens[j - 1].folded in prepositions
        for m in mentions:
            if tokens[j].start <= m.start < tokens[j].end and _as_party(m) not in found and not governed:
                found.append(_as_party(m))
        j += step
    return found


def _governed(tokens: list[Token], party: Party, mentions: list[MentionSpan], prepositions: set[str], *, after: int = 0) -> bool:
    """Is the actor governed by a preposition in this sentence («نقل السفارة إلى القدس», «للقدس»)? Then it is where
    or to whom an act is done, not who does it. With `after`, its first mention from that offset on is the one read
    («إن على الحكومة العراقية ... نناشد الحكومة العراقية»: the second is an object)."""
    for m in mentions:
        if m.actor_id != party.actor_id or m.text != party.text or m.start < after:
            continue
        for j, token in enumerate(tokens):
            if token.start <= m.start < token.end:
                attached = token.n_words > 1 and token.upos[:1] == ("ADP",)
                return attached or (j > 0 and tokens[j - 1].folded in prepositions - {BETWEEN})  # بين A وB: parties
    return False


def _clause_break(token: Token, step: int) -> bool:
    """Punctuation; going forward a verb (the next predicate: `سيشكّل`), going back a complementizer."""
    if token.text in CLAUSE_BREAKS:
        return True
    if step > 0:
        return token.upos[-1:] == ("VERB",)
    return token.folded in COMPLEMENTIZERS


def _between(tokens: list[Token], start: int, mentions: list[MentionSpan]) -> list[Party]:
    """Both parties of `بين A وB` shortly after the cue: the first actor after بين and the first after و."""
    for j in range(start, min(len(tokens), start + REACH)):
        if tokens[j].text in CLAUSE_BREAKS:
            return []
        if tokens[j].folded != BETWEEN:
            continue
        first = second = None
        conjunction = False
        for k in range(j + 1, min(len(tokens), j + BETWEEN_REACH)):
            if tokens[k].text in CLAUSE_BREAKS:
                break
            conjunction = conjunction or (first is not None and tokens[k].folded.startswith("و"))
            here = [_as_party(m) for m in mentions if tokens[k].start <= m.start < tokens[k].end]
            if here and first is None:
                first = here[0]
            elif here and conjunction and here[0] != first:
                second = here[0]
                break
        return [first, second] if first and second else []
    return []


def _marked_targets(text: str, tokens: list[Token], start: int, entry: StanceCue, mentions: list[MentionSpan]) -> list[Party]:
    """Actors after one of the cue's target prepositions (حذر من X، قلق إزاء X، تعاون مع X).

    When the preposition opens a clause (حذر من أن ...), the targets are the content's actors instead.
    """
    if not entry.markers:
        return []
    for j in range(start, min(len(tokens), start + REACH)):
        if tokens[j].text in CLAUSE_BREAKS:
            return []
        readings = {r for s, r in clitic_readings(tokens[j].folded) if s <= 1}
        attached = attached_marker(tokens[j], entry.markers)
        if readings & entry.markers or attached:
            if j + 1 < len(tokens) and tokens[j + 1].folded in COMPLEMENTIZERS:
                return []
            between = _between(tokens, j, mentions)
            if between:
                return between
            target_start = j if attached else j + 1
            return with_conjuncts(text, tokens, target_start, _clause_mentions(tokens, target_start, 1, mentions)[:1], mentions)
    return []


def with_conjuncts(text: str, tokens: list[Token], start: int, found: list[Party], mentions: list[MentionSpan]) -> list[Party]:
    """A target with the actors joined to it by و (`conjuncts`): «بالتنسيق مع الولايات المتحدة وفرنسا» -> both;
    «نطالب وزارة العدل ووزارة الداخلية» -> both (the و of وزارة is no conjunction: it is inside the name)."""
    if not found or start >= len(tokens):
        return found
    first = next((m for m in mentions if m.start >= tokens[start].start and _as_party(m) == found[0]), None)
    out = list(found)
    for m in conjuncts(text, first, mentions)[1:] if first else []:
        if not m.actor_id:
            break
        if _as_party(m) not in out:
            out.append(_as_party(m))
    return out


def attached_marker(token: Token, markers: frozenset[str]) -> bool:
    """A one-letter target preposition written on its noun (لإيران، بالاتفاق، للأمم): the parse splits it off
    or the article follows it; the first letter of a word (لجنة، بريطانيا) is not one."""
    letter = token.folded[:1]
    if letter not in markers or len(token.folded) <= 2:
        return False
    split_off = token.n_words > 1 and token.upos[0] == "ADP"
    return split_off or token.folded[1:].startswith(ARTICLE) or token.folded.startswith(LAM_ARTICLE)


def _content_actors(claim, mentions: list[MentionSpan], *, until: int | None = None) -> list[Party]:
    """Actors named in a claim's content (or in its part before `until`), in text order."""
    end = claim.end_char if until is None else until
    parties: list[Party] = []
    for m in mentions:
        if claim.start_char <= m.start and m.end <= end and _as_party(m) not in parties:
            parties.append(_as_party(m))
    return parties


def matrix(stances: pd.DataFrame) -> pd.DataFrame:
    """Holder x target mean polarity with counts, over stances whose holder and target are actors."""
    named = stances[(stances["holder_actor_id"] != "") & (stances["target_actor_id"] != "")]
    grouped = named.groupby(["holder_actor_id", "target_actor_id"], as_index=False).agg(
        mean_polarity=("polarity", "mean"), n=("polarity", "size")
    )
    grouped["n"] = grouped["n"].astype("int64")
    return grouped[MATRIX_COLUMNS].sort_values(["n", "holder_actor_id"], ascending=[False, True]).reset_index(drop=True)


def network(stances: pd.DataFrame) -> pd.DataFrame:
    """Signed edges holder -> target for plotting: weight = number of stances, sign of the mean polarity."""
    edges = matrix(stances).rename(columns={"holder_actor_id": "source", "target_actor_id": "target"})
    edges["weight"] = edges["n"]
    edges["sign"] = edges["mean_polarity"].map(lambda p: 1 if p > 0 else -1 if p < 0 else 0).astype("int64")
    return edges[NETWORK_COLUMNS]
