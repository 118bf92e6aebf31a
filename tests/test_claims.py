"""kit.extract.claims: every mode, each speaker rule, each source chain, and sentences that yield no claim."""

import pytest

from kit.extract import actors, claims
from kit.text import fold

from conftest import SEEDS, conllu, parsed_docs, tables_of


def extract(*docs):
    parsed = parsed_docs(*docs)
    found_actors, mentions = actors.extract(parsed)
    return claims.extract(parsed, found_actors, mentions), found_actors


def only(table):
    assert len(table) == 1, table[["cue", "speaker", "content"]]
    return table.iloc[0]


# Compact CoNLL-U (conftest.conllu): FORM/UPOS[/NER][@HEAD:DEPREL]; SURFACE=W/UPOS+W/UPOS; ~ glues.
DIRECT = 'وقالت=و/CCONJ+قالت/VERB المتحدثة/NOUN باسم/NOUN البيت/NOUN الأبيض/ADJ أدريان/X واتسون/X ~: ~" المحادثات/NOUN تتقدم/VERB بشكل/NOUN حثيث/ADJ ~" ~.'
INDIRECT = "وأكد=و/CCONJ+أكد/VERB البيت/NOUN الأبيض/ADJ أن/SCONJ كيم/X/B-PER جونغ/X/I-PER أون/X/E-PER يعتزم/VERB لقاء/NOUN بوتين/X ~."
MIXED = 'وقال=و/CCONJ+قال/VERB المتحدث/NOUN باسم/NOUN البيت/NOUN الأبيض/ADJ ~، جون/PROPN كيربي/PROPN ~، إن/SCONJ المحادثات/NOUN العسكرية/ADJ "/PUNCT ~تتقدم/VERB بنشاط/NOUN ~" ~.'
ATTRIBUTED = "ومن=و/CCONJ+من/ADP المقرر/NOUN أن/SCONJ يتواجد/VERB الزعيمان/NOUN في/ADP فلاديفوستوك/X لحضور=ل/ADP+حضور/NOUN المنتدى/NOUN ~، بحسب/ADP المسؤولين/NOUN ~."
COLON_OWN_WORDS = "وأضاف=و/CCONJ+أضاف/VERB المسؤول/NOUN ~: الاتفاق/NOUN سيعد/VERB انتهاكا/NOUN للقرارات=ل/ADP+القرارات/NOUN ~."
MULTI_SENTENCE = ('وقال=و/CCONJ+قال/VERB بوتين/PROPN/S-PER ~: ~" روسيا/X لن/PART تتراجع/VERB ~.', 'وسنواصل=و/CCONJ+سنواصل/VERB الحوار/NOUN مع/ADP الجميع/NOUN ~" ~.')


@pytest.mark.parametrize(
    "sentence, mode, content",
    [
        (DIRECT, "direct", "المحادثات تتقدم بشكل حثيث"),
        (INDIRECT, "indirect", "كيم جونغ أون يعتزم لقاء بوتين"),
        (MIXED, "mixed", 'المحادثات العسكرية "تتقدم بنشاط"'),
        (ATTRIBUTED, "attributed", "ومن المقرر أن يتواجد الزعيمان في فلاديفوستوك لحضور المنتدى"),
        (COLON_OWN_WORDS, "direct", "الاتفاق سيعد انتهاكا للقرارات"),  # after a colon, unquoted, still his words
    ],
)
def test_modes_and_content(sentence, mode, content):
    found, _ = extract(sentence)
    claim = only(found)
    assert (claim["mode"], claim["content"]) == (mode, content)
    assert claim["evidence"].startswith(claim["content"][:4]) or claim["content"] in claim["evidence"]


def test_a_quotation_over_several_sentences_is_one_direct_claim():
    found, _ = extract(MULTI_SENTENCE)
    claim = only(found)
    assert claim["mode"] == "direct"
    assert claim["content"] == "روسيا لن تتراجع. وسنواصل الحوار مع الجميع"
    assert claim["sent_idx"] == 0
    assert claim["evidence"].endswith('الجميع"')


def test_offsets_index_the_document_text():
    parsed = parsed_docs(DIRECT, INDIRECT, MIXED, ATTRIBUTED, MULTI_SENTENCE)
    found_actors, mentions = actors.extract(parsed)
    table = claims.extract(parsed, found_actors, mentions)
    assert list(table.columns) == claims.CLAIM_COLUMNS
    for row in table.itertuples():
        assert parsed.docs[row.doc_id].text[row.start_char:row.end_char] == row.content
        assert row.claim_id.startswith(row.doc_id + "-c")


@pytest.mark.parametrize(
    "sentence, speaker, speaker_is_actor",
    [
        # a person behind a title and an organisation: the person speaks
        (DIRECT, "أدريان واتسون", True),
        (MIXED, "جون كيربي", True),
        # the dependency subject when it is sound
        ("أكد/VERB@0:root البيت/NOUN@1:nsubj الأبيض/ADJ@2:amod أن/SCONJ@6:mark كيم/X/S-PER@6:nsubj يعتزم/VERB@1:ccomp السفر/NOUN@6:obj ~.", "البيت الأبيض", True),
        # unnamed speakers keep their text and get no actor
        ("وقال=و/CCONJ+قال/VERB المسؤولون/NOUN إن/SCONJ الرحلة/NOUN نادرة/ADJ ~.", "المسؤولون", False),
        ("ويقول=و/CCONJ+يقول/VERB مسؤولون/NOUN أمريكيون/ADJ إن/SCONJ التحذيرات/NOUN أوقفت/VERB التعاون/NOUN ~.", "مسؤولون أمريكيون", False),
        ("وقال=و/CCONJ+قال/VERB المسؤول/NOUN أيضا/ADV إن/SCONJ الأزمة/NOUN ستتفاقم/VERB ~.", "المسؤول", False),
        # a subject before the verb in a كان clause, with coordinated actors
        ("وكانت=و/CCONJ+كانت/AUX الولايات/NOUN المتحدة/ADJ وبريطانيا=و/CCONJ+بريطانيا/X أعلنت/VERB الأسبوع/NOUN الماضي/ADJ أن/SCONJ الاتفاق/NOUN انتهاك/NOUN ~.",
         "الولايات المتحدة وبريطانيا", True),
        # the quoted outlet the statement was made to comes first; the speaker follows it
        ('أوضح/VERB لـ/ADP ~"/PUNCT ~الاقتصادية/ADJ ~"/PUNCT لاحم/X الناصر/NOUN ~، المستشار/NOUN المصرفي/ADJ ~، أن/SCONJ السندات/NOUN قوية/ADJ ~.',
         "لاحم الناصر", True),
        ('أبلغ/VERB ~"/PUNCT ~الاقتصادية/ADJ ~"/PUNCT مصرفيون/NOUN ~، أن/SCONJ السندات/NOUN قوية/ADJ ~.', "مصرفيون", False),
        # a state whose name is also its adjective («السعودية») is the subject right after the verb
        ("وتقول=و/CCONJ+تقول/VERB السعودية/NOUN إنه=إن/SCONJ+ه/PRON غادر/VERB القنصلية/NOUN ~.", "السعودية", True),
        # but a people named by its nisba plural is the object, not the speaker
        ("ودعت=و/CCONJ+دعت/VERB الفلسطينيين/NOUN إلى/ADP التظاهر/NOUN ~.", "", False),
        # a plural in ين is the object (the subject would be «المواطنون»); an adverb or a prepositional phrase is no speaker
        ("ودعا=و/CCONJ+دعا/VERB المواطنين/NOUN إلى/ADP أن/SCONJ يلتزموا/VERB بالتعليمات=ب/ADP+التعليمات/NOUN ~.", "", False),
        ("وأعلن=و/CCONJ+أعلن/VERB سابقاً/ADJ أن/SCONJ بلاده=بلاد/NOUN+ه/PRON ستتوقف/VERB ~.", "", False),
        ("وقالوا=و/CCONJ+قالوا/VERB بصوت=ب/ADP+صوت/NOUN واحد/ADJ إن/SCONJ المساجد/NOUN آمنة/ADJ ~.", "", False),
        # a definite noun heads no construct: the noun after it opens the object
        ("وطالب=و/CCONJ+طالب/VERB الحكيم/NOUN دول/NOUN المنطقة/NOUN بتجاوز=ب/ADP+تجاوز/NOUN الماضي/NOUN ~.", "الحكيم", False),
        # but a name may follow a role in apposition
        ("وقالت=و/CCONJ+قالت/VERB المتظاهرة/NOUN كارين/X ملكوميان/X إن/SCONJ النضال/NOUN سيستمر/VERB ~.", "المتظاهرة كارين ملكوميان", False),
        ("ويرى=و/CCONJ+يرى/VERB المواطن/NOUN حمد/NOUN الربيع/NOUN أن/SCONJ المشروع/NOUN مفيد/ADJ ~.", "المواطن حمد الربيع", False),
        # a noun with its pronoun is the speaker's own, the object: «ووصف تجربته بأنها»
        ("ووصف=و/CCONJ+وصف/VERB تجربته=تجربة/NOUN+ه/PRON بأنها=ب/ADP+أن/SCONJ+ها/PRON مثمرة/ADJ ~.", "", False),
        # in an attribution the preposition ل written on the speaker is no prepositional phrase to stop at
        ("ومن=و/CCONJ+من/ADP المقرر/NOUN أن/SCONJ يلتقي/VERB الزعيمان/NOUN ~، وفقا/ADV لمسؤولين=ل/ADP+مسؤولين/NOUN غربيين/ADJ ~.",
         "مسؤولين غربيين", False),
        # a statement (a noun cue without a pronoun) speaks for whoever issued it
        ("وقال=و/CCONJ+قال/VERB بيان/NOUN صادر/ADJ عن/ADP الوقفة/NOUN إن/SCONJ المختطفين/NOUN يتألمون/VERB ~.", "بيان صادر", False),
        # a feminine plural does not qualify a singular head: it is the object
        ("ووصف=و/CCONJ+وصف/VERB المصدر/NOUN الاتصالات/ADJ بأنها=ب/ADP+أن/SCONJ+ها/PRON كانت/AUX صريحة/ADJ ~.", "المصدر", False),
        # an adverb of manner is no speaker
        ("وقال=و/CCONJ+قال/VERB صراحة/NOUN إن/SCONJ الوجود/NOUN لا/PART يهدف/VERB إلى/ADP الحرب/NOUN ~.", "", False),
        # a personal pronoun opens a circumstantial clause («قالت وهي في عمر الزهور»), no speaker
        ('وقالت=و/CCONJ+قالت/VERB لها/ADP وهي=و/CCONJ+هي/PRON في/ADP عمر/NOUN الزهور/NOUN ~: ~" الرسم/NOUN حلو/ADJ جدا/ADV يا/PART ابنتي/NOUN ~" ~.',
         "", False),
        # a semicolon the tokenizer left on the name ends it: «الناصر؛ المستشار»
        ("أوضح/VERB لاحم/X الناصر؛/NOUN المستشار/NOUN المصرفي/ADJ ~، أن/SCONJ السندات/NOUN قوية/ADJ ~.", "لاحم الناصر", True),
    ],
)
def test_speaker_rules(sentence, speaker, speaker_is_actor):
    found, _ = extract(sentence)
    claim = only(found)
    assert claim["speaker"] == speaker
    assert bool(claim["speaker_actor_id"]) is speaker_is_actor


@pytest.mark.parametrize("second", [
    'وتابعت=و/CCONJ+تابعت/VERB ~: ~" لدينا/ADP معلومات/NOUN جديدة/ADJ عن/ADP المحادثات/NOUN ~" ~.',
    # a participle of manner after the verb says how, not who: «وأوضحت قائلة:»
    'وأوضحت=و/CCONJ+أوضحت/VERB قائلة/ADJ ~: ~" لدينا/ADP معلومات/NOUN جديدة/ADJ عن/ADP المحادثات/NOUN ~" ~.',
])
def test_subjectless_cue_inherits_an_agreeing_speaker(second):
    found, _ = extract((DIRECT, second))
    assert found["speaker"].tolist()[-1] == "أدريان واتسون"
    assert found["speaker_actor_id"].nunique() == 1


def test_subjectless_cue_does_not_inherit_across_gender():
    found, _ = extract((DIRECT, 'وأضاف=و/CCONJ+أضاف/VERB ~: ~" لدينا/ADP معلومات/NOUN جديدة/ADJ عن/ADP المحادثات/NOUN ~" ~.'))
    assert found["speaker"].tolist() == ["أدريان واتسون", ""]


def test_participle_takes_the_subject_of_its_clause():
    found, _ = extract(
        "وفي=و/CCONJ+في/ADP بيان/NOUN ~، أدانت/VERB وزارة/NOUN خارجية/NOUN كوريا/X الشمالية/ADJ الولايات/NOUN المتحدة/ADJ ~، قائلة/ADJ إنه/SCONJ يرقى/VERB إلى/ADP إهانة/NOUN ~."
    )
    claim = only(found)
    assert (claim["cue"], claim["speaker_actor_id"]) == ("قائلة", "north-korean-foreign-ministry")


def test_the_actor_after_a_participle_is_its_object_and_the_clause_subject_speaks():
    found, _ = extract("وحمل=و/CCONJ+حمل/VERB الرئيس/NOUN محمود/X/B-PER عباس/X/E-PER الحكومة/NOUN الإسرائيلية/ADJ المسؤولية/NOUN ~، "
                       'مطالبا/ADJ إسرائيل/X/S-LOC ~"/PUNCT ~بتوفير=ب/ADP+توفير/NOUN الحماية/NOUN للشعب=ل/ADP+الشعب/NOUN الأعزل/ADJ ~"/PUNCT ~.')
    claim = only(found)
    assert (claim["cue"], claim["speaker"]) == ("مطالبا", "محمود عباس")


@pytest.mark.parametrize(
    "sentence, speaker, source",
    [
        ('ونقلت=و/CCONJ+نقلت/VERB وكالة/NOUN إنترفاكس/X للأنباء=ل/ADP+الأنباء/NOUN عن/ADP شويغو/X/S-PER قوله/NOUN ~: ~" هؤلاء/PRON جيراننا/NOUN هناك/ADV منذ/ADP زمن/NOUN ~" ~.',
         "شويغو", "interfax"),
        ('وأوضح=و/CCONJ+أوضح/VERB مسؤولون/NOUN لصحيفة=ل/ADP+صحيفة/NOUN ~" نيويورك/X تايمز/X ~" ~، أن/SCONJ ~" بوتين/X/S-PER يريد/VERB موافقة/NOUN كيم/X ~" ~.',
         "مسؤولون", "nyt"),
        ("وقالت=و/CCONJ+قالت/VERB أدريان/X/B-PER واتسون/X/E-PER إن/SCONJ الوزير/NOUN سافر/VERB إلى/ADP كوريا/X الشمالية/ADJ ~، وفق/ADP ما/PRON نقلته/VERB نيويورك/X تايمز/X ~.",
         "أدريان واتسون", "nyt"),
        ("وأوضح=و/CCONJ+أوضح/VERB البيت/NOUN الأبيض/ADJ أن/SCONJ الزعيم/NOUN يعتزم/VERB زيارة/NOUN موسكو/X ~، بحسب/ADP واشنطن/X ~.",
         "البيت الأبيض", "united-states"),
    ],
)
def test_source_chains(sentence, speaker, source):
    claim = only(extract(sentence)[0])
    assert (claim["speaker"], claim["source_actor_id"]) == (speaker, source)


def test_speaker_credit_is_not_a_source():
    found, _ = extract("وأوضحت=و/CCONJ+أوضحت/VERB أدريان/X/B-PER واتسون/X/E-PER أن/SCONJ الوزير/NOUN سافر/VERB ~، بحسب/ADP قولها/NOUN ~.")
    claim = only(found)
    assert claim["source"] == "" and claim["content"] == "الوزير سافر"


@pytest.mark.parametrize(
    "sentence",
    [
        # قال in a relative clause with no statement
        "التقى/VERB الرجل/NOUN الذي/PRON قال/VERB ذلك/DET في/ADP المؤتمر/NOUN ~.",
        # a quotation mark used for a title
        'نشرت/VERB صحيفة/NOUN ~" نيويورك/X تايمز/X ~" تقريرا/NOUN طويلا/ADJ ~.',
        # a refusal to comment and a non-comment
        "ورفض=و/CCONJ+رفض/VERB المسؤولون/NOUN الإدلاء/NOUN بمزيد=ب/ADP+مزيد/NOUN من/ADP التفاصيل/NOUN ~.",
        "ولم=و/CCONJ+لم/PART يعلق/VERB البيت/NOUN الأبيض/ADJ على/ADP التصريحات/NOUN ~.",
        # temporal بعد أن is not reported speech, and a noun cue far from any content
        "وتأتي=و/CCONJ+تأتي/VERB تصريحات/NOUN كوريا/X الشمالية/ADJ بعد/ADP أن/SCONJ فشلت/VERB المحادثات/NOUN ~.",
    ],
)
def test_sentences_without_claims(sentence):
    found, _ = extract(sentence)
    assert found.empty, found[["cue", "content"]]


def test_speech_inside_a_quotation_is_not_a_separate_claim():
    found, _ = extract('وقال=و/CCONJ+قال/VERB بوتين/PROPN/S-PER ~: ~" هناك/ADV مثل/NOUN قديم/ADJ يقول/VERB ~: أنت/PRON لا/PART تختار/VERB جيرانك/NOUN ~" ~.')
    assert only(found)["cue"] == "وقال"


def test_user_lexicon_replaces_the_cues():
    import pandas as pd

    own = pd.DataFrame([{"lemma": "غرد", "kind": "verb", "gender": "m", "number": "s", "forms": "غرد", "particle": "", "pp_content": "0"}])
    parsed = parsed_docs("غرد/VERB ترامب/X/S-PER ~: الانتخابات/NOUN مزورة/ADJ تماما/ADV ~.")
    found_actors, mentions = actors.extract(parsed)
    table = claims.extract(parsed, found_actors, mentions, lexicon=own)
    assert only(table)["cue_lemma"] == "غرد"


@pytest.mark.model
def test_seed_claims_against_the_gold_reading(seed_parsed):
    from kit.modeltools import gold

    found_actors, mentions = actors.extract(seed_parsed)
    table = claims.extract(seed_parsed, found_actors, mentions)
    reading = gold.load_gold(SEEDS / "gold" / "000_cc99d8b811bc9b3b.yaml")
    grade = gold.grade_article(reading, tables_of(seed_parsed, found_actors, mentions, claims=table))
    counts, errors = grade.counts, [e for e in grade.errors if e["table"] == "claims"]
    assert counts["n_claims_gold"] > 20
    assert counts["n_claims_matched"] >= 0.9 * counts["n_claims_gold"], errors
    assert counts["n_speaker_right"] >= 0.8 * counts["n_claims_matched"], errors
    assert counts["n_claims_found"] - counts["n_claims_matched"] <= 0.1 * counts["n_claims_gold"], errors


@pytest.mark.parametrize("sentence, cue, speaker, content", [
    ("وأردف=و/CCONJ+أردف/VERB الوزير/NOUN أن/SCONJ المحادثات/NOUN مستمرة/ADJ ~.", "وأردف", "الوزير", "المحادثات مستمرة"),
    ("وتساءل=و/CCONJ+تساءل/VERB المتحدث/NOUN ~: هل/PART ستتوقف/VERB الحرب/NOUN ~؟", "وتساءل", "المتحدث", "هل ستتوقف الحرب؟"),
    ("وأورد=و/CCONJ+أورد/VERB التقرير/NOUN أن/SCONJ الخسائر/NOUN كبيرة/ADJ ~.", "وأورد", "التقرير", "الخسائر كبيرة"),
    ("ويعتقد=و/CCONJ+يعتقد/VERB الخبراء/NOUN أن/SCONJ الأزمة/NOUN ستطول/VERB ~.", "ويعتقد", "الخبراء", "الأزمة ستطول"),
    ("وخلصت=و/CCONJ+خلصت/VERB اللجنة/NOUN إلى/ADP أن/SCONJ القرار/NOUN خاطئ/ADJ ~.", "وخلصت", "اللجنة", "القرار خاطئ"),
    # verbs of appeal, judgement and manner
    ("وأشادت=و/CCONJ+أشادت/VERB العميدة/NOUN بالشراكة=ب/ADP+الشراكة/NOUN بين/ADP الجامعة/NOUN والمؤسسة=و/CCONJ+المؤسسة/NOUN ~.",
     "وأشادت", "العميدة", "الشراكة بين الجامعة والمؤسسة"),
    ("واستبعد=و/CCONJ+استبعد/VERB المحلل/NOUN إجراءه=إجراء/NOUN+ه/PRON تعديلا/NOUN وزاريا/ADJ ~.", "واستبعد", "المحلل", "إجراءه تعديلا وزاريا"),
    ("ورجح=و/CCONJ+رجح/VERB الخبير/NOUN أن/SCONJ الأسعار/NOUN سترتفع/VERB ~.", "ورجح", "الخبير", "الأسعار سترتفع"),
    ("وتساءل=و/CCONJ+تساءل/VERB الوزير/NOUN عن/ADP الأسباب/NOUN التي/PRON دفعت/VERB الحكومة/NOUN ~.", "وتساءل", "الوزير",
     "الأسباب التي دفعت الحكومة"),  # تساءل عن: asked about
    # a demonstrative points at what was said, never at who said it
    ("وعزا=و/CCONJ+عزا/VERB ذلك/PRON إلى/ADP زيادة/NOUN الإنتاج/NOUN ~.", "وعزا", "", "زيادة الإنتاج"),
    # verbs of writing, telling and noting
    ("وكتب=و/CCONJ+كتب/VERB الوزير/NOUN في/ADP تغريدة/NOUN ~: نقف/VERB مع/ADP أشقائنا/NOUN دائما/ADV ~.", "وكتب", "الوزير",
     "نقف مع أشقائنا دائما"),
    ("وأفصح=و/CCONJ+أفصح/VERB المسؤول/NOUN عن/ADP خطة/NOUN جديدة/ADJ للإسكان=ل/ADP+الإسكان/NOUN ~.", "وأفصح", "المسؤول",
     "خطة جديدة للإسكان"),
    ("ونبه=و/CCONJ+نبه/VERB الخبير/NOUN إلى/ADP أن/SCONJ الأسعار/NOUN سترتفع/VERB ~.", "ونبه", "الخبير", "الأسعار سترتفع"),
    # cues of the Gulf press that are also common words, at a clause's start with أن after them
    ("وأبان=و/CCONJ+أبان/VERB المدير/NOUN أن/SCONJ الخطة/NOUN جاهزة/ADJ ~.", "وأبان", "المدير", "الخطة جاهزة"),
    # plural and dual forms
    ("وأكدا=و/CCONJ+أكدا/VERB أن/SCONJ العلاقات/NOUN متينة/ADJ ~.", "وأكدا", "", "العلاقات متينة"),
])
def test_cues_that_real_news_uses(sentence, cue, speaker, content):
    """Each a cue the first lexicon lacked; a claim with its speaker and content."""
    claim = only(extract(sentence)[0])
    assert (claim["cue"], claim["speaker"], claim["content"]) == (cue, speaker, content)


@pytest.mark.parametrize("sentence", [
    "وجرى/VERB السباق/NOUN بين/ADP الثلاثة/NUM الأوائل/ADJ بيد/NOUN أن/SCONJ الإطار/NOUN انفجر/VERB ~.",  # بين is "between"
    "وسيكون/VERB مفيدا/ADJ أن/SCONJ يلتقي/VERB الطرفان/NOUN ~.",  # مفيدا is "useful"
    "ومن/ADP أبرز/ADJ المشروعات/NOUN أن/SCONJ الطريق/NOUN اكتمل/VERB ~.",  # أبرز is "most prominent"
    "ووقعت=و/CCONJ+وقعت/VERB الحادثة/NOUN إبان/ADP الحرب/NOUN أن/SCONJ ~.",  # إبان is "during"
])
def test_a_function_word_spelled_like_a_cue_makes_no_claim(sentence):
    assert extract(sentence)[0].empty


SAID = "وأوضحت=و/CCONJ+أوضحت/VERB أدريان/X/B-PER واتسون/X/E-PER أن/SCONJ الوزير/NOUN سافر/VERB ~، "


@pytest.mark.parametrize("attribution", [
    "بحسب/ADP تعبيرها=تعبير/NOUN+ها/PRON ~.",  # the parse splits the pronoun off
    "وفق/ADP وصفها/NOUN ~.",  # the tagger left the word whole: its spelling shows the pronoun
    "على/ADP حد/NOUN تعبيرها=تعبير/NOUN+ها/PRON ~.",
    "حسب/ADP رأيها=رأي/NOUN+ها/PRON ~.",
    "بحسب/ADP قولها/NOUN ~.",
])
def test_the_speakers_own_words_are_not_a_source(attribution):
    """«بحسب تعبيرها», «وفق وصفها»: a noun with a pronoun refers back to the speaker, so there is no source."""
    claim = only(extract(SAID + attribution)[0])
    assert (claim["speaker"], claim["source"], claim["content"]) == ("أدريان واتسون", "", "الوزير سافر")


@pytest.mark.parametrize("attribution, source", [
    ("بحسب/ADP مصادر/NOUN مطلعة/ADJ ~.", "مصادر مطلعة"),  # two words: a source of its own
    ("وفق/ADP الخطة/NOUN ~.", "الخطة"),  # definite: no pronoun attached (its ة is not a pronoun)
])
def test_a_noun_phrase_without_a_pronoun_stays_a_source(attribution, source):
    assert only(extract(SAID + attribution)[0])["source"] == source


@pytest.mark.parametrize("attribution", ["بحسب/ADP قوله=قول/NOUN+ه/PRON ~.", "وفق/ADP وصفه/NOUN ~."])
def test_the_speakers_own_words_make_no_attributed_claim(attribution):
    found, _ = extract("ومن=و/CCONJ+من/ADP المقرر/NOUN أن/SCONJ يتواجد/VERB الزعيمان/NOUN في/ADP فلاديفوستوك/X ~، " + attribution)
    assert found.empty, found[["cue", "speaker", "content"]]


@pytest.mark.parametrize("zone, speaker", [
    ("فيها=في/ADP+ها/PRON الوزارة/NOUN", "الوزارة"),  # «قالت فيها الوزارة»: the adjunct is skipped, the subject speaks
    ("فيها=في/ADP+ها/PRON", ""),  # split by the parse
    ("منها/ADP", ""),  # a preposition with its pronoun, tagged as one word
    ("عنه/NOUN", ""),  # mistagged: the spelling shows a preposition with a pronoun
    ("له/ADP أيضا/ADV", ""),
    ("خلال/ADP المؤتمر/NOUN", ""),  # a bare preposition governs the noun after it, which is no speaker either
])
def test_a_preposition_is_never_a_speaker(zone, speaker):
    claim = only(extract(f"وقالت=و/CCONJ+قالت/VERB {zone} إن/SCONJ الأزمة/NOUN ستتفاقم/VERB ~.")[0])
    assert (claim["speaker"], claim["content"]) == (speaker, "الأزمة ستتفاقم")


def test_a_cue_with_only_a_preposition_after_it_inherits_the_speaker():
    found, _ = extract((DIRECT, "وقالت=و/CCONJ+قالت/VERB فيها=في/ADP+ها/PRON إن/SCONJ الأزمة/NOUN ستتفاقم/VERB ~."))
    assert found["speaker"].tolist() == ["أدريان واتسون", "أدريان واتسون"]


MINISTRY = "أعلنت/VERB وزارة/NOUN/B-ORG الحج/NOUN/E-ORG خطة/NOUN جديدة/ADJ ~."
TAKES_UP = "وأكدت=و/CCONJ+أكدت/VERB الوزارة/NOUN أن/SCONJ الخطة/NOUN ستنجح/VERB ~."


@pytest.mark.parametrize("first, second", [
    (MINISTRY, TAKES_UP),  # a definite head noun takes up the actor whose name it heads
    ("التقى/VERB أنس/X/B-PER الراجحي/X/E-PER الوفد/NOUN ~.",
     "وأضاف=و/CCONJ+أضاف/VERB الدكتور/NOUN الراجحي/NOUN أن/SCONJ السوق/NOUN مستقرة/ADJ ~."),  # a title and a surname
])
def test_an_unnamed_speaker_takes_up_the_actor_named_before(first, second):
    found, found_actors = extract((first, second))
    claim = found.iloc[-1]
    named = found_actors.set_index("actor_id")["name"]
    assert claim["speaker_actor_id"] and fold(named[claim["speaker_actor_id"]]) == fold(" ".join(
        w.split("/")[0] for w in first.split()[1:3]))


@pytest.mark.parametrize("doc", [
    (TAKES_UP,),  # nothing named before
    (TAKES_UP, MINISTRY),  # named only after
    ("أعلنت/VERB وزارة/NOUN/S-ORG خطة/NOUN جديدة/ADJ ~.", TAKES_UP),  # a one-word name is no head of a longer one
])
def test_an_unnamed_speaker_stays_unnamed_without_an_earlier_actor(doc):
    found, _ = extract(doc)
    assert found["speaker"].tolist()[:1] == ["الوزارة"] and found["speaker_actor_id"].tolist()[:1] == [""]


@pytest.mark.parametrize("sentence, speaker", [
    # a role noun heads the speaker's phrase: the body in its complement is not the speaker
    ("واعتبر=و/CCONJ+اعتبر/VERB الأمين/NOUN العام/ADJ للجامعة=ل/ADP+الجامعة/NOUN العربية/ADJ أن/SCONJ القرار/NOUN باطل/ADJ ~.",
     "الأمين"),
    # the body of a place, named with في: the whole name speaks, not the place
    ("وقالت=و/CCONJ+قالت/VERB قوات/NOUN الأمن/NOUN في/ADP قرغيزستان/X إن/SCONJ الهجوم/NOUN فشل/VERB ~.", "قوات الأمن في قرغيزستان"),
])
def test_a_role_or_institution_noun_heads_the_speaker_not_the_actor_it_names(sentence, speaker):
    found, found_actors = extract(sentence)
    claim = only(found)
    named = found_actors.set_index("actor_id")["name"].to_dict()
    assert claim["speaker"].startswith(speaker)
    assert named.get(claim["speaker_actor_id"], "") in ("", speaker)  # never the League, never Kyrgyzstan


def test_a_state_noun_before_the_states_name_keeps_the_state():
    claim = only(extract("وقالت=و/CCONJ+قالت/VERB دولة/NOUN الإمارات/X إن/SCONJ الهيئة/NOUN ستعمل/VERB ~.")[0])
    assert claim["speaker_actor_id"] == "uae"


def test_a_cue_preposition_written_on_the_opening_quotation_mark():
    claim = only(extract('طالب/VERB أحمد/X/B-PER أبو/X/I-PER الغيط/X/E-PER بـ"/NOUN تحقيق/NOUN دولي/ADJ في/ADP الجرائم/NOUN ~" ~.')[0])
    assert (claim["cue"], claim["mode"], claim["content"]) == ("طالب", "direct", "تحقيق دولي في الجرائم")


def test_a_stray_quotation_mark_earlier_in_the_article_leaves_later_claims_alone():
    found, _ = extract((
        'أكد/VERB رئيس/NOUN حزب/NOUN "/PUNCT ~القوات/NOUN ~، سمير/X جعجع/X ~، أن/SCONJ التحول/NOUN كبير/ADJ ~.',
        "وأشار=و/CCONJ+أشار/VERB جعجع/X إلى/ADP أن/SCONJ الصدمة/NOUN كبيرة/ADJ ~."))
    assert list(found["cue"]) == ["أكد", "وأشار"]


@pytest.mark.parametrize("sentence, cue, content", [
    # a noun object after a named subject is the content
    ("أكدت/VERB مؤسسة/NOUN البريد/NOUN السعودي/ADJ استعدادها=استعداد/NOUN+ها/PRON لتقديم=ل/ADP+تقديم/NOUN خدماتها=خدمات/NOUN+ها/PRON ~.",
     "أكدت", "استعدادها لتقديم خدماتها"),
    # a person a role introduces is the named subject; an appeal's object and what it asks for are the content
    ("وناشد=و/CCONJ+ناشد/VERB الرئيس/NOUN محمود/X/B-PER عباس/X/E-PER المجتمع/NOUN الدولي/ADJ التدخل/NOUN لوقف=ل/ADP+وقف/NOUN "
     "العدوان/NOUN ~.", "وناشد", "المجتمع الدولي التدخل لوقف العدوان"),
    # the cue's preposition takes the content (تعهد ب، كشف عن)
    ("وتعهدت=و/CCONJ+تعهدت/VERB الأمم/NOUN المتحدة/ADJ بتقديم=ب/ADP+تقديم/NOUN 15/NUM مليون/NUM دولار/NOUN ~.",
     "وتعهدت", "تقديم 15 مليون دولار"),
    ("وكشفت=و/CCONJ+كشفت/VERB وزارة/NOUN العدل/NOUN الأمريكية/ADJ عن/ADP الاتهام/NOUN الموجه/ADJ ~.", "وكشفت", "الاتهام الموجه"),
    # a participle has no subject of its own: the noun right after it is what was said
    ("وأكد=و/CCONJ+أكد/VERB الوزير/NOUN مجددا/ADJ ~، مؤكدا/ADJ تفهمه=تفهم/NOUN+ه/PRON قلق/NOUN الرياض/X ~.", "مؤكدا", "تفهمه قلق الرياض"),
    ("أشاد/VERB الوزير/NOUN بالاتفاق=ب/ADP+الاتفاق/NOUN ~، معبرا/ADJ عن/ADP أمله=أمل/NOUN+ه/PRON في/ADP السلام/NOUN ~.",
     "معبرا", "أمله في السلام"),
    # after an unnamed subject, a noun with its pronoun is the object
    ("ونفت=و/CCONJ+نفت/VERB المعارضة/NOUN قيامها=قيام/NOUN+ها/PRON بالقصف=ب/ADP+القصف/NOUN ~.", "ونفت", "قيامها بالقصف"),
    # past an apposition and an adjunct, and a noun the model split as و + noun + pronoun
    ("أكد/VERB العاهل/NOUN الأردني/ADJ ~، الملك/NOUN عبدالله/X/B-PER الثاني/ADJ/E-PER ~، في/ADP كلمته=كلمة/NOUN+ه/PRON ~، "
     "وقوفه=و/CCONJ+قوف/NOUN+ه/PRON إلى/ADP جانب/NOUN الشعب/NOUN ~.", "أكد", "وقوفه إلى جانب الشعب"),
])
def test_a_noun_complement_is_the_content(sentence, cue, content):
    found = extract(sentence)[0]
    claim = only(found[found["cue"] == cue])
    assert (claim["cue"], claim["content"], claim["mode"]) == (cue, content, "indirect")


@pytest.mark.parametrize("sentence", [
    "وأكد=و/CCONJ+أكد/VERB الوزير/NOUN اليوم/NOUN ~.",  # no actor as subject: nothing tells subject from object
    "وأكدت=و/CCONJ+أكدت/VERB روسيا/X اليوم/NOUN ~.",  # a time word is no object
    "وأكد=و/CCONJ+أكد/VERB الوزير/NOUN الاتفاق/NOUN ~.",  # an unnamed subject and a noun without a pronoun
])
def test_no_noun_complement_without_a_named_subject_and_a_noun_object(sentence):
    assert extract(sentence)[0].empty


def test_a_complementizer_after_the_cues_preposition_opens_the_content():
    claim = only(extract("وكشفت=و/CCONJ+كشفت/VERB روسيا/X عن/ADP أن/SCONJ الاتفاق/NOUN قريب/ADJ ~.")[0])
    assert claim["content"] == "الاتفاق قريب"


@pytest.mark.parametrize("sentence", [
    "يذكر/VERB أن/SCONJ الهدنة/NOUN انتهت/VERB أمس/NOUN ~.",
    "ويشار=و/CCONJ+يشار/VERB إلى/ADP أن/SCONJ القيمة/NOUN السوقية/ADJ تبلغ/VERB تريليونين/NUM ~.",
    "ومما=و/CCONJ+مما/ADP يذكر/VERB أن/SCONJ ثلاثين/NUM طالبا/NOUN أنهوا/VERB الدورة/NOUN ~.",
])
def test_the_journalists_own_formula_is_no_claim(sentence):
    assert extract(sentence)[0].empty


def test_a_named_subject_after_the_same_verb_is_a_claim():
    claim = only(extract("وذكر=و/CCONJ+ذكر/VERB لافروف/X أن/SCONJ الهدنة/NOUN انتهت/VERB ~.")[0])
    assert claim["speaker"] == "لافروف"


def test_a_cue_in_a_relative_clause_speaks_for_its_antecedent_or_not_at_all():
    said, _ = extract("التقى/VERB الوفد/NOUN لافروف/X ~، الذي/PRON قال/VERB إن/SCONJ الحوار/NOUN مفيد/ADJ ~.")
    assert only(said)["speaker"] == "لافروف"
    believed, _ = extract("واستغرقت=و/CCONJ+استغرقت/VERB الرحلة/NOUN ~، التي/PRON يعتقد/VERB أنها=أن/SCONJ+ها/PRON تخطيطية/ADJ ~، عشرة/NUM أيام/NOUN ~.")
    assert believed.empty


@pytest.mark.parametrize("sentence", [
    # past a role in apposition, with an adjunct between the cue and its content
    "صدرت/VERB عن/ADP الجنرال/NOUN جون/X/B-PER هايتن/X/E-PER ~، قائد/NOUN القوة/NOUN النووية/ADJ ~، الذي/PRON قال/VERB في/ADP "
    "نوفمبر/NOUN إنه=إن/SCONJ+ه/PRON يرفض/VERB الأمر/NOUN ~.",
    # an unnamed object after the cue does not speak
    "وانتقد=و/CCONJ+انتقد/VERB الوزير/NOUN جون/X/B-PER هايتن/X/E-PER الذي/PRON أبدى/VERB مخاوف/NOUN من/ADP أن/SCONJ "
    "الحكومة/NOUN تتراجع/VERB ~.",
])
def test_the_antecedent_of_a_relative_speaks_past_a_role_or_an_object(sentence):
    claim = only(extract(sentence)[0])
    assert claim["speaker"] == "جون هايتن"


@pytest.mark.parametrize("sentence, n_claims", [
    ("وأدلى=و/CCONJ+أدلى/VERB بتصريحاته=ب/ADP+تصريحات/NOUN+ه/PRON بعد/ADP أن/SCONJ تعهد/VERB بايدن/X بالعمل=ب/ADP+العمل/NOUN مع/ADP الحلفاء/NOUN ~.", 0),
    ("وجاء=و/CCONJ+جاء/VERB ذلك/PRON بعد/ADP أن/SCONJ قال/VERB البيت/NOUN الأبيض/ADJ إن/SCONJ المراجعة/NOUN اكتملت/VERB ~.", 1),
])
def test_a_time_clause_tells_an_event_unless_it_reports_speech(sentence, n_claims):
    assert len(extract(sentence)[0]) == n_claims


def test_a_participle_after_a_comma_is_a_claim_of_its_own():
    found, _ = extract("أكد/VERB لافروف/X/S-PER ~، وزير/NOUN الخارجية/NOUN ~، وقوفه=وقوف/NOUN+ه/PRON إلى/ADP جانب/NOUN "
                       "الشعب/NOUN ~، مؤكدا/ADJ أن/SCONJ الحوار/NOUN مهم/ADJ ~.")
    assert list(found["cue"]) == ["أكد", "مؤكدا"]
    assert found.iloc[0]["content"].startswith("وقوفه") and found.iloc[1]["content"] == "الحوار مهم"


@pytest.mark.parametrize("sentence, cue, content", [
    ("وأشارت=و/CCONJ+أشارت/VERB تقارير/NOUN إلى/ADP استخدام/NOUN شبكات/NOUN التواصل/NOUN ~.", "وأشارت", "استخدام شبكات التواصل"),
    ("وحذرت=و/CCONJ+حذرت/VERB الأمم/NOUN المتحدة/ADJ من/ADP وقوع/NOUN كارثة/NOUN ~.", "وحذرت", "وقوع كارثة"),
    ("واقترح=و/CCONJ+اقترح/VERB المالكي/X أن/SCONJ تستدعي/VERB الدول/NOUN سفراءها=سفراء/NOUN+ها/PRON ~.", "واقترح",
     "تستدعي الدول سفراءها"),
])
def test_more_cues_and_prepositional_contents(sentence, cue, content):
    claim = only(extract(sentence)[0])
    assert (claim["cue"], claim["content"]) == (cue, content)


def test_a_reporting_verb_never_takes_a_preposition():
    """«بنقل» is "by moving" (ب + a verbal noun), not the relay verb نقل."""
    found, _ = extract("ردا/NOUN على/ADP قيام/NOUN واشنطن/X بنقل=ب/ADP+نقل/NOUN سفارتها=سفارة/NOUN+ها/PRON ~، قائلا/ADJ ~: "
                       '~" ليس/VERB هناك/PRON من/ADP ضير/NOUN في/ADP ذلك/PRON ~" ~.')
    assert "بنقل" not in set(found["cue"])


@pytest.mark.parametrize("sentence, n_claims", [
    # "in accordance with", "depending on": no one is credited
    ("وسيتم=و/CCONJ+سيتم/VERB إيقافها=إيقاف/NOUN+ها/PRON الإثنين/NOUN المقبل/ADJ ~، ووفقا=و/CCONJ+وفقا/ADV للتعليمات=ل/ADP+التعليمات/NOUN المنظمة/ADJ ~.", 0),
    # a source: people, or a verb of saying before them
    ("وتبلغ=و/CCONJ+تبلغ/VERB ميزانية/NOUN المشروع/NOUN 35/NUM مليون/NUM دولار/NOUN ~، حسبما/ADP قال/VERB مسؤولون/NOUN ~.", 1),
    ("وتبلغ=و/CCONJ+تبلغ/VERB ميزانية/NOUN المشروع/NOUN 35/NUM مليون/NUM دولار/NOUN ~، بحسب/ADP أحد/NOUN المسؤولين/NOUN ~.", 1),
])
def test_an_attribution_needs_a_source(sentence, n_claims):
    assert len(extract(sentence)[0]) == n_claims


@pytest.mark.parametrize("sentence, n_claims", [
    ("من/ADP جهته=جهة/NOUN+ه/PRON ~، بين/VERB المحلل/NOUN حسين/X الرقيب/X أن/SCONJ الأرباح/NOUN زادت/VERB ~.", 1),
    ("وبين=و/CCONJ+بين/VERB أنه=أن/SCONJ+ه/PRON يتقدم/VERB للبرنامج=ل/ADP+البرنامج/NOUN آلاف/NOUN ~.", 1),
    ("وجرى/VERB السباق/NOUN بين/ADP الثلاثة/NUM الأوائل/ADJ ~: فاز/VERB الأول/ADJ ~.", 0),  # "between", whatever follows
])
def test_bayyana_is_a_cue_only_opening_a_clause_with_a_complementizer(sentence, n_claims):
    assert len(extract(sentence)[0]) == n_claims


def test_a_participle_after_a_comma_inside_a_careless_quotation_is_the_reporters():
    found, _ = extract('وقال=و/CCONJ+قال/VERB العويضي/X/S-PER ~: ~" إن/SCONJ المؤسسة/NOUN تعتز/VERB بالثقة=ب/ADP+الثقة/NOUN ~، '
                       'مبينا/ADJ أن/SCONJ المؤسسة/NOUN تعد/VERB الجميع/NOUN ~" ~.')
    assert list(found["cue"]) == ["وقال", "مبينا"]
    assert found.iloc[1]["content"] == "المؤسسة تعد الجميع" and found.iloc[1]["speaker"] == "العويضي"


@pytest.mark.parametrize("sentence, cue, speaker", [
    ('وأضاف=و/CCONJ+أضاف/VERB هاميلتون/X/S-PER «/PUNCT ~أستعيد/VERB مستواي/NOUN بسرعة/NOUN ~»/PUNCT ~، متابعا/ADJ ~: '
     '«/PUNCT ~قام/VERB الفريق/NOUN بعمله/NOUN ~»/PUNCT ~.', "متابعا", "هاميلتون"),
    ("اتهمت/VERB موسكو/X ودمشق=و/CCONJ+دمشق/X المعارضة/NOUN ~، قائلتين/ADJ إن/SCONJ مقاتليها/NOUN قصفوا/VERB طريقا/NOUN ~.",
     "قائلتين", "موسكو ودمشق"),
])
def test_participles_of_saying_in_more_persons(sentence, cue, speaker):
    found, _ = extract(sentence)
    claim = found[found["cue"] == cue].iloc[0]
    assert claim["speaker"] == speaker


@pytest.mark.parametrize("sentence, cue", [
    # more than the speaker between the verb and the participle: the participle introduces the quotation
    ('وتحدث=و/CCONJ+تحدث/VERB فيتيل/X/S-PER بالفرنسية=ب/ADP+الفرنسية/NOUN موجها/ADJ كلامه/NOUN إلى/ADP أسرته/NOUN '
     'قائلا/ADJ ~: «/PUNCT ~شكرا/NOUN جول/X ~، هذا/DET الفوز/NOUN لك/ADP ~»/PUNCT ~.', "قائلا"),
    # only the speaker between: the verb does
    ('وشدد=و/CCONJ+شدد/VERB جعجع/X/S-PER قائلا/ADJ ~: ~" المرحلة/NOUN المقبلة/ADJ ستكون/VERB صعبة/ADJ ~" ~.', "وشدد"),
])
def test_a_participle_right_before_the_content_takes_it_unless_only_the_speaker_precedes(sentence, cue):
    assert only(extract(sentence)[0])["cue"] == cue


def test_the_noun_after_a_participle_is_its_object_not_its_speaker():
    found, _ = extract("وأوضح=و/CCONJ+أوضح/VERB العيسى/X/S-PER أن/SCONJ البرنامج/NOUN مفيد/ADJ ~، داعيا/ADJ الطلبة/NOUN "
                       "إلى/ADP الاستفادة/NOUN منه/ADP ~.")
    assert list(found["cue"]) == ["وأوضح", "داعيا"]
    assert list(found["speaker"]) == ["العيسى", "العيسى"]


@pytest.mark.parametrize("sentence", [
    # outside a quotation
    "ورأى=و/CCONJ+رأى/VERB جعجع/X/S-PER أن/SCONJ العودة/NOUN قريبة/ADJ وأكد=و/CCONJ+أكد/VERB أن/SCONJ المرحلة/NOUN صعبة/ADJ ~.",
    # inside a careless quotation, after a comma: the reporter's words
    'ورأى=و/CCONJ+رأى/VERB جعجع/X/S-PER "/PUNCT ~أن/SCONJ العودة/NOUN قريبة/ADJ ~، وأكد=و/CCONJ+أكد/VERB أن/SCONJ المرحلة/NOUN '
    'صعبة/ADJ ~" ~.',
])
def test_a_reporting_verb_joined_by_wa_with_its_own_complementizer_is_a_second_claim(sentence):
    found, _ = extract(sentence)
    assert list(found["cue"]) == ["ورأى", "وأكد"]
    assert found.iloc[1]["speaker"] == "جعجع" and fold(found.iloc[1]["content"]) == fold("المرحلة صعبة")


def test_a_second_cue_joined_by_wa_ends_the_first_content_past_a_few_words_before_its_complementizer():
    found, _ = extract("حذر/VERB الناشط/NOUN سعدون/X/B-PER محسن/X/E-PER الأحزاب/NOUN من/ADP تجاهل/NOUN المطالب/NOUN "
                       'وقال=و/CCONJ+قال/VERB لـ/ADP ~"/PUNCT ~الوطن/PROPN ~"/PUNCT إن/SCONJ الأحزاب/NOUN شريكة/ADJ ~.')
    assert list(found["cue"]) == ["حذر", "وقال"]
    assert fold(found.iloc[0]["content"]) == fold("تجاهل المطالب")
    assert fold(found.iloc[1]["content"]) == fold("الأحزاب شريكة")


@pytest.mark.parametrize("opener", ["غير/NOUN أنها/SCONJ", "لكنها/CCONJ"])
def test_particles_and_a_reporting_verb_after_a_comma_end_the_content(opener):
    found, _ = extract("كشفت/VERB مصادر/NOUN مطلعة/ADJ عن/ADP صدور/NOUN أحكام/NOUN جديدة/ADJ ~، "
                       f"{opener} نفت/VERB الأنباء/NOUN ~.")
    assert fold(found.iloc[0]["content"]) == fold("صدور أحكام جديدة")


def test_a_cue_preposition_the_tagger_split_off_a_short_noun_opens_the_content_but_not_off_a_pronoun():
    found, _ = extract("وخرجت/VERB تظاهرات/NOUN كبيرة/ADJ تطالب/VERB بحل=ب/ADP+حل/NOUN البرلمان/NOUN ~.")
    assert [fold(c) for c in found["content"]] == [fold("حل البرلمان")]
    found, _ = extract("بهدنة=ب/ADP+هدنة/NOUN طالب/VERB بها=ب/ADP+ها/PRON مجلس/NOUN/B-ORG الأمن/NOUN/E-ORG ~.")
    assert found.empty


@pytest.mark.parametrize("subject, speaker, is_actor", [
    ("الكنيسة/NOUN", "الكنيسة", False),
    ("الرئيس/NOUN دونالد/X/B-PER ترامب/X/E-PER", "دونالد ترامب", True),
])
def test_a_subject_between_the_complementizer_and_an_inner_cue_speaks_not_the_object_after_it(subject, speaker, is_actor):
    found, _ = extract(f"وقال=و/CCONJ+قال/VERB برينيس/X/S-PER إن/SCONJ {subject} دعت/VERB أورتيغا/X/S-PER إلى/ADP "
                       "تقريب/NOUN موعد/NOUN الانتخابات/NOUN ~.")
    inner = found[found["cue"] == "دعت"].iloc[0]
    assert inner["speaker"] == speaker and bool(inner["speaker_actor_id"]) is is_actor


LAVROV_ARRIVES = "ووصل=و/CCONJ+وصل/VERB لافروف/PROPN/S-PER@2:nsubj إلى/ADP موسكو/X ~."
ADDED = "وأضاف=و/CCONJ+أضاف/VERB أن/SCONJ الزيارة/NOUN ناجحة/ADJ ~."


def test_a_subjectless_cue_takes_the_nearest_subject_not_the_last_speaker():
    found, _ = extract((MIXED, LAVROV_ARRIVES, ADDED))
    assert found["speaker"].tolist() == ["جون كيربي", "لافروف"]


def test_a_subject_inside_what_was_reported_is_not_taken_up():
    reported = "وقال=و/CCONJ+قال/VERB المتحدث/NOUN إن/SCONJ لافروف/PROPN/S-PER@6:nsubj وصل/VERB ~."
    found, _ = extract((reported, ADDED))
    assert found["speaker"].tolist() == ["المتحدث", "المتحدث"]


def test_the_subject_between_kaana_and_qad_speaks_though_unnamed():
    found, _ = extract("وكانت=و/CCONJ+كانت/AUX الوكالات/NOUN الاستخباراتية/ADJ الأمريكية/ADJ قد/PART خلصت/VERB إلى/ADP أن/SCONJ روسيا/X حاولت/VERB التأثير/NOUN ~.")
    claim = only(found)
    assert (claim["cue"], claim["speaker"], claim["speaker_actor_id"]) == ("خلصت", "الوكالات الاستخباراتية الأمريكية", "")


def test_the_subject_between_kaana_and_qad_speaks_and_the_actor_after_the_cue_is_its_object():
    found, _ = extract("وكانت=و/CCONJ+كانت/AUX السلطات/NOUN قد/PART اتهمت/VERB الجارة/NOUN كولومبيا/X/S-LOC بأنها=ب/ADP+أن/SCONJ+ها/PRON "
                       "نفذت/VERB هجوما/NOUN ~.")
    assert only(found)["speaker"] == "السلطات"


def test_the_subject_after_kaana_speaks_without_qad_too():
    found, _ = extract("وكانت=و/CCONJ+كانت/AUX فرق/NOUN الإنقاذ/NOUN قالت/VERB في/ADP وقت/NOUN سابق/ADJ إن/SCONJ العدد/NOUN كبير/ADJ ~.")
    assert only(found)["speaker"] == "فرق الإنقاذ"


def test_a_participle_after_a_title_in_apposition_takes_the_named_subject():
    found, _ = extract("أكد/VERB العاهل/NOUN الأردني/ADJ ~، الملك/NOUN عبدالله/PROPN/B-PER الثاني/ADJ/E-PER ~، في/ADP كلمته/NOUN ~، "
                       "وقوفه/NOUN إلى/ADP جانب/NOUN الشعب/NOUN ~، مؤكدا/ADJ أن/SCONJ الحوار/NOUN مهم/ADJ ~.")
    claim = found.set_index("cue").loc["مؤكدا"]
    assert claim["speaker"] == "الملك عبدالله الثاني"


def test_a_time_adverb_after_the_cue_is_no_speaker():
    found, _ = extract((MIXED, "وقال=و/CCONJ+قال/VERB عقب/NOUN السباق/NOUN إن/SCONJ الفريق/NOUN قام/VERB بعمله/NOUN ~."))
    assert found["speaker"].tolist() == ["جون كيربي", "جون كيربي"]


def test_a_masculine_plural_after_a_feminine_cue_is_its_object():
    found, _ = extract((MINISTRY, "وتحذر=و/CCONJ+تحذر/VERB المواطنين/NOUN والمقيمين=و/CCONJ+المقيمين/NOUN من/ADP دفع/NOUN أي/NOUN مبالغ/NOUN ~."))
    assert found["speaker"].tolist() == ["وزارة الحج", "وزارة الحج"]


def test_an_indefinite_noun_after_the_verb_speaks_not_the_actor_after_it():
    found, _ = extract("واتهم=و/CCONJ+اتهم/VERB جنرال/X أمريكي/X كبير/X موسكو/X/S-LOC بأنها=ب/ADP+أن/SCONJ+ها/PRON تقوم/VERB بدور/NOUN مزدوج/ADJ ~.")
    claim = only(found)
    assert (claim["speaker"], claim["speaker_actor_id"]) == ("جنرال أمريكي كبير", "")


def test_a_title_repeated_later_names_the_person_introduced_with_it():
    found, found_actors = extract((
        'أكد/VERB رئيس/NOUN حزب/NOUN ~" القوات/NOUN اللبنانية/ADJ ~، سمير/X/B-PER جعجع/X/E-PER ~، أن/SCONJ المرحلة/NOUN صعبة/ADJ ~.',
        "وأشار=و/CCONJ+أشار/VERB رئيس/NOUN حزب/NOUN القوات/NOUN إلى/ADP أن/SCONJ الحوار/NOUN مهم/ADJ ~."))
    named = found_actors.set_index("actor_id")["name"]
    assert [named.get(a, "") for a in found["speaker_actor_id"]] == ["سمير جعجع", "سمير جعجع"]


def test_a_place_in_a_circumstantial_clause_is_no_speaker():
    found, _ = extract(("قال/VERB المرصد/NOUN/B-ORG السوري/ADJ/I-ORG لحقوق=ل/ADP+حقوق/NOUN/I-ORG الإنسان/NOUN/E-ORG إن/SCONJ القتال/NOUN مستمر/ADJ ~.",
                        "وأضاف=و/CCONJ+أضاف/VERB المرصد/NOUN ومقره=و/CCONJ+مقر/NOUN+ه/PRON بريطانيا/X/S-LOC أن/SCONJ القتال/NOUN توقف/VERB ~."))
    assert found["speaker"].tolist()[1] == "المرصد"
    assert found["speaker_actor_id"].tolist()[1] == found["speaker_actor_id"].tolist()[0] != ""


@pytest.mark.parametrize("sentence, speaker", [
    ("أما/PART الباحثة/NOUN مليسيا/X/B-PER دالتون/X/E-PER ~، فأكدت=ف/CCONJ+أكدت/VERB أن/SCONJ البرنامج/NOUN مفيد/ADJ ~.", "مليسيا دالتون"),
    ("أما/PART اليوم/NOUN ~، فأكد=ف/CCONJ+أكد/VERB أن/SCONJ البرنامج/NOUN مفيد/ADJ ~.", ""),  # a topic that names no one
    # a topic that is only a quoted name, read as the outlet a statement is made to, leaves no speaker
    ('أما/PART ~"/PUNCT ~الاقتصادية/ADJ ~"/PUNCT فأكدت=ف/CCONJ+أكدت/VERB أن/SCONJ البرنامج/NOUN مفيد/ADJ ~.', ""),
])
def test_the_topic_of_amma_speaks_through_the_verb_with_fa(sentence, speaker):
    assert only(extract(sentence)[0])["speaker"] == speaker


def test_a_noun_cue_after_the_verb_is_what_was_said_not_who():
    found, _ = extract((MIXED, "وأضاف=و/CCONJ+أضاف/VERB قوله=قول/NOUN+ه/PRON إن/SCONJ المحادثات/NOUN مستمرة/ADJ ~."))
    assert found["speaker"].tolist() == ["جون كيربي", "جون كيربي"]


def test_a_participle_after_a_claim_of_the_sentence_has_its_speaker():
    found, _ = extract("وبعد=و/CCONJ+بعد/ADP أن/SCONJ التقى/VERB بوتين/X/S-PER الوفد/NOUN ~، أكد/VERB الكرملين/X/S-ORG "
                       "أن/SCONJ اللقاء/NOUN مثمر/ADJ ~، مشيراً/ADJ إلى/ADP تقدم/NOUN الحوار/NOUN بين/ADP الجانبين/NOUN ~.")
    assert found["speaker"].tolist() == ["الكرملين", "الكرملين"]


def test_a_person_written_with_lam_and_the_article_is_governed_not_the_speaker():
    found, _ = extract(("التقى/VERB حيدر/X/B-PER العبادي/X/E-PER الوفد/NOUN ~.",
                        "وقال=و/CCONJ+قال/VERB المتحدث/NOUN باسم=ب/ADP+اسم/NOUN المكتب/NOUN الإعلامي/ADJ للعبادي=ل/ADP+العبادي/X "
                        "سعد/X/B-PER الحديثي/X/E-PER إن/SCONJ الإصلاح/NOUN مستمر/ADJ ~."))
    assert only(found)["speaker"] == "سعد الحديثي"


def test_the_subject_of_a_trailing_source_clause_is_not_taken_up():
    found, _ = extract((
        "وقالت=و/CCONJ+قالت/VERB أدريان/X/B-PER واتسون/X/E-PER إن/SCONJ الوزير/NOUN سافر/VERB ~، وفق/ADP ما/PRON "
        "نقلته=نقلت/VERB+ه/PRON نيويورك/X@11:nsubj تايمز/X ~.",
        'وأضافت=و/CCONJ+أضافت/VERB ~: ~" المحادثات/NOUN تتقدم/VERB بنشاط/NOUN ~" ~.'))
    assert found["speaker"].tolist() == ["أدريان واتسون", "أدريان واتسون"]


@pytest.mark.parametrize("sentence, speaker", [
    ("واشنطن/X/S-LOC ~: أي/NOUN اتفاق/NOUN مع/ADP إيران/X/S-LOC هو/PRON انتهاك/NOUN", "واشنطن"),
    # the actor may name whom it addresses, with ل
    ("تيلرسون/X/S-PER لبيونغ=ل/ADP+بيونغ/X/B-LOC يانغ/X/E-LOC ~: أترقب/VERB أن/SCONJ أسمع/VERB منكم/ADP استعدادكم/NOUN للحوار/NOUN",
     "تيلرسون"),
])
def test_a_headline_actor_and_a_colon_is_a_claim(sentence, speaker):
    claim = only(extract(sentence)[0])
    assert claim["speaker"] == speaker and claim["cue"] == ":"


def test_a_headline_headed_by_a_role_speaks_for_the_person_the_article_names_with_it():
    found, found_actors = extract((
        "نائب/NOUN وزير/NOUN الصحة/NOUN لـ/ADP اليوم/NOUN ~: التدريب/NOUN وزيادة=و/CCONJ+زيادة/NOUN الأسرة/NOUN من/ADP "
        "الأولويات/NOUN",
        "كشف/VERB نائب/NOUN وزير/NOUN الصحة/NOUN للشؤون=ل/ADP+الشؤون/NOUN الصحية/ADJ حمد/X/B-PER الضويلع/X/E-PER أن/SCONJ "
        "الوزارة/NOUN في/ADP مرحلة/NOUN انتقالية/ADJ ~."))
    headline = found.iloc[0]
    named = found_actors.set_index("actor_id")["name"]
    assert (headline["cue"], headline["speaker"]) == (":", "نائب وزير الصحة")
    assert named[headline["speaker_actor_id"]] == "حمد الضويلع"


def test_a_quoted_body_opening_a_headline_speaks():
    claim = only(extract('~" السعودي/NOUN الفرنسي/ADJ ~" ~: ~" بتروكيم/X ~" سجلت/VERB أعلى/ADJ هامش/NOUN ربح/NOUN في/ADP تاريخها/NOUN')[0])
    assert (claim["cue"], claim["speaker"]) == (":", "السعودي الفرنسي")


def test_a_headlines_role_with_the_states_name_matches_the_role_with_its_adjective():
    found, found_actors = extract((
        "وزير/NOUN خارجية/NOUN البحرين/X/S-LOC ~: لا/PART مكان/NOUN لقطر=ل/ADP+قطر/X/S-LOC في/ADP القمة/NOUN",
        "انتقد/VERB الشيخ/NOUN خالد/X/B-PER بن/X/I-PER أحمد/X/E-PER ~، وزير/NOUN الخارجية/NOUN البحريني/ADJ ~، الإعلام/NOUN "
        "القطري/ADJ ~."))
    named = found_actors.set_index("actor_id")["name"]
    assert named[found.iloc[0]["speaker_actor_id"]] == "خالد بن أحمد"


@pytest.mark.parametrize("sentence", [
    "ملاحظة/NOUN ~: أي/NOUN اتفاق/NOUN مع/ADP إيران/X/S-LOC هو/PRON انتهاك/NOUN",  # no actor before the colon
    # a role with a verb before the colon is a sentence, not a headline's speaker
    "وزير/NOUN الصحة/NOUN يزور/VERB المستشفى/NOUN ~: جولة/NOUN تفقدية/ADJ للمرضى/NOUN المنومين/ADJ",
    # two actors with more than ل between them: no headline speaker
    "تيلرسون/X/S-PER في/ADP بيونغ/X/B-LOC يانغ/X/E-LOC ~: أترقب/VERB أن/SCONJ أسمع/VERB منكم/ADP استعدادكم/NOUN للحوار/NOUN",
])
def test_no_headline_claim_without_an_actor_alone_before_the_colon(sentence):
    assert extract(sentence)[0].empty


def test_a_name_beginning_with_the_cues_preposition_does_not_open_the_content():
    claim = only(extract("اتهمت/VERB وزيرة/NOUN الدفاع/NOUN الفرنسية/ADJ ~، فلورنس/X/B-PER بارلي/X/E-PER ~، روسيا/X/S-LOC "
                         "بمحاولة=ب/ADP+محاولة/NOUN اعتراض/NOUN الاتصالات/NOUN العسكرية/ADJ ~.")[0])
    assert claim["speaker"] == "فلورنس بارلي" and fold(claim["content"]) == fold("روسيا بمحاولة اعتراض الاتصالات العسكرية")


@pytest.mark.parametrize("sentence, content", [
    # the object between the speaker and the cue's preposition opens the content: what was asked, of whom
    ("طالب/VERB عدد/NOUN من/ADP الأهالي/NOUN في/ADP العراق/X/S-LOC وزارة/NOUN العدل/NOUN العراقية/ADJ بتمكين=ب/ADP+تمكين/NOUN "
     "أبنائهم=أبناء/NOUN+هم/PRON من/ADP الاتصال/NOUN ~.", "وزارة العدل العراقية بتمكين أبنائهم من الاتصال"),
    # a named speaker right before the preposition leaves no object
    ("طالب/VERB الأمين/NOUN العام/ADJ أحمد/X/B-PER أبو/X/I-PER الغيط/X/E-PER بتحقيق=ب/ADP+تحقيق/NOUN دولي/ADJ في/ADP الجرائم/NOUN ~.",
     "تحقيق دولي في الجرائم"),
])
def test_the_object_before_the_cues_preposition_opens_the_content(sentence, content):
    assert fold(only(extract(sentence)[0])["content"]) == fold(content)


@pytest.mark.parametrize("sentence, mode", [
    # a quotation right after the cue's own preposition is the speaker's words
    ('وشدد=و/CCONJ+شدد/VERB جعجع/X/S-PER على/ADP "/PUNCT ~وجوب/NOUN دعم/NOUN العهد/NOUN في/ADP هذه/DET المرحلة/NOUN ~"/PUNCT ~.', "direct"),
    # an actor's name in quotation marks is no quoted fragment of speech
    ("وأشار=و/CCONJ+أشار/VERB الوزير/NOUN إلى/ADP أن/SCONJ «/PUNCT ~مؤسسة/NOUN/B-ORG مسك/X/E-ORG ~»/PUNCT حصلت/VERB على/ADP جائزة/NOUN ~.",
     "indirect"),
])
def test_the_mode_reads_the_quotation_marks_around_the_content(sentence, mode):
    assert only(extract(sentence)[0])["mode"] == mode


def test_a_person_a_subject_role_introduces_is_taken_up_by_a_later_pro_drop_cue_agreeing_with_the_role():
    """The parse makes the role noun وزير the subject; the person after it is who is taken up, as a man (the title's
    gender), whatever the tagger read in the verb («تقدم» as a feminine imperfect)."""
    from kit import nlp

    text = conllu("تقدم/VERB@0:root وزير/NOUN@1:nsubj الخارجية/NOUN@2:nmod رياض/X/B-PER@2:nmod المالكي/X/E-PER@4:flat "
                  "بالشكر=ب/ADP@7:case+الشكر/NOUN@1:obl ~.",
                  "واقترح=و/CCONJ+اقترح/VERB أن/SCONJ تستدعي/VERB الدول/NOUN سفراءها=سفراء/NOUN+ها/PRON ~.")
    text = text.replace("\tتقدم\tتقدم\tVERB\t_\t_\t", "\tتقدم\tتقدم\tVERB\t_\tGender=Fem\t", 1)
    parsed = nlp.parsed_from_conllu({"d0": text})
    found_actors, mentions = actors.extract(parsed)
    claim = only(claims.extract(parsed, found_actors, mentions))
    assert claim["speaker"] == "رياض المالكي"


def test_a_role_repeating_the_head_and_a_complement_of_a_persons_title_takes_up_that_person():
    found, _ = extract(("التقى/VERB وزير/NOUN الخارجية/NOUN الأمريكي/ADJ مايك/X/B-PER بومبيو/X/E-PER الوفد/NOUN ~.",
                        "وأضاف=و/CCONJ+أضاف/VERB الوزير/NOUN الأمريكي/ADJ أن/SCONJ الاتفاق/NOUN قريب/ADJ ~."))
    assert only(found)["speaker_actor_id"] == "mike-pompeo"


def test_a_role_written_in_apposition_after_a_persons_name_takes_up_that_person():
    found, _ = extract(("التقى/VERB مايك/X/B-PER بومبيو/X/E-PER ~، وزير/NOUN الخارجية/NOUN الأمريكي/ADJ ~، الوفد/NOUN ~.",
                        "وأضاف=و/CCONJ+أضاف/VERB الوزير/NOUN الأمريكي/ADJ أن/SCONJ الاتفاق/NOUN قريب/ADJ ~."))
    assert only(found)["speaker_actor_id"] == "mike-pompeo"


@pytest.mark.parametrize("sentence, speaker", [
    # a subject before its verb, past the closing quotation mark, its adjective and a comma
    ('تقارير/NOUN صحيفة/NOUN "/PUNCT الفاينانشيال/ADJ تايمز/X "/PUNCT البريطانية/ADJ ~، توضح/VERB أن/SCONJ '
     'الشركات/NOUN تتفاوض/VERB ~.', "الفاينانشيال تايمز"),
    # after a comma, a verb with و opens its own clause: the actor before it is no subject
    ("وهذا=و/CCONJ+هذا/PRON يدل/VERB على/ADP اندماج/NOUN الحزب/NOUN لبنانيا/ADJ ~، وأضاف=و/CCONJ+أضاف/VERB أن/SCONJ "
     "الحزب/NOUN جدي/ADJ ~.", ""),
    # so does one after a closing quotation mark, even where the tokenizer left و on the verb
    ('وهذه/DET هي/PRON ~" حكومة/NOUN سوريا/X/S-LOC ~" ولفت/NOUN إلى/ADP أن/SCONJ الحل/NOUN قريب/ADJ ~.', ""),
])
def test_a_subject_before_its_verb_past_its_qualifiers_speaks(sentence, speaker):
    found = extract(sentence)[0]
    assert found["speaker"].tolist() == [speaker]


@pytest.mark.parametrize("pronoun", ["فيه=في/ADP+ه/PRON", "فيه/NOUN"])  # split by the tagger or left whole
def test_a_cue_opening_a_relative_clause_on_a_statement_noun_takes_its_issuer_not_its_object(pronoun):
    found, _ = extract(f"وأصدر=و/CCONJ+أصدر/VERB@0:root أيمن/X/B-PER@2:nsubj الصفدي/X/E-PER@3:flat بيانا/X اتهم/VERB {pronoun} "
                       "حركة/NOUN حماس/X/S-ORG "
                       "بالوقوف=ب/ADP+الوقوف/NOUN خلف/NOUN العنف/NOUN ~.")
    assert only(found)["speaker"] == "أيمن الصفدي"


def test_a_marker_of_attribution_after_the_cue_names_the_source_and_leaves_the_speaker_to_pro_drop():
    found, _ = extract(("وقال=و/CCONJ+قال/VERB محمد/X/B-PER المومني/X/E-PER إن/SCONJ الحوار/NOUN مستمر/ADJ ~.",
                        'وقال=و/CCONJ+قال/VERB نقلا/NOUN عن/ADP وكالة/NOUN هلا/X أخبار/NOUN ~، ~" إن/SCONJ التعليقات/NOUN '
                        'السلبية/ADJ مصدرها=مصدر/NOUN+ها/PRON الخارج/NOUN ~" ~.'))
    claim = found.iloc[-1]
    assert (claim["speaker"], claim["source"]) == ("محمد المومني", "وكالة هلا أخبار")


def test_what_a_marker_credits_is_no_source_unless_a_source_noun_or_an_actor():
    found, _ = extract(("وقال=و/CCONJ+قال/VERB محمد/X/B-PER المومني/X/E-PER إن/SCONJ الحوار/NOUN مستمر/ADJ ~.",
                        "وأضاف=و/CCONJ+أضاف/VERB بحسب/ADP مقاطع/NOUN من/ADP المقابلة/NOUN ~، أن/SCONJ الحل/NOUN قريب/ADJ ~."))
    assert found.iloc[-1]["source"] == ""


def test_a_participle_taking_the_cues_preposition_owns_it():
    found, _ = extract("وتفاعل=و/CCONJ+تفاعل/VERB المواطنون/NOUN ~، عبر/ADP مواقع/NOUN التواصل/NOUN الاجتماعي/ADJ معبرين/X "
                       "عن/ADP حبهم=حب/NOUN+هم/PRON للوطن=ل/ADP+الوطن/NOUN ~.")
    assert found["cue"].tolist() == ["معبرين"]  # عبر is "via" here


@pytest.mark.parametrize("sentence, speaker", [
    # a quoted body right after the verb speaks: nothing follows the quotation before إن
    ("قالت/VERB ~« السعودي/NOUN الفرنسي/ADJ كابيتال/X ~» إن/SCONJ الأرباح/NOUN ارتفعت/VERB ~.", "السعودي الفرنسي كابيتال"),
    # a quoted outlet addressed with ل is the recipient: the speaker follows it
    ('وأوضح=و/CCONJ+أوضح/VERB لـ/ADP ~" الوطن/NOUN ~" المحلل/NOUN أن/SCONJ الأرباح/NOUN ارتفعت/VERB ~.', "المحلل"),
])
def test_a_quoted_name_after_the_verb_speaks_unless_addressed(sentence, speaker):
    assert only(extract(sentence)[0])["speaker"] == speaker


def test_a_participle_that_is_also_an_adjective_is_a_cue_after_a_comma():
    found, _ = extract("وأكد=و/CCONJ+أكد/VERB المدير/NOUN أن/SCONJ العمل/NOUN جيد/ADJ ~، مفيداً/ADJ أن/SCONJ الفرق/NOUN تعمل/VERB ~.")
    assert found["cue"].tolist() == ["وأكد", "مفيداً"] and found["speaker"].tolist() == ["المدير", "المدير"]


@pytest.mark.parametrize("sentence, mode", [
    ("صرح/VERB المرصد/NOUN ~: تخوض/VERB المعارضة/NOUN معارك/NOUN عنيفة/ADJ ~.", "direct"),  # after a colon: his own words
    ("وقال=و/CCONJ+قال/VERB الناشط/NOUN ~: إن/SCONJ الحكومة/NOUN ضعيفة/ADJ ~.", "indirect"),  # «: إن ...» reports them
    # a quoted name after the noun of its kind is no quoted fragment
    ("وذكر=و/CCONJ+ذكر/VERB مسؤولون/NOUN أن/SCONJ القوات/NOUN تعقبت/VERB أعضاء/NOUN بجماعة=ب/ADP+جماعة/NOUN «/PUNCT "
     "~المجلس/NOUN الاشتراكي/ADJ الوطني/ADJ لولاية=ل/ADP+ولاية/NOUN ناجالاند/X ~» في/ADP المدينة/NOUN ~.", "indirect"),
    # a quoted word of the speaker's is
    ('وقالت=و/CCONJ+قالت/VERB إن/SCONJ الأسلحة/NOUN لا/PART يمكن/VERB أن/SCONJ تكون/AUX "/PUNCT ~طبيعية/ADJ ~" في/ADP سوريا/X ~.', "mixed"),
])
def test_a_colon_opens_the_speakers_own_words_and_a_quoted_name_is_none_of_them(sentence, mode):
    assert only(extract(sentence)[0])["mode"] == mode


def test_an_unnamed_speaker_ends_before_a_verb_of_saying_that_qualifies_it():
    claim = only(extract("وذكرت=و/CCONJ+ذكرت/VERB مصادر/NOUN أمنية/ADJ رفضت/NOUN الكشف/NOUN عن/ADP هويتها=هوية/NOUN+ها/PRON "
                         "أن/SCONJ القوات/NOUN داهمت/VERB منازل/NOUN ~.")[0])
    assert claim["speaker"] == "مصادر أمنية"


def test_a_class_noun_takes_up_the_body_it_introduced_but_not_a_people():
    found, found_actors = extract((
        'وذكرت=و/CCONJ+ذكرت/VERB صحيفة/NOUN ~" نيويورك/X/B-ORG تايمز/X/E-ORG ~" أن/SCONJ المحادثات/NOUN تتقدم/VERB ~.',
        "وأضافت=و/CCONJ+أضافت/VERB الصحيفة/NOUN أن/SCONJ الاتفاق/NOUN قريب/ADJ ~.",
        "وقال=و/CCONJ+قال/VERB مسؤولون/NOUN أمريكيون/ADJ إن/SCONJ الموعد/NOUN قريب/ADJ ~.",
        "وقال=و/CCONJ+قال/VERB المسؤولون/NOUN إن/SCONJ القمة/NOUN مؤجلة/ADJ ~."))
    named = found_actors.set_index("actor_id")["name"].to_dict()
    assert [named.get(a, "") for a in found["speaker_actor_id"]][1:] == ["نيويورك تايمز", "", ""]


def test_a_body_in_a_persons_title_does_not_take_up_that_person():
    found, found_actors = extract(("التقى/VERB رئيس/NOUN المجلس/NOUN البلدي/ADJ سعد/X/B-PER الخزيم/X/E-PER الوفد/NOUN ~.",
                                   "وأوصى=و/CCONJ+أوصى/VERB المجلس/NOUN أن/SCONJ يتم/VERB الرفع/NOUN ~."))
    named = found_actors.set_index("actor_id")["name"]
    assert named.get(only(found)["speaker_actor_id"], "") != "سعد الخزيم"


def test_a_title_after_a_name_that_opens_the_content_is_no_apposition_of_it():
    found, _ = extract(("قال/VERB مايك/X/B-PER بومبيو/X/E-PER إن/SCONJ وزير/NOUN الخارجية/NOUN الأمريكي/ADJ سيزور/VERB "
                        "المنطقة/NOUN ~.",
                        "وأضاف=و/CCONJ+أضاف/VERB الوزير/NOUN الأمريكي/ADJ أن/SCONJ الاتفاق/NOUN قريب/ADJ ~."))
    assert found["speaker_actor_id"].tolist() == ["mike-pompeo", ""]


def test_a_subject_after_lakin_speaks_and_a_plural_cue_takes_it_up_not_a_person_before():
    found, _ = extract(("ويرى=و/CCONJ+يرى/VERB@0:root باراك/X/B-PER@2:nsubj أوباما/X/E-PER@3:flat أن/SCONJ الاتفاق/NOUN جيد/ADJ ~.",
                        "لكن/CCONJ المنتقدين/NOUN يقولون/VERB إن/SCONJ الاتفاق/NOUN ضعيف/ADJ ~، وأشاروا=و/CCONJ+أشاروا/VERB "
                        "إلى/ADP أن/SCONJ القيود/NOUN ستنتهي/VERB ~."))
    assert found["speaker"].tolist() == ["باراك أوباما", "المنتقدين", "المنتقدين"]


def test_a_plural_cue_does_not_take_up_one_person():
    found, _ = extract(("ويرى=و/CCONJ+يرى/VERB@0:root باراك/X/B-PER@2:nsubj أوباما/X/E-PER@3:flat أن/SCONJ الاتفاق/NOUN جيد/ADJ ~.",
                        "وأشاروا=و/CCONJ+أشاروا/VERB إلى/ADP أن/SCONJ القيود/NOUN ستنتهي/VERB ~."))
    assert found["speaker"].tolist() == ["باراك أوباما", ""]


def test_a_role_two_people_were_named_with_takes_up_neither():
    found, _ = extract(("التقى/VERB وزير/NOUN الخارجية/NOUN الروسي/ADJ سيرغي/X/B-PER لافروف/X/E-PER ووزير=و/CCONJ+وزير/NOUN "
                        "الدفاع/NOUN الروسي/ADJ سيرغي/X/B-PER شويغو/X/E-PER الوفد/NOUN ~.",
                        "وأضاف=و/CCONJ+أضاف/VERB الوزير/NOUN الروسي/ADJ أن/SCONJ الاتفاق/NOUN قريب/ADJ ~."))
    claim = only(found)
    assert claim["speaker"] == "الوزير الروسي" and not claim["speaker_actor_id"]
