"""`kit train` end to end on a tiny slice of the shared corpora, then load the result and parse with it; prints timings.

The test suite checks train()'s wiring with Stanza's trainers replaced by fakes (tests/test_train.py);
this runs the real trainers (minutes on two cores), as the suite once did:
- pos, lemma, depparse: UD Arabic PADT 1.3 dev, sentences 0-59 (dev: 60-79; old release, no raw text);
- tokenizer and mwt: UD Arabic PUD sentences 0-59 (dev: 60-79), clitics grouped into multi-word tokens;
- ner: AQMAR's Damascus article, sentences 0-39 (dev: 40-49);
with budgets of a few steps each, `--jobs 2` by default. It then checks that the directory loads
as a Stanza pipeline with every processor and parses a held-out PADT sentence, and prints seconds
per stage and trainer, and the peak memory of this process and of the trainer processes.
Usage: python bench/train_tiny_bench.py [--jobs 2] [--work DIR] [--tokenize-steps 300 ...]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from kit import nlp
from kit.modeltools import conllu, evaluate, train

SHARED = Path(__file__).resolve().parents[2] / "shared"
PADT = SHARED / "corpora" / "ud" / "UD_Arabic-PADT-1.3" / "ar-ud-dev.conllu"
PUD = SHARED / "corpora" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"
AQMAR = SHARED / "corpora" / "ner" / "AQMAR" / "Damascus.txt"
TINY_BUDGET = {"tokenize_steps": 300, "mwt_epochs": 1, "pos_steps": 10, "lemma_epochs": 1, "depparse_steps": 10,
               "ner_steps": 20}


def slices(work: Path) -> dict[str, Path]:
    """The training and dev slices, written into `work`."""
    ud, pud, ner = conllu.read_conllu(PADT), conllu.read_conllu(PUD), conllu.read_bio(AQMAR)
    return {
        "ud_train": conllu.write_conllu(ud[:60], work / "train.conllu"),
        "ud_dev": conllu.write_conllu(ud[60:80], work / "dev.conllu"),
        "tokenize_train": conllu.write_conllu(pud[:60], work / "pud_train.conllu"),
        "tokenize_dev": conllu.write_conllu(pud[60:80], work / "pud_dev.conllu"),
        "ner_train": conllu.write_bio(ner[:40], work / "train.bio"),
        "ner_dev": conllu.write_bio(ner[40:50], work / "dev.bio"),
    }


def peak_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def run(work: Path, budget: dict[str, int], jobs: int) -> list[str]:
    """Train, load and parse; print the timings and return the checks that failed."""
    files = slices(work)
    out = work / "model"
    start = time.perf_counter()
    report = train.train(files["ud_train"], files["ud_dev"], out, ner_train=files["ner_train"], ner_dev=files["ner_dev"],
                         tokenize_train=files["tokenize_train"], tokenize_dev=files["tokenize_dev"], group_clitics=True,
                         budget=budget, jobs=jobs, work_dir=work / "train")
    trained = time.perf_counter()
    pipeline = nlp.load_pipeline(out, download=False)
    loaded = time.perf_counter()
    sentence = evaluate.gold_texts(files["ud_dev"])[0].splitlines()[3]  # held out, and vocalised like PADT's forms
    doc = pipeline(sentence)
    parsed = time.perf_counter()

    print(f"trained {', '.join(report['processors'])} ({report['jobs']} at a time, budget {budget}) in {trained - start:.1f} s")
    print(f"  per trainer (s): {report['seconds']}; skipped: {report['skipped'] or 'none'}")
    print(f"loaded the pipeline in {loaded - trained:.1f} s; parsed one sentence ({doc.num_words} words) in {parsed - loaded:.2f} s")
    print(f"peak memory (MiB): this process {peak_mib(resource.RUSAGE_SELF):.0f}, "
          f"largest trainer process {peak_mib(resource.RUSAGE_CHILDREN):.0f}")
    checks = {
        "every processor trained": nlp.resolve_processors(None, out) == "tokenize,mwt,pos,lemma,depparse,ner",
        "resources.json names ar/<processor>/kit.pt": [p.relative_to(out).as_posix() for p in nlp.model_files(out)] == [
            f"ar/{p}/kit.pt" for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")],
        "the pipeline runs mwt": "mwt" in pipeline.processors,
        "most of the words found": doc.num_words >= 0.8 * len(sentence.split()),
        "every word tagged and attached": all(word.upos and word.deprel for word in doc.sentences[0].words),
        "every token has an entity tag": all(token.ner for token in doc.sentences[0].tokens),
    }
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    return [name for name, ok in checks.items() if not ok]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--jobs", type=int, default=2, help="trainers at once (default 2)")
    options.add_argument("--work", type=Path, help="keep the slices, the trainers' files and the model here")
    for key, value in TINY_BUDGET.items():
        options.add_argument("--" + key.replace("_", "-"), type=int, default=value)
    args = options.parse_args()
    missing = [str(path) for path in (PADT, PUD, AQMAR) if not path.exists()]
    if missing:
        raise SystemExit(f"the shared corpora are not beside the project: {', '.join(missing)}")
    budget = {key: getattr(args, key) for key in TINY_BUDGET}
    if args.work:
        args.work.mkdir(parents=True, exist_ok=True)
        failed = run(args.work, budget, args.jobs)
    else:
        with tempfile.TemporaryDirectory(prefix="kit-train-tiny.") as folder:
            failed = run(Path(folder), budget, args.jobs)
    if failed:
        sys.exit(f"{len(failed)} check(s) failed: {'; '.join(failed)}")


if __name__ == "__main__":
    main()
