"""kit.modeltools.train: train()'s wiring with Stanza's trainers replaced by fakes, and its data preparation.

The real end-to-end training (minutes) is bench/train_tiny_bench.py.
"""

import hashlib
import json
import os
from pathlib import Path

import pytest

from kit import cli, nlp
from kit.modeltools import conllu, train

from conftest import SHARED

PADT = SHARED / "corpora" / "ud" / "UD_Arabic-PADT-1.3" / "ar-ud-dev.conllu"  # old release: no raw text, no token lines
PUD = SHARED / "corpora" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"  # raw text; clitics are separate words
AQMAR = SHARED / "corpora" / "ner" / "AQMAR" / "Damascus.txt"
STANZA_TRAINERS = {"tokenize": "tokenizer", "mwt": "mwt_expander", "pos": "tagger", "lemma": "lemmatizer",
                   "depparse": "parser", "ner": "ner_tagger"}


@pytest.fixture
def corpora():
    if not (PADT.exists() and PUD.exists() and AQMAR.exists()):
        message = f"the shared corpora are not beside the project ({PADT.parent})"
        if os.environ.get("KIT_REQUIRE_MODEL") == "1":
            pytest.fail(message)
        pytest.skip(message)


class _InProcessPool:
    """Stands in for the process pool: runs the trainers here, so the fakes below are the ones called."""

    def __init__(self, max_workers, mp_context):
        self.max_workers = max_workers

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, function, *iterables):
        return map(function, *iterables)


@pytest.fixture
def fake_trainers(monkeypatch):
    """Stanza's trainer entry points replaced by fakes that check their input files and write a model file.

    Returns {processor: the options it was called with}, plus "threads": the jobs each trainer set threads for.
    """
    import importlib

    calls: dict = {"threads": []}

    def fake(args: list[str], processor: str) -> None:
        options = {arg[2:]: (args[i + 1] if i + 1 < len(args) and not args[i + 1].startswith("--") else True)
                   for i, arg in enumerate(args) if arg.startswith("--")}
        for key in ("train_file", "eval_file", "txt_file", "label_file", "dev_txt_file", "dev_label_file", "dev_conll_gold",
                    "mwt_json_file", "gold_file"):
            if key in options:
                assert Path(options[key]).exists(), f"{processor}: no {key} at {options[key]}"
        Path(options["save_dir"]).mkdir(parents=True, exist_ok=True)
        (Path(options["save_dir"]) / options["save_name"]).write_bytes(f"fake {processor} model".encode())
        calls[processor] = options

    for processor, module in STANZA_TRAINERS.items():
        monkeypatch.setattr(importlib.import_module(f"stanza.models.{module}"), "main",
                            lambda args, processor=processor: fake(args, processor))
    monkeypatch.setattr(train, "ProcessPoolExecutor", _InProcessPool)
    monkeypatch.setattr(nlp, "configure_threads", lambda workers=1: calls["threads"].append(workers) or 1)
    return calls


def test_unknown_processor_and_half_ner_data_are_refused(tmp_path):
    with pytest.raises(ValueError, match="tokenize, mwt, pos, lemma, depparse"):
        train.train(tmp_path / "a", tmp_path / "b", tmp_path / "out", processors=("sentiment",))
    with pytest.raises(ValueError, match="both"):
        train.train(tmp_path / "a", tmp_path / "b", tmp_path / "out", ner_train=tmp_path / "n")


def test_missing_treebank_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="no UD train file"):
        train.train(tmp_path / "missing.conllu", tmp_path / "dev.conllu", tmp_path / "out", processors=("tokenize",))


def test_train_wires_data_trainers_and_resources(corpora, fake_trainers, tmp_path, capsys):
    ud, pud, ner = conllu.read_conllu(PADT), conllu.read_conllu(PUD), conllu.read_bio(AQMAR)
    ud_train, ud_dev = conllu.write_conllu(ud[:60], tmp_path / "train.conllu"), conllu.write_conllu(ud[60:80], tmp_path / "dev.conllu")
    tok_train = conllu.write_conllu(pud[:60], tmp_path / "pud_train.conllu")
    tok_dev = conllu.write_conllu(pud[60:80], tmp_path / "pud_dev.conllu")
    ner_train, ner_dev = conllu.write_bio(ner[:40], tmp_path / "train.bio"), conllu.write_bio(ner[40:50], tmp_path / "dev.bio")
    out = tmp_path / "model"
    status = cli.main(["train", "--ud", str(ud_train), "--dev", str(ud_dev), "--ner", str(ner_train), "--ner-dev", str(ner_dev),
                       "--tokenize-ud", str(tok_train), "--tokenize-dev", str(tok_dev), "--group-clitics", "--jobs", "2",
                       "--out", str(out), "--work-dir", str(tmp_path / "work"), "--tokenize-steps", "300", "--mwt-epochs", "1", "--pos-steps", "10",
                       "--lemma-epochs", "1", "--depparse-steps", "10", "--ner-steps", "20"])
    assert status == 0
    assert "trained tokenize, mwt, pos, lemma, depparse, ner into" in capsys.readouterr().out
    assert fake_trainers["threads"] == [2] * 6  # each trainer with cores / jobs threads

    # the resources directory: what Stanza and kit.nlp read
    assert nlp.resolve_processors(None, out) == "tokenize,mwt,pos,lemma,depparse,ner"
    assert [p.relative_to(out).as_posix() for p in nlp.model_files(out)] == [
        f"ar/{p}/kit.pt" for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")]
    resources = json.loads((out / "resources.json").read_text(encoding="utf-8"))["ar"]
    for processor in STANZA_TRAINERS:
        model = out / "ar" / processor / "kit.pt"
        assert model.read_bytes() == f"fake {processor} model".encode()
        assert resources[processor]["kit"]["md5"] == hashlib.md5(model.read_bytes()).hexdigest()

    # the budget reaches each trainer
    steps = {p: fake_trainers[p][key] for p, key in (("tokenize", "steps"), ("mwt", "num_epoch"), ("pos", "max_steps"),
                                                    ("lemma", "num_epoch"), ("depparse", "max_steps"), ("ner", "max_steps"))}
    assert steps == {"tokenize": "300", "mwt": "1", "pos": "10", "lemma": "1", "depparse": "10", "ner": "20"}

    # tokenizer and mwt learn from the grouped PUD slice; the others from PADT, given `# text` lines
    assert all(Path(options["save_dir"]).is_relative_to(tmp_path / "work") for p, options in fake_trainers.items() if p != "threads")
    mwt_train = conllu.read_conllu(fake_trainers["mwt"]["train_file"])
    assert len(mwt_train) == 60 and conllu.has_multiword_tokens(mwt_train)
    assert Path(fake_trainers["tokenize"]["txt_file"]).read_text(encoding="utf-8").strip()
    tagger_train = conllu.read_conllu(fake_trainers["pos"]["train_file"])
    assert len(tagger_train) == 60 and all(sentence.text for sentence in tagger_train)
    assert not conllu.has_multiword_tokens(tagger_train)
    assert fake_trainers["lemma"]["train_file"] == fake_trainers["depparse"]["train_file"] == fake_trainers["pos"]["train_file"]

    # NER: the BIO files as Stanza's JSON, tags normalised (AQMAR's MIS0-3 as MISC)
    ner_json = json.loads(Path(fake_trainers["ner"]["train_file"]).read_text(encoding="utf-8"))
    assert [[(token["text"], token["ner"]) for token in sentence] for sentence in ner_json] == ner[:40]
    tags = {token["ner"] for sentence in ner_json for token in sentence}
    assert tags <= {"O"} | {f"{prefix}-{label}" for prefix in "BI" for label in ("PER", "LOC", "ORG", "MISC")}


def test_mwt_is_skipped_with_a_warning_when_the_treebank_has_no_token_lines(corpora, tmp_path):
    pud = conllu.read_conllu(PUD)
    train_file = conllu.write_conllu(pud[:20], tmp_path / "train.conllu")
    dev_file = conllu.write_conllu(pud[20:25], tmp_path / "dev.conllu")
    with pytest.warns(UserWarning, match="mwt not trained"), pytest.raises(ValueError, match="nothing left to train.*no multi-word"):
        train.train(train_file, dev_file, tmp_path / "out", processors=("mwt",), work_dir=tmp_path / "work")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("shape1, shape2, outputs, bias", [
    ((5, 7), (5, 3), 4, True),
    ((2, 6, 401), (2, 6, 51), 13, True),
    ((3, 4), (3, 4), 1, False),
])
def test_fast_bilinear_gives_torchs_values_and_gradients(shape1, shape2, outputs, bias):
    import torch

    torch.manual_seed(0)
    layer = torch.nn.Bilinear(shape1[-1], shape2[-1], outputs, bias=bias)
    x1, x2 = torch.randn(*shape1, requires_grad=True), torch.randn(*shape2, requires_grad=True)
    results = []
    for fast in (False, True):
        layer.zero_grad()
        x1.grad = x2.grad = None
        if fast:
            with train._fast_bilinear():
                output = layer(x1, x2)
        else:
            output = layer(x1, x2)
        (output * torch.arange(output.numel()).view(output.shape)).sum().backward()
        results.append((output.detach(), layer.weight.grad.clone(), x1.grad.clone(), x2.grad.clone()))
    for reference, fast in zip(*results):
        torch.testing.assert_close(fast, reference, rtol=1e-4, atol=1e-4)
    assert torch.nn.Bilinear.forward is not None and "fast" not in torch.nn.Bilinear.forward.__qualname__
    with train._fast_bilinear():
        assert torch.nn.Bilinear.forward.__qualname__.startswith("_fast_bilinear")


# و|قال ل|لحشد: "نعم". (clitics written together with the next word, as UD Arabic PUD writes them)
PUD_STYLE = """# text = وقال للحشد: "نعم" 2015
1\tو\tوَ\tCCONJ\t_\t_\t2\tcc\t_\tSpaceAfter=No
2\tقال\tقَال\tVERB\t_\t_\t0\troot\t_\t_
3\tل\tلِ\tADP\t_\t_\t4\tcase\t_\tSpaceAfter=No
4\tلحشد\tحَشد\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No
5\t:\t:\tPUNCT\t_\t_\t2\tpunct\t_\t_
6\t"\t"\tPUNCT\t_\t_\t7\tpunct\t_\tSpaceAfter=No
7\tنعم\tنَعَم\tINTJ\t_\t_\t2\tccomp\t_\tSpaceAfter=No
8\t"\t"\tPUNCT\t_\t_\t7\tpunct\t_\t_
9\t2015\t2015\tNUM\t_\t_\t2\tobl\t_\t_
"""


@pytest.mark.parametrize("train_has_xpos", [True, False])
def test_the_dev_file_loses_xpos_only_when_the_training_file_has_none(tmp_path, train_has_xpos):
    with_xpos = PUD_STYLE.replace("\tCCONJ\t_\t", "\tCCONJ\tC---\t")
    train_file, dev_file = tmp_path / "train.conllu", tmp_path / "dev.conllu"
    train_file.write_text(with_xpos if train_has_xpos else train.without_xpos(with_xpos), encoding="utf-8")
    dev_file.write_text(with_xpos, encoding="utf-8")
    data = train._prepare_ud(train_file, dev_file, tmp_path / "work")
    assert ("C---" in data["dev_conllu"].read_text(encoding="utf-8")) is train_has_xpos
    assert "# text = وقال للحشد" in data["dev_conllu"].read_text(encoding="utf-8")


def test_every_other_sentence_gets_arabic_punctuation():
    latin = PUD_STYLE.replace(":", ",").replace("# text = وقال للحشد,", "# text = وقال للحشد,")
    two = latin.strip() + "\n\n" + latin.strip().replace("وقال", "فقال") + "\n\n"
    first, second = train.with_arabic_punctuation(two).strip().split("\n\n")
    assert "# text = وقال للحشد، " in first and "\t،\t،\tPUNCT" in first and "," not in first
    assert first.replace("،", ",") == latin.strip()  # nothing else changed
    assert second == latin.strip().replace("وقال", "فقال")  # the other sentence keeps Latin commas


@pytest.fixture
def small_ud(corpora, tmp_path):
    """A PADT slice as the tagger's training and dev treebanks, and an AQMAR slice as NER data."""
    ud, ner = conllu.read_conllu(PADT), conllu.read_bio(AQMAR)
    return {"ud_train": conllu.write_conllu(ud[:30], tmp_path / "train.conllu"),
            "ud_dev": conllu.write_conllu(ud[30:40], tmp_path / "dev.conllu"),
            "ner_train": conllu.write_bio(ner[:20], tmp_path / "train.bio"),
            "ner_dev": conllu.write_bio(ner[20:25], tmp_path / "dev.bio")}


def test_word_vectors_reach_pos_depparse_and_ner_and_the_resources(small_ud, fake_trainers, tmp_path):
    words, tokens = tmp_path / "words.pt", tmp_path / "tokens.pt"
    words.write_bytes(b"word vectors")
    tokens.write_bytes(b"token vectors")
    out = tmp_path / "model"
    status = cli.main(["train", "--ud", str(small_ud["ud_train"]), "--dev", str(small_ud["ud_dev"]),
                       "--ner", str(small_ud["ner_train"]), "--ner-dev", str(small_ud["ner_dev"]),
                       "--processors", "pos,lemma,depparse", "--pretrain", str(words), "--ner-pretrain", str(tokens),
                       "--out", str(out)])
    assert status == 0
    assert fake_trainers["pos"]["wordvec_pretrain_file"] == fake_trainers["depparse"]["wordvec_pretrain_file"] == str(words)
    assert fake_trainers["ner"]["wordvec_pretrain_file"] == str(tokens)
    assert "no_pretrain" not in fake_trainers["pos"] and "wordvec_pretrain_file" not in fake_trainers["lemma"]
    resources = json.loads((out / "resources.json").read_text(encoding="utf-8"))["ar"]
    assert resources["pos"]["kit"]["dependencies"] == resources["depparse"]["kit"]["dependencies"] == [
        {"model": "pretrain", "package": "kit"}]
    assert resources["ner"]["kit"]["dependencies"] == [{"model": "pretrain", "package": "kit_tokens"}]
    assert "dependencies" not in resources["lemma"]["kit"]
    assert (out / "ar/pretrain/kit.pt").read_bytes() == b"word vectors"
    assert (out / "ar/pretrain/kit_tokens.pt").read_bytes() == b"token vectors"
    # what the kit loads and fingerprints: the pretrain files too
    files = [p.relative_to(out).as_posix() for p in nlp.model_files(out, "pos,lemma,depparse,ner")]
    assert files == ["ar/pos/kit.pt", "ar/pretrain/kit.pt", "ar/lemma/kit.pt", "ar/depparse/kit.pt", "ar/ner/kit.pt",
                     "ar/pretrain/kit_tokens.pt"]


def test_without_vectors_the_trainers_are_told_so(small_ud, fake_trainers, tmp_path):
    train.train(small_ud["ud_train"], small_ud["ud_dev"], tmp_path / "model", processors=("pos", "depparse"))
    assert fake_trainers["pos"]["no_pretrain"] is True and fake_trainers["depparse"]["no_pretrain"] is True
    assert not (tmp_path / "model" / "ar" / "pretrain").exists()
    with pytest.raises(FileNotFoundError, match="no pretrain file at .*missing.pt.*kit vectors"):
        train.train(small_ud["ud_train"], small_ud["ud_dev"], tmp_path / "model", processors=("pos",),
                    pretrain=tmp_path / "missing.pt")


def test_a_second_run_in_the_same_work_folder_reuses_finished_trainers(small_ud, fake_trainers, tmp_path):
    work = tmp_path / "work"
    train.train(small_ud["ud_train"], small_ud["ud_dev"], tmp_path / "model", processors=("pos", "lemma"), work_dir=work)
    fake_trainers.pop("pos"), fake_trainers.pop("lemma")
    (work / "models" / "lemma" / "done.json").unlink()  # lemma was interrupted
    report = train.train(small_ud["ud_train"], small_ud["ud_dev"], tmp_path / "model", processors=("pos", "lemma"), work_dir=work)
    assert "pos" not in fake_trainers and "lemma" in fake_trainers
    assert set(report["processors"]) == {"pos", "lemma"}
    train.train(small_ud["ud_train"], small_ud["ud_dev"], tmp_path / "model", processors=("pos",), work_dir=work,
                budget={"pos_steps": 7})
    assert fake_trainers["pos"]["max_steps"] == "7"  # another budget: trained again
    fake_trainers.pop("pos")
    train.train(small_ud["ud_train"], small_ud["ud_dev"], tmp_path / "model", processors=("pos", "lemma"), work_dir=work,
                budget={"pos_steps": 7, "depparse_steps": 3})
    assert "pos" not in fake_trainers  # another trainer's budget changed: pos is still valid


NEWS = SHARED / "corpora" / "news" / "saudinewsnet.parquet"


def test_vectors_and_a_tiny_model_train_for_real_and_load(small_ud, tmp_path):
    """Stanza's own trainers, a few steps each, with vectors from 200 news articles: the directory loads and tags."""
    from kit.modeltools import vectors

    if not NEWS.exists():
        pytest.skip(f"no news corpus at {NEWS}")  # the corpora fixture already fails in CI without ../shared
    words = vectors.train_vectors([NEWS], tmp_path / "words.pt", limit=200, dim=16, epochs=1, progress=False)
    tokens = vectors.train_vectors([NEWS], tmp_path / "tokens.pt", limit=200, dim=16, epochs=1, split_clitics=False,
                                   progress=False)
    assert words["vocabulary"] > 1000 and tokens["vocabulary"] > words["vocabulary"]  # clitics split: fewer types
    out = tmp_path / "model"
    train.train(small_ud["ud_train"], small_ud["ud_dev"], out, processors=("tokenize", "pos"),
                ner_train=small_ud["ner_train"], ner_dev=small_ud["ner_dev"], pretrain=words["out"], ner_pretrain=tokens["out"],
                budget={"tokenize_steps": 20, "pos_steps": 4, "ner_steps": 4, "batch_size": 8}, work_dir=tmp_path / "work")
    pipeline = nlp.load_pipeline(out, "tokenize,pos,ner", download=False)
    doc = pipeline("قال الوزير إن الحكومة ستعقد اجتماعا في الرياض.")
    assert doc.sentences and all(word.upos for sentence in doc.sentences for word in sentence.words)
    assert all(token.ner for sentence in doc.sentences for token in sentence.tokens)
    assert pipeline.processors["pos"].pretrain is not None
