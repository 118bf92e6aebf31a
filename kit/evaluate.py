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
import yaml

from kit.text import fold

UD_METRICS = ("Tokens", "Sentences", "Words", "UPOS", "UFeats", "Lemmas", "UAS", "LAS")
NER_TAG = re.compile(r"^([BIES])-(.+)$")


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold YAML file; raises ValueError naming the file and the problem when malformed."""
    path = Path(path)
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"gold file {path}: not valid YAML ({error})") from error
    if not isinstance(gold, dict) or "document" not in gold:
        raise ValueError(f"gold file {path}: expected a mapping with a 'document' key")
    for key in ("actors", "claims", "stances"):
        gold.setdefault(key, [])
    return gold


def _bare(text: object) -> str:
    folded = fold(str(text or ""))
    return folded[1:] if folded[:1] in ("و", "ف") and len(folded) > 3 else folded


def _overlap(a: str, b: str) -> bool:
    a, b = fold(a), fold(b)
    return bool(a) and bool(b) and (a in b or b in a)


def actor_forms(actors: pd.DataFrame) -> dict[str, set[str]]:
    """actor_id -> the folded forms it goes by (name and aliases)."""
    return {row.actor_id: {fold(f) for f in [row.name, *str(row.aliases).split("|")] if f} for row in actors.itertuples()}


def gold_forms(gold_actors: list[dict]) -> dict[str, set[str]]:
    """Folded gold actor name -> the folded forms it goes by (name and aliases)."""
    return {fold(g["name"]): {fold(f) for f in [g["name"], *g.get("aliases", [])]} for g in gold_actors}


def same_actor(found_id: str, gold_name: str, forms: dict[str, set[str]], gold: dict[str, set[str]]) -> bool:
    """Is the found actor the gold one? They share a name or alias."""
    wanted = gold.get(fold(gold_name), {fold(gold_name)})
    return bool(forms.get(found_id, set()) & wanted)


def score_actors(actors: pd.DataFrame, gold_actors: list[dict]) -> dict[str, Any]:
    """Gold actors found (by any of their names) and with the right type; found actors no gold one explains."""
    forms = actor_forms(actors)
    types = dict(zip(actors["actor_id"], actors["type"]))
    found, typed, missed = [], [], []
    for item in gold_actors:
        wanted = {fold(f) for f in [item["name"], *item.get("aliases", [])]}
        hits = [actor_id for actor_id, known in forms.items() if known & wanted]
        if hits:
            found.append(item["name"])
            typed += [item["name"]] if any(types[h] == item["type"] for h in hits) else []
        else:
            missed.append(item["name"])
    every_gold_form = set().union(*gold_forms(gold_actors).values()) if gold_actors else set()
    matched = [a for a, known in forms.items() if known & every_gold_form]
    names = dict(zip(actors["actor_id"], actors["name"]))
    return {"total": len(gold_actors), "found": len(found), "right_type": len(typed), "missed": missed,
            "matched_actors": len(matched), "extra": [names[a] for a in forms if a not in matched]}


def _pair(gold_items: list[dict], rows: pd.DataFrame, id_column: str, same) -> list[tuple[dict, Any]]:
    """Pair each gold item with the first unused row whose evidence holds its sentence and that `same` accepts."""
    used: set[str] = set()
    pairs = []
    for item in gold_items:
        match = next(
            (row for row in rows.itertuples()
             if getattr(row, id_column) not in used and fold(item["sentence"]) in fold(row.evidence) and same(item, row)),
            None,
        )
        if match is not None:
            used.add(getattr(match, id_column))
        pairs.append((item, match))
    return pairs


def match_claims(claims: pd.DataFrame, gold_claims: list[dict]) -> list[tuple[dict, Any]]:
    """Pair each gold claim with the found claim that matches it (or None); each found claim used once."""
    return _pair(gold_claims, claims, "claim_id",
                 lambda item, row: _bare(row.cue) == _bare(item["cue"]) and _overlap(row.content, item["content"]))


def score_claims(claims: pd.DataFrame, actors: pd.DataFrame, gold_claims: list[dict],
                 gold_actors: list[dict] | None = None) -> dict[str, Any]:
    """Found / total claims, and how many matched claims have the gold speaker, source and mode."""
    forms, gold = actor_forms(actors), gold_forms(gold_actors or [])
    pairs = match_claims(claims, gold_claims)
    matched = [(g, f) for g, f in pairs if f is not None]

    def speaker_right(item: dict, found) -> bool:
        if item.get("speaker_actor"):
            return same_actor(found.speaker_actor_id, item["speaker_actor"], forms, gold)
        return not found.speaker_actor_id and _overlap(found.speaker, item["speaker"])

    def source_right(item: dict, found) -> bool:
        if item.get("source_actor"):
            return same_actor(found.source_actor_id, item["source_actor"], forms, gold)
        return not found.source_actor_id and not found.source

    return {
        "total": len(gold_claims),
        "found": len(matched),
        "extra": len(claims) - len(matched),
        "speaker_right": sum(speaker_right(g, f) for g, f in matched),
        "source_right": sum(source_right(g, f) for g, f in matched),
        "mode_right": sum(g["mode"] == f.mode for g, f in matched),
        "missed": [g["sentence"] for g, f in pairs if f is None],
        "wrong_speaker": [(g["sentence"], f.speaker) for g, f in matched if not speaker_right(g, f)],
    }


def match_stances(stances: pd.DataFrame, actors: pd.DataFrame, gold_stances: list[dict],
                  gold_actors: list[dict] | None = None) -> list[tuple[dict, Any]]:
    """Pair each gold stance with a found stance in that sentence with the same holder, target and polarity."""
    forms, gold = actor_forms(actors), gold_forms(gold_actors or [])
    return _pair(gold_stances, stances, "stance_id", lambda item, row: (
        same_actor(row.holder_actor_id, item["holder_actor"], forms, gold)
        and same_actor(row.target_actor_id, item["target_actor"], forms, gold)
        and int(row.polarity) == int(item["polarity"])
    ))


def score_stances(stances: pd.DataFrame, actors: pd.DataFrame, gold_stances: list[dict],
                  gold_actors: list[dict] | None = None) -> dict[str, Any]:
    """Gold stances found with the right holder, target and polarity."""
    pairs = match_stances(stances, actors, gold_stances, gold_actors)
    return {
        "total": len(gold_stances),
        "found": sum(1 for _, f in pairs if f is not None),
        "label_right": sum(1 for g, f in pairs if f is not None and f.label == g["label"]),
        "missed": [(g["sentence"], g["holder_actor"], g["target_actor"]) for g, f in pairs if f is None],
        "n_stances": len(stances),
    }


def _prf(found: int, matched: int, total: int) -> dict[str, float]:
    precision = matched / found if found else 0.0
    recall = matched / total if total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(100 * precision, 2), "recall": round(100 * recall, 2), "f1": round(100 * f1, 2)}


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


# --- Extraction: actors, claims and stances against a gold reading ---------------------------

def evaluate_extraction(
    gold: str | Path,
    *,
    tables_dir: str | Path | None = None,
    input: str | Path | None = None,
    model_dir: str | Path | None = None,
) -> dict[str, Any]:
    """Grade the tables of one article (given in `tables_dir`, or computed from its text) against gold."""
    from kit import tables as kit_tables

    gold_path = Path(gold)
    reading = load_gold(gold_path)
    if tables_dir is not None:
        found = kit_tables.read(Path(tables_dir))
    else:
        document = Path(input) if input else _find_document(gold_path, reading["document"])
        found = kit_tables.load(document, model_dir=model_dir)
    found = _only_document(found, reading["document"])
    actors, claims, stances = found["actors"], found["claims"], found["stances"]
    actor_score = score_actors(actors, reading["actors"])
    claim_score = score_claims(claims, actors, reading["claims"], reading["actors"])
    stance_score = score_stances(stances, actors, reading["stances"], reading["actors"])
    result = {
        "actors": {**_prf(len(actors), actor_score["matched_actors"], actor_score["total"]), **actor_score},
        "claims": {**_prf(len(claims), claim_score["found"], claim_score["total"]), **claim_score},
        "stances": {**_prf(len(stances), stance_score["found"], stance_score["total"]), **stance_score},
    }
    if not reading.get("stances_exhaustive", False):
        result["stances"]["precision"] = None  # the gold lists the main stances only
        result["stances"]["f1"] = None
    return result


def _find_document(gold_path: Path, name: str) -> Path:
    for folder in (gold_path.parent, gold_path.parent.parent):
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"gold file {gold_path}: cannot find its document {name!r}; pass it with --input")


def _only_document(found: dict[str, pd.DataFrame], name: str) -> dict[str, pd.DataFrame]:
    """Keep the rows of the gold's document when the tables hold several documents."""
    documents = found["documents"]
    if len(documents) <= 1:
        return found
    ids = set(documents.loc[documents["path"].map(lambda p: Path(str(p).split("#")[0]).name == name), "doc_id"])
    if not ids:
        raise ValueError(f"the tables hold no document named {name!r}")
    kept = {key: table[table["doc_id"].isin(ids)] if "doc_id" in table else table for key, table in found.items()}
    named = set(kept["mentions"]["actor_id"])
    kept["actors"] = found["actors"][found["actors"]["actor_id"].isin(named)]
    return kept


def claim_mode_confusion(claims: pd.DataFrame, gold_claims: list[dict]) -> pd.DataFrame:
    """Gold mode x found mode over the matched claims (a confusion table)."""
    pairs = [(g["mode"], f.mode) for g, f in match_claims(claims, gold_claims) if f is not None]
    frame = pd.DataFrame(pairs, columns=["gold", "found"])
    return pd.crosstab(frame["gold"], frame["found"]) if len(frame) else frame


def scores_table(scores: dict[str, dict]) -> pd.DataFrame:
    """Scores as a table: one row per item (metric, entity type or extraction table)."""
    keep = ("precision", "recall", "f1", "support", "found", "total")
    return pd.DataFrame([{"": name, **{k: v for k, v in row.items() if k in keep}} for name, row in scores.items()])
