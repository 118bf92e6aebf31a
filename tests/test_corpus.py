"""kit.corpus: every input format, loading normalisation, furniture, and every kind of bad input."""

import json
import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import corpus
from kit.corpus import CorpusWarning

from conftest import SEEDS

ARTICLE = "قال الرئيس إن المحادثات تتقدم.\nوأضاف أن روسيا ستشارك."
OTHER = "أعلنت الحكومة عن خطة جديدة للتعليم."


def load_quietly(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning here is a test failure
        return corpus.load(*args, **kwargs)


def test_txt_file_and_stable_doc_id(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    first, second = load_quietly(path), load_quietly(str(path))
    assert list(first.columns) == corpus.CORPUS_COLUMNS
    assert first.loc[0, "doc_id"] == second.loc[0, "doc_id"] == corpus.make_doc_id(ARTICLE)
    assert first.loc[0, "path"] == str(path)


def test_folder_is_read_recursively_in_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "sub" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    loaded = load_quietly(tmp_path)
    assert [p.rsplit("/", 1)[-1] for p in loaded["path"]] == ["b.txt", "a.txt"]


def test_csv_with_custom_columns(tmp_path):
    path = tmp_path / "news.csv"
    pd.DataFrame({"body": [ARTICLE, OTHER], "headline": ["عنوان", ""], "day": ["2023-09-05", ""], "outlet": ["الأمصار", ""]}).to_csv(path, index=False)
    loaded = load_quietly(path, text_col="body", title_col="headline", date_col="day", source_col="outlet")
    assert loaded["title"].tolist()[0] == "عنوان"
    assert loaded["date"].tolist() == ["2023-09-05", ""]
    assert loaded["source"].tolist() == ["الأمصار", ""]
    assert loaded["path"].tolist() == [f"{path}#1", f"{path}#2"]


def test_jsonl_and_parquet(tmp_path):
    jsonl = tmp_path / "news.jsonl"
    jsonl.write_text("\n".join(json.dumps({"text": t, "title": "ع"}, ensure_ascii=False) for t in [ARTICLE, OTHER]), encoding="utf-8")
    parquet = tmp_path / "news.parquet"
    pd.DataFrame({"text": [ARTICLE + " إضافة"]}).to_parquet(parquet)
    loaded = load_quietly([jsonl, parquet])
    assert len(loaded) == 3
    assert loaded["title"].tolist()[:2] == ["ع", "ع"]


def test_list_of_strings_and_from_texts():
    assert load_quietly([ARTICLE, OTHER])["path"].tolist() == ["<text 0>", "<text 1>"]
    assert corpus.from_texts([ARTICLE], sources=["وكالة"]).loc[0, "source"] == "وكالة"


def test_loading_normalisation_bom_crlf_nfc():
    presentation_form = "\ufefb"  # the lam-alef ligature: NFC leaves it (only NFKC would split it)
    raw = "\ufeff" + "قال\r\nالرئيس\rإن " + "ا\u0653" + " " + presentation_form + "آ"
    text = corpus.from_texts([raw], headline=False).loc[0, "text"]
    assert text == "قال\nالرئيس\nإن \u0622 \ufefbآ"  # no BOM, newlines only, alef + madda composed to آ


def test_headline_becomes_title_but_stays_in_text():
    loaded = corpus.from_texts(["عنوان الخبر\n\n" + ARTICLE])
    assert loaded.loc[0, "title"] == "عنوان الخبر"
    assert loaded.loc[0, "text"].startswith("عنوان الخبر")
    assert corpus.from_texts(["عنوان الخبر\n\n" + ARTICLE], headline=False).loc[0, "title"] == ""


def test_seed_furniture_removed_and_recorded():
    loaded = load_quietly(SEEDS)
    row = loaded.iloc[0]
    assert row["furniture"].split("\n") == ["رئيس مجلس الإدارة", "د. رائد العزاوي", "نشر", "الأمصار"]
    assert row["source"] == "الأمصار"
    assert row["title"] == "وسط تحذيرات أمريكية.. زعيم كوريا الشمالية يعتزم زيارة موسكو"
    assert row["text"].startswith(row["title"] + "\n\nوصفت العاصمة الأمريكية")
    assert "نشر\nالأمصار" not in row["text"]
    # subheads inside the body stay
    assert "\nتحذير أمريكي\n" in row["text"]


def test_furniture_only_at_the_start():
    body = "نص طويل " * 10 + "\n\nنشر\nالأمصار\n" + "خبر آخر " * 10
    loaded = corpus.from_texts(["عنوان\n" + ("كلمة " * 20) + "\n" + body])
    assert "نشر\nالأمصار" in loaded.loc[0, "text"]
    assert loaded.loc[0, "furniture"] == ""


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda d: (d / "bad.txt").write_bytes("قال الرئيس".encode("cp1256")), "not UTF-8"),
        (lambda d: (d / "empty.txt").write_text("  \n\n ", encoding="utf-8"), "empty text"),
        (lambda d: (d / "english.txt").write_text("The president said talks advance. " * 3, encoding="utf-8"), "almost no Arabic"),
        (lambda d: (d / "dup.txt").write_text(ARTICLE, encoding="utf-8"), "same text as"),
        (lambda d: (d / "table.csv").write_text("body\nقال\n", encoding="utf-8"), "no text column 'text'"),
        (lambda d: (d / "rows.jsonl").write_text('{"text": "قال"}\n{broken\n', encoding="utf-8"), "not valid JSON"),
        (lambda d: (d / "image.png").write_bytes(b"\x89PNG"), "unsupported file type"),
    ],
)
def test_bad_input_warns_naming_the_document_and_the_rest_loads(tmp_path, make, message):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    make(tmp_path)
    bad = sorted(set(tmp_path.iterdir()) - {good})[0]
    with pytest.warns(CorpusWarning, match=message) as caught:
        loaded = corpus.load([good, bad])
    assert any(str(bad) in str(w.message) for w in caught)
    assert ARTICLE in loaded["text"].tolist()


def test_missing_file_warns():
    with pytest.warns(CorpusWarning, match="no such file"):
        assert corpus.load(["nowhere/missing.txt", ARTICLE]).shape[0] == 1


def test_duplicate_warning_names_both_sources(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text("\ufeff" + ARTICLE.replace("\n", "\r\n"), encoding="utf-8")
    with pytest.warns(CorpusWarning) as caught:
        loaded = corpus.load(tmp_path)
    assert len(loaded) == 1
    message = str(caught[0].message)
    assert "a.txt" in message and "b.txt" in message


ARABIC_MIX = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0621, max_codepoint=0x0652),
        st.sampled_from(list(" \n\t\r.,،؛؟!\"«»-0123456789٠١٢abcXYZ\x00\x1b\u0640\u064e\ufeff😀")),
    ),
    max_size=120,
)


@settings(deadline=None, max_examples=150)
@given(st.lists(ARABIC_MIX, max_size=4))
def test_loading_never_crashes_and_ids_match_text(texts):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        loaded = corpus.from_texts(texts)
    assert loaded["doc_id"].is_unique
    for row in loaded.itertuples():
        assert row.doc_id == corpus.make_doc_id(row.text)
        assert "\r" not in row.text and "\x00" not in row.text
        assert row.text.strip()
