"""kit.extract.context: quotations found as a reader pairs the marks, paragraph by paragraph; one document's failure
warns and spares the others."""

import pytest

from kit.extract import context
from kit.extract.context import find_quotes


def quoted(text: str) -> list[str]:
    return [text[start:end] for start, end in find_quotes(text)]


@pytest.mark.parametrize("text, expected", [
    ('قال: "روسيا لن تتراجع".', ["روسيا لن تتراجع"]),
    ("قال: «روسيا لن تتراجع».", ["روسيا لن تتراجع"]),
    ("قال: “روسيا لن تتراجع”.", ["روسيا لن تتراجع"]),
    # an opening mark followed by a space, a closing one after a space (the SPA wire's habit)
    ('وقال : " إن المؤسسة تعتز بهذه الثقة ".', [" إن المؤسسة تعتز بهذه الثقة "]),
    # a mark right after a colon opens, even with a space after it
    ('وقال:" روسيا لن تتراجع".', [" روسيا لن تتراجع"]),
    # a mark written on its proclitic opens: لـ"سبق"، و"الخط"
    ('وكشفت مصادر لـ"سبق" أن الوكيل وافق، و"الخط الأحمر" يربط.', ["سبق", "الخط الأحمر"]),
    # nested straight marks pair inside out
    ('ورأى جعجع "أن عودة "حزب الله" من سوريا قريبة".', ['أن عودة "حزب الله" من سوريا قريبة', "حزب الله"]),
])
def test_quotations_pair_as_written(text, expected):
    assert sorted(quoted(text)) == sorted(expected)


def test_a_stray_mark_does_not_pair_with_the_next_paragraphs_quotation():
    """«رئيس حزب "القوات اللبنانية» never closes: the next paragraph's quotation must stay as written."""
    text = ('أكد رئيس حزب "القوات اللبنانية، سمير جعجع، أن التحول كبير.\n\n'
            'وأشار جعجع إلى أن التنظيم أحدث صدمة.\n\nوتابع جعجع: "مرحلة الضغط على إيران بدأت".')
    assert quoted(text) == ["مرحلة الضغط على إيران بدأت"]


def test_a_quotation_over_paragraphs_continues_when_the_next_one_opens_with_a_mark():
    text = 'وقال: "لن نتراجع عن مواقفنا.\n\n"وسنواصل الحوار مع الجميع".'
    assert quoted(text) == ['لن نتراجع عن مواقفنا.\n\n"وسنواصل الحوار مع الجميع']


def test_a_quotation_inside_one_paragraph_spans_its_sentences():
    text = 'ونوه جعجع قائلا: "تنتج عن الصدمة صحوة كبرى. وهذا يثبت عدم اتصال داعش بالإسلام".'
    assert quoted(text) == ["تنتج عن الصدمة صحوة كبرى. وهذا يثبت عدم اتصال داعش بالإسلام"]


def test_a_rule_failing_on_one_document_warns_naming_it_and_the_batch_goes_on(monkeypatch):
    from kit.extract import actors, claims

    from conftest import parsed_docs

    parsed = parsed_docs("قال/VERB بوتين/PROPN/S-PER إن/SCONJ روسيا/X قوية/ADJ ~.", "قال/VERB بوتين/PROPN/S-PER إن/SCONJ روسيا/X قوية/ADJ ~.")
    found_actors, mentions = actors.extract(parsed)
    real = claims._document_claims

    def failing_on_d0(doc_id, *args):
        if doc_id == "d0":
            raise IndexError("list index out of range")
        return real(doc_id, *args)

    monkeypatch.setattr(claims, "_document_claims", failing_on_d0)
    with pytest.warns(context.ExtractionWarning, match=r"document d0: the claim rules failed \(IndexError"):
        table = claims.extract(parsed, found_actors, mentions)
    assert set(table["doc_id"]) == {"d1"}


@pytest.mark.parametrize("sentence, texts", [
    # a closing mark the tokenizer left on a word is a token of its own, so a name does not run on past it
    ("العميد/NOUN محمد/X الخالدي»/NOUN إن/SCONJ", ["العميد", "محمد", "الخالدي", "»", "إن"]),
    # a comma or semicolon left on a word is cut off it («الناصر؛ المستشار»)
    ("لاحم/X الناصر؛/NOUN المستشار/NOUN", ["لاحم", "الناصر", "المستشار"]),
    ("قال/VERB «/PUNCT ~نعم/NOUN ~»/PUNCT", ["قال", "«", "نعم", "»"]),  # a mark on its own stays as it is
])
def test_sentence_tokens_cut_marks_left_on_words(sentence, texts):
    from conftest import parsed_docs

    doc = next(iter(parsed_docs(sentence).docs.values()))
    tokens = context.sentence_tokens(doc.text, doc.sentences[0])
    assert [t.text for t in tokens] == texts
    assert all(doc.text[t.start:t.end] == t.text for t in tokens)
