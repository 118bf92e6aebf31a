"""Rebuild a model like ../shared/models/stanza-ar-small from ../shared/corpora with `kit train`, and score it.

Data (held-out splits from the model card's SPLITS.md, so the scores compare):
- tokenizer and mwt: UD Arabic PUD minus its dev and test sentences (800; raw text with SpaceAfter),
  clitics written together grouped into multi-word tokens (`kit.modeltools.conllu.group_clitic_tokens`), and every
  other sentence's Latin `, ; ?` written as Arabic `، ؛ ؟` (`kit.modeltools.train.with_arabic_punctuation`), since
  PUD has only Latin punctuation and news has Arabic commas;
- pos, lemma, depparse: the same PUD sentences plus UD Arabic PADT 1.3 dev+test, converted to UD v2
  with udapi's ud.Convert1to2 and with diacritics removed from the forms (lemmas stay vocalised);
  XPOS left empty, as on the card (the two treebanks use different tag sets);
- ner: AQMAR's 22 training articles, early stopping on its 3 dev articles.
Then both the shared model and the new one are scored the same way: `kit evaluate ud` on the 100
PUD test sentences (grouped like the training data, which reproduces the card's Tokens score) and `kit evaluate ner` on the 3 AQMAR test articles. Prints scores and wall time.
Usage: python bench/train_recipe.py --out models/ar-kit [--work DIR] [budget options of kit train]
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

from kit.modeltools import conllu, evaluate, train
from kit.text import strip_diacritics

SHARED = Path(__file__).resolve().parents[2] / "shared"
PUD = SHARED / "corpora" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"
PADT = [SHARED / "corpora" / "ud" / "UD_Arabic-PADT-1.3" / f"ar-ud-{s}.conllu" for s in ("dev", "test")]
AQMAR = SHARED / "corpora" / "ner" / "AQMAR"
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
    for name, articles in (("ner_dev", dev_articles), ("ner_test", test_articles),
                           ("ner_train", [p.name for p in sorted(AQMAR.glob("*.txt")) if p.name not in dev_articles + test_articles])):
        files[name] = work / f"{name}.bio"
        files[name].write_text("\n\n".join((AQMAR / a).read_text(encoding="utf-8").strip() for a in articles) + "\n",
                               encoding="utf-8")
    return files


def scores(model_dir: Path, files: dict[str, Path]) -> dict[str, float]:
    """UD scores against PUD with clitics grouped into tokens (the card's convention), Tokens also as PUD writes them, NER."""
    ud = evaluate.evaluate_ud(files["pud_test"], model_dir=model_dir, group_clitics=True)
    ungrouped = evaluate.evaluate_ud(files["pud_test"], model_dir=model_dir)
    ner = evaluate.evaluate_ner(files["ner_test"], model_dir=model_dir)["micro avg"]
    return {**{k: v["f1"] for k, v in ud.items()}, "Tokens (PUD as written)": ungrouped["Tokens"]["f1"],
            "NER P": ner["precision"], "NER R": ner["recall"], "NER F1": ner["f1"]}


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--out", type=Path, required=True)
    options.add_argument("--work", type=Path, default=Path("runs/train-recipe-work"))
    for key, value in train.DEFAULT_BUDGET.items():
        options.add_argument("--" + key.replace("_", "-"), type=int, default=value)
    options.add_argument("--jobs", type=int, help="trainers at once (default 1)")
    args = options.parse_args()
    files = prepare(args.work)
    budget = {key: getattr(args, key) for key in train.DEFAULT_BUDGET}
    start = time.perf_counter()
    report = train.train(files["tagger_train"], files["pud_dev"], args.out, tokenize_train=files["pud_train_grouped"],
                         ner_train=files["ner_train"], ner_dev=files["ner_dev"], budget=budget, work_dir=args.work / "train", jobs=args.jobs,
                         tokenize_dev=files["pud_dev_grouped"])
    wall = time.perf_counter() - start
    print(f"trained {report['processors']} in {wall / 60:.1f} min ({report['jobs']} at a time, budget {budget}); "
          f"per processor (s): {report['seconds']}; skipped: {report['skipped']}", flush=True)
    card, new = scores(CARD_MODEL, files), scores(args.out, files)
    print(f"\n{'':24s}{'card model':>12s}{'new model':>12s}")
    for key in card:
        print(f"{key:24s}{card[key]:>12.2f}{new[key]:>12.2f}{'  better' if new[key] > card[key] else ''}")


if __name__ == "__main__":
    main()
