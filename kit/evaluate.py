"""Measure the pipeline and the extractors on gold data: UD treebanks, NER files, gold readings.

`evaluate_ud` scores the parse with Stanza's own CoNLL 2018 evaluation; `evaluate_ner` scores
entity spans with seqeval; `evaluate_extraction` grades actors, claims and stances (the kit's, or
a student's tables) against a hand-written gold reading in YAML (format in the README). Gold items
there locate themselves by passages of text, not offsets, so a teacher can write them by reading.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from kit import gold as kit_gold
from kit.gold import Grading, gold_problems, load_gold  # noqa: F401  (re-exported)

UD_METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS")
NER_TAG = re.compile(r"^([BIES])-(.+)$")


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
    from kit.nlp import doc_from_conllu

    documents: list[list[str]] = [[]]
    for block in Path(gold).read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.strip().splitlines()
        if any(line.startswith("# newdoc") for line in lines) and documents[-1]:
            documents.append([])
        text = next((line.split("=", 1)[1].strip() for line in lines if line.startswith("# text =")), None)
        documents[-1].append(text if text is not None else doc_from_conllu(block).text.strip())
    return ["\n".join(sentences) for sentences in documents if sentences]


def evaluate_ud(gold: str | Path, *, model_dir: str | Path | None = None, system_out: str | Path | None = None,
                group_clitics: bool = False) -> dict:
    """Run the current pipeline on the gold file's raw text and score it (Tokens ... LAS).

    `group_clitics` scores Tokens against surface tokens: for gold files such as UD Arabic PUD that
    write clitics as separate words with no token lines, while the model's mwt splits them.
    """
    from stanza.models.common.doc import Document

    from kit import nlp
    from kit.train import group_clitic_tokens

    processors = ",".join(p for p in nlp.resolve_processors(None, model_dir).split(",") if p != "ner")
    pipeline = nlp.load_pipeline(model_dir, processors)
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
    position, token_end, token_start, token_form, pending = 0, 0, 0, "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) != 10 or line.startswith("#") or "." in fields[0]:
            continue
        if "-" in fields[0]:
            token_start, token_end, token_form, pending = position, int(fields[0].split("-")[1]), fields[1].replace(" ", ""), []
            position += len(token_form)
            continue
        form = fields[1].replace(" ", "")
        if int(fields[0]) <= token_end:
            pending.append((fields[3], fields[1]))
            if int(fields[0]) == token_end:
                if "".join(f.replace(" ", "") for _, f in pending) == token_form:
                    start = token_start
                    for upos, word in pending:
                        words[(start, start + len(word.replace(" ", "")))] = (upos, word)
                        start += len(word.replace(" ", ""))
                else:
                    for index, (upos, word) in enumerate(pending):
                        words[(token_start, token_start + len(token_form), index)] = (upos, word)
                token_end, pending = 0, []
            continue
        words[(position, position + len(form))] = (fields[3], fields[1])
        position += len(form)
    return words


# --- NER: entity spans with seqeval ---------------------------------------------------------

def normalise_tag(tag: str) -> str:
    """A BIO tag with AQMAR's MIS0-MIS3 (and stray variants) read as MISC and BIOES as BIO."""
    match = NER_TAG.match(tag.strip())
    if not match:
        return "O"
    prefix, label = match.groups()
    label = "MISC" if label.upper().startswith("MIS") else label.upper()
    return ("B" if prefix in "BS" else "I") + "-" + label


def read_bio(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, BIO tag) from a file of `token TAG` lines with blank lines between sentences."""
    sentences: list[list[tuple[str, str]]] = [[]]
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            if sentences[-1]:
                sentences.append([])
            continue
        token, tag = (parts[0], parts[-1]) if len(parts) > 1 else (parts[0], "O")
        sentences[-1].append((token, normalise_tag(tag)))
    return [s for s in sentences if s]


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


# --- Extraction: actors, claims and stances against gold readings (kit.gold) ---------------------

def evaluate_extraction(gold: str | Path | list[str | Path], **options: Any) -> Grading:
    """Grade the kit's tables against gold readings (files or folders); see `kit.gold.evaluate`."""
    return kit_gold.evaluate(gold if isinstance(gold, (list, tuple)) else [gold], **options)


def scores_table(scores: dict[str, dict]) -> pd.DataFrame:
    """Scores as a table: one row per item (metric, entity type or extraction table)."""
    keep = ("precision", "recall", "f1", "support", "found", "total")
    return pd.DataFrame([{"": name, **{k: v for k, v in row.items() if k in keep}} for name, row in scores.items()])
