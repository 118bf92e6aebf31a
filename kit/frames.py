"""Turn a Parsed corpus into the documents / sentences / words / entities tables of DESIGN.md.

Every row carries `doc_id` and `sent_idx`, and character offsets that index the document's
`text`. A word inside a multi-word token (Arabic clitics: `وبوتين` -> `و` + `بوتين`) takes its
token's span when Stanza gives it none.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit.io import atomic_write
from kit.nlp import Parsed
from kit.schema import TableSpec
from kit.text import strip_diacritics

DOCUMENTS = TableSpec.of("documents", "doc_id title source date path n_chars:int64 n_sentences:int64 n_words:int64")
SENTENCES = TableSpec.of("sentences", "doc_id sent_idx:int64 text start_char:int64 end_char:int64 n_tokens:int64 n_words:int64")
WORDS = TableSpec.of(
    "words",
    "doc_id sent_idx:int64 token_idx:int64 word_idx:int64 token word lemma lemma_plain upos feats head:int64 deprel ner"
    " start_char:int64 end_char:int64",
)
ENTITIES = TableSpec.of("entities", "doc_id sent_idx:int64 text type start_char:int64 end_char:int64")
DOCUMENT_COLUMNS, SENTENCE_COLUMNS, WORD_COLUMNS, ENTITY_COLUMNS = (t.names for t in (DOCUMENTS, SENTENCES, WORDS, ENTITIES))


def documents(parsed: Parsed) -> pd.DataFrame:
    """One row per parsed document: metadata from the Corpus, counts from the parse."""
    records = []
    for row in parsed.corpus.itertuples(index=False):
        doc = parsed.docs[row.doc_id]
        records.append((
            row.doc_id, row.title, row.source, row.date, row.path, len(row.text),
            len(doc.sentences), sum(len(s.words) for s in doc.sentences),
        ))
    return DOCUMENTS.frame(records)


def sentences(parsed: Parsed) -> pd.DataFrame:
    """One row per sentence, with its text cut from the document text."""
    records = []
    for doc_id, doc in parsed.docs.items():
        for sent_idx, sentence in enumerate(doc.sentences):
            start, end = sentence.tokens[0].start_char, sentence.tokens[-1].end_char
            records.append((doc_id, sent_idx, doc.text[start:end], start, end, len(sentence.tokens), len(sentence.words)))
    return SENTENCES.frame(records)


def words(parsed: Parsed) -> pd.DataFrame:
    """One row per syntactic word; `token` is the surface token the word belongs to."""
    records = []
    for doc_id, doc in parsed.docs.items():
        for sent_idx, sentence in enumerate(doc.sentences):
            for token_idx, token in enumerate(sentence.tokens, start=1):
                surface = doc.text[token.start_char:token.end_char]
                for word in token.words:
                    start, end = word_span(word, token)
                    lemma = word.lemma or ""
                    records.append((
                        doc_id, sent_idx, token_idx, word.id, surface, word.text, lemma,
                        strip_diacritics(lemma), word.upos or "", word.feats or "",
                        word.head if word.head is not None else 0, word.deprel or "",
                        token.ner or "", start, end,
                    ))
    return WORDS.frame(records)


def word_span(word, token) -> tuple[int, int]:
    """A word's character span, or its token's span when Stanza gives the word none (or one outside it)."""
    start, end = word.start_char, word.end_char
    if start is None or end is None or not token.start_char <= start < end <= token.end_char:
        return token.start_char, token.end_char
    return start, end


def entities(parsed: Parsed) -> pd.DataFrame:
    """One row per named-entity span the model found; `type` is the model's own label."""
    records = []
    for doc_id, doc in parsed.docs.items():
        for sent_idx, sentence in enumerate(doc.sentences):
            for entity in sentence.ents:
                start, end = entity.start_char, entity.end_char
                records.append((doc_id, sent_idx, doc.text[start:end], entity.type, start, end))
    return ENTITIES.frame(records)


def to_conllu(parsed: Parsed) -> str:
    """The parsed corpus as CoNLL-U: `# newdoc id`, `# sent_id = doc_id-n`, offsets and NER in MISC."""
    blocks = []
    for doc_id, doc in parsed.docs.items():
        for sent_idx, sentence in enumerate(doc.sentences):
            start, end = sentence.tokens[0].start_char, sentence.tokens[-1].end_char
            header = [f"# newdoc id = {doc_id}"] if sent_idx == 0 else []
            header += [f"# sent_id = {doc_id}-{sent_idx}", f"# text = {_one_line(doc.text[start:end])}"]
            blocks.append("\n".join(header) + "\n" + format(sentence, "c") + "\n")
    return "\n".join(blocks)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def write_conllu(parsed: Parsed, path: str | Path) -> Path:
    """Write `to_conllu(parsed)` atomically."""
    return atomic_write(path, to_conllu(parsed))
