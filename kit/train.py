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

from kit import evaluate, nlp
from kit.text import arabic_share, strip_diacritics

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
) -> dict[str, Any]:
    """Train the models and write the resources directory `out`; return what was trained and how long it took.

    `tokenize_train` (and `tokenize_dev`) train the tokenizer and mwt on another treebank than the
    rest (one whose raw text is known: the old PADT release has none, so its tokens would teach that
    clitics stand apart). `group_clitics` first groups the tokenizer's treebanks with
    `group_clitic_tokens`, for treebanks that write clitics as separate words (UD Arabic PUD).
    The trainers are independent (each learns from gold annotation), so `jobs` of them can run at
    once, each with cores / jobs threads. Default 1: on two cores two at once was about as fast over
    the full recipe and slower on short runs (bench/train_speed_bench.py), as depparse uses both cores.
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
        if "mwt" in processors and not _has_multiword_tokens(data.get("tokenizer", data)["train_conllu"].read_text(encoding="utf-8")):
            reason = "the training treebank has no multi-word tokens (clitics are separate words)"
            warnings.warn(f"mwt not trained: {reason}; the model will run without an mwt processor", stacklevel=2)
            report["skipped"]["mwt"] = reason
            processors = tuple(p for p in processors if p != "mwt")
        if ner_train:
            data.update(ner_train=Path(ner_train), ner_dev=Path(ner_dev))
            processors = (*processors, "ner")
        if not processors:
            raise ValueError(f"nothing left to train ({'; '.join(f'{k}: {v}' for k, v in report['skipped'].items())})")
        jobs = max(1, min(jobs or 1, len(processors)))
        models = _run_trainers(processors, data, work, budget, jobs, report)
        _write_resources(out, models)
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
    """Train one processor with cores / jobs threads; return its name, model file and seconds."""
    nlp.configure_threads(jobs)
    start = time.perf_counter()
    try:
        with _fast_bilinear():
            path = _TRAINERS[processor](data, work, budget)
    except Exception as error:
        raise RuntimeError(f"training {processor} failed: {error}") from error
    return processor, path, round(time.perf_counter() - start, 1)


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
        conllu = folder / f"{SHORTHAND}.{shard}.gold.conllu"
        content = _with_text_comments(source)
        if shard == "dev" and not _has_xpos(data["train_conllu"].read_text(encoding="utf-8")):
            # a tagger that learnt no XPOS scores 0 on a dev file with XPOS, and would keep its first model
            content = without_xpos(content)
        conllu.write_text(content, encoding="utf-8")
        text = folder / f"{SHORTHAND}.{shard}.txt"
        conllu_to_text.main([str(conllu), str(text)])
        common.prepare_tokenizer_dataset_labels(str(text), str(conllu), str(folder), SHORTHAND, shard)
        data[f"{shard}_conllu"] = conllu
        data[f"{shard}_txt"] = text
        data[f"{shard}_labels"] = folder / f"{SHORTHAND}-ud-{shard}.toklabels"
        data[f"{shard}_mwt"] = Path(common.mwt_name(str(folder), SHORTHAND, shard))
    return data


def group_clitic_tokens(conllu: str) -> str:
    """Group each run of Arabic words written together (SpaceAfter=No) into a multi-word token line.

    UD Arabic PUD writes clitics as separate words with no token lines (و|قال, ل|لحشد), so a
    tokenizer trained on it splits the surface token itself; grouped, the tokenizer learns
    surface tokens and the mwt processor learns the split, as in PADT's own releases.
    """
    blocks = []
    for block in conllu.strip().split("\n\n"):
        lines = block.splitlines()
        rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
        if any(not row[0].isdigit() for row in rows):  # already has token lines or empty nodes
            blocks.append(block)
            continue
        out = [line for line in lines if line.startswith("#")]
        run: list[list[str]] = []
        for row in rows:
            if run and not _is_arabic_word(row[1]):  # a word of digits or punctuation is its own token
                out.extend(_token_lines(run))
                run = []
            run.append(row)
            if not (_joins_next(row) and _is_arabic_word(row[1])):
                out.extend(_token_lines(run))
                run = []
        out.extend(_token_lines(run))
        blocks.append("\n".join(out))
    return "\n\n".join(blocks) + "\n\n"


LATIN_TO_ARABIC_PUNCTUATION = str.maketrans({",": "،", ";": "؛", "?": "؟"})


def with_arabic_punctuation(conllu: str, every: int = 2) -> str:
    """Every `every`-th sentence with Latin `, ; ?` written as Arabic `، ؛ ؟` (text line, forms and lemmas).

    UD Arabic PUD uses Latin punctuation only; a tokenizer trained on it leaves `ترامب،` whole in news
    written with Arabic commas.
    """
    blocks = conllu.strip().split("\n\n")
    for index in range(0, len(blocks), every):
        lines = []
        for line in blocks[index].splitlines():
            fields = line.split("\t")
            if line.startswith("# text ="):
                line = line.translate(LATIN_TO_ARABIC_PUNCTUATION)
            elif len(fields) == 10:
                fields[1], fields[2] = fields[1].translate(LATIN_TO_ARABIC_PUNCTUATION), fields[2].translate(LATIN_TO_ARABIC_PUNCTUATION)
                line = "\t".join(fields)
            lines.append(line)
        blocks[index] = "\n".join(lines)
    return "\n\n".join(blocks) + "\n\n"


def _grouped_copy(source: Path, target: Path) -> Path:
    if not source.exists():
        raise FileNotFoundError(f"no UD file at {source}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(group_clitic_tokens(source.read_text(encoding="utf-8")), encoding="utf-8")
    return target


def _token_lines(run: list[list[str]]) -> list[str]:
    """The CoNLL-U lines of words written together: a token line first when there are several."""
    lines = []
    if len(run) > 1:
        misc = [item for item in run[-1][9].split("|") if item.startswith("SpaceAfter=")]
        lines.append("\t".join([f"{run[0][0]}-{run[-1][0]}", "".join(word[1] for word in run), *["_"] * 7, "|".join(misc) or "_"]))
        for word in run:
            word[9] = "|".join(item for item in word[9].split("|") if not item.startswith("SpaceAfter=")) or "_"
    return lines + ["\t".join(word) for word in run]


def _joins_next(row: list[str]) -> bool:
    return "SpaceAfter=No" in row[9].split("|")


def _is_arabic_word(form: str) -> bool:
    return strip_diacritics(form).isalpha() and arabic_share(form) == 1.0


def without_xpos(conllu: str) -> str:
    """The treebank with its XPOS column emptied (for mixing treebanks whose tag sets differ)."""
    rows = []
    for line in conllu.splitlines():
        fields = line.split("\t")
        if len(fields) == 10 and not line.startswith("#"):
            fields[4] = "_"
        rows.append("\t".join(fields))
    return "\n".join(rows) + "\n"


def _has_xpos(conllu: str) -> bool:
    return any(len(fields) == 10 and fields[4] != "_" for fields in (line.split("\t") for line in conllu.splitlines()))


def _has_multiword_tokens(conllu: str) -> bool:
    return any(line.split("\t", 1)[0].count("-") == 1 and not line.startswith("#") for line in conllu.splitlines())


def _with_text_comments(source: Path) -> str:
    """The treebank with a `# text` line for every sentence (the old PADT release has none)."""
    from kit.nlp import doc_from_conllu

    blocks = []
    for block in source.read_text(encoding="utf-8").strip().split("\n\n"):
        lines = block.strip().splitlines()
        if not any(line.startswith("# text =") for line in lines):
            lines.insert(0, f"# text = {doc_from_conllu(block).text.strip()}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n\n"


def _model_path(work: Path, processor: str) -> Path:
    folder = work / "models" / processor
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{PACKAGE}.pt"


def _common(processor: str, work: Path) -> list[str]:
    target = _model_path(work, processor)
    language = [] if processor in ("lemma", "ner") else ["--lang", LANG]  # these read the language from --shorthand
    return [*language, "--shorthand", SHORTHAND, "--save_dir", str(target.parent), "--save_name", target.name]


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
        "--output_file", str(work / "pos.dev.pred.conllu"), "--no_pretrain", "--max_steps", str(budget["pos_steps"]),
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
        "--output_file", str(work / "depparse.dev.pred.conllu"), "--no_pretrain",
        "--max_steps", str(budget["depparse_steps"]), "--eval_interval", str(_interval(budget["depparse_steps"])),
        "--batch_size", str(budget["batch_size"] * 50), *_common("depparse", work),
    ])
    return _model_path(work, "depparse")


def _train_ner(data: dict[str, Path], work: Path, budget: dict[str, int]) -> Path:
    from stanza.models import ner_tagger

    files = {}
    for shard, source in (("train", data["ner_train"]), ("dev", data["ner_dev"])):
        sentences = evaluate.read_bio(source)  # AQMAR's MIS0-3 become MISC
        files[shard] = work / "data" / f"{SHORTHAND}.ner.{shard}.json"
        files[shard].parent.mkdir(parents=True, exist_ok=True)
        files[shard].write_text(json.dumps(
            [[{"text": token, "ner": tag} for token, tag in sentence] for sentence in sentences], ensure_ascii=False
        ), encoding="utf-8")
    ner_tagger.main([
        "--mode", "train", "--train_file", str(files["train"]), "--eval_file", str(files["dev"]), "--no_pretrain",
        "--max_steps", str(budget["ner_steps"]), "--eval_interval", str(_interval(budget["ner_steps"])),
        "--batch_size", str(budget["batch_size"]), *_common("ner", work),
    ])
    return _model_path(work, "ner")


_TRAINERS = {
    "tokenize": _train_tokenizer, "mwt": _train_mwt, "pos": _train_pos, "lemma": _train_lemma,
    "depparse": _train_depparse, "ner": _train_ner,
}
_TRAINING_ORDER = ("depparse", "pos", "tokenize", "ner", "lemma", "mwt")  # longest first, so parallel jobs end together


def _write_resources(out: Path, models: dict[str, Path]) -> None:
    """Copy the models to OUT/ar/<processor>/kit.pt and write a resources.json that names them."""
    lang: dict[str, Any] = {"lang_name": "Arabic", "default_processors": {}, "default_dependencies": {}}
    for processor, path in models.items():
        if not path.exists():
            raise RuntimeError(f"the {processor} trainer wrote no model at {path}")
        target = out / LANG / processor / f"{PACKAGE}.pt"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        lang["default_processors"][processor] = PACKAGE
        lang[processor] = {PACKAGE: {"md5": hashlib.md5(target.read_bytes()).hexdigest()}}
    lang["packages"] = {"default": dict(lang["default_processors"])}
    resources = {"url": "file:///kit-trained-models-are-local/{lang}/{filename}", LANG: lang}
    (out / "resources.json").write_text(json.dumps(resources, ensure_ascii=False, indent=2), encoding="utf-8")
