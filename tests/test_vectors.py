"""kit.modeltools.vectors: tokens and clitics as the model splits them, streamed corpora, a Stanza pretrain file."""

import json
from collections import Counter

import pandas as pd
import pytest

from kit import cli
from kit.modeltools import vectors


@pytest.mark.parametrize("text, expected", [
    ("قالَ الرئيسُ، أمس", ["قال", "الرئيس", "،", "أمس"]),
    ("بلغ 3.5 مليار دولار.", ["بلغ", "3.5", "مليار", "دولار", "."]),
    ("«نعم» قالها CNN", ["«", "نعم", "»", "قالها", "CNN"]),
    ("الـــرياض", ["الرياض"]),
    ("قا\u200cل الرئي\u200fس", ["قال", "الرئيس"]),        # invisible characters out, as the kit loads text
])
def test_tokens_drop_diacritics_and_tatweel_and_keep_punctuation_apart(text, expected):
    assert vectors.tokenize(text) == expected


def test_sentences_end_at_line_breaks_and_final_punctuation():
    assert list(vectors.sentences("قال الوزير. هل يعود؟ نعم\n\nسطر آخر")) == [
        ["قال", "الوزير", "."], ["هل", "يعود", "؟"], ["نعم"], ["سطر", "آخر"]]


COUNTS = Counter({"قال": 500, "حكومة": 80, "الولايات": 60, "كان": 400, "ان": 90, "لبنان": 50, "بنان": 2,
                  "سياسة": 40, "قول": 30, "قوله": 60, "الحكومه": 20, "واشنطن": 70, "اشنطن": 1, "أن": 900,
                  "وقال": 300, "وطن": 90, "طن": 20, "فقط": 200, "قط": 15})


@pytest.mark.parametrize("word, pieces", [
    ("وقال", ("و", "قال")),                       # conjunction before a common word
    ("فقال", ("ف", "قال")),
    ("وبحكومته", ("و", "ب", "حكومة", "ه")),       # conjunction, preposition, ت read back as ة, pronoun
    ("للولايات", ("ل", "الولايات")),              # ل + ال written together
    ("وللولايات", ("و", "ل", "الولايات")),
    ("سياستها", ("سياسة", "ها")),
    ("قوله", ("قول", "ه")),
    ("بأن", ("ب", "أن")),                         # the rest is commoner than the whole
    ("وكان", ("و", "كان")),                       # كان is not ك + ان: ان is rarer than كان
    ("لبنان", ("لبنان",)),                        # بنان is not a word of the corpus
    ("واشنطن", ("واشنطن",)),
    ("وطن", ("وطن",)),                            # طن ("ton") is too rare beside وطن to be its rest
    ("فقط", ("فقط",)),
    ("الحكومه", ("الحكومه",)),                    # no pronoun after the article
    ("2015", ("2015",)),
    ("،", ("،",)),
])
def test_clitics_split_only_where_the_corpus_attests_the_rest(word, pieces):
    assert vectors.CliticSplitter(COUNTS).split(word) == pieces


@pytest.fixture
def corpus(tmp_path):
    """The same twelve texts as parquet, CSV, JSON lines and a folder of .txt files."""
    texts = [f"قال الوزير {i} إن الحكومة ستعقد اجتماعا. وقال المتحدث إن الاجتماع مهم." for i in range(12)]
    frame = pd.DataFrame({"body": texts, "outlet": "test"})
    frame.to_parquet(tmp_path / "news.parquet")
    frame.to_csv(tmp_path / "news.csv", index=False)
    frame.to_json(tmp_path / "news.jsonl", orient="records", lines=True, force_ascii=False)
    (tmp_path / "txt").mkdir()
    for i, text in enumerate(texts):
        (tmp_path / "txt" / f"{i:02d}.txt").write_text(text, encoding="utf-8")
    return tmp_path, texts


@pytest.mark.parametrize("name", ["news.parquet", "news.csv", "news.jsonl", "txt"])
def test_texts_stream_from_tables_and_folders(corpus, name):
    folder, texts = corpus
    assert list(vectors.read_texts([folder / name], text_col="body")) == texts
    assert list(vectors.read_texts([folder / name], text_col="body", limit=2)) == texts[:2]


def test_bad_inputs_are_named(corpus):
    folder, _ = corpus
    with pytest.raises(FileNotFoundError, match="no corpus at .*missing.parquet"):
        list(vectors.read_texts([folder / "missing.parquet"]))
    with pytest.raises(ValueError, match="has no column 'text'.*body"):
        list(vectors.read_texts([folder / "news.parquet"]))
    with pytest.raises(ValueError, match="unknown vector option"):
        vectors.train_vectors([folder / "news.parquet"], folder / "v.pt", text_col="body", size=3)


@pytest.mark.parametrize("split, present, absent", [
    (True, {"قال", "و", "الوزير"}, {"وقال"}),
    (False, {"قال", "وقال", "الوزير"}, {"و"}),
])
def test_kit_vectors_writes_a_pretrain_file_stanza_loads(corpus, split, present, absent, capsys):
    from stanza.models.common.pretrain import Pretrain

    folder, _ = corpus
    out = folder / "vectors" / "news.pt"
    args = ["vectors", str(folder / "news.parquet"), "--text-col", "body", "--out", str(out), "--min-count", "1",
            "--dim", "8", "--epochs", "1"]
    assert cli.main(args + ([] if split else ["--tokens"])) == 0
    assert "vectors of 8 dimensions from 12 documents" in capsys.readouterr().out
    pretrain = Pretrain(str(out))
    words = set(pretrain.vocab._unit2id)
    assert present <= words and not absent & words
    assert pretrain.emb.shape[1] == 8
    report = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert report["documents"] == 12 and report["split_clitics"] is split
    assert sorted(p.name for p in out.parent.iterdir()) == ["news.json", "news.pt"]  # no temporary files left
