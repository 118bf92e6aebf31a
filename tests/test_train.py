"""kit train: a short run on a slice of the shared corpora, then load the result and parse with it."""

import os

import pytest

from kit import cli, evaluate, nlp, train

from conftest import SHARED

PADT = SHARED / "corpora" / "ud" / "UD_Arabic-PADT-1.3" / "ar-ud-dev.conllu"  # old release: no raw text, no token lines
PUD = SHARED / "corpora" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"  # raw text; clitics are separate words
AQMAR = SHARED / "corpora" / "ner" / "AQMAR" / "Damascus.txt"


@pytest.fixture
def corpora():
    if not (PADT.exists() and PUD.exists() and AQMAR.exists()):
        message = f"the shared corpora are not beside the project ({PADT.parent})"
        if os.environ.get("KIT_REQUIRE_MODEL") == "1":
            pytest.fail(message)
        pytest.skip(message)


def _slice(blocks: list[str], path, start: int, stop: int):
    path.write_text("\n\n".join(blocks[start:stop]) + "\n\n", encoding="utf-8")
    return path


def test_unknown_processor_and_half_ner_data_are_refused(tmp_path):
    with pytest.raises(ValueError, match="tokenize, mwt, pos, lemma, depparse"):
        train.train(tmp_path / "a", tmp_path / "b", tmp_path / "out", processors=("sentiment",))
    with pytest.raises(ValueError, match="both"):
        train.train(tmp_path / "a", tmp_path / "b", tmp_path / "out", ner_train=tmp_path / "n")


def test_missing_treebank_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="no UD train file"):
        train.train(tmp_path / "missing.conllu", tmp_path / "dev.conllu", tmp_path / "out", processors=("tokenize",))


@pytest.mark.model
def test_train_load_parse_end_to_end(corpora, tmp_path):
    ud = PADT.read_text(encoding="utf-8").strip().split("\n\n")
    pud = PUD.read_text(encoding="utf-8").strip().split("\n\n")
    ner = AQMAR.read_text(encoding="utf-8").strip().split("\n\n")
    ud_train, ud_dev = _slice(ud, tmp_path / "train.conllu", 0, 60), _slice(ud, tmp_path / "dev.conllu", 60, 80)
    tok_train, tok_dev = _slice(pud, tmp_path / "pud_train.conllu", 0, 60), _slice(pud, tmp_path / "pud_dev.conllu", 60, 80)
    ner_train, ner_dev = _slice(ner, tmp_path / "train.bio", 0, 40), _slice(ner, tmp_path / "dev.bio", 40, 50)
    out = tmp_path / "model"
    status = cli.main(["train", "--ud", str(ud_train), "--dev", str(ud_dev), "--ner", str(ner_train), "--ner-dev", str(ner_dev),
                       "--tokenize-ud", str(tok_train), "--tokenize-dev", str(tok_dev), "--group-clitics", "--jobs", "2",
                       "--out", str(out), "--tokenize-steps", "300", "--mwt-epochs", "1", "--pos-steps", "10",
                       "--lemma-epochs", "1", "--depparse-steps", "10", "--ner-steps", "20"])
    assert status == 0
    assert nlp.resolve_processors(None, out) == "tokenize,mwt,pos,lemma,depparse,ner"
    assert [p.relative_to(out).as_posix() for p in nlp.model_files(out)] == [
        f"ar/{p}/kit.pt" for p in ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")]
    pipeline = nlp.load_pipeline(out, download=False)
    assert "mwt" in pipeline.processors
    sentence = evaluate.gold_texts(ud_dev)[0].splitlines()[3]  # held out, and vocalised like PADT's forms
    doc = pipeline(sentence)
    assert doc.num_words >= 0.8 * len(sentence.split())
    assert all(word.upos and word.deprel for word in doc.sentences[0].words)
    assert all(token.ner for token in doc.sentences[0].tokens)


def test_mwt_is_skipped_with_a_warning_when_the_treebank_has_no_token_lines(corpora, tmp_path):
    pud = PUD.read_text(encoding="utf-8").strip().split("\n\n")
    train_file, dev_file = _slice(pud, tmp_path / "train.conllu", 0, 20), _slice(pud, tmp_path / "dev.conllu", 20, 25)
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


def test_clitics_written_together_become_multiword_tokens():
    grouped = train.group_clitic_tokens(PUD_STYLE).strip().splitlines()
    tokens = [line.split("\t")[:2] for line in grouped if "-" in line.split("\t")[0]]
    assert tokens == [["1-2", "وقال"], ["3-4", "للحشد"]]
    rows = {line.split("\t")[0]: line.split("\t") for line in grouped if not line.startswith("#")}
    assert rows["3-4"][9] == "SpaceAfter=No"  # the token, not its last word, now carries the spacing
    assert rows["3"][9] == rows["4"][9] == "_"
    assert rows["6"][9] == rows["7"][9] == "SpaceAfter=No"  # a quote mark or a colon is its own token
    assert len(rows) == 9 + 2
    doc = nlp.doc_from_conllu(train.group_clitic_tokens(PUD_STYLE))
    assert [token.text for token in doc.sentences[0].tokens][:3] == ["وقال", "للحشد", ":"]
    assert train._has_multiword_tokens(train.group_clitic_tokens(PUD_STYLE))


def test_grouping_leaves_treebanks_with_token_lines_alone():
    grouped_once = train.group_clitic_tokens(PUD_STYLE)
    assert train.group_clitic_tokens(grouped_once) == grouped_once


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
