"""Build the news model (stanza-ar-news) from ../shared/corpora with `kit vectors` and `kit train`, and score it.

Data (held-out splits from the model card's SPLITS.md, so the scores compare):
- word vectors: word2vec on the ~60,000 articles of ../shared/corpora/news (both parquet files; the 43
  dev articles are not in them), once with clitics split as the mwt splits them (for pos and depparse)
  and once on tokens as written (for ner), each a Stanza pretrain file (`kit.modeltools.vectors`);
- tokenizer and mwt: UD Arabic PUD minus its dev and test sentences (800; raw text with SpaceAfter),
  clitics written together grouped into multi-word tokens (`kit.modeltools.conllu.group_clitic_tokens`), and every
  other sentence's Latin `, ; ?` written as Arabic `، ؛ ؟` (`kit.modeltools.train.with_arabic_punctuation`), since
  PUD has only Latin punctuation and news has Arabic commas;
- pos, lemma, depparse: the same PUD sentences plus UD Arabic PADT 1.3 dev+test, converted to UD v2
  with udapi's ud.Convert1to2 and with diacritics removed from the forms (lemmas stay vocalised);
  XPOS left empty, as on the card (the two treebanks use different tag sets);
- ner: ANERcorp's training split (news; the literature's split, its last 10% of sentences kept for
  early stopping) plus AQMAR's 22 training articles, one label scheme (PER LOC ORG MISC), early
  stopping on ANERcorp's dev slice plus AQMAR's 3 dev articles.
Then the card's model, any `--compare` models and the new one are scored the same way: `kit evaluate
ud` on the 100 PUD test sentences (grouped like the training data, which reproduces the card's Tokens
score), `kit evaluate ner` on ANERcorp's test split and on the 3 AQMAR test articles. Prints scores
and wall time, writes them to WORK/scores.json and a MODEL_CARD.md into the model directory.
Every step that finished is kept in WORK (vectors, data, each trainer's model): run the same command
again after an interruption and it resumes with what was left.
Usage: python bench/train_recipe.py --out runs/stanza-ar-news [--work DIR] [--compare DIR...] [budget options of kit train]
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from pathlib import Path

from kit.modeltools import conllu, evaluate, train, vectors
from kit.text import strip_diacritics

SHARED = Path(__file__).resolve().parents[2] / "shared"
PUD = SHARED / "corpora" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"
PADT = [SHARED / "corpora" / "ud" / "UD_Arabic-PADT-1.3" / f"ar-ud-{s}.conllu" for s in ("dev", "test")]
AQMAR = SHARED / "corpora" / "ner" / "AQMAR"
ANERCORP = SHARED / "corpora" / "ner" / "ANERcorp"
NEWS = [SHARED / "corpora" / "news" / f"{name}.parquet" for name in ("ant_multisource", "saudinewsnet")]
NER_DEV_SHARE = 0.1  # of ANERcorp's training sentences, from its end, for early stopping
SPLITS = SHARED / "models" / "stanza-ar-small" / "SPLITS.md"
CARD_MODEL = SHARED / "models" / "stanza-ar-small"


def held_out(section: str) -> list[str]:
    text = SPLITS.read_text(encoding="utf-8")
    return text.split(section)[1].split("##")[0].split()


def prepare(work: Path) -> dict[str, Path]:
    work.mkdir(parents=True, exist_ok=True)
    dev_ids, test_ids = set(held_out("PUD, dev (early stopping): sent_id")), set(held_out("PUD, test (scores on the card): sent_id"))
    sentences = conllu.read_conllu(PUD)
    sent_id = lambda s: re.search(r"# sent_id = (\S+)", "\n".join(s.comments)).group(1)  # noqa: E731
    parts = {
        "pud_train": [s for s in sentences if sent_id(s) not in dev_ids | test_ids],
        "pud_dev": [s for s in sentences if sent_id(s) in dev_ids],
        "pud_test": [s for s in sentences if sent_id(s) in test_ids],
    }
    files = {}
    for name, chosen in parts.items():
        files[name] = conllu.write_conllu(chosen, work / f"{name}.conllu")
        files[f"{name}_grouped"] = work / f"{name}_grouped.conllu"
        grouped = conllu.group_clitic_tokens(files[name].read_text(encoding="utf-8"))
        files[f"{name}_grouped"].write_text(grouped if name == "pud_test" else train.with_arabic_punctuation(grouped), encoding="utf-8")
    converted = work / "padt_v2.conllu"
    raw = "".join(p.read_text(encoding="utf-8").strip() + "\n\n" for p in PADT)
    udapy = Path(sys.executable).with_name("udapy")
    v2 = subprocess.run([str(udapy), "-s", "ud.Convert1to2"], input=raw, capture_output=True, text=True, check=True).stdout
    v2_sentences = conllu.parse_conllu(v2, source="udapy ud.Convert1to2")
    for row in (row for sentence in v2_sentences for row in sentence.rows):
        row[conllu.FORM] = strip_diacritics(row[conllu.FORM]) or row[conllu.FORM]
    conllu.write_conllu(v2_sentences, converted)
    files["tagger_train"] = work / "tagger_train.conllu"
    files["tagger_train"].write_text(train.without_xpos(files["pud_train"].read_text(encoding="utf-8") +
                                                   converted.read_text(encoding="utf-8")), encoding="utf-8")
    dev_articles, test_articles = held_out("AQMAR dev (early stopping)"), held_out("AQMAR test (NER scores on the card)")
    aqmar = {name: [s for a in articles for s in conllu.read_bio(AQMAR / a)] for name, articles in (
        ("dev", dev_articles), ("test", test_articles),
        ("train", [p.name for p in sorted(AQMAR.glob("*.txt")) if p.name not in dev_articles + test_articles]))}
    anercorp_train = conllu.read_bio(ANERCORP / "train.bio")
    cut = len(anercorp_train) - round(len(anercorp_train) * NER_DEV_SHARE)
    for name, sentences in (("ner_train", anercorp_train[:cut] + aqmar["train"]), ("ner_dev", anercorp_train[cut:] + aqmar["dev"]),
                            ("ner_test", aqmar["test"]), ("ner_test_anercorp", conllu.read_bio(ANERCORP / "test.bio"))):
        files[name] = conllu.write_bio(sentences, work / f"{name}.bio")
    return files


def train_vectors(work: Path, limit: int | None) -> dict[str, Path]:
    """The two pretrain files (words for pos and depparse, tokens for ner), trained once and kept in WORK."""
    files = {}
    for key, split in (("pretrain", True), ("ner_pretrain", False)):
        files[key] = work / "vectors" / f"news_{'words' if split else 'tokens'}.pt"
        if files[key].exists() and files[key].with_suffix(".json").exists():
            print(f"reusing {files[key]}", flush=True)
            continue
        report = vectors.train_vectors(NEWS, files[key], split_clitics=split, limit=limit)
        print(f"vectors: {report['vocabulary']:,} from {report['documents']:,} documents, {report['words']:,} "
              f"{'words' if split else 'tokens'}, {report['seconds'] / 60:.1f} min", flush=True)
    return files


def assemble(work: Path, out: Path, pretrains: dict[str, Path]) -> dict:
    """The resources directory from the models in WORK: finished ones, and the best dev checkpoint of any that was stopped."""
    models, unfinished = {}, []
    for processor in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner"):
        model = work / "models" / processor / f"{train.PACKAGE}.pt"
        if model.exists():
            models[processor] = model
            if not model.with_name("done.json").exists():
                unfinished.append(processor)
    train._write_resources(out, models, {p: pretrains[k] for p, k in train._PRETRAIN_OF.items() if p in models and k in pretrains})
    seconds = {p: json.loads((work / "models" / p / "done.json").read_text())["seconds"] for p in models if p not in unfinished}
    return {"processors": list(models), "seconds": seconds, "skipped": {p: "stopped early: its best dev checkpoint"
                                                                       for p in unfinished}, "jobs": 0}


def scores(model_dir: Path, files: dict[str, Path]) -> dict[str, float]:
    """UD scores against PUD with clitics grouped into tokens (the card's convention), Tokens also as PUD writes them, NER."""
    ud = evaluate.evaluate_ud(files["pud_test"], model_dir=model_dir, group_clitics=True)
    ungrouped = evaluate.evaluate_ud(files["pud_test"], model_dir=model_dir)
    found = {**{k: v["f1"] for k, v in ud.items()}, "Tokens (PUD as written)": ungrouped["Tokens"]["f1"]}
    for label, gold in (("ANERcorp", files["ner_test_anercorp"]), ("AQMAR", files["ner_test"])):
        ner = evaluate.evaluate_ner(gold, model_dir=model_dir)["micro avg"]
        found.update({f"NER {label} P": ner["precision"], f"NER {label} R": ner["recall"], f"NER {label} F1": ner["f1"]})
    return found


def model_card(out: Path, table: dict[str, dict[str, float]], budget: dict[str, int], report: dict, minutes: float | None) -> None:
    """MODEL_CARD.md in the model directory: what it was trained on, how long it took, its scores beside the others'."""
    names = list(table)
    metrics = list(table[names[0]])
    rows = "\n".join(f"| {name} | " + " | ".join(f"{table[name][m]:.2f}" for m in metrics) + " |" for name in names)
    (out / "MODEL_CARD.md").write_text(f"""# {out.name}: an offline Arabic news model for Stanza {__import__('stanza').__version__}

Built by `bench/train_recipe.py` (the kit's repository) from ../shared/corpora; the training data and
held-out splits are in that script's docstring and ../shared/models/stanza-ar-small/SPLITS.md.
Word vectors: word2vec on ~60,000 news articles (words with clitics split for pos and depparse, tokens
for ner; `ar/pretrain/`). NER: ANERcorp train + AQMAR train, labels PER LOC ORG MISC.
Budget: {budget}. {f"Training: {minutes:.0f} minutes" if minutes else "Assembled from the trainers' work folder"} on {__import__('os').cpu_count()} cores
(per trainer, seconds: {report['seconds']}).{''.join(f"{chr(10)}Not finished: {p} ({why})." for p, why in report['skipped'].items())}

## Scores on held-out data
UD: CoNLL 2018 F1 on the 100 PUD test sentences (clitics grouped into tokens); NER: entity spans on
ANERcorp's test split and on the 3 AQMAR test articles (gold tokens).

| model | {' | '.join(metrics)} |
|---|{'---|' * len(metrics)}
{rows}
""", encoding="utf-8")


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--out", type=Path, required=True)
    options.add_argument("--work", type=Path, default=Path("runs/train-recipe-work"))
    options.add_argument("--compare", type=Path, nargs="*", default=[], help="other model directories to score beside")
    options.add_argument("--vector-docs", type=int, help="train the vectors on the first N articles only")
    options.add_argument("--no-vectors", action="store_true", help="train without word vectors (the old recipe)")
    for key, value in RECIPE_BUDGET.items():
        options.add_argument("--" + key.replace("_", "-"), type=int, default=value)
    options.add_argument("--jobs", type=int, default=2, help="trainers at once (default 2)")
    options.add_argument("--assemble", action="store_true",
                         help="train nothing: build the model from what WORK holds (a trainer that did not finish gives its "
                              "best dev checkpoint, and the card says so), then score it")
    args = options.parse_args()
    start = time.perf_counter()
    files = prepare(args.work)
    pretrains = {} if args.no_vectors else train_vectors(args.work, args.vector_docs)
    budget = {key: getattr(args, key) for key in train.DEFAULT_BUDGET}
    if args.assemble:
        report = assemble(args.work / "train", args.out, pretrains)
    else:
        report = train.train(files["tagger_train"], files["pud_dev"], args.out, tokenize_train=files["pud_train_grouped"],
                             ner_train=files["ner_train"], ner_dev=files["ner_dev"], budget=budget, work_dir=args.work / "train",
                             jobs=args.jobs, tokenize_dev=files["pud_dev_grouped"], **pretrains)
    wall = (time.perf_counter() - start) / 60
    print(f"trained {report['processors']} in {wall:.1f} min {'without' if args.no_vectors else 'with'} word vectors "
          f"({report['jobs']} at a time, budget {budget}); "
          f"per processor (s): {report['seconds']}; skipped: {report['skipped']}", flush=True)
    table = {"card model": scores(CARD_MODEL, files)}
    table.update({str(path): scores(path, files) for path in args.compare})
    table["new model"] = scores(args.out, files)
    (args.work / "scores.json").write_text(json.dumps(table, indent=2), encoding="utf-8")
    model_card(args.out, table, budget, report, None if args.assemble else wall)
    print(f"\n{'':26s}" + "".join(f"{name[-12:]:>13s}" for name in table))
    for key in table["card model"]:
        print(f"{key:26s}" + "".join(f"{row[key]:>13.2f}" for row in table.values()))


RECIPE_BUDGET = {**train.DEFAULT_BUDGET, "tokenize_steps": 2000, "pos_steps": 3000, "depparse_steps": 1150, "ner_steps": 4000}


if __name__ == "__main__":
    main()
