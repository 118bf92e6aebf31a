"""kit.frames: the table contracts, multi-word tokens, CoNLL-U export, offsets on any input."""

import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit import corpus, frames, nlp

from conftest import FIXTURES, WhitespacePipeline, write_fake_models

CONTRACTS = {
    "documents": ["doc_id", "title", "source", "date", "path", "n_chars", "n_sentences", "n_words"],
    "sentences": ["doc_id", "sent_idx", "text", "start_char", "end_char", "n_tokens", "n_words"],
    "words": ["doc_id", "sent_idx", "token_idx", "word_idx", "token", "word", "lemma", "lemma_plain", "upos",
              "feats", "head", "deprel", "ner", "start_char", "end_char"],
    "entities": ["doc_id", "sent_idx", "text", "type", "start_char", "end_char"],
}


@pytest.fixture
def parsed():
    return nlp.parsed_from_conllu({"d1": (FIXTURES / "frames.conllu").read_text(encoding="utf-8")})


@pytest.mark.parametrize("name", CONTRACTS)
def test_columns_follow_the_contract(parsed, name):
    assert list(getattr(frames, name)(parsed).columns) == CONTRACTS[name]


def test_documents_count_syntactic_words(parsed):
    row = frames.documents(parsed).iloc[0]
    assert (row.n_sentences, row.n_words) == (2, 15)  # 13 tokens, two of them split in two
    assert row.n_chars == len(parsed.corpus.loc[0, "text"])


def test_sentences(parsed):
    table = frames.sentences(parsed)
    assert table["text"].tolist() == ["التقى كيم وبوتين في موسكو.", "وقال البيت الأبيض إن المحادثات تتقدم."]
    assert table[["n_tokens", "n_words"]].values.tolist() == [[6, 7], [7, 8]]


def test_words_inside_a_multiword_token_carry_its_span(parsed):
    table = frames.words(parsed)
    split = table[(table.sent_idx == 0) & (table.token == "وبوتين")]
    assert split["word"].tolist() == ["و", "بوتين"]
    assert split["token_idx"].tolist() == [3, 3]
    assert split["word_idx"].tolist() == [3, 4]
    assert split[["start_char", "end_char"]].drop_duplicates().values.tolist() == [[10, 16]]
    assert split["ner"].tolist() == ["S-PER", "S-PER"]


def test_lemma_plain_has_no_diacritics(parsed):
    table = frames.words(parsed)
    row = table[table.word == "المحادثات"].iloc[0]
    assert (row.lemma, row.lemma_plain) == ("مُحَادَثَة", "محادثة")


def test_entities_with_model_labels(parsed):
    table = frames.entities(parsed)
    assert table[["text", "type", "sent_idx"]].values.tolist() == [
        ["كيم", "PER", 0], ["وبوتين", "PER", 0], ["موسكو", "LOC", 0], ["البيت الأبيض", "ORG", 1],
    ]


def test_conllu_export_round_trips(parsed):
    exported = frames.to_conllu(parsed)
    assert exported.startswith("# newdoc id = d1\n# sent_id = d1-0\n# text = التقى كيم وبوتين في موسكو.")
    assert "ner=S-PER" in exported and "ner=B-ORG" in exported
    again = nlp.parsed_from_conllu({"d1": exported})
    before, after = frames.words(parsed), frames.words(again)
    columns = ["sent_idx", "token_idx", "word_idx", "token", "word", "lemma", "upos", "head", "deprel", "ner"]
    assert after[columns].equals(before[columns])
    assert frames.entities(again)[["text", "type"]].equals(frames.entities(parsed)[["text", "type"]])


def assert_offsets_round_trip(text_by_doc, tables):
    for row in tables["words"].itertuples():
        span = text_by_doc[row.doc_id][row.start_char:row.end_char]
        assert span in (row.token, row.word), (row.doc_id, row.token, row.word, span)
    for name in ("entities", "sentences"):
        for row in tables[name].itertuples():
            assert text_by_doc[row.doc_id][row.start_char:row.end_char] == row.text


NASTY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0621, max_codepoint=0x0652),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from(list("\n\n\t\r\x00\x1b\u200c\u200f\ufeff\u0640\u064b\u0670«»“”،؛؟😀🇸🇦٠١٢")),
    ),
    min_size=1,
    max_size=150,
)


@settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(NASTY, min_size=1, max_size=3))
def test_any_text_loads_parses_and_round_trips(tmp_path_factory, texts):
    from kit import tables

    root = write_fake_models(tmp_path_factory.mktemp("m"))
    original = nlp.load_pipeline
    nlp.load_pipeline = lambda *a, **k: WhitespacePipeline()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", corpus.CorpusWarning)
            loaded = corpus.from_texts(texts, min_arabic=0.0)
        parsed = nlp.parse(loaded, model_dir=root, cache=False, progress=False)
    finally:
        nlp.load_pipeline = original
    built = tables.build(parsed)
    assert_offsets_round_trip(dict(zip(loaded.doc_id, loaded.text)), built)
    assert built["documents"]["n_words"].sum() == len(built["words"])


@pytest.mark.model
def test_seed_with_the_model(seed_parsed):
    from kit import tables

    built = tables.build(seed_parsed)
    document = built["documents"].iloc[0]
    assert document.n_sentences >= 30 and document.n_words >= 1000
    assert {"PER", "ORG", "LOC"} <= set(built["entities"]["type"])
    assert_offsets_round_trip(dict(zip(seed_parsed.corpus.doc_id, seed_parsed.corpus.text)), built)


@pytest.mark.model
def test_hard_strings_round_trip_through_the_model(model_dir, tmp_path):
    from kit import tables

    texts = [
        "قـــال الرئيسُ: «لا»، ثم\tغادر… 😀 🇸🇦",
        "وبوتين ولبوتين وللولايات المتحدة ١٢٣ abc ‏(اختبار)\u200c!!",
        "كيم جونغ-أون\n\n\nفي بيونغ يانغ؟ نعم.\u0640\u0640",
        "\x1b\x00 نص مع محارف تحكم \x07 وسطه",
    ]
    loaded = corpus.from_texts(texts, headline=False)
    parsed = nlp.parse(loaded, model_dir=model_dir, cache=tmp_path, progress=False)
    assert len(parsed.docs) == len(texts)
    assert_offsets_round_trip(dict(zip(loaded.doc_id, loaded.text)), tables.build(parsed))
