"""Measure the pipeline and the extractors on gold data: UD treebanks, NER files, gold readings.

`evaluate_ud` scores the parse with Stanza's own CoNLL 2018 evaluation; `evaluate_ner` scores
entity spans with seqeval; `evaluate_extraction` grades actors, claims and stances (the kit's, or
a student's tables) against a hand-written gold reading in YAML (format in the README). Gold items
there locate themselves by passages of text, not offsets, so a teacher can write them by reading.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from kit.modeltools import conllu
from kit.modeltools import gold as kit_gold
from kit.modeltools.conllu import group_clitic_tokens, normalise_tag, read_bio
from kit.modeltools.gold import Grading, gold_problems, load_gold  # noqa: F401  (re-exported)

UD_METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS")


# --- UD: Stanza's CoNLL 2018 shared-task evaluation -------------------------------------------

def score_ud(gold: str | Path, system: str | Path) -> dict[str, dict[str, float]]:
    """CoNLL 2018 scores (precision, recall, F1 in %) of a system CoNLL-U file against a gold one."""
    from stanza.models.common.utils import ud_scores

    evaluation = ud_scores(str(gold), str(system))
    return {
        metric: {"precision": round(100 * evaluation[metric].precision, 2), "recall": round(100 * evaluation[metric].recall, 2),
                 "f1": round(100 * evaluation[metric].f1, 2)}
        for metric in UD_METRICS
    }


def gold_texts(gold: str | Path) -> list[str]:
    """The raw text of a gold CoNLL-U file, one string per document (`# newdoc`), sentences on lines.

    Sentences without `# text` (the old PADT release) are rebuilt from their tokens and SpaceAfter.
    """
    return ["\n".join(conllu.sentence_text(sentence) for sentence in document)
            for document in conllu.documents(conllu.read_conllu(gold))]


def evaluate_ud(gold: str | Path, *, model_dir: str | Path | None = None, system_out: str | Path | None = None,
                group_clitics: bool = False) -> dict:
    """Run the current pipeline on the gold file's raw text and score it (Tokens ... LAS).

    `group_clitics` scores Tokens against surface tokens: for gold files such as UD Arabic PUD that
    write clitics as separate words with no token lines, while the model's mwt splits them.
    """
    from stanza.models.common.doc import Document

    from kit import nlp

    processors = ",".join(p for p in nlp.resolve_processors(None, model_dir).split(",") if p != "ner")
    pipeline = nlp.load_pipeline(model_dir, processors, split_ends=False)  # the model's own sentence splits
    parsed = pipeline.bulk_process([Document([], text=text) for text in gold_texts(gold)])
    system = "".join("{:C}".format(doc).rstrip("\n") + "\n\n" for doc in parsed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(system_out) if system_out else Path(folder) / "system.conllu"
        path.write_text(system, encoding="utf-8")
        if group_clitics:
            grouped = Path(folder) / "gold.conllu"
            grouped.write_text(group_clitic_tokens(Path(gold).read_text(encoding="utf-8")), encoding="utf-8")
            gold = grouped
        return score_ud(gold, path)


def pos_confusions(gold: str | Path, system: str | Path, top: int = 15) -> pd.DataFrame:
    """The commonest UPOS errors (gold tag, system tag, count, example forms) over words segmented alike.

    Words are paired by their character span in the text (spaces aside), so a word the system split
    or joined differently from the gold is not paired; `Words` in the CoNLL scores counts those.
    """
    gold_words, system_words = _word_spans(Path(gold)), _word_spans(Path(system))
    pairs = [(gold_words[span][0], system_words[span][0], gold_words[span][1])
             for span in gold_words.keys() & system_words.keys() if gold_words[span][0] != system_words[span][0]]
    frame = pd.DataFrame(pairs, columns=["gold_upos", "system_upos", "form"])
    if frame.empty:
        return pd.DataFrame(columns=["gold_upos", "system_upos", "count", "examples"])
    grouped = frame.groupby(["gold_upos", "system_upos"])["form"]
    examples = grouped.agg(lambda forms: " ".join(list(dict.fromkeys(forms))[:5])).rename("examples")
    table = grouped.size().rename("count").to_frame().join(examples)
    return table.reset_index().sort_values(["count", "gold_upos"], ascending=[False, True], ignore_index=True).head(top)


def _word_spans(path: Path) -> dict[tuple[int, ...], tuple[str, str]]:
    """(UPOS, form) of every word, keyed by its span in the file's text with spaces removed.

    Words of a multi-word token whose forms do not spell the token share the token's span, told
    apart by their place in it.
    """
    words: dict[tuple[int, ...], tuple[str, str]] = {}
    position = 0
    for sentence in conllu.read_conllu(path):
        for token, parts in sentence.tokens():
            token_form = token[conllu.FORM].replace(" ", "")
            forms = [word[conllu.FORM].replace(" ", "") for word in parts]
            if conllu.is_multiword(token) and "".join(forms) != token_form:
                for index, word in enumerate(parts):
                    words[(position, position + len(token_form), index)] = (word[conllu.UPOS], word[conllu.FORM])
            else:
                start = position
                for word, form in zip(parts, forms):
                    words[(start, start + len(form))] = (word[conllu.UPOS], word[conllu.FORM])
                    start += len(form)
            position += len(token_form)
    return words


# --- NER: entity spans with seqeval ---------------------------------------------------------

def score_ner(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, dict[str, float]]:
    """Per-type and micro precision / recall / F1 (%) of entity spans (exact match), with support."""
    from seqeval.metrics import classification_report

    report = classification_report(gold, predicted, output_dict=True, zero_division=0)
    return {
        label: {"precision": round(100 * v["precision"], 2), "recall": round(100 * v["recall"], 2),
                "f1": round(100 * v["f1-score"], 2), "support": int(v["support"])}
        for label, v in report.items() if label not in ("macro avg", "weighted avg")
    }


def evaluate_ner(gold: str | Path, *, model_dir: str | Path | None = None) -> dict:
    """Tag the gold tokens with the current NER model (gold tokenisation) and score the spans."""
    from kit import nlp

    sentences = read_bio(gold)
    pipeline = nlp.load_pipeline(model_dir, "tokenize,ner", tokenize_pretokenized=True)
    doc = pipeline([[token for token, _ in sentence] for sentence in sentences])
    predicted = [[normalise_tag(token.ner) for token in sentence.tokens] for sentence in doc.sentences]
    return score_ner([[tag for _, tag in sentence] for sentence in sentences], predicted)


# --- Extraction: actors, claims and stances against gold readings (kit.modeltools.gold) ---------------------

def evaluate_extraction(gold: str | Path | list[str | Path], **options: Any) -> Grading:
    """Grade the kit's tables against gold readings (files or folders); see `kit.modeltools.gold.evaluate`."""
    if "input" in options:  # the old name of `articles`
        options["articles"] = options.pop("input")
    return kit_gold.evaluate(gold if isinstance(gold, (list, tuple)) else [gold], **options)


def scores_table(scores: dict[str, dict]) -> pd.DataFrame:
    """Scores as a table: one row per item (metric, entity type or extraction table)."""
    keep = ("precision", "recall", "f1", "support", "found", "total")
    return pd.DataFrame([{"": name, **{k: v for k, v in row.items() if k in keep}} for name, row in scores.items()])
