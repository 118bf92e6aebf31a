"""kit train: a short run on a slice of the shared corpora, then load the result and parse with it."""

import os

import pytest

from kit import cli, evaluate, nlp, train

from conftest import SHARED

PADT = SHARED / "corpora" / "ud" / "UD_Arabic-PADT-1.3" / "ar-ud-dev.conllu"  # has multi-word tokens
AQMAR = SHARED / "corpora" / "ner" / "AQMAR" / "Damascus.txt"


@pytest.fixture
def corpora():
    if not (PADT.exists() and AQMAR.exists()):
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
    ner = AQMAR.read_text(encoding="utf-8").strip().split("\n\n")
    ud_train, ud_dev = _slice(ud, tmp_path / "train.conllu", 0, 60), _slice(ud, tmp_path / "dev.conllu", 60, 80)
    ner_train, ner_dev = _slice(ner, tmp_path / "train.bio", 0, 40), _slice(ner, tmp_path / "dev.bio", 40, 50)
    out = tmp_path / "model"
    with pytest.warns(UserWarning, match="mwt not trained"):
        status = cli.main(["train", "--ud", str(ud_train), "--dev", str(ud_dev), "--ner", str(ner_train), "--ner-dev", str(ner_dev),
                           "--out", str(out), "--tokenize-steps", "300", "--mwt-epochs", "1", "--pos-steps", "10",
                           "--lemma-epochs", "1", "--depparse-steps", "10", "--ner-steps", "20"])
    assert status == 0
    # the shared treebanks have no multi-word tokens, so the default pipeline runs without mwt
    assert nlp.resolve_processors(None, out) == "tokenize,pos,lemma,depparse,ner"
    assert nlp.models_present(out)
    assert [p.relative_to(out).as_posix() for p in nlp.model_files(out)] == [
        f"ar/{p}/kit.pt" for p in ("tokenize", "pos", "lemma", "depparse", "ner")]
    pipeline = nlp.load_pipeline(out, download=False)
    sentence = evaluate.gold_texts(ud_dev)[0].splitlines()[3]  # held out, and vocalised like PADT's forms
    doc = pipeline(sentence)
    assert doc.num_words >= 0.8 * len(sentence.split())
    assert all(word.upos and word.deprel for word in doc.sentences[0].words)
    assert all(token.ner for token in doc.sentences[0].tokens)


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
