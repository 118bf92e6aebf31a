"""kit.nlp: model directory resolution, download, fingerprint, cache, failures, threads."""

import warnings

import pytest
import stanza

from kit import corpus, nlp
from kit.nlp import ModelNotFoundError, ParseWarning

from conftest import WhitespacePipeline, write_fake_models

TEXTS = ["قال الرئيس إن المحادثات تتقدم.\nوأضاف أن روسيا ستشارك.", "أعلنت الحكومة خطة جديدة."]


def test_model_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path / "env"))
    assert nlp.resolve_model_dir(tmp_path / "arg") == tmp_path / "arg"
    assert nlp.resolve_model_dir() == tmp_path / "env"
    monkeypatch.delenv("STANZA_RESOURCES_DIR")
    from stanza.resources.common import DEFAULT_MODEL_DIR

    assert str(nlp.resolve_model_dir()) == str(DEFAULT_MODEL_DIR)


def test_model_files_follow_resources_json_with_dependencies(tmp_path):
    root = write_fake_models(tmp_path, "tokenize,pos")
    resources = (root / "resources.json").read_text().replace(
        '"default_dependencies": {}', '"default_dependencies": {"pos": [{"model": "pretrain", "package": "conll17"}]}'
    )
    (root / "resources.json").write_text(resources)
    files = [p.relative_to(root).as_posix() for p in nlp.model_files(root, "tokenize,pos")]
    assert files == ["ar/tokenize/fake.pt", "ar/pos/fake.pt", "ar/pretrain/conll17.pt"]
    assert not nlp.models_present(root, "tokenize,pos")  # the pretrain file is missing


def test_fingerprint_changes_with_any_model_file(tmp_path):
    root = write_fake_models(tmp_path)
    before = nlp.model_fingerprint(root)
    assert before == nlp.model_fingerprint(root)
    (root / "ar" / "ner" / "fake.pt").write_bytes(b"retrained weights")
    assert nlp.model_fingerprint(root) != before
    assert nlp.model_fingerprint(root, "tokenize,mwt") != nlp.model_fingerprint(root)


def test_missing_models_download_once_then_reuse(tmp_path, monkeypatch):
    calls = []

    def fake_download(lang, model_dir, processors, **kwargs):
        calls.append((lang, model_dir, processors))
        write_fake_models(tmp_path / "res", processors)

    monkeypatch.setattr(stanza, "download", fake_download)
    assert nlp.ensure_models(tmp_path / "res") == tmp_path / "res"
    assert nlp.ensure_models(tmp_path / "res") == tmp_path / "res"
    assert calls == [("ar", str(tmp_path / "res"), nlp.DEFAULT_PROCESSORS)]


def test_offline_without_models_explains_what_to_do(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise ConnectionError("Name or service not known")

    monkeypatch.setattr(stanza, "download", no_network)
    with pytest.raises(ModelNotFoundError) as error:
        nlp.ensure_models(tmp_path / "none")
    message = str(error.value)
    assert str(tmp_path / "none") in message
    assert "Name or service not known" in message
    assert "STANZA_RESOURCES_DIR" in message


def test_no_download_when_switched_off(tmp_path, monkeypatch):
    monkeypatch.setattr(stanza, "download", lambda *a, **k: pytest.fail("must not download"))
    with pytest.raises(ModelNotFoundError, match="downloading is off"):
        nlp.ensure_models(tmp_path, download=False)


def test_second_parse_runs_no_pipeline(fake_models, tmp_path):
    root, pipeline = fake_models
    loaded = corpus.from_texts(TEXTS)
    first = nlp.parse(loaded, model_dir=root, cache=tmp_path / "c", progress=False)
    assert (first.info["n_parsed"], first.info["n_cached"]) == (2, 0)
    calls = pipeline.calls
    second = nlp.parse(loaded, model_dir=root, cache=tmp_path / "c", progress=False)
    assert pipeline.calls == calls
    assert (second.info["n_parsed"], second.info["n_cached"]) == (0, 2)
    assert [d.text for d in second.docs.values()] == [d.text for d in first.docs.values()]


def test_cache_is_keyed_by_model_fingerprint(fake_models, tmp_path):
    root, pipeline = fake_models
    loaded = corpus.from_texts(TEXTS)
    nlp.parse(loaded, model_dir=root, cache=tmp_path / "c", progress=False)
    (root / "ar" / "pos" / "fake.pt").write_bytes(b"new weights")
    again = nlp.parse(loaded, model_dir=root, cache=tmp_path / "c", progress=False)
    assert again.info["n_parsed"] == 2


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:-10],  # truncated
        lambda b: b.replace(b"KITDOC1", b"XXXDOC1"),  # wrong magic
        lambda b: b[:80] + bytes([b[80] ^ 0xFF]) + b[81:],  # flipped byte
        lambda b: b"",
    ],
)
def test_corrupt_cache_entry_is_reported_and_reparsed(fake_models, tmp_path, damage):
    root, pipeline = fake_models
    loaded = corpus.from_texts(TEXTS[:1])
    nlp.parse(loaded, model_dir=root, cache=tmp_path / "c", progress=False)
    (entry,) = (tmp_path / "c").rglob("*.kitdoc")
    entry.write_bytes(damage(entry.read_bytes()))
    with pytest.warns(ParseWarning, match=loaded.loc[0, "doc_id"]):
        again = nlp.parse(loaded, model_dir=root, cache=tmp_path / "c", progress=False)
    assert again.info["n_parsed"] == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nlp.parse(loaded, model_dir=root, cache=tmp_path / "c", progress=False).info["n_cached"] == 1


def test_a_failing_document_is_skipped_and_the_batch_goes_on(tmp_path, monkeypatch):
    root = write_fake_models(tmp_path / "m")
    monkeypatch.setattr(nlp, "load_pipeline", lambda *a, **k: WhitespacePipeline(fail_on="الحكومة"))
    loaded = corpus.from_texts(TEXTS + ["وقالت الوزارة إن الاتفاق قريب."])
    bad_id = loaded.loc[1, "doc_id"]
    with pytest.warns(ParseWarning, match=bad_id):
        parsed = nlp.parse(loaded, model_dir=root, cache=False, progress=False)
    assert list(parsed.docs) == [loaded.loc[0, "doc_id"], loaded.loc[2, "doc_id"]]
    assert bad_id in parsed.errors
    assert bad_id not in parsed.corpus["doc_id"].tolist()


def test_cache_can_be_switched_off(fake_models, tmp_path, monkeypatch):
    root, pipeline = fake_models
    monkeypatch.setenv(nlp.CACHE_ENV, str(tmp_path / "env-cache"))
    nlp.parse(corpus.from_texts(TEXTS), model_dir=root, cache=False, progress=False)
    assert not (tmp_path / "env-cache").exists()
    nlp.parse(corpus.from_texts(TEXTS), model_dir=root, progress=False)
    assert list((tmp_path / "env-cache").rglob("*.kitdoc"))


@pytest.mark.parametrize("workers", [1, 2, 64])
def test_threads_are_cores_over_workers(workers, monkeypatch):
    import torch

    monkeypatch.setattr(nlp, "cpu_count", lambda: 8)
    assert nlp.configure_threads(workers) == max(1, 8 // workers)
    assert torch.get_num_threads() == max(1, 8 // workers)


@pytest.mark.model
def test_real_pipeline_is_loaded_once_and_second_parse_calls_it_zero_times(model_dir, tmp_path, monkeypatch):
    calls = []
    original = stanza.Pipeline.process

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(stanza.Pipeline, "process", counting)
    loaded = corpus.from_texts(TEXTS)
    first = nlp.parse(loaded, model_dir=model_dir, cache=tmp_path, progress=False)
    assert calls and first.info["n_parsed"] == 2
    assert nlp.load_pipeline(model_dir) is nlp.load_pipeline(model_dir)
    calls.clear()
    second = nlp.parse(loaded, model_dir=model_dir, cache=tmp_path, progress=False)
    assert calls == []
    assert second.info["n_cached"] == 2
    assert [len(d.sentences) for d in second.docs.values()] == [len(d.sentences) for d in first.docs.values()]
    ents = [(e.text, e.type) for d in second.docs.values() for e in d.ents]
    assert ents == [(e.text, e.type) for d in first.docs.values() for e in d.ents]


def test_keep_whole_postprocessor_unmarks_only_the_listed_names():
    keep = nlp._keep_whole_postprocessor(frozenset({"واشنطن"}))
    sentences = [[("وصوبت", True), ("واشنطن", True), "طلقات", ("وروسيا", True)]]
    assert keep(sentences) == [[("وصوبت", True), "واشنطن", "طلقات", ("وروسيا", True)]]


@pytest.mark.parametrize("tokens, expected", [
    (["بينهما", ".", "ونقلت", "وكالة", "."], [["بينهما", "."], ["ونقلت", "وكالة", "."]]),
    (["مفاجأة", "!", "!", "في", "بداية"], [["مفاجأة", "!", "!"], ["في", "بداية"]]),
    (["توبة", "؟", ("فقال", True), "ابن"], [["توبة", "؟"], [("فقال", True), "ابن"]]),
    (["المركز", "د", ".", "عبدالله"], [["المركز", "د", ".", "عبدالله"]]),  # an abbreviation
    (["عند", "٩٨", ".", "٢٥", "."], [["عند", "٩٨", ".", "٢٥", "."]]),  # a decimal
    (["localhaj", ".", "haj.gov.sa"], [["localhaj", ".", "haj.gov.sa"]]),
    (["العام", "2015", ".", "وقال"], [["العام", "2015", "."], ["وقال"]]),
    (["انتهى", "."], [["انتهى", "."]]),
])
def test_split_sentence_ends_breaks_after_a_stop_before_an_arabic_word(tokens, expected):
    assert nlp.split_sentence_ends([tokens]) == expected


LINE = "بدوره قال عضو المجلس وممثل محافظة ظهران الجنوب إن الهجوم جبان"


@pytest.mark.parametrize("sentences, text, expected", [
    ([["بدوره", "قال", "عضو", "المجلس"], ["وممثل", "محافظة"]], "بدوره قال عضو المجلس وممثل محافظة",
     [["بدوره", "قال", "عضو", "المجلس", "وممثل", "محافظة"]]),  # the model's break in the middle of a line
    ([["ونقلت", "وكالة", "«"], ["يونهاب", "»", "عن"]], "ونقلت وكالة «يونهاب» عن",
     [["ونقلت", "وكالة", "«", "يونهاب", "»", "عن"]]),  # an opening quotation mark ends no sentence
    ([["الصدع", "بينهما", "."], ["ونقلت", "وكالة"]], "الصدع بينهما. ونقلت وكالة",
     [["الصدع", "بينهما", "."], ["ونقلت", "وكالة"]]),  # a full stop
    ([["وقال", "الوزير", ":"], ["إن", "الهجوم"]], "وقال الوزير: إن الهجوم",
     [["وقال", "الوزير", ":"], ["إن", "الهجوم"]]),  # a colon
    ([["وقال", "«", "انتهى", ".", "»"], ["وأضاف", "أن"]], "وقال «انتهى.» وأضاف أن",
     [["وقال", "«", "انتهى", ".", "»"], ["وأضاف", "أن"]]),  # a quotation closed after its stop
    ([["سقوط", "مقاتلة", "سورية"], ["ومقتل", "12"]], "سقوط مقاتلة سورية\n\nومقتل 12",
     [["سقوط", "مقاتلة", "سورية"], ["ومقتل", "12"]]),  # a headline: the line ends there
    ([[("وقال", True), "عضو"], ["وممثل"]], "وقال عضو وممثل",
     [[("وقال", True), "عضو", "وممثل"]]),  # multi-word tokens keep their mark
    ([["بدوره", "قال"], ["وممثل"]], "نص آخر تماما",
     [["بدوره", "قال"], ["وممثل"]]),  # tokens not found in the text: nothing is joined
    ([["كلمة"] * 70, ["وكلمة"] * 60], " ".join(["كلمة"] * 70 + ["وكلمة"] * 60),
     [["كلمة"] * 70, ["وكلمة"] * 60]),  # a run longer than JOIN_LIMIT keeps the break
])
def test_join_mid_line_breaks_joins_a_sentence_cut_without_a_stop(sentences, text, expected):
    assert nlp.join_mid_line_breaks(sentences, text) == expected


def test_parse_joins_mid_line_breaks_against_the_text_it_tokenizes():
    seen = []

    class SplittingPipeline:
        """Tokenizes like Stanza would and breaks every line after its fourth word, as a weak model does."""

        def bulk_process(self, docs):
            from stanza.models.common.doc import Document

            words = [w for doc in docs for w in doc.text.split()]
            sentences = nlp._join_in_batch_text([words[:4], words[4:]])
            seen.append([len(sentence) for sentence in sentences])
            return [Document([], text=doc.text) for doc in docs]

    nlp._process_batch(SplittingPipeline(), [("d1", LINE, "d1.txt")], {})
    assert seen == [[len(LINE.split())]]
    assert nlp._join_in_batch_text([["بدوره"], ["قال"]]) == [["بدوره"], ["قال"]]  # outside parse, nothing is joined


def test_the_sentence_rule_is_part_of_the_cache_key(monkeypatch):
    before = nlp.cache_key("نص", "fingerprint", nlp.DEFAULT_PROCESSORS)
    monkeypatch.setattr(nlp, "SENTENCE_RULES", nlp.SENTENCE_RULES + "-next")
    assert nlp.cache_key("نص", "fingerprint", nlp.DEFAULT_PROCESSORS) != before


@pytest.mark.model
def test_a_paragraph_parses_as_one_sentence_per_full_stop(model_dir, tmp_path):
    text = ("ذكرت وزارة الدفاع أن الاجتماع سيعقد في سبتمبر المقبل. ونقلت وكالة الأنباء عن مسؤول قوله إن الدعوة وجهت أمس. "
            "وأشار إلى أنه تم توجيه الدعوة للمرة الأولى.")
    parsed = nlp.parse(corpus.from_texts([text], headline=False), model_dir=model_dir, cache=tmp_path, progress=False)
    doc = next(iter(parsed.docs.values()))
    starts = [s.text.split()[0] for s in doc.sentences]
    assert {"ذكرت", "ونقلت", "وأشار"} <= set(starts)


def test_keep_whole_is_part_of_the_cache_key(fake_models, tmp_path):
    root, _ = fake_models
    loaded = corpus.from_texts(TEXTS[:1])
    nlp.parse(loaded, model_dir=root, cache=tmp_path, progress=False)
    again = nlp.parse(loaded, model_dir=root, cache=tmp_path, progress=False, keep_whole=frozenset({"واشنطن"}))
    assert again.info["n_parsed"] == 1
    assert again.info["processors"].startswith(nlp.DEFAULT_PROCESSORS + "|keep-whole:")


@pytest.mark.model
def test_keep_whole_stops_the_model_splitting_a_name(model_dir, tmp_path):
    loaded = corpus.from_texts(["وصفت العاصمة الأمريكية واشنطن العلاقات بين كوريا الشمالية وروسيا بأنها ليست تحالفا مكتمل الأركان."],
                               headline=False)  # a sentence of the seed where stanza-ar-small splits the name
    plain = nlp.parse(loaded, model_dir=model_dir, cache=tmp_path, progress=False)
    kept = nlp.parse(loaded, model_dir=model_dir, cache=tmp_path, progress=False, keep_whole=frozenset({"واشنطن"}))

    def words_of(parsed):
        token = next(t for d in parsed.docs.values() for t in d.iter_tokens() if t.text == "واشنطن")
        return [w.text for w in token.words]

    # stanza-ar-small splits it (و + اشنطن) and the news model does not; kept whole, it is one word with either
    assert words_of(plain) in (["و", "اشنطن"], ["واشنطن"])
    assert words_of(kept) == ["واشنطن"]


def test_default_processors_leave_out_optional_ones_the_model_lacks(tmp_path):
    full = write_fake_models(tmp_path / "full")
    assert nlp.resolve_processors(None, full) == nlp.DEFAULT_PROCESSORS
    no_mwt = write_fake_models(tmp_path / "no-mwt", "tokenize,pos,lemma,depparse,ner")
    assert nlp.resolve_processors(None, no_mwt) == "tokenize,pos,lemma,depparse,ner"
    assert nlp.models_present(no_mwt) and not nlp.models_present(no_mwt, nlp.DEFAULT_PROCESSORS)
    no_parser = write_fake_models(tmp_path / "no-parser", "tokenize,mwt,pos,lemma,ner")
    assert not nlp.models_present(no_parser)  # depparse is not optional
    assert nlp.resolve_processors("tokenize", no_mwt) == "tokenize"
    assert nlp.resolve_processors(None, tmp_path / "nothing-here") == nlp.DEFAULT_PROCESSORS


@pytest.mark.parametrize("text, limit, pieces", [
    ("قصير", 10, ["قصير"]),
    ("الفقرة الأولى.\n\nالفقرة الثانية.", 20, ["الفقرة الأولى.\n\n", "الفقرة الثانية."]),      # at the paragraph break
    ("سطر أول طويل\nسطر ثان", 16, ["سطر أول طويل\n", "سطر ثان"]),                           # else a line break
    ("جملة أولى. جملة ثانية", 14, ["جملة أولى. ", "جملة ثانية"]),                             # else a sentence end
    ("كلمة" * 10, 12, ["كلمة" * 3, "كلمة" * 3, "كلمة" * 3, "كلمة"]),                         # else anywhere
])
def test_long_texts_are_cut_into_sections_at_the_best_break(text, limit, pieces):
    found = nlp.sections(text, limit)
    assert [section for _, section in found] == pieces
    assert all(text[offset:offset + len(section)] == section for offset, section in found)


@pytest.mark.model
def test_a_long_document_parsed_in_sections_equals_the_whole_parse(model_dir, monkeypatch):
    text = "\n\n".join(["وقال الرئيس الروسي فلاديمير بوتين إن روسيا ستقوم بذلك في موسكو.",
                        "وأضاف وزير الخارجية أن الاجتماع مهم.", "من جانبه، قال المتحدث إن واشنطن ترفض ذلك."])
    pipeline = nlp.load_pipeline(model_dir)
    (whole,) = nlp._process_batch(pipeline, [("a", text, "a")], {})
    monkeypatch.setattr(nlp, "SECTION_CHARS", 70)
    assert len(nlp.sections(text, 70)) == 3
    cut, short = nlp._process_batch(pipeline, [("a", text, "a"), ("b", "قال الوزير ذلك.", "b")], {})

    def layers(doc):
        return ([(w.text, w.upos, w.head, w.deprel, w.start_char, w.end_char) for s in doc.sentences for w in s.words],
                [(e.text, e.type, e.start_char, e.end_char) for e in doc.ents])

    assert cut.text == text and layers(cut) == layers(whole)
    assert short.text == "قال الوزير ذلك."


def test_sections_of_a_long_document_come_back_as_one_document_numbered_once(monkeypatch):
    text = "سطر أول\nسطر ثان\n\nسطر ثالث\nسطر رابع"
    monkeypatch.setattr(nlp, "SECTION_CHARS", 18)
    (doc,) = nlp._process_batch(WhitespacePipeline(), [("a", text, "a")], {})
    assert doc.text == text and [s.sent_id for s in doc.sentences] == ["0", "1", "2", "3"]
    assert [(t.start_char, t.text) for s in doc.sentences for t in s.tokens][4:6] == [(17, "سطر"), (21, "ثالث")]
    assert all(text[t.start_char:t.end_char] == t.text for s in doc.sentences for t in s.tokens)
