"""Train Stanza's Arabic models on UD and NER data, and write a resources directory the kit can load.

This wraps Stanza's own trainers (tokenizer, mwt, pos, lemma, depparse, ner) with small step
budgets that fit a laptop, prepares their input files from plain CoNLL-U and BIO files, and
writes `OUT/resources.json` with `OUT/ar/<processor>/kit.pt`, so `load_pipeline(model_dir=OUT)`
(or STANZA_RESOURCES_DIR=OUT) uses the result like any Stanza model directory.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Iterator

from kit import nlp
from kit.io import atomic_write
from kit.modeltools import conllu
from kit.modeltools.conllu import Sentence, group_clitic_tokens

LANG = "ar"
SHORTHAND = "ar_kit"
PACKAGE = "kit"
UD_PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse")
TOKENIZER_MAX_SEQLEN = 400  # Stanza drops longer training sentences; Arabic news sentences often pass 100 characters
DEFAULT_BUDGET = {
    "tokenize_steps": 3000, "mwt_epochs": 10, "pos_steps": 1500, "lemma_epochs": 6, "depparse_steps": 1500,
    "ner_steps": 2000, "batch_size": 32,
}


def train(
    ud_train: str | Path,
    ud_dev: str | Path,
    out: str | Path,
    *,
    ner_train: str | Path | None = None,
    ner_dev: str | Path | None = None,
    budget: dict[str, int] | None = None,
    processors: tuple[str, ...] = UD_PROCESSORS,
    work_dir: str | Path | None = None,
    tokenize_train: str | Path | None = None,
    tokenize_dev: str | Path | None = None,
    group_clitics: bool = False,
    jobs: int | None = None,
    pretrain: str | Path | None = None,
    ner_pretrain: str | Path | None = None,
) -> dict[str, Any]:
    """Train the models and write the resources directory `out`; return what was trained and how long it took.

    `tokenize_train` (and `tokenize_dev`) train the tokenizer and mwt on another treebank than the
    rest (one whose raw text is known: the old PADT release has none, so its tokens would teach that
    clitics stand apart). `group_clitics` first groups the tokenizer's treebanks with
    `group_clitic_tokens`, for treebanks that write clitics as separate words (UD Arabic PUD).
    The trainers are independent (each learns from gold annotation), so `jobs` of them can run at
    once, each with cores / jobs threads. Default 1: on two cores two at once was about as fast over
    the full recipe and slower on short runs (bench/train_speed_bench.py), as depparse uses both cores.
    `pretrain` (word vectors over words, `kit vectors`) feeds pos and depparse, `ner_pretrain` (over
    tokens, `kit vectors --tokens`) feeds ner; both are copied into `out` as Stanza dependencies.
    With a `work_dir`, a trainer that finished is recorded there with its inputs and budget, and a
    second run with the same ones reuses its model: an interrupted training resumes with the trainers
    that had not finished.
    """
    budget = {**DEFAULT_BUDGET, **(budget or {})}
    unknown = set(processors) - set(UD_PROCESSORS)
    if unknown:
        raise ValueError(f"cannot train {sorted(unknown)}; UD processors are {', '.join(UD_PROCESSORS)} (ner comes with --ner)")
    if bool(ner_train) != bool(ner_dev):
        raise ValueError("NER training needs both a training and a dev file")
    out = Path(out)
    with _work_folder(work_dir) as work:
        data: dict[str, Any] = _prepare_ud(Path(ud_train), Path(ud_dev), work)
        if group_clitics:
            tokenize_train, tokenize_dev = (_grouped_copy(Path(source), work / "grouped" / f"{shard}.conllu")
                                            for shard, source in (("train", tokenize_train or ud_train), ("dev", tokenize_dev or ud_dev)))
        if tokenize_train or tokenize_dev:
            data["tokenizer"] = _prepare_ud(Path(tokenize_train or ud_train), Path(tokenize_dev or ud_dev), work / "tokenizer")
        report: dict[str, Any] = {"seconds": {}, "skipped": {}}
        if "mwt" in processors and not conllu.has_multiword_tokens(conllu.read_conllu(data.get("tokenizer", data)["train_conllu"])):
            reason = "the training treebank has no multi-word tokens (clitics are separate words)"
            warnings.warn(f"mwt not trained: {reason}; the model will run without an mwt processor", stacklevel=2)
            report["skipped"]["mwt"] = reason
            processors = tuple(p for p in processors if p != "mwt")
        if ner_train:
            data.update(ner_train=Path(ner_train), ner_dev=Path(ner_dev))
            processors = (*processors, "ner")
        for key, path in (("pretrain", pretrain), ("ner_pretrain", ner_pretrain)):
            if path is not None:
                if not Path(path).exists():
                    raise FileNotFoundError(f"no pretrain file at {path} (write one with `kit vectors`)")
                data[key] = Path(path)
        if not processors:
            raise ValueError(f"nothing left to train ({'; '.join(f'{k}: {v}' for k, v in report['skipped'].items())})")
        jobs = max(1, min(jobs or 1, len(processors)))
        models = _run_trainers(processors, data, work, budget, jobs, report)
        _write_resources(out, models, {processor: data[key] for processor, key in _PRETRAIN_OF.items()
                                       if processor in models and key in data})
    report["model_dir"] = str(out)
    report["processors"] = list(models)
    report["jobs"] = jobs
    return report


def _run_trainers(processors: tuple[str, ...], data: dict[str, Any], work: Path, budget: dict[str, int], jobs: int,
                  report: dict[str, Any]) -> dict[str, Path]:
    """Run the trainers, `jobs` at a time in separate processes (the longest first), and record their seconds."""
    tasks = [(processor, data.get("tokenizer", data) if processor in ("tokenize", "mwt") else data, work, budget, jobs)
             for processor in sorted(processors, key=_TRAINING_ORDER.index)]
    if jobs <= 1:
        results = [_train_one(*task) for task in tasks]
    else:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            results = list(pool.map(_train_one, *zip(*tasks)))
    models = {}
    for processor, path, seconds in sorted(results, key=lambda result: processors.index(result[0])):
        models[processor] = path
        report["seconds"][processor] = seconds
    return models


def _train_one(processor: str, data: dict[str, Path], work: Path, budget: dict[str, int], jobs: int) -> tuple[str, Path, float]:
    """Train one processor with cores / jobs threads, or reuse the model a finished run left; return its name, model file and seconds."""
    record = _model_path(work, processor).with_name("done.json")
    key = _training_key(processor, data, budget)
    if record.exists() and _model_path(work, processor).exists():
        try:
            done = json.loads(record.read_text(encoding="utf-8"))
        except ValueError:  # a damaged record: train again
            done = {}
        if done.get("key") == key:
            return processor, _model_path(work, processor), done["seconds"]
    record.unlink(missing_ok=True)
    nlp.configure_threads(jobs)
    start = time.perf_counter()
    try:
        with _fast_bilinear():
            path = _TRAINERS[processor](data, work, budget)
    except Exception as error:
        raise RuntimeError(f"training {processor} failed: {error}") from error
    seconds = round(time.perf_counter() - start, 1)
    atomic_write(record, json.dumps({"key": key, "seconds": seconds}))
    return processor, path, seconds


_READS = {  # the data files each trainer learns from (a change to any other leaves its model valid)
    "tokenize": ("train_txt", "train_labels", "dev_txt", "dev_labels", "dev_conllu", "dev_mwt"),
    "mwt": ("train_conllu", "dev_conllu"), "lemma": ("train_conllu", "dev_conllu"),
    "pos": ("train_conllu", "dev_conllu", "pretrain"), "depparse": ("train_conllu", "dev_conllu", "pretrain"),
    "ner": ("ner_train", "ner_dev", "ner_pretrain"),
}


_BUDGET_OF = {  # the budget entries each trainer reads (a change to any other leaves its model valid)
    "tokenize": ("tokenize_steps", "batch_size"), "mwt": ("mwt_epochs",), "pos": ("pos_steps", "batch_size"),
    "lemma": ("lemma_epochs",), "depparse": ("depparse_steps", "batch_size"), "ner": ("ner_steps", "batch_size"),
}


def _training_key(processor: str, data: dict[str, Path], budget: dict[str, int]) -> str:
    """A hash of what a trainer learns from: the contents of the files it reads and its own part of the budget."""
    digest = hashlib.sha256(f"{processor} {[(key, budget[key]) for key in _BUDGET_OF[processor]]}".encode())
    for name in _READS[processor]:
        path = data.get(name)
        digest.update(f"{name} {nlp.file_sha256(path) if isinstance(path, Path) and path.is_file() else '-'}".encode())
    return digest.hexdigest()


@contextmanager
def _fast_bilinear() -> Iterator[None]:
    """Compute torch's Bilinear layer as one matrix product while training: the same numbers, about 3x faster on CPU.

    Stanza's tagger scores UFeats and XPOS with nn.Bilinear, whose CPU kernel (_trilinear) runs
    thousands of small products; on two cores it took three quarters of each training step.
    """
    import torch

    def forward(self: torch.nn.Bilinear, input1: torch.Tensor, input2: torch.Tensor) -> torch.Tensor:
        out_features, in1, in2 = self.weight.shape
        # weight (o, i, j) -> (i, o*j): x1 @ W gives every output's row vector, then a dot product with x2
        projected = (input1 @ self.weight.permute(1, 0, 2).reshape(in1, out_features * in2)).view(*input1.shape[:-1], out_features, in2)
        output = (projected * input2.unsqueeze(-2)).sum(-1)
        return output if self.bias is None else output + self.bias

    original = torch.nn.Bilinear.forward
    torch.nn.Bilinear.forward = forward
    try:
        yield
    finally:
        torch.nn.Bilinear.forward = original


@contextmanager
def _work_folder(given: str | Path | None) -> Iterator[Path]:
    """A folder for the trainers' intermediate files: the one given, or a temporary one removed afterwards."""
    if given:
        Path(given).mkdir(parents=True, exist_ok=True)
        yield Path(given)
        return
    with tempfile.TemporaryDirectory(prefix="kit-train.") as folder:
        yield Path(folder)


def _prepare_ud(train: Path, dev: Path, work: Path) -> dict[str, Path]:
    """Copy the treebanks and make the tokenizer's text, character labels and MWT dictionaries."""
    from stanza.utils.datasets import common, conllu_to_text

    folder = work / "data"
    folder.mkdir(parents=True, exist_ok=True)
    data: dict[str, Path] = {}
    for shard, source in (("train", train), ("dev", dev)):
        if not source.exists():
            raise FileNotFoundError(f"no UD {shard} file at {source}")
        sentences = _with_text_comments(conllu.read_conllu(source))
        if shard == "dev" and not conllu.has_xpos(conllu.read_conllu(data["train_conllu"])):
            # a tagger that learnt no XPOS scores 0 on a dev file with XPOS, and would keep its first model
            sentences = _without_xpos(sentences)
        gold = conllu.write_conllu(sentences, folder / f"{SHORTHAND}.{shard}.gold.conllu")
        text = folder / f"{SHORTHAND}.{shard}.txt"
        conllu_to_text.main([str(gold), str(text)])
        common.prepare_tokenizer_dataset_labels(str(text), str(gold), str(folder), SHORTHAND, shard)
        data[f"{shard}_conllu"] = gold
        data[f"{shard}_txt"] = text
        data[f"{shard}_labels"] = folder / f"{SHORTHAND}-ud-{shard}.toklabels"
        data[f"{shard}_mwt"] = Path(common.mwt_name(str(folder), SHORTHAND, shard))
    return data


LATIN_TO_ARABIC_PUNCTUATION = str.maketrans({",": "،", ";": "؛", "?": "؟"})


def with_arabic_punctuation(text: str, every: int = 2) -> str:
    """Every `every`-th sentence of the CoNLL-U `text` with Latin `, ; ?` written as Arabic `، ؛ ؟` (text line, forms and lemmas).

    UD Arabic PUD uses Latin punctuation only; a tokenizer trained on it leaves `ترامب،` whole in news
    written with Arabic commas.
    """
    sentences = conllu.parse_conllu(text)
    for sentence in sentences[::every]:
        sentence.comments = [line.translate(LATIN_TO_ARABIC_PUNCTUATION) if line.startswith(conllu.TEXT_COMMENT) else line
                             for line in sentence.comments]
        for row in sentence.rows:
            for column in (conllu.FORM, conllu.LEMMA):
                row[column] = row[column].translate(LATIN_TO_ARABIC_PUNCTUATION)
    return conllu.format_conllu(sentences)


def without_xpos(text: str) -> str:
    """The CoNLL-U `text` with its XPOS column emptied (for mixing treebanks whose tag sets differ)."""
    return conllu.format_conllu(_without_xpos(conllu.parse_conllu(text)))


def _without_xpos(sentences: list[Sentence]) -> list[Sentence]:
    return [Sentence(sentence.comments, [[*row[:conllu.XPOS], "_", *row[conllu.XPOS + 1:]] for row in sentence.rows])
            for sentence in sentences]


def _grouped_copy(source: Path, target: Path) -> Path:
    if not source.exists():
        raise FileNotFoundError(f"no UD file at {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(group_clitic_tokens(source.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _with_text_comments(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with a `# text` line each (the old PADT release has none), rebuilt from the tokens where missing."""
    return [sentence if sentence.text is not None else
            Sentence([f"{conllu.TEXT_COMMENT} {conllu.sentence_text(sentence)}", *sentence.comments], sentence.rows)
            for sentence in sentences]


def _model_path(work: Path, processor: str) -> Path:
    folder = work / "models" / processor
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{PACKAGE}.pt"


def _common(processor: str, work: Path) -> list[str]:
    target = _model_path(work, processor)
    language = [] if processor in ("lemma", "ner") else ["--lang", LANG]  # these read the language from --shorthand
    return [*language, "--shorthand", SHORTHAND, "--save_dir", str(target.parent), "--save_name", target.name]


def _vectors(data: dict[str, Path], key: str) -> list[str]:
    """The trainer's word-vector options: the pretrain file when one was given, else none at all."""
    return ["--wordvec_pretrain_file", str(data[key])] if key in data else ["--no_pretrain"]


def _interval(steps: int) -> int:
    """Evaluate on dev about ten times, and at least once (Stanza's tagger fails if it never evaluates)."""
    return max(1, min(steps, max(20, steps // 10)))


def _train_tokenizer(data: dict[str, Path], work: Path, budget: dict[str, int]) -> Path:
    from stanza.models import tokenizer

    tokenizer.main([
        "--mode", "train", "--label_file", str(data["train_labels"]), "--txt_file", str(data["train_txt"]),
        "--dev_txt_file", str(data["dev_txt"]), "--dev_label_file", str(data["dev_labels"]),
        "--dev_conll_gold", str(data["dev_conllu"]), "--conll_file", str(work / "tokenize.dev.pred.conllu"),
        "--mwt_json_file", str(data["dev_mwt"]), "--steps", str(budget["tokenize_steps"]),
        "--eval_steps", str(_interval(budget["tokenize_steps"])), "--batch_size", str(budget["batch_size"]),
        "--max_seqlen", str(TOKENIZER_MAX_SEQLEN), *_common("tokenize", work),
    ])
    return _model_path(work, "tokenize")


def _train_mwt(data: dict[str, Path], work: Path, budget: dict[str, int]) -> Path:
    from stanza.models import mwt_expander

    mwt_expander.main([
        "--mode", "train", "--train_file", str(data["train_conllu"]), "--eval_file", str(data["dev_conllu"]),
        "--output_file", str(work / "mwt.dev.pred.conllu"), "--gold_file", str(data["dev_conllu"]),
        "--num_epoch", str(budget["mwt_epochs"]), *_common("mwt", work),
    ])
    return _model_path(work, "mwt")


def _train_pos(data: dict[str, Path], work: Path, budget: dict[str, int]) -> Path:
    from stanza.models import tagger

    tagger.main([
        "--mode", "train", "--train_file", str(data["train_conllu"]), "--eval_file", str(data["dev_conllu"]),
        "--output_file", str(work / "pos.dev.pred.conllu"), *_vectors(data, "pretrain"), "--max_steps", str(budget["pos_steps"]),
        "--eval_interval", str(_interval(budget["pos_steps"])), "--batch_size", str(budget["batch_size"]),
        *_common("pos", work),
    ])
    return _model_path(work, "pos")


def _train_lemma(data: dict[str, Path], work: Path, budget: dict[str, int]) -> Path:
    from stanza.models import lemmatizer

    lemmatizer.main([
        "--mode", "train", "--train_file", str(data["train_conllu"]), "--eval_file", str(data["dev_conllu"]),
        "--output_file", str(work / "lemma.dev.pred.conllu"),
        "--num_epoch", str(budget["lemma_epochs"]), *_common("lemma", work),
    ])
    return _model_path(work, "lemma")


def _train_depparse(data: dict[str, Path], work: Path, budget: dict[str, int]) -> Path:
    from stanza.models import parser

    parser.main([
        "--mode", "train", "--train_file", str(data["train_conllu"]), "--eval_file", str(data["dev_conllu"]),
        "--output_file", str(work / "depparse.dev.pred.conllu"), *_vectors(data, "pretrain"),
        "--max_steps", str(budget["depparse_steps"]), "--eval_interval", str(_interval(budget["depparse_steps"])),
        "--batch_size", str(budget["batch_size"] * 50), *_common("depparse", work),
    ])
    return _model_path(work, "depparse")


def _train_ner(data: dict[str, Path], work: Path, budget: dict[str, int]) -> Path:
    from stanza.models import ner_tagger

    files = {}
    for shard, source in (("train", data["ner_train"]), ("dev", data["ner_dev"])):
        sentences = conllu.read_bio(source)  # AQMAR's MIS0-3 become MISC
        files[shard] = work / "data" / f"{SHORTHAND}.ner.{shard}.json"
        files[shard].parent.mkdir(parents=True, exist_ok=True)
        files[shard].write_text(json.dumps(
            [[{"text": token, "ner": tag} for token, tag in sentence] for sentence in sentences], ensure_ascii=False
        ), encoding="utf-8")
    ner_tagger.main([
        "--mode", "train", "--train_file", str(files["train"]), "--eval_file", str(files["dev"]), *_vectors(data, "ner_pretrain"),
        "--max_steps", str(budget["ner_steps"]), "--eval_interval", str(_interval(budget["ner_steps"])),
        "--batch_size", str(budget["batch_size"]), *_common("ner", work),
    ])
    return _model_path(work, "ner")


_TRAINERS = {
    "tokenize": _train_tokenizer, "mwt": _train_mwt, "pos": _train_pos, "lemma": _train_lemma,
    "depparse": _train_depparse, "ner": _train_ner,
}
_TRAINING_ORDER = ("depparse", "pos", "ner", "tokenize", "lemma", "mwt")  # longest first (at the recipe's budget), so parallel jobs end together
_PRETRAIN_OF = {"pos": "pretrain", "depparse": "pretrain", "ner": "ner_pretrain"}
PRETRAIN_PACKAGES = {"pretrain": PACKAGE, "ner_pretrain": PACKAGE + "_tokens"}


def _write_resources(out: Path, models: dict[str, Path], pretrains: dict[str, Path] | None = None) -> None:
    """Copy the models to OUT/ar/<processor>/kit.pt (word vectors to OUT/ar/pretrain/) and write a resources.json that names them."""
    lang: dict[str, Any] = {"lang_name": "Arabic", "default_processors": {}, "default_dependencies": {}}
    packages: dict[Path, str] = {}
    for processor, source in (pretrains or {}).items():
        package = packages.setdefault(source, PRETRAIN_PACKAGES[_PRETRAIN_OF[processor]] if packages else PACKAGE)
        target = out / LANG / "pretrain" / f"{package}.pt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        lang.setdefault("pretrain", {})[package] = {"md5": hashlib.md5(target.read_bytes()).hexdigest()}
    for processor, path in models.items():
        if not path.exists():
            raise RuntimeError(f"the {processor} trainer wrote no model at {path}")
        target = out / LANG / processor / f"{PACKAGE}.pt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        lang["default_processors"][processor] = PACKAGE
        lang[processor] = {PACKAGE: {"md5": hashlib.md5(target.read_bytes()).hexdigest()}}
        if processor in (pretrains or {}):
            lang[processor][PACKAGE]["dependencies"] = [{"model": "pretrain", "package": packages[pretrains[processor]]}]
    lang["packages"] = {"default": dict(lang["default_processors"])}
    resources = {"url": "file:///kit-trained-models-are-local/{lang}/{filename}", LANG: lang}
    (out / "resources.json").write_text(json.dumps(resources, ensure_ascii=False, indent=2), encoding="utf-8")
