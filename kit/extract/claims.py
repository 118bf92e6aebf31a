"""Who said what, on whose authority: one row per attributed statement.

A claim starts at a reporting cue (`قال`, `أكد`, `أعرب عن`, `قوله`, ...) from the cue lexicon and
takes as content what follows a colon, a complementizer (`أن`/`إن`), a quotation, or the cue's
preposition. The words between cue and content name the speaker (a person before an
organisation, then the dependency subject, then any actor, else the unnamed noun phrase such as
`مسؤولون`); a cue with no overt subject (`وتابعت`) takes the nearest earlier subject (a speaker,
or an actor the parse makes a verb's subject) whose gender and number agree. Sources come from
`نقل X عن Y`, `لصحيفة X` and trailing `بحسب/وفق X`; a sentence with such a marker and no cue is an
`attributed` claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import pandas as pd

from kit import lexicons
from kit.nlp import Parsed
from kit.schema import TableSpec
from kit.extract.context import (
    ARTICLE, CLAUSE_BREAKS, COMMAS, CONJUNCTIONS, GIVEN_NAMES, LAM_ARTICLE, NAME_COMPOUNDS, NISBA_ENDINGS, NOBODY, PREPOSITION_CLITICS, PREPOSITIONS,
    QUOTE_MARKS, RECIPIENT_PREPOSITIONS, TANWIN_FATH, WORD, MentionSpan, Party, Sentence, Token, adjectival, agrees_in_number, bare_readings, clitic_readings, conjuncts,
    each_document, find_quotes, has_article, mentions_by_doc, past_quoted_recipient, sentence_tokens,
)
from kit.text import fold

CLAIMS = TableSpec.of(
    "claims",
    "claim_id doc_id sent_idx:int64 speaker speaker_actor_id cue cue_lemma mode content source source_actor_id"
    " start_char:int64 end_char:int64 evidence",
)
CLAIM_COLUMNS = CLAIMS.names
MODES = ("direct", "indirect", "mixed", "attributed")
COMPLEMENTIZERS = frozenset(fold(w) for w in lexicons.column("complementizers"))
PRONOUN_SUFFIXES = tuple(lexicons.column("affixes", "affix", kind="pronoun_suffix"))
MASCULINE_PLURAL = tuple(lexicons.column("affixes", "affix", kind="masculine_plural"))
OBLIQUE_PLURAL = tuple(lexicons.column("affixes", "affix", kind="oblique_plural"))  # ين
NISBA_PLURALS = tuple(lexicons.column("affixes", "affix", kind="nisba_plural"))  # الفلسطينيين
MIN_STEM = 3  # letters a noun keeps before an attached pronoun (قول + ه); shorter words (طه) are names
TEMPORAL = frozenset(fold(w) for w in lexicons.column("temporal_conjunctions"))  # بعد أن: "after", not reported speech
AUXILIARIES = frozenset(fold(w) for w in lexicons.column("auxiliaries", kind="auxiliary"))
PARTICLES_BEFORE_VERB = frozenset(fold(w) for w in lexicons.column("auxiliaries", kind="particle"))  # قد
SOURCE_NOUNS = frozenset(fold(w) for w in lexicons.column("source_nouns", "noun") + lexicons.column("titles", "title")
                         + lexicons.column("outlet_nouns", "noun"))  # بحسب مسؤولين، وفقا لتقارير، نقلا عن صحيفة
QUANTIFIERS = frozenset(fold(w) for w in lexicons.column("quantifiers"))  # أحد، بعض
RELATIVES = frozenset(fold(w) for w in lexicons.column("speaker_stops", kind="relative"))  # الذي، التي
FORMULAS = frozenset(fold(w) for w in lexicons.column("paragraph_openers", kind="formula"))  # يذكر أن، يشار إلى أن
CLAUSE_PARTICLES = frozenset(fold(w) for w in lexicons.column("paragraph_openers", kind="particle"))  # لكن، غير، ثم
PERSON_TITLES = frozenset(fold(w) for w in lexicons.column("titles", "title"))  # الوزير، المتحدث
ROLE_HEADS = PERSON_TITLES | frozenset(fold(w) for w in lexicons.column("institutions", "head"))
TITLE_GENDERS = {fold(t): g for t, g in zip(lexicons.column("titles", "title"), lexicons.column("titles", "gender")) if g}
RELAY_VERB = fold(lexicons.column("pattern_words", role="relay_verb")[0])
RELAY_FROM = fold(lexicons.column("pattern_words", role="relay_from")[0])
TOPIC = fold(lexicons.column("pattern_words", role="topic")[0])  # أما
NOUN_CUE_REACH = 3  # a noun cue (تصريحات، بيان) must be this close to its content
MAX_ZONE = 26  # tokens between a cue and its content (appositions and time and place adjuncts: «أكد وزير ...، عادل الجبير، اليوم الخميس، خلال اجتماع ...، أن»)
MAX_APPOSITION = 8  # words of a role in apposition between a name and what refers back to it («، قائد ...، الذي»)
MAX_SUBJECT_WORDS = 5  # a subject written before its verb, after أن/إن («إن الكنيسة الكاثوليكية دعت»)
MAX_ANTECEDENTS = 12  # subjects kept for pro-drop cues (the nearest agreeing one is taken)
TITLE_REACH = 6  # words before a person's name in which the title a later phrase repeats must stand
JOINED_REACH = 6  # words between a second cue joined by و and its أن or colon («وقال لـ"الوطن" إن», «وأضاف الوزير أن»)
MAX_HEADLINE_SPEAKER = 7  # words before a headline's colon: «نائب وزير الصحة لـ اليوم :»
MIN_QUOTE_WORDS = 3  # shorter quotations are names or titles ("نيويورك تايمز"), not statements
MAX_SOURCE_WORDS = 5  # an unnamed source after نقلا عن / بحسب: «وكالة هلا أخبار»
# the endings of a nisba adjective and of a state's name, longest first: «البحريني» and «البحرين», «السوري» and «سوريا»
NISBA_STEM_ENDINGS = tuple(sorted({fold(e) for kind in ("nisba_ending", "state_ending")
                                  for e in lexicons.column("affixes", "affix", kind=kind)}, key=len, reverse=True))
_PUNCT_EDGE = re.compile(r"^[\s،,:.؛;]+|[\s،,:.؛;]+$")


@dataclass(frozen=True)
class ReportingCue:
    """A reporting cue of the lexicon: its lemma, kind (verb, participle, noun), agreement and preposition."""

    lemma: str
    kind: str
    gender: str
    number: str
    particle: str
    pp_content: bool
    object_content: bool = False  # a noun object after the speaker is the content (أكدت المؤسسة استعدادها)
    clause_initial: bool = False  # a form also common as a function word (بين): a cue only opening a clause, with أن


_NO_CUE = ReportingCue("", "", "", "", "", False)


@dataclass
class ReportingLexicon:
    """The lexicons claims are found with, indexed by folded form."""

    cues: dict[str, ReportingCue]
    verb_lemmas: set[str]
    attributions: list[tuple[list[str], bool]]  # (folded words, credits the speaker already named)
    outlet_nouns: set[str]
    speaker_stops: set[str]


@dataclass(frozen=True)
class Claim:
    """One attributed statement of a sentence; offsets index the document text."""

    sent_idx: int
    speaker: Party
    cue: str
    cue_lemma: str
    mode: str
    start: int
    end: int
    evidence_start: int
    evidence_end: int
    source: Party = NOBODY
    gender: str = ""  # the speaker's, as the cue's agreement shows it (for a pro-drop cue that follows)
    number: str = ""


@dataclass(frozen=True)
class Opening:
    """Where a cue's content opens: the token that opens it (ending the speaker zone), its first character, its quotation."""

    k: int
    start: int
    quote: tuple[int, int] | None


@dataclass(frozen=True)
class Content:
    """The span of what was said, its mode, and where the claim's evidence ends."""

    start: int
    end: int
    mode: str
    evidence_end: int


@dataclass(frozen=True)
class Attribution:
    """Who a cue's words give as the speaker and the source, and the speaker's gender and number."""

    speaker: Party
    source: Party
    gender: str
    number: str


def load_lexicon(lexicon: str | Path | pd.DataFrame | None = None) -> ReportingLexicon:
    """The reporting-cue lexicon (default, a user's CSV, or a DataFrame) with the attribution markers."""
    if lexicon is None:
        return _default_lexicon()
    return _build_lexicon(lexicon)


@lru_cache(maxsize=1)
def _default_lexicon() -> ReportingLexicon:
    """The shipped lexicons, read once per process."""
    return _build_lexicon(None)


def _build_lexicon(lexicon: str | Path | pd.DataFrame | None) -> ReportingLexicon:
    rows = lexicon if isinstance(lexicon, pd.DataFrame) else lexicons.load("reporting_cues", path=lexicon)
    cues: dict[str, ReportingCue] = {}
    for row in rows.to_dict("records"):
        entry = ReportingCue(
            fold(row["lemma"]), row["kind"], row.get("gender", ""), row.get("number", ""),
            fold(row.get("particle", "") or ""), str(row.get("pp_content", "0")) == "1",
            str(row.get("object_content", "0")) == "1", str(row.get("clause_initial", "0")) == "1",
        )
        for form in str(row["forms"]).split("|"):
            cues.setdefault(fold(form), entry)
    verbs = {fold(r["lemma"]) for r in rows.to_dict("records") if r["kind"] == "verb"}
    markers = [(fold(r["marker"]).split(), r["self"] == "1") for r in lexicons.load("attributions").to_dict("records")]
    markers.sort(key=lambda m: -len(m[0]))
    return ReportingLexicon(
        cues=cues,
        verb_lemmas=verbs,
        attributions=markers,
        outlet_nouns={fold(n) for n in lexicons.load("outlet_nouns")["noun"]},
        speaker_stops={fold(w) for w in lexicons.load("speaker_stops")["word"]},
    )


def extract(
    parsed: Parsed,
    actors: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    lexicon: str | Path | pd.DataFrame | ReportingLexicon | None = None,
) -> pd.DataFrame:
    """Find the claims of a parsed corpus: a DataFrame with `CLAIM_COLUMNS`, in text order."""
    cue_lexicon = lexicon if isinstance(lexicon, ReportingLexicon) else load_lexicon(lexicon)
    by_doc = mentions_by_doc(mentions)
    rows = []
    for doc_id, doc in parsed.docs.items():
        found = each_document(doc_id, "claim", lambda: _document_claims(doc_id, doc, by_doc.get(doc_id, []), cue_lexicon))
        for n, claim in enumerate(found):
            rows.append((
                f"{doc_id}-c{n}", doc_id, claim.sent_idx, claim.speaker.text, claim.speaker.actor_id, claim.cue,
                claim.cue_lemma, claim.mode, doc.text[claim.start:claim.end], claim.source.text,
                claim.source.actor_id, claim.start, claim.end, doc.text[claim.evidence_start:claim.evidence_end],
            ))
    return CLAIMS.frame(rows)


def _document_claims(doc_id: str, doc, mentions: list[MentionSpan], lexicon: ReportingLexicon) -> list[Claim]:
    text = doc.text
    quotes = find_quotes(text)
    claims: list[Claim] = []
    antecedents: list[Antecedent] = []  # who the sentences so far made their subject, in text order
    for sent_idx, sentence in enumerate(doc.sentences):
        tokens = sentence_tokens(text, sentence)
        if not tokens:
            continue
        if claims and claims[-1].end > tokens[0].start and claims[-1].mode == "direct":
            continue  # this sentence lies inside the previous claim's quotation
        context = Sentence.of(doc_id, sent_idx, text, tokens, mentions, quotes)
        subjects = verb_subjects(context, lexicon)
        found = [resolve_unnamed(c, mentions, text) for c in cue_claims(context, lexicon, earlier=antecedents, subjects=subjects)]
        if not found:
            previous_start = doc.sentences[sent_idx - 1].tokens[0].start_char if sent_idx else tokens[0].start
            found = [c for c in (headline_claim(context), attributed_claim(context, lexicon, previous_start)) if c]
            found = [resolve_unnamed(c, mentions, text, anywhere=c.cue == ":") for c in found]
        claims.extend(found)
        antecedents = sorted(antecedents + outside_contents(subjects, found)
                             + [_antecedent(c) for c in found], key=lambda a: a.position)[-MAX_ANTECEDENTS:]
    return claims


def cue_claims(s: Sentence, lexicon: ReportingLexicon, *, earlier: list[Antecedent], subjects: list[Antecedent]) -> list[Claim]:
    """A claim for each reporting cue of the sentence that has content, outside quotations and speaker zones.

    A cue with no speaker of its own takes the nearest earlier subject that agrees (`inherit`): of the
    sentences before (`earlier`), of verbs before it in this sentence (`subjects`), of this sentence's claims.
    """
    found: list[Claim] = []
    taken_until = -1
    for index, token in enumerate(s.tokens):
        entry = cue_entry(token, lexicon)
        if entry is None or index <= taken_until or (s.inside_quote(token) and not narration(s, index, entry, lexicon)):
            continue
        result = claim_at(s, index, entry, lexicon)
        if result is None:
            continue
        claim, zone_end = result
        if entry.kind == "participle" and found and not s.mentions_in(token.end, s.tokens[zone_end].start):
            claim = replace(claim, speaker=found[-1].speaker)  # «أكد أبو الغيط أن ...، مشيراً إلى»: the same speaker
        if not claim.speaker.text:
            cue_start = token.start
            nearer = outside_contents([a for a in subjects if a.position < cue_start], found) + [_antecedent(c) for c in found]
            claim = inherit(claim, sorted(earlier + nearer, key=lambda a: a.position))
        found.append(claim)
        taken_until = zone_end
    return found


def narration(s: Sentence, index: int, entry: ReportingCue, lexicon: ReportingLexicon) -> bool:
    """Is a cue the reporter's words though a quotation runs over it? After a comma, a participle of saying
    («وقال: " إن المؤسسة تعتز بهذه الثقة ... ، مبينا أن المؤسسة تعد الجميع ... "») or a verb joined by و with no
    subject before its أن («ورأى جعجع "أن عودة ... قريبة، وأكد أن المرحلة المقبلة ..."»); no one quotes themselves so."""
    if index == 0 or s.tokens[index - 1].text not in COMMAS:
        return False
    return entry.kind == "participle" or joined_cue(s.tokens, index, lexicon)


def cue_entry(token: Token, lexicon: ReportingLexicon) -> ReportingCue | None:
    """The cue a token is, by surface form (with و/ف attached) or, for verbs, by lemma: «وأضاف», «تقول»."""
    for skip, reading in clitic_readings(token.folded):
        if skip <= 1 and reading in lexicon.cues and (lexicon.cues[reading].kind == "noun" or not skip or
                                                     token.folded[:skip] in CONJUNCTIONS):
            return lexicon.cues[reading]  # a verb takes و/ف, never a preposition: «بنقل» is "by moving"
    for upos, lemma, feats in zip(token.upos, token.lemmas, token.feats):
        if upos == "VERB" and lemma in lexicon.verb_lemmas:
            base = next(e for e in lexicon.cues.values() if e.lemma == lemma and e.kind == "verb")
            gender = "f" if "Gender=Fem" in feats else "m" if "Gender=Masc" in feats else ""
            number = "p" if "Number=Plur" in feats else "s" if "Number=Sing" in feats else ""
            return ReportingCue(lemma, "verb", gender, number, base.particle, base.pp_content, base.object_content)
    return None


def claim_at(s: Sentence, index: int, entry: ReportingCue, lexicon: ReportingLexicon) -> tuple[Claim, int] | None:
    """The claim the cue at `index` introduces, with the index that ends its speaker zone; None without content.

    «وقال المتحدث باسم البيت الأبيض، جون كيربي، إن المحادثات تتقدم»: cue وقال, speaker zone up to إن
    (the speaker is in it), content after it.
    """
    opening = content_opening(s, index, entry, lexicon) or object_opening(s, index, entry, lexicon)
    if opening is None:
        return None
    content = content_span(s, opening, lexicon)
    if content is None:
        return None
    zone = s.tokens[index + 1:opening.k]
    if entry.clause_initial and not opens_clause_with_complementizer(s, index, opening):
        return None
    reported = opening.quote is not None or s.tokens[opening.k].text == ":" or s.tokens[opening.k].folded in COMPLEMENTIZERS
    if journalists_formula(s.tokens[index], zone) or (in_time_clause(s.tokens, index) and not reported):
        return None
    found = attribution(s, index, zone, entry, lexicon)
    if index > 0 and s.tokens[index - 1].folded in RELATIVES:
        antecedent = relative_antecedent(s, index - 1)
        if antecedent is None and not zone:
            return None  # «رحلة، التي يعتقد أنها ...»: a thing said of, not a speaker
        if antecedent is not None and not found.speaker.actor_id:  # «برونو لومير الذي أبدى مخاوف»: مخاوف is the object
            found = replace(found, speaker=antecedent)
    addressee = object_before_particle(s, index, opening, entry, found.speaker)
    if addressee is not None:  # «طالب الأهالي وزارة العدل بتمكين أبنائهم»: the content names whom it asks
        content = content_span(s, Opening(addressee, s.tokens[addressee].start, None), lexicon) or content
    source = trailing_source(s, opening.k, content, lexicon) or found.source
    cue = s.tokens[index]
    claim = Claim(s.sent_idx, found.speaker, cue.text, entry.lemma, content.mode, content.start, content.end,
                  s.tokens[0].start, content.evidence_end, source, found.gender, found.number)
    return claim, opening.k


def object_before_particle(s: Sentence, index: int, opening: Opening, entry: ReportingCue, speaker: Party) -> int | None:
    """Where the object of a cue whose preposition opens the content starts, when one stands between the speaker and
    the preposition: «طالب عدد من الأهالي عبر «عكاظ» وزارة العدل العراقية بتمكين ...», «مطالبا المجتمع الدولي
    بتوفير ...» -> the noun phrase before ب. It ends at the speaker's own words, punctuation, a preposition or a
    definite noun after a definite one (which heads no construct: «وطالب المتظاهرون الحكومة بـ»)."""
    token = s.tokens[opening.k]
    first = s.tokens[opening.k + 1] if token.text in QUOTE_MARKS and opening.k + 1 < len(s.tokens) else token
    if token.text == ":" or token.folded in COMPLEMENTIZERS or not _cue_preposition(first, entry):
        return None  # «مطالبا المجتمع الدولي "بتوفير الحماية"»: the preposition may open a quotation
    speaker_at = s.text.find(speaker.text, s.tokens[index].end, token.start) if speaker.text else -1
    speaker_end = speaker_at + len(speaker.text) if speaker_at >= 0 else -1
    k = opening.k
    while k - 1 > index and s.tokens[k - 1].start >= speaker_end and s.tokens[k - 1].upos[-1:] in (("NOUN",), ("PROPN",), ("ADJ",), ("X",)) \
            and s.tokens[k - 1].upos[0] != "ADP" and s.tokens[k - 1].folded[:1].isalpha():
        if k < opening.k and s.tokens[k].upos[-1:] == ("NOUN",) and has_article(s.tokens[k - 1]):
            break  # a definite word closes its phrase: the noun after it opens another («في العراق وزارة العدل»)
        k -= 1
    if k == opening.k or (entry.kind != "participle" and speaker_end < 0):
        return None  # no object, or a verb whose speaker is not written before it (pro-drop: the zone may be the speaker)
    return k


def opens_clause_with_complementizer(s: Sentence, index: int, opening: Opening) -> bool:
    """Is an ambiguous cue («بين»: "he made clear" or "between") the verb? Only at the start of a clause (sentence
    start, after punctuation, or with و/ف attached) and with its content opened by أن/إن."""
    token = s.tokens[index]
    at_start = index == 0 or not s.tokens[index - 1].folded[:1].isalpha() or token.folded[:1] in CONJUNCTIONS
    return at_start and s.tokens[opening.k].folded in COMPLEMENTIZERS


def in_time_clause(tokens: list[Token], index: int) -> bool:
    """Is the cue the verb of a time clause, «بعد أن تعهد بايدن بالعمل مع الحلفاء»? With a noun or prepositional
    complement it tells an event, not a statement; «بعد أن قال البيت الأبيض إن ...» still reports one."""
    return index >= 2 and tokens[index - 1].folded in COMPLEMENTIZERS and tokens[index - 2].folded in TEMPORAL


def relative_antecedent(s: Sentence, k: int) -> Party | None:
    """The actor a relative pronoun at tokens[k] refers to, written right before it («لافروف، الذي قال إن») or before
    a role in apposition («الجنرال جون هايتن، قائد القوة النووية الأمريكية، الذي قال»)."""
    j = k - 1 if k >= 1 and s.tokens[k - 1].text in COMMAS else k
    if j < 1:
        return None
    found = _mention_ending_at(s, s.tokens[j - 1])
    if found is None and j < k:  # past «، role ،» back to the name before it
        opening = next((n for n in range(j - 1, max(0, j - 1 - MAX_APPOSITION), -1) if s.tokens[n].text in COMMAS), None)
        found = _mention_ending_at(s, s.tokens[opening - 1]) if opening else None
        found = found if found is not None and found.type == "PER" else None
    return Party(found.text, found.actor_id) if found else None


def _mention_ending_at(s: Sentence, token: Token) -> MentionSpan | None:
    return next((m for m in s.mentions if m.start < token.end <= m.end), None)


def journalists_formula(cue: Token, zone: list[Token]) -> bool:
    """The journalist's own background, not a statement: «يذكر أن ...», «ومما يذكر أن», «يشار إلى أن» with no one
    named between the impersonal verb and its content (the paragraph openers' formulas)."""
    readings = {reading for skip, reading in clitic_readings(cue.folded) if skip <= 1}
    return bool(readings & FORMULAS) and all(preposition_word(t) for t in zone)


# --- Where the content is ----------------------------------------------------------------------

def content_opening(s: Sentence, index: int, entry: ReportingCue, lexicon: ReportingLexicon) -> Opening | None:
    """Where the content of the cue at `index` opens, within MAX_ZONE tokens (a noun cue within NOUN_CUE_REACH).

    «قال: "..."» (a colon), «أكد أن ...» (a complementizer), «وأضاف "..."» (a quotation of more than
    MIN_QUOTE_WORDS words), «أعرب عن قلقه» (the cue's own preposition). A full stop or another
    reporting verb first means this cue has no content.
    """
    for k in range(index + 1, min(len(s.tokens), index + MAX_ZONE + 1)):
        opening = _opens_content(s, k, entry)
        if opening is not None:
            return None if entry.kind == "noun" and k - index > NOUN_CUE_REACH else opening
        if _ends_zone(s.tokens[k], k - index, entry, lexicon) or second_cue(s, index, k, lexicon):
            return None
    return None


def second_cue(s: Sentence, index: int, k: int, lexicon: ReportingLexicon) -> bool:
    """Does a participle of saying at tokens[k] start a claim of its own, apart from the cue at `index`? After a
    comma: in «أكد الملك وقوفه إلى جانب الشعب، مؤكدا أن الحوار مهم» the أن belongs to مؤكدا, and أكد has only its
    noun object. Right before the content, with more than the speaker between: in «وتحدث فيتيل بالفرنسية موجها
    كلامه إلى أسرته قائلا: "..."» the quotation is قائلا's, in «وشدد جعجع قائلا: "..."» it is وشدد's."""
    tokens = s.tokens
    entry = cue_entry(tokens[k], lexicon)
    if entry is None or entry.kind != "participle" or k == 0:
        return False
    if tokens[k - 1].text in COMMAS:
        return True
    following = tokens[k + 1] if k + 1 < len(tokens) else None
    opens = following is not None and (following.text == ":" or following.folded in COMPLEMENTIZERS
                                       or following.text[:1] in QUOTE_MARKS)
    only_speaker = all(any(m.start < t.end and t.start < m.end for m in s.mentions) for t in tokens[index + 1:k])
    return opens and not only_speaker


def object_opening(s: Sentence, index: int, entry: ReportingCue, lexicon: ReportingLexicon) -> Opening | None:
    """The noun object of a cue whose object is what was said, right after its named subject.

    «أكدت مؤسسة البريد السعودي استعدادها لتقديم خدماتها» -> استعدادها ...; «وأعلن الائتلاف الوطني السوري إعادة
    انتخاب هيئته». The subject must be an actor written right after the cue, or a person its role introduces («وناشد
    الرئيس محمود عباس المجتمع الدولي التدخل»; a pro-drop «وأكد الوزير» has no object to tell from its subject), and the
    object a noun, not a time word («أكد الوزير اليوم»).
    """
    if not entry.object_content or index + 1 >= len(s.tokens):
        return None
    following = s.tokens[index + 1]
    subject = next((m for m in s.mentions if following.start <= m.start < following.end), None) or _named_after_role(s, index + 1)
    if entry.kind == "participle":  # it has no subject of its own: «مؤكدا تفهمه», «مستبعدين في الوقت نفسه، تحقيق»
        k = _past_adjunct(s, index + 1)
        token = s.tokens[k]
        if token.upos[:1] != ("NOUN",) or any(m.start == token.start for m in s.mentions) or \
                {r for skip, r in clitic_readings(token.folded) if skip <= 1} & lexicon.speaker_stops:
            return None
        return Opening(k, token.start, None)
    if subject is not None:
        k = next((j for j, t in enumerate(s.tokens) if t.start >= subject.end), None)
    else:  # an unnamed subject: «ونفت المعارضة قيامها», «أكد العاهل الأردني، الملك عبدالله الثاني، وقوفه»
        k = unnamed_subject_end(s, index + 1)
    k = _past_adjunct(s, _past_apposition(s, k))
    if k is None or k >= len(s.tokens):
        return None
    token = s.tokens[k]
    bare = {reading for skip, reading in clitic_readings(token.folded) if skip <= 1}
    split_wrongly = token.upos[:2] == ("CCONJ", "NOUN") and pronoun_suffixed(token)  # «وقوفه» read as و + قوف + ه
    if (token.upos[:1] != ("NOUN",) and not split_wrongly) or bare & lexicon.speaker_stops \
            or any(m.start == token.start for m in s.mentions):
        return None
    if subject is None and not pronoun_suffixed(token):
        return None  # without a named subject only a noun with its pronoun tells the object from the subject's words
    return Opening(k, token.start, None)


def unnamed_subject_end(s: Sentence, k: int) -> int | None:
    """The index after an unnamed subject at tokens[k]: a noun (no pronoun on it) and the adjectives that follow it.

    «المعارضة», «العاهل الأردني», «ناشطون»; None when no such noun stands there.
    """
    if k >= len(s.tokens) or s.tokens[k].upos[-1:] not in (("NOUN",), ("PROPN",), ("X",)) or pronoun_suffixed(s.tokens[k]):
        return None
    k += 1
    while k < len(s.tokens) and (s.tokens[k].upos[-1:] == ("ADJ",) or s.tokens[k].folded.endswith(NISBA_ENDINGS)) \
            and not pronoun_suffixed(s.tokens[k]):
        k += 1
    return k


def _past_adjunct(s: Sentence, k: int | None, *, reach: int = 6) -> int | None:
    """The token after a prepositional adjunct closed by a comma at tokens[k] («في كلمته الاثنين،»), else k."""
    if k is None or k >= len(s.tokens) or s.tokens[k].upos[:1] != ("ADP",):
        return k
    close = next((j for j in range(k + 1, min(len(s.tokens), k + reach)) if s.tokens[j].text in COMMAS), None)
    return close + 1 if close is not None and close + 1 < len(s.tokens) else k


def _past_apposition(s: Sentence, k: int | None) -> int | None:
    """The token after an apposition «، ... ،» at tokens[k] that opens with a name or a role («العاهل الأردني، الملك
    عبدالله الثاني، وقوفه», «لافروف، وزير الخارجية، استعداده»), else k itself."""
    if k is None or k + 2 >= len(s.tokens) or s.tokens[k].text not in COMMAS:
        return k
    close = next((j for j in range(k + 1, min(len(s.tokens), k + 8)) if s.tokens[j].text in COMMAS), None)
    if close is None or close + 1 >= len(s.tokens):
        return k
    first = s.tokens[k + 1]
    named = any(m.start == first.start for m in s.mentions)
    role = bool({r for skip, r in clitic_readings(first.folded) if skip <= 1} & ROLE_HEADS)
    return close + 1 if named or role else k


def _opens_content(s: Sentence, k: int, entry: ReportingCue) -> Opening | None:
    token = s.tokens[k]
    after_time_word = k > 0 and s.tokens[k - 1].folded in TEMPORAL  # بعد أن: "after", not reported speech
    if token.text == ":" or (token.folded in COMPLEMENTIZERS and not after_time_word):
        start = _skip_space(s.text, token.end)
        return Opening(k, start, _quote_at(start, s.quotes))
    quote = _quote_at(token.start, s.quotes)
    if quote and _long_quote(quote, s.text):
        return Opening(k, token.start, quote)
    if _cue_preposition(token, entry) and not any(m.start <= token.start < m.end for m in s.mentions):  # «فلورنس بارلي»: no ب + ارلي
        if k + 1 < len(s.tokens) and s.tokens[k + 1].folded in COMPLEMENTIZERS:
            return None  # كشف عن أن ...: the complementizer opens it
        if token.text[-1:] in QUOTE_MARKS:  # بـ"تحقيق دولي": the quotation opens on the preposition's token
            return Opening(k, token.end, _quote_at(token.end - 1, s.quotes))
        start = _skip_space(s.text, token.end if token.folded == entry.particle else token.start + 1)
        return Opening(k, start, _quote_at(start, s.quotes))  # «شدد على "وجوب دعم العهد"»: a quotation after it
    return None


def _cue_preposition(token: Token, entry: ReportingCue) -> bool:
    """The preposition that takes the content of a cue like أعرب عن, written apart or attached (بضرورة)."""
    if not (entry.pp_content and entry.particle):
        return False
    folded = token.folded.rstrip("".join(QUOTE_MARKS))
    split_noun = token.upos[:1] == ("ADP",) and token.upos[1:2] in (("NOUN",), ("X",))  # بحل: the tagger's ب + حل, not بها
    attached = token.folded.startswith("ب") and (len(token.folded) > 3 or split_noun)
    return folded == entry.particle or (entry.particle == "ب" and attached)


def _ends_zone(token: Token, distance: int, entry: ReportingCue, lexicon: ReportingLexicon) -> bool:
    """A full stop, another reporting verb (not the cue's preposition), or a participle of saying that takes the same
    preposition, before any content: in «، عبر مواقع التواصل الاجتماعي معبرين عن حبهم» the عن is معبرين's (and عبر
    is "via")."""
    if token.text == ".":
        return True
    other = cue_entry(token, lexicon) if distance > 1 else None
    if other is not None and other.kind == "participle" and entry.particle and other.particle == entry.particle:
        return True
    if distance <= 1 or "VERB" not in token.upos or not cue_entry(token, lexicon):
        return False
    readings = {reading for _, reading in clitic_readings(token.folded)}
    return lexicon.cues.get(token.folded, entry).kind == "verb" and not readings & {entry.particle}


def content_span(s: Sentence, opening: Opening, lexicon: ReportingLexicon) -> Content | None:
    """The content from its opening: a quotation that closes the clause is `direct`; else up to the clause end,
    `mixed` when it holds a quotation, `direct` after a colon, `indirect` otherwise."""
    sentence_end = s.tokens[-1].end
    clause_end = _content_end(s, opening.k, lexicon)
    quote = opening.quote
    closes_clause = quote and re.match(r"\s*[،,.؛]|\s*$", s.text[quote[1] + 1:])
    if quote and (closes_clause or quote[1] >= clause_end - 2):
        start, end, mode, evidence_end = quote[0], quote[1], "direct", max(sentence_end, quote[1] + 1)
    else:
        start, end, evidence_end = opening.start, clause_end, sentence_end
        mode = "mixed" if any(start <= q[0] - 1 and q[1] < end and not _quoted_name(s, q) for q in s.quotes) else "indirect"
        after_colon = s.tokens[opening.k + 1] if s.tokens[opening.k].text == ":" and opening.k + 1 < len(s.tokens) else None
        if after_colon is not None and after_colon.folded not in COMPLEMENTIZERS and mode == "indirect":
            mode = "direct"  # «صرح المرصد السوري: تخوض المعارضة ...»: the speaker's own words (not «قائلا: إن ...»)
        start, end = _trim(s.text, start, end)
        if any(q[1] == end - 1 and q[0] - 1 < start for q in s.quotes):
            end -= 1  # «، مبينا أن ...": the mark closes a quotation that opened before this content
    start, end = _trim(s.text, start, end)
    return Content(start, end, mode, evidence_end) if end > start else None


def _quoted_name(s: Sentence, quote: tuple[int, int]) -> bool:
    """Is the quotation a name, not the speaker's words: an actor's («أن «مسك الخيرية» حصلت على»), or one after the
    noun of its kind («بجماعة «المجلس الاشتراكي الوطني لولاية ناجالاند»»)? A single quoted word stays theirs
    («لا يمكن أن تكون "طبيعية"»)."""
    if any(m.start <= quote[0] and quote[1] <= m.end for m in s.mentions):
        return True
    before = [t for t in s.tokens if t.end <= quote[0] - 1]
    return bool(before) and bool(bare_readings(before[-1].folded) & ROLE_HEADS)


def _skip_space(text: str, position: int) -> int:
    """The next position that is neither space nor a stray diacritic (إنّ tokenised as إن + ّ)."""
    while position < len(text) and (text[position].isspace() or not fold(text[position])):
        position += 1
    return position


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    piece = text[start:end]
    stripped = _PUNCT_EDGE.sub("", piece)
    if not stripped:
        return start, start
    offset = piece.index(stripped)
    return start + offset, start + offset + len(stripped)


def _quote_at(position: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation whose opening mark is at `position`."""
    return next(((s, e) for s, e in quotes if s - 1 == position), None)


def _long_quote(span: tuple[int, int], text: str) -> bool:
    return len(text[span[0]:span[1]].split()) > MIN_QUOTE_WORDS


def _content_end(s: Sentence, k: int, lexicon: ReportingLexicon) -> int:
    """Where reported content ends: the sentence end, or a comma before a trailing attribution or another cue."""
    tokens = s.tokens
    for j in range(k + 1, len(tokens)):
        if joined_cue(tokens, j, lexicon) and (not s.inside_quote(tokens[j]) or tokens[j - 1].text in COMMAS):
            return tokens[j - 1].start if tokens[j - 1].text in COMMAS else tokens[j - 1].end
        if s.inside_quote(tokens[j]) or tokens[j - 1].text not in COMMAS:
            continue
        entry = cue_entry(tokens[j], lexicon)
        if _attribution_at(tokens, j, lexicon) is not None or (entry and entry.kind in ("participle", "verb")) \
                or particle_cue(tokens, j, lexicon):
            return tokens[j - 1].start
    return tokens[-1].end


def particle_cue(tokens: list[Token], j: int, lexicon: ReportingLexicon) -> bool:
    """Does a clause of its own open at tokens[j] with particles and then a reporting verb: «، غير أنها نفت الأنباء»,
    «، لكنه أكد أن»?"""
    k = j
    while k < min(len(tokens), j + 2) and (tokens[k].folded in CLAUSE_PARTICLES or tokens[k].folded in COMPLEMENTIZERS):
        k += 1
    if k == j or k >= len(tokens):
        return False
    entry = cue_entry(tokens[k], lexicon)
    return entry is not None and entry.kind == "verb" and "VERB" in tokens[k].upos


def joined_cue(tokens: list[Token], j: int, lexicon: ReportingLexicon) -> bool:
    """A reporting verb joined by و and opening its own أن-clause or colon within JOINED_REACH words starts a second
    claim: «ورأى جعجع أن ... وأكد أن المرحلة المقبلة ستشهد ذلك», «حذر ... من تجاهل المطالب وقال لـ"الوطن" إن»."""
    entry = cue_entry(tokens[j], lexicon)
    if entry is None or entry.kind != "verb" or tokens[j].folded[:1] not in CONJUNCTIONS:
        return False
    for token in tokens[j + 1:j + 1 + JOINED_REACH]:
        if token.folded in COMPLEMENTIZERS or token.text == ":":
            return True
        if token.text == "." or "VERB" in token.upos:
            return False
    return False


def _attribution_at(tokens: list[Token], j: int, lexicon: ReportingLexicon) -> tuple[int, bool] | None:
    """(number of tokens, credits-the-speaker) when an attribution marker starts at token j.

    A marker followed by the speaker's own words (`بحسب تعبيره`, `وفق وصفها`) credits the speaker.
    """
    found = _marker_at(tokens, j, lexicon)
    if found is not None and own_words(tokens, j + found[0]):
        return found[0] + 1, True
    return found


def own_words(tokens: list[Token], j: int) -> bool:
    """Is the phrase at tokens[j] one noun with an attached pronoun, ending the clause: «تعبيره»، «قولها»، «وصفه»?

    Notes: the pronoun refers back to the speaker, so `على حد تعبيره` ("in his words") names the
    speaker's own words, not a source.
    """
    if j >= len(tokens) or not pronoun_suffixed(tokens[j]):
        return False
    return j + 1 == len(tokens) or tokens[j + 1].text in CLAUSE_BREAKS


def pronoun_suffixed(token: Token) -> bool:
    """A noun carrying a possessive pronoun: «قوله» = قول + ه, «بتعبيرها» = ب + تعبير + ها.

    By the parse (a pronoun after a noun), else, when the tagger left the word whole, by its spelling:
    an indefinite noun ending with a pronoun suffix after a stem of at least MIN_STEM letters
    («وصفه»; not «الخطة», whose ة is no pronoun, nor a preposition with its pronoun, «منه»).
    """
    if len(token.upos) > 1:
        return token.upos[-1] == "PRON" and token.upos[-2] == "NOUN"
    if token.upos != ("NOUN",):
        return False
    bare = token.plain[1:] if _leading_clitic(token) else token.plain
    return not bare.startswith(ARTICLE) and any(
        bare.endswith(suffix) and len(bare) - len(suffix) >= MIN_STEM for suffix in PRONOUN_SUFFIXES)


def preposition_word(token: Token) -> bool:
    """A preposition, alone or with an attached pronoun («فيها» = في + ها, «منه», «له», «عليه»): never a speaker.

    By the parse (its first word ADP, any others pronouns), else by the spelling when the tagger
    took it for a noun: the word less a pronoun suffix is a preposition («عنه» = عن + ه).
    Notes: a speaker is a noun phrase; a prepositional phrase after the verb is an adjunct («قالت له»).
    """
    if token.upos[:1] == ("ADP",) and all(u == "PRON" for u in token.upos[1:]):
        return True
    folded = token.folded
    stems = [folded] + [folded[:-len(s)] for s in PRONOUN_SUFFIXES if folded.endswith(s) and len(folded) > len(s)]
    return any(stem in PREPOSITIONS or stem in PREPOSITION_CLITICS for stem in stems)


def _marker_at(tokens: list[Token], j: int, lexicon: ReportingLexicon) -> tuple[int, bool] | None:
    """(number of tokens, credits-the-speaker) when an attribution marker of the lexicon starts at token j."""
    first = tokens[j].folded
    opening = {first, first[:1]} | {r for _, r in clitic_readings(first)}
    for words, credits_speaker in lexicon.attributions:
        if words[0] not in opening:
            continue  # the marker cannot start here (a quick test before the full one below)
        n = len(words)
        window = [t.folded for t in tokens[j:j + n]]
        if len(window) < n:
            continue
        if window[:-1] == words[:-1] and (window[-1] == words[-1] or (words[-1] == "ل" and window[-1].startswith("ل"))):
            if words[-1] == "ل" and window[-1] != "ل":
                return n - 1, credits_speaker  # وفقا لمسؤولين: the ل is attached to the next word
            return n, credits_speaker
        if window[:-1] == words[:-1] and any(r == words[-1] for s, r in clitic_readings(window[-1]) if s <= 1):
            return n, credits_speaker
    return None


# --- Who speaks, and through whom -------------------------------------------------------------

def attribution(s: Sentence, index: int, zone: list[Token], entry: ReportingCue, lexicon: ReportingLexicon) -> Attribution:
    """Speaker and source from the words between the cue and its content (the speaker zone)."""
    if entry.lemma == RELAY_VERB:
        return relayed(s, index, zone, entry, lexicon)
    if entry.kind == "participle":  # a participle of state has no subject of its own: what follows it is its object
        return Attribution(clause_subject(s, index, lexicon), NOBODY, entry.gender, entry.number)  # «مطالبا المجتمع الدولي»
    marker = _marker_at(s.tokens, index + 1, lexicon) if zone else None
    if marker is not None:  # «وقال نقلا عن وكالة هلا أخبار، "إن ..."»: who is quoted is the source; the speaker is pro-drop
        return Attribution(NOBODY, _named_or_phrase(s, zone[marker[0]:]), entry.gender, entry.number)
    before = complement_subject(s, index, lexicon) or kaana_subject(s, index, lexicon) if entry.kind == "verb" else None
    if before is not None and before.text:  # after إنّ or لكنّ the subject is accusative: «لكن المنتقدين يقولون»
        return Attribution(before, outlet_source(s, zone, before, lexicon), entry.gender, entry.number)
    speaker = zone_speaker(s, index, zone, lexicon)
    if not speaker.actor_id and (entry.gender == "f" and masculine_plural(speaker.text) or oblique_plural(speaker.text)):
        speaker = NOBODY  # its object: «وتحذر المواطنين والمقيمين من دفع» (the ministry warns them), «ودعا المواطنين»
    return Attribution(speaker, outlet_source(s, zone, speaker, lexicon), entry.gender, entry.number)


def _named_or_phrase(s: Sentence, words: list[Token]) -> Party:
    """The first actor named in the words, else their noun phrase when a source noun heads it: «وكالة هلا أخبار»."""
    if not words:
        return NOBODY
    named = [m for m in s.mentions_in(words[0].start, words[-1].end) if not adjectival(m)]
    if named:
        return Party(named[0].text, named[0].actor_id)
    if not bare_readings(words[0].folded) & SOURCE_NOUNS:
        return NOBODY  # «بحسب مقاطع من المقابلة»: what was said, not who
    phrase = []
    for token in words[:MAX_SOURCE_WORDS]:
        if token.text in COMMAS or token.text in QUOTE_MARKS or not token.folded[:1].isalpha():
            break
        phrase.append(token.text)
    return Party(" ".join(phrase))


def zone_speaker(s: Sentence, index: int, zone: list[Token], lexicon: ReportingLexicon, *, after_preposition: bool = False) -> Party:
    """The speaker in the zone: a person, else the cue's dependency subject, else any actor, else the unnamed
    noun phrase («مسؤولون»); with an empty zone, the subject before the cue.

    «وقالت المتحدّثة باسم مجلس الأمن القومي أدريان واتسون إن ...» -> أدريان واتسون (the person, not the body).
    """
    past = past_quoted_recipient(zone, 0)
    if zone and past >= len(zone) and zone[0].folded not in RECIPIENT_PREPOSITIONS:
        past = 0  # nothing after the quotation: the quoted body speaks, «قالت «السعودي الفرنسي كابيتال» إن»
    given, zone = bool(zone), zone[past:]
    if relative_on_noun(s, index, zone):
        return NOBODY  # who follows is the object; the speaker is who issued the statement, taken up as pro-drop
    if zone:
        candidates = [
            m for m in s.mentions_in(zone[0].start, zone[-1].end)
            if not (adjectival(m) and (m.start > zone[0].start or fold(m.text).endswith(NISBA_PLURALS)))
            # first in the zone a singular qualifies no noun: «وتقول السعودية»; a plural is a people: «تدعو الفلسطينيين»
            and (after_preposition or not _after_preposition(m, s.tokens, lexicon))
        ]
        subject = _dependency_subject(s.tokens, index, zone)
        chosen = (
            next((m for m in candidates if m.type == "PER"), None)
            or next((m for m in candidates if subject and m.start <= subject.start < m.end), None)
            or (candidates[0] if candidates else None)
        )
        if chosen and chosen.type != "PER" and indefinite_subject(zone, chosen):
            return Party(_noun_phrase([t for t in zone if t.end <= chosen.start], lexicon))
        phrase = _noun_phrase(zone, lexicon)
        if phrase and said_not_sayer(zone[0], lexicon):
            phrase = ""
        if chosen and not (chosen.type != "PER" and phrase and heads_before(zone, chosen)):
            return _coordinated(s, chosen)
        if phrase:
            return Party(phrase)
    topic = [] if given else topic_zone(s, index)
    if topic:
        return zone_speaker(s, index, topic, lexicon)
    return _subject_before(s, index, lexicon)


def kaana_subject(s: Sentence, index: int, lexicon: ReportingLexicon) -> Party | None:
    """The subject written between كان and قد before the cue: «وكانت السلطات قد اتهمت الجارة كولومبيا بأنها ...» ->
    السلطات (كولومبيا, after the verb, is its object); None in any other order."""
    tokens = s.tokens
    if index < 3 or not _auxiliary(tokens[0]) or tokens[index - 1].folded not in PARTICLES_BEFORE_VERB:
        return None
    phrase = tokens[1:index - 1]
    named = [m for m in s.mentions_in(phrase[0].start, phrase[-1].end) if not adjectival(m)]
    return _coordinated(s, named[0]) if named else Party(_noun_phrase(phrase, lexicon))


def relative_on_noun(s: Sentence, index: int, zone: list[Token]) -> bool:
    """Does the cue open a relative clause on the indefinite noun before it, which a preposition with its pronoun
    takes up right after the cue? «أصدر دانون بيانا اتهم فيه حركة حماس بالوقوف ...», «نشر الجيش تغريدة حذر فيها
    سكان غزة من ...»: حماس and the people of Gaza are the objects, not who speaks."""
    if not zone or index == 0 or not (preposition_word(zone[0]) and len(zone[0].upos) > 1 or _resumptive(zone[0])):
        return False
    head = s.tokens[index - 1]  # «بيانا», which the tagger may call X
    return head.upos in (("NOUN",), ("X",)) and not has_article(head) and WORD.fullmatch(head.text) is not None


def _resumptive(token: Token) -> bool:
    """A preposition written with its pronoun that the tagger left whole: «فيه», «فيها»."""
    return token.upos[:1] != ("ADP",) and preposition_word(token) and token.folded not in PREPOSITIONS


def complement_subject(s: Sentence, index: int, lexicon: ReportingLexicon) -> Party | None:
    """The subject of a cue written before it, between a complementizer or a clause particle and the verb: «قال
    برينيس إن الكنيسة دعت أورتيغا إلى ...» -> الكنيسة (أورتيغا, after the verb, is its object); «لكن المنتقدين يقولون
    إن» -> المنتقدين; None in any other order."""
    tokens, k = s.tokens, index
    if tokens[index].folded[:1] in CONJUNCTIONS and "CCONJ" in tokens[index].upos:
        return None  # «أن العودة قريبة وأكد أن»: a verb joined by و opens a clause of its own
    opener = COMPLEMENTIZERS | CLAUSE_PARTICLES
    while k > 0 and index - k < MAX_SUBJECT_WORDS and tokens[k - 1].upos[-1:] in (("NOUN",), ("PROPN",), ("ADJ",), ("X",)) \
            and tokens[k - 1].folded not in opener:
        k -= 1
    if k == index or k == 0 or tokens[k - 1].folded not in opener:
        return None
    phrase = tokens[k:index]
    named = [m for m in s.mentions_in(phrase[0].start, phrase[-1].end) if not adjectival(m)]
    person = next((m for m in named if m.type == "PER"), None)
    if named and (named[0].start == phrase[0].start or person):
        return _coordinated(s, person or named[0])  # «إن الرئيس دونالد ترامب أكد» -> دونالد ترامب
    return Party(_noun_phrase(phrase, lexicon))  # «إن رئيس وزراء إسرائيل أكد»: the role, not the state


def said_not_sayer(token: Token, lexicon: ReportingLexicon) -> bool:
    """Does the zone open with what was said or how, not who said it? A participle («وأوضح قائلاً:») or a noun with
    its pronoun, the speaker's own («وأضاف قوله إنه», «ووصف تجربته بأنها»); a bare noun cue is a speaker: «وقال بيان
    صادر عن الوقفة إن»."""
    kind = (cue_entry(token, lexicon) or _NO_CUE).kind
    return kind == "participle" or pronoun_suffixed(token)


def topic_zone(s: Sentence, index: int) -> list[Token]:
    """The subject put first by أما when the cue takes ف: «أما مدير البرنامج الدكتور وليام هالينجر فأكد» -> the
    words between them, without the comma."""
    if s.tokens[index].folded[:1] not in CONJUNCTIONS:
        return []
    opening = next((n for n in range(index - 1, -1, -1) if s.tokens[n].folded == TOPIC), None)
    if opening is None or any("VERB" in t.upos for t in s.tokens[opening + 1:index]):
        return []
    return [t for t in s.tokens[opening + 1:index] if t.text not in COMMAS]


def masculine_plural(phrase: str) -> bool:
    """Is the phrase headed by a sound masculine plural, which a feminine verb cannot have as subject: «المواطنين»?"""
    head = _phrase_head(phrase)
    return len(head) > 4 and head.endswith(MASCULINE_PLURAL)


def oblique_plural(phrase: str) -> bool:
    """Is the phrase headed by a sound plural or dual in ين, the accusative and genitive form no subject takes
    (the subject is «المواطنون»): «ودعا المواطنين إلى» calls on the citizens."""
    head = _phrase_head(phrase)
    return len(head) > 4 and head.endswith(OBLIQUE_PLURAL)


def _phrase_head(phrase: str) -> str:
    """The phrase's first word, folded, without the article."""
    words = fold(phrase).split()
    return (words[0][len(ARTICLE):] if words[0].startswith(ARTICLE) else words[0]) if words else ""


def indefinite_subject(zone: list[Token], mention: MentionSpan) -> bool:
    """Does an indefinite noun follow the verb before the actor? It is the subject (VSO) and the actor the object:
    «واتهم جنرال أمريكي كبير موسكو بأنها ...»."""
    head = zone[0]
    return (mention.start >= head.end and head.upos in (("NOUN",), ("X",)) and head.folded.isalpha()
            and not any(r.startswith(ARTICLE) for skip, r in clitic_readings(head.folded) if skip <= 1))


def heads_before(zone: list[Token], mention: MentionSpan) -> bool:
    """Does a role or institution noun head the speaker's phrase before the actor it names? Then the actor is its
    complement, not the speaker: «الأمين العام للجامعة العربية» (the Secretary-General, not the League), «قوات
    الأمن في قرغيزستان», «محافظ مصرف البحرين المركزي»; «دولة الإمارات» is the state itself.
    """
    head = zone[0]
    if mention.start < head.end:
        return False
    phrase = " ".join(t.folded for t in zone[:2] if t.end <= mention.start)  # «الأمين العام»
    return bool((bare_readings(head.folded) | bare_readings(phrase)) & ROLE_HEADS)


def _subject_before(s: Sentence, index: int, lexicon: ReportingLexicon) -> Party:
    """The actor just before the cue with nothing between (or anywhere before it after «وكانت»), with coordinated ones;
    after «وكانت ... قد» with no actor, the unnamed phrase between them.

    «الولايات المتحدة وبريطانيا أعلنتا أن ...» -> الولايات المتحدة وبريطانيا.
    """
    tokens = s.tokens
    opens_with_kaana = _auxiliary(tokens[0])
    before = [
        m for m in s.mentions
        if m.end <= tokens[index].start and not adjectival(m) and not _after_preposition(m, tokens, lexicon)
        and (opens_with_kaana or _only_qualifiers_between(tokens, m.end, index, _with_conjunction(tokens[index], lexicon)))
    ]
    if not before:
        if opens_with_kaana and index > 1:  # «وكانت الوكالات الاستخباراتية الأمريكية قد خلصت», «وكانت فرق الإنقاذ قالت»
            end = index - 1 if tokens[index - 1].folded in PARTICLES_BEFORE_VERB else index
            return Party(_noun_phrase(tokens[1:end], lexicon))
        return NOBODY
    chain_end = first = before[-1]
    for m in reversed(before[:-1]):
        if not re.fullmatch(r"\s*و", s.text[m.end:first.start]):
            break
        first = m
    return Party(s.text[first.start:chain_end.end], first.actor_id)


def _with_conjunction(token: Token, lexicon: ReportingLexicon) -> bool:
    """Does the cue carry و/ف, whether the tokenizer split it off or not: «ولفت» (و + لفت), «وأضاف»?"""
    folded = token.folded
    return "CCONJ" in token.upos or (folded[:1] in CONJUNCTIONS and folded[1:] in lexicon.cues)


def _only_qualifiers_between(tokens: list[Token], start: int, index: int, joined: bool) -> bool:
    """Is there nothing between a subject and its verb but a closing quotation mark, a comma or an adjective of
    the subject? «تقارير صحيفة "الفاينانشيال تايمز" البريطانية، توضح أن» (at most three such words); a verb with
    و after any of them opens a clause of its own: «... أكثر لبنانياً، وأضاف:»."""
    between = [t for t in tokens[:index] if start <= t.start]
    if joined:
        return not between  # «أن الحكومة هي "حكومة سوريا" ولفت إلى»: a verb with و after anything opens its own clause
    return len(between) <= 3 and all(t.text in {*QUOTE_MARKS, *COMMAS} or t.upos == ("ADJ",) for t in between)


def _auxiliary(token: Token) -> bool:
    """Is the token كان (or a form of it), possibly with و attached: «وكانت الولايات المتحدة ... أعلنت»."""
    return token.folded in AUXILIARIES or (token.folded[:1] == "و" and token.folded[1:] in AUXILIARIES)


def clause_subject(s: Sentence, index: int, lexicon: ReportingLexicon) -> Party:
    """A participle (`محذرة`, `قائلة`) shares the subject of its clause's main verb.

    Notes: an accusative participle of state (حال) describes the subject of the verb it follows,
    so the speaker is the first actor after the sentence's first verb (at most three words after
    it, not counting a title before the name), when there is one.
    """
    tokens = s.tokens
    verb = next((n for n in range(index) if "VERB" in tokens[n].upos), None)
    if verb is None:
        return NOBODY
    following = [
        m for m in s.mentions
        if tokens[verb].end <= m.start and m.end <= tokens[index].start and not adjectival(m)
        and not _after_preposition(m, tokens, lexicon)
        and sum(1 for t in tokens[verb:index] if t.start < m.start and not _in_role_apposition(s, t)) <= 3
    ]
    return _coordinated(s, following[0]) if following else NOBODY


def _in_role_apposition(s: Sentence, token: Token) -> bool:
    """Is the token part of a title written before a name, which leaves the name the subject: a title, a comma, a
    state's adjective («أكد العاهل الأردني، الملك عبدالله الثاني، ...، مؤكدا»)?"""
    if token.text in COMMAS or bare_readings(token.folded) & ROLE_HEADS:
        return True
    return any(m.start <= token.start < m.end and adjectival(m) for m in s.mentions)


def _dependency_subject(tokens: list[Token], index: int, zone: list[Token]) -> Token | None:
    """The token holding the cue verb's nsubj, when the parse puts it between cue and content."""
    cue = tokens[index]
    verb_ids = {i for i, upos in zip(cue.ids, cue.upos) if upos in ("VERB", "NOUN", "ADJ")} or set(cue.ids)
    for token in zone:
        for head, deprel in zip(token.heads, token.deprels):
            if head in verb_ids and deprel.startswith("nsubj"):
                return token
    return None


def _coordinated(s: Sentence, first: MentionSpan) -> Party:
    """A mention extended over the mentions coordinated with it: «الولايات المتحدة وبريطانيا»."""
    last = conjuncts(s.text, first, s.mentions)[-1]
    return Party(s.text[first.start:last.end], first.actor_id)


def _token_before(tokens: list[Token], position: int) -> Token | None:
    before = [t for t in tokens if t.end <= position and t.text not in {'"', "«", "“"}]
    return before[-1] if before else None


def _after_preposition(mention: MentionSpan, tokens: list[Token], lexicon: ReportingLexicon) -> bool:
    """Is the mention governed by a preposition (في موسكو، لموسكو), an outlet noun (لصحيفة X) or a noun with its
    pronoun (ومقره بريطانيا: "its seat is Britain")?"""
    token = next((t for t in tokens if t.start <= mention.start < t.end), None)
    if token and mention.start > token.start and token.folded[0] in PREPOSITION_CLITICS:
        return True
    if fold(mention.text).startswith(LAM_ARTICLE):
        return True  # ل + ال written لل, so the mention keeps the preposition: «المكتب الإعلامي للعبادي»
    before = _token_before(tokens, mention.start)
    if before is None:
        return False
    return before.folded in PREPOSITIONS or pronoun_suffixed(before) or bool(
        {reading for skip, reading in clitic_readings(before.folded) if skip == 1} & lexicon.outlet_nouns
    )


def _noun_phrase(zone: list[Token], lexicon: ReportingLexicon) -> str:
    """The unnamed speaker: the leading words of the zone, up to a preposition, comma or time word (at most four).

    A leading preposition with its pronoun is an adjunct, skipped: «وقالت فيها الوزارة» -> الوزارة.
    """
    words = []
    while zone and preposition_word(zone[0]) and fold(zone[0].text) not in PREPOSITIONS:
        zone = zone[1:]  # «فيها»، «له»: with its pronoun the phrase is whole; a bare «خلال» governs what follows
    for token in zone:
        bare = {reading for skip, reading in clitic_readings(token.folded) if skip <= 1}
        if preposition_word(token):
            break
        if words and token.folded[:1] in CONJUNCTIONS and pronoun_suffixed(token):
            break  # a circumstantial clause: «المرصد ومقره بريطانيا»
        prepositional = token.n_words > 1 and token.upos[0] == "ADP" and not (not words and _leading_clitic(token))
        if TANWIN_FATH in token.text or token.upos[-1:] == ("ADV",) or prepositional:
            break  # an adverb («أعلن سابقا أن») or a prepositional phrase («وقالوا بصوت واحد»), never the speaker
        if words and zone_definite(zone, len(words) - 1) and token.upos[-1:] not in (("ADJ",), ("X",), ("PROPN",)) \
                and token.ner == "O" and not token.folded.endswith(NISBA_ENDINGS) and token.folded not in GIVEN_NAMES:
            break  # a definite noun heads no construct: «وطالب الحكيم دول المنطقة» (the object follows); a name may
            # follow in apposition: «المعارض الأرمني نيكول باشينيان»
        if words and not agrees_in_number(zone[len(words) - 1], token):
            break  # «ووصف المصدر الاتصالات بأنها»: a feminine plural qualifies no singular, it is the object
        if words and (cue_entry(token, lexicon) or _NO_CUE).kind == "verb":
            break  # «مصادر أمنية مطلعة رفضت الكشف عن هويتها»: a verb of saying opens a clause on the phrase
        if (token.text in COMMAS or token.text in QUOTE_MARKS or bare & lexicon.speaker_stops
                or bare & PREPOSITIONS or bare & lexicon.outlet_nouns or not token.folded[:1].isalpha()):
            break
        words.append(token.text)
        if len(words) == 4:
            break
    if words and _leading_clitic(zone[0]):
        words[0] = words[0][1:]  # لمسؤولين -> مسؤولين, والمسؤولون -> المسؤولون
    return " ".join(words)


def zone_definite(zone: list[Token], n: int) -> bool:
    """Does the zone's n-th word carry the article (الله of a compound name aside)?"""
    return zone[n].folded not in NAME_COMPOUNDS and has_article(zone[n])


def _leading_clitic(token: Token) -> bool:
    """Does the word start with the conjunction و or the preposition ل, which is not part of the phrase?

    «والمسؤولون» (و + a definite noun), «لمسؤولين» (split by the tokenizer as ل + مسؤولين); a doubled
    لام («للحمود» = ل + الحمود) is left whole.
    """
    folded = token.folded
    if folded[:1] not in ("و", "ل") or len(folded) <= 3 or folded[1:2] == "ل":
        return False
    return folded[1:3] == ARTICLE or (token.n_words >= 2 and fold(token.first_word) == folded[:1])


def resolve_unnamed(claim: Claim, mentions: list[MentionSpan], text: str, *, anywhere: bool = False) -> Claim:
    """An unnamed speaker that takes up an actor named earlier in the document gets that actor.

    «وكشفت الوزارة أن ...» after «وزارة الحج» (a definite head noun: the actor whose name it heads);
    «وأضاف الراجحي» or «وأوضح الدكتور الراجحي» after «أنس الراجحي» (a person's name, after a title);
    «وأشار رئيس حزب القوات إلى أن» after «رئيس حزب القوات اللبنانية سمير جعجع» (the title he was named with).
    Notes: a definite noun, a title or a bare surname in news refers back to the nearest entity it
    names (definite anaphora); only mentions before the content are read, except for a headline's role
    (`anywhere`: «نائب وزير الصحة: ...» before «كشف نائب وزير الصحة ... حمد الضويلع»), which the article
    names after it.
    """
    if not claim.speaker.text or claim.speaker.actor_id:
        return claim
    if anywhere:  # a headline's role: the article names the person after it
        titled = {m.actor_id for m in mentions if m.actor_id and _named_with_title(claim.speaker.text, m, text)}
        return replace(claim, speaker=Party(claim.speaker.text, next(iter(titled)))) if len(titled) == 1 else claim
    earlier = [m for m in mentions if m.end <= claim.start and m.actor_id]
    titled = {m.actor_id for m in earlier if _named_with_title(claim.speaker.text, m, text)}
    for m in reversed(earlier):
        if _takes_up(claim.speaker.text, m) or (m.actor_id in titled and len(titled) == 1) \
                or _introduced_as(claim.speaker.text, m, text):
            return replace(claim, speaker=Party(claim.speaker.text, m.actor_id))
    return claim  # «الوزير الروسي» after both Russian ministers were named: either of them, so neither


def _bare_words(text: str) -> list[str]:
    """The folded words of a text without punctuation or the article: «رئيس حزب "القوّات» -> رئيس، حزب، قوات."""
    words = [re.sub(r"\W", "", w) for w in fold(text).split()]
    return [w[len(ARTICLE):] if w.startswith(ARTICLE) else w for w in words if w]


def _named_with_title(phrase: str, mention: MentionSpan, text: str) -> bool:
    """Was the person introduced with the title the phrase repeats: «رئيس حزب القوات» (or «الرئيس») for
    «رئيس حزب القوات اللبنانية سمير جعجع», «الوزير الأمريكي» for «وزير الخارجية الأمريكي مايك بومبيو», «الوزير
    السعودي» for «عادل الجبير، وزير الخارجية السعودي، الأحد»? The phrase must open with the title's head; its
    other words must be among the title's."""
    words = _bare_words(phrase)
    if mention.type != "PER" or not words or not {words[0], ARTICLE + words[0]} & PERSON_TITLES:
        return False  # «المجلس» after «رئيس المجلس البلدي سعد الخزيم» is the council, not its head
    before = _bare_words(text[max(0, mention.start - 80):mention.start])[-TITLE_REACH:]
    after = _bare_words(_apposition_after(text, mention.end))[:TITLE_REACH]
    return _titled(words, before) or _titled(words, after[:1] and after, first=True)


def _titled(words: list[str], title: list[str], *, first: bool = False) -> bool:
    """Does the title hold the phrase's head (as its first word, if `first`), then all its other words? «الوزير
    الأمريكي» in «وزير الخارجية الأمريكي»; the head may carry و: «ووزير الدفاع»."""
    heads = [words[0] in {w, w[1:] if w[:1] in CONJUNCTIONS else w} for w in title[:1 if first else None]]
    return any(heads[n] and {_nisba_stem(w) for w in words[1:]} <= {_nisba_stem(w) for w in title[n + 1:]}
               for n in range(len(heads)))


def _nisba_stem(word: str) -> str:
    """A state's name and its adjective alike: «البحرين» and «البحريني», «سوريا» and «السوري» (bare words, folded), so
    «وزير خارجية البحرين» repeats «وزير الخارجية البحريني»."""
    for ending in NISBA_STEM_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[:-len(ending)]
    return word


def _apposition_after(text: str, end: int) -> str:
    """The role written in apposition right after a name, up to the next punctuation: «عادل الجبير، وزير الخارجية
    السعودي، الأحد» -> «وزير الخارجية السعودي»."""
    following = re.match(r"\s*[،,]?\s*([^،,.:؛;\"«»()]*)", text[end:end + 80])
    return following.group(1) if following else ""


def _introduced_as(phrase: str, mention: MentionSpan, text: str) -> bool:
    """Is the phrase one definite noun that stood, indefinite, right before the name: «الشركة» after «شركة سابك»,
    «الصحيفة» after «صحيفة "نيويورك تايمز"», «المنظمة» after «منظمة هيومن رايتس ووتش»?"""
    words = fold(phrase).split()
    if len(words) != 1 or not words[0].startswith(ARTICLE) or len(words[0]) <= len(ARTICLE) + 2 or mention.type != "ORG" \
            or adjectival(mention):
        return False  # a body's name, not a people's adjective: «مسؤولون أمريكيون» ... «المسؤولون» are no state
    before = re.sub(r"[\s\"«»“”']+$", "", text[max(0, mention.start - 30):mention.start]).split()
    return bool(before) and fold(before[-1]) in {words[0][len(ARTICLE):], *(c + words[0][len(ARTICLE):] for c in CONJUNCTIONS)}


def _takes_up(phrase: str, mention: MentionSpan) -> bool:
    """Does the unnamed phrase name the mention again: its head noun made definite (الوزارة: وزارة الحج), or, for
    a person, the first or last word of the name after at most one title (الدكتور الأحمد: مساعد الأحمد; الملك
    عبدالله: عبدالله الثاني)?"""
    words, named = fold(phrase).split(), fold(mention.text).split()
    if not words or not named:
        return False
    if len(words) == 1 and words[0].startswith(ARTICLE) and len(words[0]) > len(ARTICLE) + 2:
        head = named[0][len(ARTICLE):] if named[0].startswith(ARTICLE) else named[0]
        if len(named) > 1 and words[0][len(ARTICLE):] == head:
            return True
    return mention.type == "PER" and len(named) > 1 and len(words) <= 2 and words[-1] in (named[0], named[-1])


def inherit(claim: Claim, earlier: list[Antecedent]) -> Claim:
    """A cue with no overt subject takes the nearest earlier subject whose gender and number agree.

    «فقد عبد الحميد اليوسف ... وقال ...» then «وأضاف أن ...»: اليوسف, though an earlier claim had another speaker.
    Notes: Arabic verbs agree with their subject in gender (and, when the subject precedes, in
    number), so `وتابعت` continues a female (or state) speaker, not a male one; pro-drop takes up
    the nearest such subject.
    """
    for previous in reversed(earlier):
        if not previous.speaker.text:
            continue
        if claim.gender and previous.gender and claim.gender != previous.gender:
            continue
        if claim.number and previous.number and claim.number != previous.number:
            continue
        return replace(claim, speaker=previous.speaker, gender=claim.gender or previous.gender,
                       number=claim.number or previous.number)
    return claim


@dataclass(frozen=True)
class Antecedent:
    """A subject a later pro-drop cue may take up: who, where (a document offset), and the verb's agreement."""

    position: int
    speaker: Party
    gender: str
    number: str


def _antecedent(claim: Claim) -> Antecedent:
    return Antecedent(claim.evidence_start, claim.speaker, claim.gender, claim.number)


def outside_contents(subjects: list[Antecedent], claims: list[Claim]) -> list[Antecedent]:
    """The subjects not inside what a claim reports or its trailing source: in «وأشار إلى أن سيول طلبت ...» سيول, in
    «... ، وفق ما نقلته نيويورك تايمز» the newspaper, is not who speaks next."""
    return [a for a in subjects if not any(c.start <= a.position < max(c.end, c.evidence_end) for c in claims)]


def verb_subjects(s: Sentence, lexicon: ReportingLexicon) -> list[Antecedent]:
    """The actors the parse makes subjects of the sentence's verbs, with the verbs' gender (and number, for a subject
    before its verb, since a verb before its subject stays singular): «وأعلن الرئيس اللبناني ميشال عون» -> ميشال عون, m."""
    words = {}  # word id -> (token index, upos, feats)
    for n, token in enumerate(s.tokens):
        for word_id, upos, feats in zip(token.ids, token.upos, token.feats):
            words[word_id] = (n, upos, feats)
    found = []
    for n, token in enumerate(s.tokens):
        for head, deprel in zip(token.heads, token.deprels):
            verb = words.get(head)
            if not deprel.startswith("nsubj") or verb is None or verb[1] != "VERB" or s.inside_quote(token):
                continue
            mention = next((m for m in s.mentions if m.start <= token.start < m.end and m.actor_id), None)
            role = next(iter(bare_readings(token.folded) & TITLE_GENDERS.keys()), None) if mention is None else None
            mention = mention or _named_after_role(s, n)
            if mention is None or adjectival(mention) or _after_preposition(mention, s.tokens, lexicon):
                continue
            feats = verb[2]
            gender = TITLE_GENDERS[role] if role else "f" if "Gender=Fem" in feats else "m" if "Gender=Masc" in feats else ""
            number = ("p" if "Number=Plur" in feats else "s" if "Number=Sing" in feats else "") if n < verb[0] else ""
            party = _coordinated(s, mention)
            if mention.type == "PER" and party.text == mention.text:
                number = "s"  # one person, whatever the verb before him says: «ويرى أوباما» is no antecedent of «وأشاروا»
            found.append(Antecedent(s.tokens[verb[0]].start, party, gender, number))
    return found


def _named_after_role(s: Sentence, n: int) -> MentionSpan | None:
    """The person a role noun at tokens[n] introduces, within its phrase: «تقدم وزير الخارجية الفلسطيني رياض المالكي
    بالشكر» (the parse makes وزير the subject; المالكي is who he is)."""
    if not bare_readings(s.tokens[n].folded) & ROLE_HEADS:
        return None
    for token in s.tokens[n + 1:n + 1 + TITLE_REACH]:
        if "VERB" in token.upos or token.text in CLAUSE_BREAKS:
            return None
        person = next((m for m in s.mentions if m.start == token.start and m.type == "PER" and m.actor_id), None)
        if person is not None:
            return person
    return None


def relayed(s: Sentence, index: int, zone: list[Token], entry: ReportingCue, lexicon: ReportingLexicon) -> Attribution:
    """`نقلت وكالة إنترفاكس عن شويغو قوله`: the outlet before عن is the source, the one after it speaks."""
    split = next((n for n, t in enumerate(zone) if t.folded == RELAY_FROM), None)
    if split is None:
        return Attribution(zone_speaker(s, index, zone, lexicon), NOBODY, entry.gender, entry.number)
    nouns = [t for t in zone[split + 1:] if (cue_entry(t, lexicon) or _NO_CUE).kind == "noun"]
    speaker_zone = [t for t in zone[split + 1:] if t not in nouns]
    speaker = zone_speaker(s, index, speaker_zone, lexicon, after_preposition=True) if speaker_zone else NOBODY
    source_zone = zone[:split]
    outlets = s.mentions_in(source_zone[0].start, source_zone[-1].end) if source_zone else []
    if not outlets:
        outlets = [m for m in s.mentions if m.end <= s.tokens[index].start and m.type in ("ORG", "MISC")][-1:]
    if outlets:
        source = Party(outlets[0].text, outlets[0].actor_id)
    else:
        source = Party(_noun_phrase(source_zone, lexicon)) if source_zone else NOBODY
    noun = cue_entry(nouns[0], lexicon) if nouns else None  # قولها: the speaker's gender and number
    gender = (noun.gender if noun else "") or entry.gender
    number = (noun.number if noun else "") or entry.number
    return Attribution(speaker, source, gender, number)


def outlet_source(s: Sentence, zone: list[Token], speaker: Party, lexicon: ReportingLexicon) -> Party:
    """`أوضح مسؤولون لصحيفة نيويورك تايمز`: an outlet the statement was given to is its source."""
    if not zone:
        return NOBODY
    for m in s.mentions_in(zone[0].start, zone[-1].end):
        if m.actor_id == speaker.actor_id:
            continue
        before = _token_before(s.tokens, m.start)
        if before and {reading for skip, reading in clitic_readings(before.folded) if skip == 1} & lexicon.outlet_nouns:
            return Party(m.text, m.actor_id)
    return NOBODY


def trailing_source(s: Sentence, k: int, content: Content, lexicon: ReportingLexicon) -> Party | None:
    """A trailing `بحسب X` / `وفق ما نقلته X` names the source; None when there is none or it credits the speaker."""
    tokens = s.tokens
    for j in range(k + 1, len(tokens)):
        if tokens[j].start < content.end and content.mode == "direct":
            continue
        found = _attribution_at(tokens, j, lexicon)
        if found is None:
            continue
        width, credits_speaker = found
        phrase = tokens[j + width:]
        if credits_speaker or not phrase:
            return None
        named = s.mentions_in(phrase[0].start, phrase[-1].end)
        return Party(named[0].text, named[0].actor_id) if named else Party(_noun_phrase(phrase, lexicon))
    return None


# --- Claims without a reporting verb -----------------------------------------------------------

def attributed_claim(s: Sentence, lexicon: ReportingLexicon, previous_start: int) -> Claim | None:
    """A proposition credited with `بحسب / وفق / نقلا عن ...` and no reporting verb.

    When what precedes the marker is a mere fragment, the sentence splitter cut the proposition
    short (`سبتمبر/` | `أيلول، بحسب المسؤولين`), so the content reaches into the previous sentence.
    """
    tokens, text = s.tokens, s.text
    for j in range(len(tokens)):
        if s.inside_quote(tokens[j]):
            continue
        found = _attribution_at(tokens, j, lexicon)
        if found is None or found[1]:
            continue
        width = found[0]
        phrase_end = next((n for n in range(j + width, len(tokens)) if tokens[n].text in {"،", ",", "."}), len(tokens))
        phrase = tokens[j + width:phrase_end]
        if not phrase:
            return None
        after_start = tokens[phrase_end].end if phrase_end < len(tokens) else tokens[-1].end
        start, end = _trim(text, tokens[0].start, tokens[j].start)
        after = _trim(text, after_start, tokens[-1].end)
        evidence_start = tokens[0].start
        if after[1] - after[0] > end - start:  # the marker opens the sentence: the content follows
            start, end = after
        elif len(text[start:end].split()) < MIN_QUOTE_WORDS:
            start, evidence_start = _trim(text, previous_start, end)[0], previous_start
        if end <= start:
            return None
        quote = next((q for q in s.quotes if q[0] - 1 <= start and end <= q[1] + 1), None)
        if quote:
            start, end = quote
        marker = tokens[j:j + width]
        named = [m for m in s.mentions_in(phrase[0].start, phrase[-1].end) if not adjectival(m)]
        if not named and not credits_a_source(phrase, lexicon):
            return None  # «وفقا للتعليمات المنظمة»: "in accordance with", not a source
        speaker = _coordinated(s, named[0]) if named else Party(_noun_phrase(phrase, lexicon))
        return Claim(s.sent_idx, speaker, " ".join(t.text for t in marker), " ".join(t.folded for t in marker),
                     "attributed", start, end, evidence_start, tokens[-1].end)
    return None


def credits_a_source(phrase: list[Token], lexicon: ReportingLexicon) -> bool:
    """Does the phrase after an attribution marker name a source (people, a report, an outlet), past a quantifier
    or a verb of saying («أحد المسؤولين», «حسبما قال مسؤولون»)? «بحسب مسؤولين» does; «وفقا للتعليمات المنظمة»
    and «بحسب فئات المخيمات» do not."""
    for token in phrase[:3]:
        readings = bare_readings(token.folded)
        if readings & SOURCE_NOUNS:
            return True
        if not (readings & QUANTIFIERS or cue_entry(token, lexicon)):
            return False
    return False


def _addressed(between: str) -> bool:
    """Is the text between a headline's speaker and the next actor only the preposition ل of the addressee?"""
    return fold(between.strip()) in RECIPIENT_PREPOSITIONS


def headline_claim(s: Sentence) -> Claim | None:
    """A headline-style `واشنطن: أي اتفاق ... هو انتهاك`: an actor, a colon, then what it says; the actor may name
    whom it addresses with ل: «تيلرسون لبيونغ يانغ: أترقب أن أسمع منكم»."""
    tokens = s.tokens
    colon = next((n for n, t in enumerate(tokens[:MAX_HEADLINE_SPEAKER + 1]) if t.text == ":"), None)
    if colon is None or colon == 0:
        return None
    quoted = tokens[0].text in QUOTE_MARKS and tokens[colon - 1].text in QUOTE_MARKS  # «"السعودي الفرنسي": ...»
    first, last = (tokens[1], tokens[colon - 2]) if quoted and colon > 2 else (tokens[0], tokens[colon - 1])
    opening = [m for m in s.mentions if m.start == first.start]
    addressee = opening and next((m for m in s.mentions if m.end == last.end), None)
    if opening and (opening[0].end == last.end or addressee and _addressed(s.text[opening[0].end:addressee.start])):
        speaker = Party(opening[0].text, opening[0].actor_id)
    else:
        speaker = _role_opening(s, colon)
    if speaker is None:
        return None
    start, end = _trim(s.text, tokens[colon].end, tokens[-1].end)
    if len(s.text[start:end].split()) < MIN_QUOTE_WORDS:
        return None
    quote = _quote_at(start, s.quotes)
    mode = "direct" if quote and quote[1] >= end - 1 else "indirect"
    if mode == "direct":
        start, end = quote
    return Claim(s.sent_idx, speaker, ":", ":", mode, start, end, tokens[0].start, tokens[-1].end)


def _role_opening(s: Sentence, colon: int) -> Party | None:
    """An unnamed role heading a headline, up to its colon or the ل of whom it addresses: «نائب وزير الصحة لـ اليوم:
    التدريب ... من الأولويات» -> نائب وزير الصحة (whom the article names later)."""
    tokens = s.tokens
    if not {r for skip, r in clitic_readings(tokens[0].folded) if skip == 0} & PERSON_TITLES:
        return None
    end = colon
    for n in range(1, colon):
        if fold(tokens[n].first_word) in RECIPIENT_PREPOSITIONS and (tokens[n].n_words > 1 or tokens[n].upos == ("ADP",)):
            end = n
            break
        if tokens[n].upos[-1:] not in (("NOUN",), ("ADJ",), ("PROPN",), ("X",)):
            return None
    return Party(s.text[tokens[0].start:tokens[end - 1].end])
