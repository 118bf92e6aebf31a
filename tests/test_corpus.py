"""kit.corpus: every input format, loading normalisation, furniture, paragraphs, and every kind of bad input."""

import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit import corpus
from kit.corpus import CorpusWarning

from conftest import FIXTURES, SEEDS

ARTICLE = "قال الرئيس إن المحادثات تتقدم.\nوأضاف أن روسيا ستشارك."
LOADED_ARTICLE = "قال الرئيس إن المحادثات تتقدم.\n\nوأضاف أن روسيا ستشارك."  # every line a paragraph
OTHER = "أعلنت الحكومة عن خطة جديدة للتعليم."
STYLES = FIXTURES / "furniture"
LEDE = "أعلنت الحكومة، الأحد، عن خطة جديدة لدعم المزارعين في المناطق الريفية خلال العام المقبل."
BODY = "وقال وزير الزراعة إن الخطة تشمل قروضا ميسرة وتدريبا للمزارعين الشباب."


def load_quietly(*args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any warning here is a test failure
        return corpus.load(*args, **kwargs)


def test_txt_file_and_stable_doc_id(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    first, second = load_quietly(path), load_quietly(str(path))
    assert list(first.columns) == corpus.CORPUS_COLUMNS
    assert first.loc[0, "text"] == LOADED_ARTICLE
    assert first.loc[0, "doc_id"] == second.loc[0, "doc_id"] == corpus.make_doc_id(LOADED_ARTICLE)
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
    text = corpus.from_texts([raw], headline=False, paragraph_lines=False).loc[0, "text"]
    assert text == "قال\nالرئيس\nإن \u0622 \ufefbآ"  # no BOM, newlines only, alef + madda composed to آ


@pytest.mark.parametrize("raw", [
    "\u200fقال\u00a0الرئيس\u200b إن\u202b المحادثات\u202c تتقدم\u2009اليوم.",
    "قا\u200cل الرئي\u200dس إ\u2060ن المحا\u00adدثات\u2067 تتقدم\u2069 اليوم.",  # joiners, word joiner, soft hyphen, isolates
])
def test_invisible_characters_removed_and_spaces_plain(raw):
    assert corpus.from_texts([raw]).loc[0, "text"] == "قال الرئيس إن المحادثات تتقدم اليوم."


def test_json_lines_are_numbered_alike_in_warnings_and_documents(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_text('{"text": "قال الرئيس إن المحادثات تتقدم"}\nnot json\n{"text": "وأضاف الوزير أن روسيا ستشارك"}\n',
                    encoding="utf-8")
    with pytest.warns(corpus.CorpusWarning, match=f"document {path}#2: not valid JSON"):
        loaded = corpus.load([path])
    assert loaded["path"].tolist() == [f"{path}#1", f"{path}#3"]


def test_headline_becomes_title_but_stays_in_text():
    loaded = corpus.from_texts(["عنوان الخبر\n\n" + ARTICLE])
    assert loaded.loc[0, "title"] == "عنوان الخبر"
    assert loaded.loc[0, "text"].startswith("عنوان الخبر")
    assert corpus.from_texts(["عنوان الخبر\n\n" + ARTICLE], headline=False).loc[0, "title"] == ""


def test_seed_furniture_removed_and_recorded():
    loaded = load_quietly(SEEDS)
    row = loaded.iloc[0]
    records = corpus.read_furniture(row["furniture"])
    assert [r.text for r in records] == ["رئيس مجلس الإدارة", "د. رائد العزاوي", "نشر", "الأمصار"]
    assert [r.kind for r in records] == ["masthead", "masthead", "byline", "byline"]
    assert [r.line for r in records] == sorted(r.line for r in records) and records[0].line >= 1
    assert row["source"] == "الأمصار"
    assert row["title"] == "وسط تحذيرات أمريكية.. زعيم كوريا الشمالية يعتزم زيارة موسكو"
    assert row["text"].startswith(row["title"] + "\n\nوصفت العاصمة الأمريكية")
    assert "الأمصار" not in row["text"].split("\n")
    # subheads inside the body stay, as paragraphs of their own
    assert "\n\nتحذير أمريكي\n\n" in row["text"]


def test_header_furniture_only_above_the_body():
    body = "نص طويل " * 10 + "\n\nنشر\nالأمصار\n" + "خبر آخر " * 10
    loaded = corpus.from_texts(["عنوان\n" + ("كلمة " * 20) + "\n" + body])
    assert ["نشر", "الأمصار"] == [line for line in loaded.loc[0, "text"].split("\n") if line in ("نشر", "الأمصار")]
    assert loaded.loc[0, "furniture"] == ""


def styled(name: str) -> pd.Series:
    """A hand-made article in one outlet's page style (tests/fixtures/furniture), loaded."""
    return load_quietly(STYLES / f"{name}.txt").iloc[0]


@pytest.mark.parametrize(
    "style, kind, removed",
    [
        ("agency_dateline", "dateline", "دبي، الإمارات العربية المتحدة (CNN) --"),
        ("agency_dateline", "teaser", "قد يهمك.. مصادر: جولة جديدة من المحادثات الأسبوع المقبل"),
        ("agency_dateline", "related", "أعلنت وزارة الصحة، الإثنين، عن افتتاح ثلاثة مستشفيات جديدة في العاصمة خلال الشهر المقبل."),
        ("agency_dateline", "related", "استقبل رئيس الوزراء، سامي العلي، الثلاثاء، وفدا من رجال الأعمال لبحث فرص الاستثمار في الب"),
        ("related_headlines", "teaser", "اقرأ أيضاً:"),
        ("related_headlines", "related", "أسعار القمح ترتفع إلى أعلى مستوى منذ عشر سنوات"),
        ("related_headlines", "related", "ما هو برنامج الأغذية العالمي؟"),
        ("related_headlines", "separator", "----------------------"),
        ("related_headlines", "promo", "يمكنكم استلام إشعارات بأهم الموضوعات بعد تحميل أحدث نسخة من تطبيق بي بي سي عربي على هاتفكم المحمول."),
        ("wire", "rubric", "عام /"),
        ("wire", "dateline", "الرياض 12 رجب 1440 هـ الموافق 19 مارس 2019 م واس"),
        ("wire", "wire", "//انتهى//"),
        ("wire", "timestamp", "14:12 ت م"),
        ("saudi_paper", "dateline", "فهد السالم- سبق- جدة:"),
        ("saudi_paper", "entity", "&quot;"),
        ("saudi_paper", "contact", "للتواصل مع الكاتب ارسل رسالة SMS"),
        ("opinion", "disclaimer", "هذا المقال بقلم سعاد الكاتبة، والآراء الواردة أدناه تعبر عن رأي الكاتبة ولا تعكس بالضرورة رأي الموقع."),
        ("opinion", "disclaimer", "** جميع المقالات المنشورة تمثل رأي كتابها فقط."),
    ],
)
def test_each_furniture_kind_is_removed_and_recorded(style, kind, removed):
    row = styled(style)
    records = corpus.read_furniture(row["furniture"])
    assert corpus.Furniture(kind, records[[r.text for r in records].index(removed)].line, removed) in records
    if kind != "entity":
        assert removed not in row["text"]
    source = (STYLES / f"{style}.txt").read_text(encoding="utf-8").split("\n")
    line = records[[r.text for r in records].index(removed)].line
    assert removed.replace("&quot;", "") in source[line - 1].replace("&quot;", ""), "the record names its line"


@pytest.mark.parametrize(
    "style, body",
    [
        ("agency_dateline", ["وزير الخارجية: نرحب بأي مبادرة للحوار",
                             "قال وزير الخارجية، خالد الحسيني، الأحد، إن بلاده ترحب بأي مبادرة للحوار مع جيرانها، مؤكدا أن الأزمة لا تحل إلا بالتفاوض.",
                             "وأضاف الحسيني في مؤتمر صحفي أن \"الباب مفتوح أمام الجميع\"، داعيا إلى عقد لقاء قريب.",
                             "يذكر أن البلدين قطعا علاقاتهما قبل عامين، وفقا لما أعلنته الحكومة حينها."]),
        ("related_headlines", ["الأمم المتحدة تحذر من أزمة غذاء في المنطقة",
                               "حذرت الأمم المتحدة من أزمة غذاء واسعة في المنطقة بسبب الجفاف وارتفاع الأسعار.",
                               "وقال المتحدث باسم برنامج الأغذية العالمي إن ملايين الأسر تحتاج إلى مساعدات عاجلة.",
                               "وأضاف المتحدث أن البرنامج يحتاج إلى تمويل إضافي قبل نهاية العام."]),
        ("wire", ["الهيئة العامة للإحصاء تصدر تقريرها السنوي",
                  "أصدرت الهيئة العامة للإحصاء اليوم تقريرها السنوي الذي يتناول مؤشرات السكان والاقتصاد والتعليم في المملكة.",
                  "وأوضح المتحدث الرسمي للهيئة أن التقرير يعتمد على بيانات المسوح الميدانية التي أجريت خلال العام الماضي."]),
        ("saudi_paper", ["أعلنت أمانة محافظة جدة عن خطة لصيانة الطرق الرئيسية خلال الصيف، تشمل \"إعادة السفلتة\" وتحسين الإنارة.",
                         "وأوضح المتحدث باسم الأمانة أن الخطة تبدأ الأسبوع المقبل وتستمر ثلاثة أشهر."]),
        ("opinion", ["يسأل كثيرون اليوم عن مستقبل التعليم في عالم تتغير فيه المهن بسرعة كبيرة، ولا أحد يملك جوابا واحدا.",
                     "ومن المؤكد أن المدارس تحتاج إلى مناهج تعلم التفكير قبل الحفظ."]),
    ],
)
def test_the_article_itself_is_untouched(style, body):
    assert styled(style)["text"].split("\n\n") == body


@pytest.mark.parametrize(
    "style, source",
    [("agency_dateline", "CNN"), ("wire", "واس"), ("saudi_paper", "سبق"), ("related_headlines", ""), ("opinion", "")],
)
def test_a_dateline_outlet_becomes_the_source(style, source):
    assert styled(style)["source"] == source


def test_the_rubric_leaves_the_headline_and_title():
    assert styled("wire")["title"] == "الهيئة العامة للإحصاء تصدر تقريرها السنوي"


@pytest.mark.parametrize(
    "first, last, kind, removed, source",
    [
        ("الرئيسية > أخبار > العالم", "", "breadcrumb", "الرئيسية > أخبار > العالم", ""),
        ("Next Previous عين اليوم – الرياض", "", "breadcrumb", "Next Previous عين اليوم – الرياض", ""),
        ("واس", "", "outlet", "واس", "واس"),
        ("عين اليوم – متابعات", "", "dateline", "عين اليوم – متابعات", "عين اليوم"),
        ("متابعات – الرياض", "", "dateline", "متابعات – الرياض", ""),  # an agency word is never the source
        ("", "فرانس24/ أ ف ب", "credit", "فرانس24/ أ ف ب", ""),
        ("", "...المزيد", "promo", "...المزيد", ""),
        ("", "للمزيد: حصيلة العام الأول من ولاية الرئيس", "teaser", "للمزيد: حصيلة العام الأول من ولاية الرئيس", ""),
        ("", "قد يهمك/ وسيط غامض يتعاون مع تحقيقات النفوذ الأجنبي", "teaser", "قد يهمك/ وسيط غامض يتعاون مع تحقيقات النفوذ الأجنبي", ""),
        ("", "// يتبع //", "wire", "// يتبع //", ""),
    ],
)
def test_header_and_footer_lines(first, last, kind, removed, source):
    lines = [first, "عنوان الخبر", LEDE, BODY, last]
    row = load_quietly(["\n".join(line for line in lines if line)]).iloc[0]
    assert corpus.read_furniture(row["furniture"]) == [corpus.Furniture(kind, 1 if first else 4, removed)]
    assert row["text"] == f"عنوان الخبر\n\n{LEDE}\n\n{BODY}"
    assert row["source"] == source


def test_a_given_source_wins_over_the_dateline():
    text = (STYLES / "saudi_paper.txt").read_text(encoding="utf-8")
    assert corpus.from_texts([text], sources=["صحيفة سبق الإلكترونية"]).loc[0, "source"] == "صحيفة سبق الإلكترونية"


@pytest.mark.parametrize(
    "line",
    [
        "اقرأ هذا المقال مع قهوتك، وحكم عقلك بعناية في قصة هذا الرجل العجيب.",  # اقرأ opening a sentence
        "وقال إن على كل مواطن أن يقرأ أيضا: الدستور والقوانين قبل أن يحكم.",  # اقرأ inside a sentence
        "• اقرأ التحذير، ثم مرر لأسفل وانقر على إعادة ضبط الجهاز.",
        "أيضا، أكد الوزير أن الحكومة ستراجع الأسعار كل ثلاثة أشهر.",
        "شاهد العالم كله كيف انهار السد خلال ساعات قليلة.",
        "سوريا - روسيا: اتفاق على تمديد الهدنة أسبوعا آخر",  # a headline, not a dateline
        "الرياض - الوطن: قال مسؤول إن المشروع يبدأ غدا.",  # الوطن is left out of the outlets (also a common noun)
        "وقال المتحدث لشبكة (CNN) - في مقابلة مطولة - إن الوفد سيصل غدا.",  # (CNN) mid-article
        "عام جديد يبدأ بخطط طموحة للحكومة في قطاع التعليم.",  # a rubric word without its slash
        "وانتهت المباراة بنتيجة 2:1 لصالح الفريق المضيف عند الساعة 21:45.",
        "يذكر أن الخطة الأولى أعلنت قبل عامين، وفقا لبيان الوزارة.",
    ],
)
def test_body_lines_that_merely_look_like_furniture_stay(line):
    for text in (f"{LEDE}\n{BODY}\n{line}", f"{LEDE}\n{line}\n{BODY}"):
        row = load_quietly([text]).iloc[0]
        assert line in row["text"].split("\n\n"), row["furniture"]
        assert row["furniture"] == ""


def test_related_ledes_only_after_an_agency_dateline():
    teaser_lede = "استقبل رئيس الوزراء، سامي العلي، الثلاثاء، وفدا من رجال الأعمال لبحث فرص الاستثمار في البلاد."
    plain = load_quietly([f"{LEDE}\n{BODY}\n{teaser_lede}"]).iloc[0]
    assert plain["furniture"] == ""
    dated = load_quietly([f"واشنطن (CNN) -- {LEDE}\n{BODY}\n{teaser_lede}"]).iloc[0]
    assert [(r.kind, r.line) for r in corpus.read_furniture(dated["furniture"])] == [("dateline", 1), ("related", 3)]
    assert dated["text"] == f"{LEDE}\n\n{BODY}"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("قال &quot;نرفض&quot; القرار", 'قال "نرفض" القرار'),
        ("شركة AT&amp;T الأمريكية", "شركة AT&T الأمريكية"),
        ("قال الوزير&nbsp;إن", "قال الوزير إن"),
        ("حرف &#1575; و&#x628;", "حرف ا وب"),
        ("شركة AT&T و&copy", "شركة AT&T و&copy"),  # no semicolon: no entity
    ],
)
def test_html_entities_unescaped_and_recorded(raw, expected):
    row = corpus.from_texts([raw]).iloc[0]
    assert row["text"] == expected
    entities = [r.text for r in corpus.read_furniture(row["furniture"]) if r.kind == "entity"]
    assert entities == sorted(set(e for e in ("&quot;", "&amp;", "&nbsp;", "&#1575;", "&#x628;") if e in raw),
                              key=raw.index)


def test_furniture_records_round_trip():
    records = [corpus.Furniture("teaser", 4, "اقرأ أيضا: خبر"), corpus.Furniture("timestamp", 9, "14:12 ت م")]
    assert corpus.read_furniture(corpus.format_furniture(records)) == records
    assert corpus.read_furniture("") == [] and corpus.format_furniture([]) == ""


def test_a_text_of_nothing_but_furniture_warns_naming_it(tmp_path):
    path = tmp_path / "footer.txt"
    path.write_text("// انتهى //\n14:12 ت م\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"footer\.txt.*nothing but page furniture"):
        assert corpus.load([path, ARTICLE]).shape[0] == 1


def test_keep_furniture_keeps_it_but_still_unescapes_and_paragraphs():
    text = (STYLES / "wire.txt").read_text(encoding="utf-8")
    row = corpus.from_texts([text + "\nقال &quot;نعم&quot;"], strip_furniture=False).iloc[0]
    assert row["text"].startswith("عام / الهيئة العامة للإحصاء تصدر تقريرها السنوي\n\nالرياض 12 رجب")
    assert row["text"].endswith('//انتهى//\n\n14:12 ت م\n\nقال "نعم"')
    assert [r.kind for r in corpus.read_furniture(row["furniture"])] == ["entity"]


def test_every_line_becomes_a_paragraph():
    raw = "البنتاغون: لا تغيير في خطط الانسحاب\n  قال المتحدث إن الخطط لم تتغير.\n\n\nفي المقابل، رحبت الحكومة بالقرار.\n"
    text = corpus.from_texts([raw]).loc[0, "text"]
    assert text == "البنتاغون: لا تغيير في خطط الانسحاب\n\nقال المتحدث إن الخطط لم تتغير.\n\nفي المقابل، رحبت الحكومة بالقرار."
    assert corpus.from_texts([raw], paragraph_lines=False).loc[0, "text"] == raw.strip()


def test_hard_wrapped_text_keeps_its_line_breaks():
    wrapped = ("قال الرئيس في كلمة ألقاها أمام البرلمان صباح اليوم إن الحكومة\n"
               "ستعمل على إصلاح النظام الضريبي خلال العام المقبل وإن الإصلاح\n"
               "سيشمل الشركات الكبيرة والصغيرة على حد سواء دون أي استثناء من\n"
               "أي نوع كان. وأضاف أن البرلمان سيناقش مشروع القانون في جلسة\n"
               "خاصة تعقد الأسبوع المقبل بحضور الوزراء المعنيين والخبراء.")
    assert corpus.from_texts([wrapped]).loc[0, "text"] == wrapped


@pytest.mark.model
def test_the_model_ends_a_sentence_at_every_line(model_dir, tmp_path):
    from kit import frames, nlp

    lines = [
        "البنتاغون: لا تغيير في خطط الانسحاب من سوريا",
        "قال المتحدث باسم وزارة الدفاع الأمريكية إن خطط الانسحاب لم تتغير",
        "في المقابل أعلنت الحكومة السورية أنها ترحب بأي انسحاب",
        "من جانبه دعا الاتحاد الأوروبي إلى حل سياسي",
        "أما روسيا فقالت إنها تتابع الوضع عن كثب",
    ]
    loaded = load_quietly(["\n".join(lines)])
    sentences = frames.sentences(nlp.parse(loaded, model_dir=model_dir, cache=tmp_path, progress=False))
    text = loaded.loc[0, "text"]
    assert all(text[a:b] == t for a, b, t in zip(sentences.start_char, sentences.end_char, sentences.text))
    assert not any("\n" in t for t in sentences.text), "a sentence runs over a line end"
    assert sentences.text.iloc[0] == lines[0]
    starts = {t.split()[0] for t in sentences.text}
    assert {"قال", "في", "من", "أما"} <= starts


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
    assert LOADED_ARTICLE in loaded["text"].tolist()


@pytest.mark.parametrize("missing", ["nowhere/missing.txt", "مقالات/", "مقالات/يوليو", Path("مقالات")])
def test_a_path_that_does_not_exist_is_an_error_never_a_text(missing):
    with pytest.raises(FileNotFoundError, match=f"no such file or folder: {missing}"):
        corpus.load([missing, ARTICLE])


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


@pytest.fixture
def news_table(tmp_path):
    """Six articles from three outlets over three months, as a parquet table with the shared corpus's columns."""
    rows = [("BBC", "middleEast", "2018-03-30T23:59:00Z"), ("BBC", "sport", "2018-04-02T10:00:00Z"),
            ("CNN", "middleEast", "2018-04-15T08:00:00Z"), ("CNN", "internationalNews", "2018-05-31T22:00:00Z"),
            ("france24", "middleEast", "2018-06-01T00:00:00Z"), ("france24", "economy", "")]
    table = pd.DataFrame([{"outlet": outlet, "category": category, "date": date,
                           "text": f"قال المتحدث باسم {outlet} إن المقال رقم {n} عن الشرق الأوسط."}
                          for n, (outlet, category, date) in enumerate(rows)])
    path = tmp_path / "news.parquet"
    table.to_parquet(path)
    return path


def _numbers(loaded):
    return [int(text.split("رقم ")[1].split()[0]) for text in loaded["text"]]


@pytest.mark.parametrize("selection, kept", [
    (corpus.Selection(equals=(("outlet", "CNN"),)), [2, 3]),
    (corpus.Selection(equals=(("outlet", ["BBC", "france24"]),)), [0, 1, 4, 5]),
    (corpus.Selection(where="category in ['middleEast', 'internationalNews']"), [0, 2, 3, 4]),
    (corpus.Selection(since="2018-04", until="2018-05"), [1, 2, 3]),          # April and May, whole months
    (corpus.Selection(since="2018-04-15"), [2, 3, 4]),
    (corpus.Selection(until="2018"), [0, 1, 2, 3, 4]),
    (corpus.Selection(equals=(("outlet", "BBC"),), where="category == 'sport'"), [1]),
])
def test_a_selection_keeps_the_rows_it_names(news_table, selection, kept):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)  # the undated row, left out of date ranges
        loaded = corpus.load([news_table], source_col="outlet", select=selection)
    assert _numbers(loaded) == kept


def test_a_sample_is_reproducible_and_in_input_order(news_table):
    draw = lambda seed: _numbers(corpus.load([news_table], select=corpus.Selection(sample=3, seed=seed)))  # noqa: E731
    assert draw(1) == draw(1) == sorted(draw(1)) and len(draw(1)) == 3
    assert {tuple(draw(seed)) for seed in range(6)} != {tuple(draw(1))}  # the seed matters
    assert len(_numbers(corpus.load([news_table], select=corpus.Selection(sample=50)))) == 6


@pytest.mark.parametrize("seed", range(4))
def test_a_sample_per_outlet_keeps_that_many_of_each_outlet(news_table, seed):
    loaded = corpus.load([news_table], source_col="outlet",
                         select=corpus.Selection(sample=1, sample_per="outlet", seed=seed))
    assert sorted(loaded["source"]) == ["BBC", "CNN", "france24"]
    assert _numbers(loaded) == sorted(_numbers(loaded))


@pytest.mark.parametrize("selection, message", [
    (dict(equals=(("channel", "BBC"),)), "no column 'channel' to select on"),
    (dict(where="category ==="), "--where 'category ===' cannot be read"),
    (dict(since="April"), "since 'April' is not a date"),
    (dict(sample=0), "sample must be a positive number"),
    (dict(sample_per="outlet"), "sample_per 'outlet' needs a sample size"),
    (dict(sample=1, sample_per="channel"), "no column 'channel' to sample per"),
])
def test_a_selection_that_cannot_apply_names_the_problem(news_table, selection, message):
    with pytest.raises(ValueError, match=message):
        corpus.load([news_table], select=corpus.Selection(**selection))


def test_undated_documents_are_left_out_of_a_date_range_with_a_warning(news_table):
    with pytest.warns(CorpusWarning, match="1 document\\(s\\) without a readable date are left out"):
        corpus.load([news_table], select=corpus.Selection(since="2018"))
