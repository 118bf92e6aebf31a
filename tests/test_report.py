"""kit.reporting.report: right-to-left HTML tables, highlighted spans, a self-contained report page,
and a `show` that displays in the notebook (and styles nothing outside the kit's output)."""

import pandas as pd

from kit.reporting import report


def test_arabic_cells_are_right_to_left_and_the_rest_left_to_right():
    markup = report.html_table(pd.DataFrame({"name": ["كوريا الشمالية"], "n": [3], "id": ["north-korea"]}))
    assert '<td class="col-name" dir="rtl">كوريا الشمالية</td>' in markup
    assert '<td class="col-n" dir="ltr">3</td>' in markup and '<td class="col-id" dir="ltr">north-korea</td>' in markup


def test_names_keep_to_one_line_and_aliases_take_less_room():
    markup = report.html_table(pd.DataFrame({"name": ["المنتدى الاقتصادي الشرقي"], "aliases": ["منتدى|المنتدى الاقتصادي"]}))
    assert '<td class="col-name" dir="rtl">' in markup and '<td class="col-aliases" dir="rtl">' in markup
    assert "td.col-name" in report.STYLE and "white-space: nowrap" in report.STYLE and "td.col-aliases" in report.STYLE


ACTORS = pd.DataFrame({"actor_id": ["putin", "moscow"], "name": ["فلاديمير بوتين", "روسيا"]})
SENTENCE = "قال بوتين إن روسيا قوية وأضاف أن المحادثات تتقدم."
CLAIMS = pd.DataFrame([
    {"claim_id": "d1-c0", "doc_id": "d1", "sent_idx": 0, "speaker": "بوتين", "speaker_actor_id": "putin", "cue": "قال",
     "mode": "indirect", "content": "روسيا قوية", "source": "", "source_actor_id": "", "evidence": SENTENCE},
    {"claim_id": "d1-c1", "doc_id": "d1", "sent_idx": 0, "speaker": "بوتين", "speaker_actor_id": "putin", "cue": "وأضاف",
     "mode": "indirect", "content": "المحادثات تتقدم", "source": "", "source_actor_id": "", "evidence": SENTENCE},
    {"claim_id": "d1-c2", "doc_id": "d1", "sent_idx": 1, "speaker": "أحد المسؤولين", "speaker_actor_id": "", "cue": "قال",
     "mode": "direct", "content": "لا", "source": "", "source_actor_id": "", "evidence": "قال أحد المسؤولين: «لا»."},
])


def test_claims_are_grouped_by_sentence_with_actor_names_and_an_explained_header():
    markup = report.claims_html(CLAIMS, actors=ACTORS)
    assert markup.count("<div class='sentence-claims'>") == 2  # two sentences, three claims
    assert markup.count("بوتين إن") == 1  # the sentence once
    assert "<b><bdi dir='rtl' title='بوتين'>فلاديمير بوتين</bdi></b>" in markup
    assert '<mark class="content">روسيا قوية</mark>' in markup and '<mark class="content">المحادثات تتقدم</mark>' in markup
    assert "One card per sentence" in markup and "<abbr title='quoted'>direct</abbr>" in markup and "d1-c2" in markup


def test_stances_show_actor_names_and_a_symmetric_pair_once():
    row = {"doc_id": "d1", "sent_idx": 0, "label": "cooperate", "polarity": 1, "negated": False, "cue": "تعاون",
           "start_char": 5, "evidence": "اتفق تعاون روسيا وبوتين"}
    stances = pd.DataFrame([
        {**row, "holder": "روسيا", "holder_actor_id": "moscow", "target": "بوتين", "target_actor_id": "putin"},
        {**row, "holder": "بوتين", "holder_actor_id": "putin", "target": "روسيا", "target_actor_id": "moscow"},
        {**row, "label": "warn", "polarity": -1, "cue": "حذر", "start_char": 30,
         "holder": "المسؤولون", "holder_actor_id": "", "target": "روسيا", "target_actor_id": "moscow"},
    ])
    markup = report.stances_html(stances, actors=ACTORS)
    assert markup.count("<div class='stance'>") == 2
    assert "↔ cooperate +" in markup and "→ warn −" in markup
    assert "<b><bdi dir='rtl' title='بوتين'>فلاديمير بوتين</bdi></b>" in markup


def test_long_tables_are_cut_with_a_note():
    markup = report.html_table(pd.DataFrame({"n": range(60)}), max_rows=50)
    assert markup.count("<tr>") == 51 and "10 more rows" in markup


def test_highlight_marks_spans_with_offsets_and_escapes():
    text = "قال بوتين <إن> روسيا"
    markup = report.highlight(text, [(104, 109, "PER"), (115, 120, "GPE")], offset=100)
    assert '<mark class="PER">بوتين</mark>' in markup and '<mark class="GPE">روسيا</mark>' in markup
    assert "&lt;إن&gt;" in markup and markup.startswith('<div dir="rtl"')


def test_report_page_is_self_contained(tmp_path):
    (tmp_path / "tables").mkdir()
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "02_top_actors.png").write_bytes(b"\x89PNG fake")
    pd.DataFrame({"name": ["روسيا"], "type": ["GPE"], "n_mentions": [3], "n_docs": [1], "aliases": ["موسكو"]}).to_csv(
        tmp_path / "tables" / "actors.csv", index=False)
    manifest = {"status": "failed", "started": "now", "notebooks": [{"name": "03_claims", "status": "failed", "error": "KeyError: x"}]}
    page = report.build_report(tmp_path, manifest, name="seed").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "data:image/png;base64," in page and 'dir="rtl">روسيا' in page
    assert "KeyError: x" in page and "<code>seed</code>" in page


def test_show_displays_and_returns_nothing(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", shown.append)
    assert report.show(report.html_table(pd.DataFrame({"name": ["روسيا"]}))) is None
    [html] = shown
    assert 'dir="rtl">روسيا' in html.data and html.data.startswith('<div class="kit-html"><style>')


def test_notebook_styles_reach_only_the_kits_output():
    markup = report.as_html("<p>x</p>").data
    style = markup[markup.index("<style>") + 7:markup.index("</style>")]
    rules = [rule for rule in style.split("}") if "{" in rule]
    selectors = [s.strip() for rule in rules for s in rule.split("{")[0].split(",")]
    assert selectors and all(s.startswith(".kit-html") for s in selectors), selectors
    assert ".kit-html mark.PER" in selectors and "body" not in style
