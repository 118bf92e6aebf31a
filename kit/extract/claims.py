"""Who said what, on whose authority: one row per attributed statement.

A claim starts at a reporting cue (`قال`, `أكد`, `أعرب عن`, `قوله`, ...) from the cue lexicon and
takes as content what follows a colon, a complementizer (`أن`/`إن`), a quotation, or the cue's
preposition. The words between cue and content name the speaker (a person before an
organisation, then the dependency subject, then any actor, else the unnamed noun phrase such as
`مسؤولون`); a cue with no overt subject (`وتابعت`) inherits the previous speaker when gender and
number agree. Sources come from `نقل X عن Y`, `لصحيفة X` and trailing `بحسب/وفق X`; a sentence
with such a marker and no cue is an `attributed` claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit import lexicons
from kit.nlp import Parsed
from kit.schema import TableSpec
from kit.extract.context import COMMAS, QUOTE_MARKS, MentionSpan, Token, clitic_readings, find_quotes, mentions_by_doc, sentence_tokens
from kit.text import fold

CLAIMS = TableSpec.of(
    "claims",
    "claim_id doc_id sent_idx:int64 speaker speaker_actor_id cue cue_lemma mode content source source_actor_id"
    " start_char:int64 end_char:int64 evidence",
)
CLAIM_COLUMNS = CLAIMS.names
MODES = ("direct", "indirect", "mixed", "attributed")
COMPLEMENTIZERS = frozenset(fold(w) for w in lexicons.column("complementizers"))
PREPOSITIONS = frozenset(fold(w) for w in lexicons.column("prepositions"))
NISBA_ENDINGS = tuple(lexicons.column("affixes", "affix", kind="nisba_ending"))
TEMPORAL = frozenset(fold(w) for w in lexicons.column("temporal_conjunctions"))  # بعد أن: "after", not reported speech
AUXILIARIES = frozenset(fold(w) for w in lexicons.column("auxiliaries"))
RELAY_VERB = fold(lexicons.column("pattern_words", role="relay_verb")[0])
RELAY_FROM = fold(lexicons.column("pattern_words", role="relay_from")[0])
NOUN_CUE_REACH = 3  # a noun cue (تصريحات، بيان) must be this close to its content
MAX_ZONE = 16  # tokens between a cue and its content
MIN_QUOTE_WORDS = 3  # shorter quotations are names or titles ("نيويورك تايمز"), not statements
_PUNCT_EDGE = re.compile(r"^[\s،,:.؛;]+|[\s،,:.؛;]+$")


@dataclass(frozen=True)
class CueEntry:
    lemma: str
    kind: str
    gender: str
    number: str
    particle: str
    pp_content: bool


_NO_CUE = CueEntry("", "", "", "", "", False)


@dataclass
class Lexicon:
    """The lexicons claims are found with, indexed by folded form."""

    cues: dict[str, CueEntry]
    verb_lemmas: set[str]
    attributions: list[tuple[list[str], bool]]  # (folded words, credits the speaker already named)
    outlet_nouns: set[str]
    speaker_stops: set[str]


@dataclass
class Claim:
    doc_id: str
    sent_idx: int
    speaker: str
    speaker_actor_id: str
    cue: str
    cue_lemma: str
    mode: str
    start: int
    end: int
    evidence_start: int
    evidence_end: int
    source: str = ""
    source_actor_id: str = ""
    gender: str = ""
    number: str = ""


def load_lexicon(lexicon: str | Path | pd.DataFrame | None = None) -> Lexicon:
    """The reporting-cue lexicon (default, a user's CSV, or a DataFrame) with the attribution markers."""
    rows = lexicon if isinstance(lexicon, pd.DataFrame) else lexicons.load("reporting_cues", path=lexicon)
    cues: dict[str, CueEntry] = {}
    for row in rows.to_dict("records"):
        entry = CueEntry(
            fold(row["lemma"]), row["kind"], row.get("gender", ""), row.get("number", ""),
            fold(row.get("particle", "") or ""), str(row.get("pp_content", "0")) == "1",
        )
        for form in str(row["forms"]).split("|"):
            cues.setdefault(fold(form), entry)
    verbs = {fold(r["lemma"]) for r in rows.to_dict("records") if r["kind"] == "verb"}
    markers = [(fold(r["marker"]).split(), r["self"] == "1") for r in lexicons.load("attributions").to_dict("records")]
    markers.sort(key=lambda m: -len(m[0]))
    return Lexicon(
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
    lexicon: str | Path | pd.DataFrame | Lexicon | None = None,
) -> pd.DataFrame:
    """Find the claims of a parsed corpus: a DataFrame with `CLAIM_COLUMNS`, in text order."""
    cue_lexicon = lexicon if isinstance(lexicon, Lexicon) else load_lexicon(lexicon)
    by_doc = mentions_by_doc(mentions)
    rows = []
    for doc_id, doc in parsed.docs.items():
        found = _document_claims(doc_id, doc, by_doc.get(doc_id, []), cue_lexicon)
        for n, claim in enumerate(found):
            rows.append((
                f"{doc_id}-c{n}", doc_id, claim.sent_idx, claim.speaker, claim.speaker_actor_id, claim.cue,
                claim.cue_lemma, claim.mode, doc.text[claim.start:claim.end], claim.source,
                claim.source_actor_id, claim.start, claim.end, doc.text[claim.evidence_start:claim.evidence_end],
            ))
    return CLAIMS.frame(rows)


def _document_claims(doc_id: str, doc, mentions: list[MentionSpan], lexicon: Lexicon) -> list[Claim]:
    text = doc.text
    quotes = find_quotes(text)
    claims: list[Claim] = []
    for sent_idx, sentence in enumerate(doc.sentences):
        tokens = sentence_tokens(text, sentence)
        if not tokens:
            continue
        if claims and claims[-1].end > tokens[0].start and claims[-1].mode == "direct":
            continue  # this sentence lies inside the previous claim's quotation
        in_sentence = [m for m in mentions if tokens[0].start <= m.start < tokens[-1].end]
        found: list[Claim] = []
        taken_until = -1
        for index in range(len(tokens)):
            entry = _cue_entry(tokens[index], lexicon)
            if entry is None or index <= taken_until or _inside_quote(tokens[index], quotes):
                continue
            result = _claim_at(doc_id, sent_idx, text, tokens, index, entry, in_sentence, quotes, lexicon)
            if result is None:
                continue
            claim, zone_end = result
            if not claim.speaker:
                _inherit(claim, claims + found)
            found.append(claim)
            taken_until = zone_end
        if not found:
            previous_start = doc.sentences[sent_idx - 1].tokens[0].start_char if sent_idx else tokens[0].start
            found = [c for c in (
                _headline_claim(doc_id, sent_idx, text, tokens, in_sentence, quotes),
                _attributed_claim(doc_id, sent_idx, text, tokens, in_sentence, quotes, lexicon, previous_start),
            ) if c]
        claims.extend(found)
    return claims


def _cue_entry(token: Token, lexicon: Lexicon) -> CueEntry | None:
    """The cue a token is, by surface form (with و/ف attached) or, for verbs, by lemma."""
    for skip, reading in clitic_readings(token.folded):
        if skip <= 1 and reading in lexicon.cues:
            return lexicon.cues[reading]
    for upos, lemma, feats in zip(token.upos, token.lemmas, token.feats):
        if upos == "VERB" and lemma in lexicon.verb_lemmas:
            base = next(e for e in lexicon.cues.values() if e.lemma == lemma and e.kind == "verb")
            gender = "f" if "Gender=Fem" in feats else "m" if "Gender=Masc" in feats else ""
            number = "p" if "Number=Plur" in feats else "s" if "Number=Sing" in feats else ""
            return CueEntry(lemma, "verb", gender, number, base.particle, base.pp_content)
    return None


def _inside_quote(token: Token, quotes: list[tuple[int, int]]) -> bool:
    return any(start <= token.start and token.end <= end for start, end in quotes)


def _quote_at(position: int, quotes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation whose opening mark is at `position`."""
    return next(((s, e) for s, e in quotes if s - 1 == position), None)


def _long_quote(span: tuple[int, int], text: str) -> bool:
    return len(text[span[0]:span[1]].split()) > MIN_QUOTE_WORDS


def _claim_at(
    doc_id: str, sent_idx: int, text: str, tokens: list[Token], index: int, entry: CueEntry,
    mentions: list[MentionSpan], quotes: list[tuple[int, int]], lexicon: Lexicon,
) -> tuple[Claim, int] | None:
    """The claim a cue introduces, with the index of the last token of its speaker zone; None if no content."""
    sentence_end = tokens[-1].end
    content_start = None
    quote = None
    k = index + 1
    while k < len(tokens) and k - index <= MAX_ZONE:
        token = tokens[k]
        readings = {reading for _, reading in clitic_readings(token.folded)}
        if token.text == ":":
            content_start = _skip_space(text, token.end)
            quote = _quote_at(content_start, quotes)
            break
        if token.folded in COMPLEMENTIZERS and not (k > 0 and tokens[k - 1].folded in TEMPORAL):
            content_start = _skip_space(text, token.end)
            quote = _quote_at(content_start, quotes)
            break
        opening = _quote_at(token.start, quotes)
        if opening and _long_quote(opening, text):
            quote, content_start = opening, token.start
            break
        if entry.pp_content and entry.particle and (token.folded == entry.particle or (
                entry.particle == "ب" and token.folded.startswith("ب") and len(token.folded) > 3)):
            content_start = _skip_space(text, token.end if token.folded == entry.particle else token.start + 1)
            break
        if token.text == "." or (k > index + 1 and _cue_entry(token, lexicon) and "VERB" in token.upos and
                                  lexicon.cues.get(token.folded, entry).kind == "verb" and not readings & {entry.particle}):
            return None
        k += 1
    if content_start is None or (entry.kind == "noun" and k - index > NOUN_CUE_REACH):
        return None
    zone = tokens[index + 1:k]

    evidence_end = sentence_end
    clause_end = _content_end(tokens, k, lexicon, quotes)
    closes_clause = quote and re.match(r"\s*[،,.؛]|\s*$", text[quote[1] + 1:])
    if quote and (closes_clause or quote[1] >= clause_end - 2):
        start, end, mode = quote[0], quote[1], "direct"
        evidence_end = max(sentence_end, end + 1)
    else:
        end = clause_end
        start = content_start
        inner = [q for q in quotes if start <= q[0] - 1 and q[1] < end]
        mode = "mixed" if inner else "indirect"
        if quote and quote[1] >= end - 2:
            start, end, mode = quote[0], quote[1], "direct"
    start, end = _trim(text, start, end)
    if end <= start:
        return None

    cue = tokens[index]
    claim = Claim(doc_id, sent_idx, "", "", cue.text, entry.lemma, mode, start, end, tokens[0].start,
                  evidence_end, gender=entry.gender, number=entry.number)
    if entry.lemma == RELAY_VERB:
        _source_chain(claim, text, tokens, index, zone, mentions, lexicon)
    elif entry.kind == "participle" and not zone:
        _clause_subject(claim, text, tokens, index, mentions, lexicon)
    else:
        _set_speaker(claim, text, tokens, index, zone, mentions, lexicon)
        _outlet_source(claim, zone, mentions, lexicon, tokens)
    _trailing_source(claim, text, tokens, k, mentions, lexicon)
    return claim, k


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


def _content_end(tokens: list[Token], k: int, lexicon: Lexicon, quotes) -> int:
    """Where reported content ends: the sentence end, a trailing attribution, or a following cue after a comma."""
    for j in range(k + 1, len(tokens)):
        if _inside_quote(tokens[j], quotes) or tokens[j - 1].text not in COMMAS:
            continue
        entry = _cue_entry(tokens[j], lexicon)
        if _attribution_at(tokens, j, lexicon) is not None or (entry and entry.kind in ("participle", "verb")):
            return tokens[j - 1].start
    return tokens[-1].end


def _attribution_at(tokens: list[Token], j: int, lexicon: Lexicon) -> tuple[int, bool] | None:
    """(number of tokens, credits-the-speaker) when an attribution marker starts at token j."""
    for words, credits_speaker in lexicon.attributions:
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


def _mentions_in(mentions: list[MentionSpan], start: int, end: int) -> list[MentionSpan]:
    return [m for m in mentions if start <= m.start and m.end <= end]


def _adjectival(mention: MentionSpan) -> bool:
    """A state named by its adjective (`مسؤولون أمريكيون`) describes a speaker but is not one."""
    bare = fold(mention.text)
    bare = bare[2:] if bare.startswith("ال") else bare
    return mention.type == "GPE" and len(bare.split()) == 1 and bare.endswith(NISBA_ENDINGS) and not bare.endswith("يا")


def _token_before(tokens: list[Token], position: int) -> Token | None:
    before = [t for t in tokens if t.end <= position and t.text not in {'"', "«", "“"}]
    return before[-1] if before else None


def _after_preposition(mention: MentionSpan, tokens: list[Token], lexicon: Lexicon) -> bool:
    """Is the mention governed by a preposition (في موسكو، لموسكو) or an outlet noun (لصحيفة X)?"""
    token = next((t for t in tokens if t.start <= mention.start < t.end), None)
    if token and mention.start > token.start and token.folded[0] in "لب":
        return True
    before = _token_before(tokens, mention.start)
    if before is None:
        return False
    return before.folded in PREPOSITIONS or bool(
        {reading for skip, reading in clitic_readings(before.folded) if skip == 1} & lexicon.outlet_nouns
    )


def _set_speaker(claim: Claim, text: str, tokens: list[Token], index: int, zone: list[Token],
                 mentions: list[MentionSpan], lexicon: Lexicon, *, after_preposition: bool = False) -> None:
    """Speaker from the words between cue and content; else the subject before the cue."""
    if zone:
        candidates = [
            m for m in _mentions_in(mentions, zone[0].start, zone[-1].end)
            if not _adjectival(m) and (after_preposition or not _after_preposition(m, tokens, lexicon))
        ]
        subject = _dependency_subject(tokens, index, zone)
        chosen = (
            next((m for m in candidates if m.type == "PER"), None)
            or next((m for m in candidates if subject and m.start <= subject.start < m.end), None)
            or (candidates[0] if candidates else None)
        )
        if chosen:
            _speaker_from_mention(claim, text, chosen, mentions)
            return
        phrase = _noun_phrase(zone, lexicon)
        if phrase:
            claim.speaker = phrase
            return
    opens_with_kaana = _auxiliary(tokens[0])
    before = [
        m for m in mentions
        if m.end <= tokens[index].start and not _adjectival(m) and not _after_preposition(m, tokens, lexicon)
        and (opens_with_kaana or not any(m.end <= t.start < tokens[index].start for t in tokens))
    ]
    if before:
        chain_end = before[-1]
        first = chain_end
        for m in reversed(before[:-1]):
            if re.fullmatch(r"\s*و", text[m.end:first.start]):
                first = m
            else:
                break
        claim.speaker = text[first.start:chain_end.end]
        claim.speaker_actor_id = first.actor_id


def _auxiliary(token: Token) -> bool:
    """Is the token كان (or a form of it), possibly with و attached: «وكانت الولايات المتحدة ... أعلنت»."""
    return token.folded in AUXILIARIES or (token.folded[:1] == "و" and token.folded[1:] in AUXILIARIES)


def _clause_subject(claim: Claim, text: str, tokens: list[Token], index: int, mentions: list[MentionSpan], lexicon: Lexicon) -> None:
    """A participle (`محذرة`, `قائلة`) shares the subject of its clause's main verb.

    Notes: an accusative participle of state (حال) describes the subject of the verb it follows,
    so the speaker is the first actor after the sentence's first verb, when there is one.
    """
    verb = next((n for n in range(index) if "VERB" in tokens[n].upos), None)
    if verb is None:
        return
    following = [
        m for m in mentions
        if tokens[verb].end <= m.start and m.end <= tokens[index].start and not _adjectival(m)
        and not _after_preposition(m, tokens, lexicon) and sum(1 for t in tokens[verb:index] if t.start < m.start) <= 3
    ]
    if following:
        _speaker_from_mention(claim, text, following[0], mentions)


def _dependency_subject(tokens: list[Token], index: int, zone: list[Token]) -> Token | None:
    """The token holding the cue verb's nsubj, when the parse puts it between cue and content."""
    cue = tokens[index]
    verb_ids = {i for i, upos in zip(cue.ids, cue.upos) if upos in ("VERB", "NOUN", "ADJ")} or set(cue.ids)
    for token in zone:
        for head, deprel in zip(token.heads, token.deprels):
            if head in verb_ids and deprel.startswith("nsubj"):
                return token
    return None


def _speaker_from_mention(claim: Claim, text: str, first: MentionSpan, mentions: list[MentionSpan]) -> None:
    """The speaker is a mention, extended over coordinated mentions (`الولايات المتحدة وبريطانيا`)."""
    last = first
    for m in mentions:
        if m.start >= last.end and re.fullmatch(r"\s*و", text[last.end:m.start]):
            last = m
    claim.speaker = text[first.start:last.end]
    claim.speaker_actor_id = first.actor_id


def _noun_phrase(zone: list[Token], lexicon: Lexicon) -> str:
    """The unnamed speaker: the leading words of the zone, up to a preposition, comma or time word."""
    words = []
    for token in zone:
        bare = {reading for skip, reading in clitic_readings(token.folded) if skip <= 1}
        if (token.text in COMMAS or token.text in QUOTE_MARKS or bare & lexicon.speaker_stops
                or bare & PREPOSITIONS or bare & lexicon.outlet_nouns or not token.folded[:1].isalpha()):
            break
        words.append(token.text)
        if len(words) == 4:
            break
    if words and _leading_clitic(zone[0]):
        words[0] = words[0][1:]  # لمسؤولين -> مسؤولين, والمسؤولون -> المسؤولون
    return " ".join(words)


def _leading_clitic(token: Token) -> bool:
    """Does the word start with the conjunction و or the preposition ل, which is not part of the phrase?

    «والمسؤولون» (و + a definite noun), «لمسؤولين» (split by the tokenizer as ل + مسؤولين); a doubled
    لام («للحمود» = ل + الحمود) is left whole.
    """
    folded = token.folded
    if folded[:1] not in ("و", "ل") or len(folded) <= 3 or folded[1:2] == "ل":
        return False
    return folded[1:3] == "ال" or (token.n_words >= 2 and fold(token.first_word) == folded[:1])


def _inherit(claim: Claim, earlier: list[Claim]) -> None:
    """A cue with no overt subject takes the previous speaker when gender and number agree.

    Notes: Arabic verbs agree with their subject in gender (and, when the subject precedes, in
    number), so `وتابعت` continues a female (or state) speaker, not a male one.
    """
    for previous in reversed(earlier):
        if not previous.speaker:
            continue
        if claim.gender and previous.gender and claim.gender != previous.gender:
            return
        if claim.number and previous.number and claim.number != previous.number:
            return
        claim.speaker, claim.speaker_actor_id = previous.speaker, previous.speaker_actor_id
        claim.gender = claim.gender or previous.gender
        claim.number = claim.number or previous.number
        return


def _source_chain(claim: Claim, text: str, tokens: list[Token], index: int, zone: list[Token],
                  mentions: list[MentionSpan], lexicon: Lexicon) -> None:
    """`نقلت وكالة إنترفاكس عن شويغو قوله`: the outlet before عن is the source, the one after it speaks."""
    split = next((n for n, t in enumerate(zone) if t.folded == RELAY_FROM), None)
    if split is None:
        _set_speaker(claim, text, tokens, index, zone, mentions, lexicon)
        return
    nouns = [t for t in zone[split + 1:] if (_cue_entry(t, lexicon) or _NO_CUE).kind == "noun"]
    speaker_zone = [t for t in zone[split + 1:] if t not in nouns]
    if speaker_zone:
        _set_speaker(claim, text, tokens, index, speaker_zone, mentions, lexicon, after_preposition=True)
    source_zone = zone[:split]
    outlets = _mentions_in(mentions, source_zone[0].start, source_zone[-1].end) if source_zone else []
    if not outlets:
        outlets = [m for m in mentions if m.end <= tokens[index].start and m.type in ("ORG", "MISC")][-1:]
    if outlets:
        claim.source, claim.source_actor_id = outlets[0].text, outlets[0].actor_id
    elif source_zone:
        claim.source = _noun_phrase(source_zone, lexicon)
    if nouns:  # قولها: the speaker's gender and number
        entry = _cue_entry(nouns[0], lexicon)
        claim.gender, claim.number = entry.gender or claim.gender, entry.number or claim.number


def _outlet_source(claim: Claim, zone: list[Token], mentions: list[MentionSpan], lexicon: Lexicon, tokens: list[Token]) -> None:
    """`أوضح مسؤولون لصحيفة نيويورك تايمز`: an outlet the statement was given to is its source."""
    if not zone:
        return
    for m in _mentions_in(mentions, zone[0].start, zone[-1].end):
        if m.actor_id == claim.speaker_actor_id:
            continue
        before = _token_before(tokens, m.start)
        if before and {reading for s, reading in clitic_readings(before.folded) if s == 1} & lexicon.outlet_nouns:
            claim.source, claim.source_actor_id = m.text, m.actor_id
            return


def _trailing_source(claim: Claim, text: str, tokens: list[Token], k: int, mentions: list[MentionSpan], lexicon: Lexicon) -> None:
    """A trailing `بحسب X` / `وفق ما نقلته X` names the source (unless it credits the speaker itself)."""
    for j in range(k + 1, len(tokens)):
        if tokens[j].start < claim.end and claim.mode == "direct":
            continue
        found = _attribution_at(tokens, j, lexicon)
        if found is None:
            continue
        width, credits_speaker = found
        if credits_speaker:
            return
        phrase = tokens[j + width:]
        named = _mentions_in(mentions, phrase[0].start, phrase[-1].end) if phrase else []
        if named:
            claim.source, claim.source_actor_id = named[0].text, named[0].actor_id
        elif phrase:
            claim.source = _noun_phrase(phrase, lexicon)
        return


def _attributed_claim(doc_id: str, sent_idx: int, text: str, tokens: list[Token], mentions: list[MentionSpan],
                      quotes, lexicon: Lexicon, previous_start: int) -> Claim | None:
    """A proposition credited with `بحسب / وفق / نقلا عن ...` and no reporting verb.

    When what precedes the marker is a mere fragment, the sentence splitter cut the proposition
    short (`سبتمبر/` | `أيلول، بحسب المسؤولين`), so the content reaches into the previous sentence.
    """
    for j in range(len(tokens)):
        if _inside_quote(tokens[j], quotes):
            continue
        found = _attribution_at(tokens, j, lexicon)
        if found is None or found[1]:
            continue
        width = found[0]
        phrase_end = next((n for n in range(j + width, len(tokens)) if tokens[n].text in {"،", ",", "."}), len(tokens))
        phrase = tokens[j + width:phrase_end]
        if not phrase:
            return None
        before_start, before_end = tokens[0].start, tokens[j].start
        after_start = tokens[phrase_end].end if phrase_end < len(tokens) else tokens[-1].end
        start, end = _trim(text, before_start, before_end)
        after = _trim(text, after_start, tokens[-1].end)
        evidence_start = tokens[0].start
        if after[1] - after[0] > end - start:  # the marker opens the sentence: the content follows
            start, end = after
        elif len(text[start:end].split()) < MIN_QUOTE_WORDS:
            start, evidence_start = _trim(text, previous_start, end)[0], previous_start
        if end <= start:
            return None
        quote = next((q for q in quotes if q[0] - 1 <= start and end <= q[1] + 1), None)
        if quote:
            start, end = quote
        marker = tokens[j:j + width]
        claim = Claim(doc_id, sent_idx, "", "", " ".join(t.text for t in marker), " ".join(t.folded for t in marker),
                      "attributed", start, end, evidence_start, tokens[-1].end)
        named = [m for m in _mentions_in(mentions, phrase[0].start, phrase[-1].end) if not _adjectival(m)]
        if named:
            _speaker_from_mention(claim, text, named[0], mentions)
        else:
            claim.speaker = _noun_phrase(phrase, lexicon)
        return claim
    return None


def _headline_claim(doc_id: str, sent_idx: int, text: str, tokens: list[Token], mentions: list[MentionSpan], quotes) -> Claim | None:
    """A headline-style `واشنطن: أي اتفاق ... هو انتهاك`: an actor, a colon, then what it says."""
    colon = next((n for n, t in enumerate(tokens[:6]) if t.text == ":"), None)
    if colon is None or colon == 0:
        return None
    opening = [m for m in mentions if m.start == tokens[0].start and m.end == tokens[colon - 1].end]
    if not opening:
        return None
    start, end = _trim(text, tokens[colon].end, tokens[-1].end)
    if len(text[start:end].split()) < MIN_QUOTE_WORDS:
        return None
    quote = _quote_at(start, quotes)
    mode = "direct" if quote and quote[1] >= end - 1 else "indirect"
    if mode == "direct":
        start, end = quote
    return Claim(doc_id, sent_idx, opening[0].text, opening[0].actor_id, ":", ":", mode, start, end,
                 tokens[0].start, tokens[-1].end)
