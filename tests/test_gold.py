"""kit.modeltools.gold: matching rules and scores of the extraction grader, on hand-made tables with known answers."""

import json

import pandas as pd
import pytest

from kit import cli
from kit.modeltools import gold

from conftest import FIXTURES

SENTENCE = "وقال الرئيس السوري بشار الأسد إن واشنطن تهدد سوريا."
READING = {
    "document": "a.txt",
    "stances_exhaustive": True,
    "actors": [
        {"name": "بشار الأسد", "type": "PER", "aliases": ["الأسد"], "roles": ["الرئيس السوري"], "central": True},
        {"name": "الولايات المتحدة", "type": "GPE", "aliases": ["واشنطن"], "central": True},
        {"name": "سوريا", "type": "GPE", "aliases": []},
        {"name": "حزب الله", "type": "ORG", "aliases": []},
    ],
    "claims": [
        {"sentence": "وقال الرئيس السوري", "cue": "وقال", "speaker": "بشار الأسد", "speaker_actor": "بشار الأسد",
         "mode": "indirect", "source_actor": "", "content": "واشنطن تهدد سوريا"},
    ],
    "stances": [
        {"sentence": "واشنطن تهدد سوريا", "holder_actor": "الولايات المتحدة", "target_actor": "سوريا",
         "polarity": -1, "label": "threaten", "cue": "تهدد"},
    ],
}


def tables(actors, mentions=(), claims=(), stances=()):
    """Contract tables of one document `a.txt` from short rows."""
    actor_rows = [{"actor_id": a, "name": n, "type": t, "aliases": n} for a, n, t in actors]
    mention_rows = [{"doc_id": "d", "actor_id": a, "text": text} for a, text in mentions] or \
        [{"doc_id": "d", "actor_id": a, "text": n} for a, n, _ in actors]
    claim_rows = [{"claim_id": f"d-c{i}", "doc_id": "d", "evidence": SENTENCE, "cue": cue, "speaker": speaker,
                   "speaker_actor_id": speaker_id, "mode": mode, "content": content, "source": "", "source_actor_id": ""}
                  for i, (cue, speaker, speaker_id, mode, content) in enumerate(claims)]
    stance_rows = [{"stance_id": f"d-s{i}", "doc_id": "d", "evidence": SENTENCE, "holder": h, "holder_actor_id": h,
                    "target": t, "target_actor_id": t, "polarity": p, "label": label, "cue": "تهدد"}
                   for i, (h, t, p, label) in enumerate(stances)]
    claim_columns = ["claim_id", "doc_id", "evidence", "cue", "speaker", "speaker_actor_id", "mode", "content",
                     "source", "source_actor_id"]
    stance_columns = ["stance_id", "doc_id", "evidence", "holder", "holder_actor_id", "target", "target_actor_id",
                      "polarity", "label", "cue"]
    return {
        "documents": pd.DataFrame([{"doc_id": "d", "path": "/corpus/a.txt"}]),
        "actors": pd.DataFrame(actor_rows, columns=["actor_id", "name", "type", "aliases"]),
        "mentions": pd.DataFrame(mention_rows, columns=["doc_id", "actor_id", "text"]),
        "claims": pd.DataFrame(claim_rows, columns=claim_columns),
        "stances": pd.DataFrame(stance_rows, columns=stance_columns),
    }


ASSAD, US, SYRIA = ("assad", "بشار الأسد", "PER"), ("us", "الولايات المتحدة", "GPE"), ("syria", "سوريا", "GPE")


def test_a_right_match_scores_everything():
    grade = gold.grade_article(READING, tables(
        [ASSAD, US, SYRIA], claims=[("وقال", "بشار الأسد", "assad", "indirect", "واشنطن تهدد سوريا.")],
        stances=[("us", "syria", -1, "threaten")]))
    counts = grade.counts
    assert (counts["n_actors_recalled"], counts["n_actors_matched"], counts["n_actors_found"]) == (3, 3, 3)
    assert (counts["n_central_recalled"], counts["n_central_gold"]) == (2, 2)
    assert (counts["n_claims_matched"], counts["n_speaker_right"], counts["n_mode_right"], counts["n_source_right"]) == (1, 1, 1, 1)
    assert counts["n_stances_matched"] == 1
    assert [(e["table"], e["kind"], e["gold"]) for e in grade.errors] == [("actors", "missed", "حزب الله")]
    scores = gold.scores(counts)
    assert (scores["actors_p"], scores["actors_r"], scores["central_r"]) == (100.0, 75.0, 100.0)
    assert (scores["claims_f1"], scores["speaker"], scores["stances_p"], scores["stances_r"]) == (100.0, 100.0, 100.0, 100.0)


@pytest.mark.parametrize("speaker, speaker_id, cause", [
    ("سوريا", "syria", "another actor"),
    ("الرئيس السوري", "", "unnamed instead of an actor"),
    ("", "", "no speaker"),
])
def test_a_wrong_speaker_is_found_but_not_right(speaker, speaker_id, cause):
    grade = gold.grade_article(READING, tables([ASSAD, US, SYRIA], claims=[("قال", speaker, speaker_id, "indirect", "واشنطن تهدد")]))
    assert grade.counts["n_claims_matched"] == 1 and grade.counts["n_speaker_right"] == 0
    assert [e["cause"] for e in grade.errors if e["kind"] == "wrong_speaker"] == [cause]


@pytest.mark.parametrize("cue, content, cause", [
    ("أكد", "واشنطن تهدد سوريا", "another claim in the sentence (cue أكد)"),  # another cue
    ("وقال", "كلام آخر", "another claim in the sentence (cue وقال)"),  # another content
])
def test_a_claim_with_another_cue_or_content_is_missed_and_a_false_hit(cue, content, cause):
    grade = gold.grade_article(READING, tables([ASSAD, US, SYRIA], claims=[(cue, "بشار الأسد", "assad", "indirect", content)]))
    assert grade.counts["n_claims_matched"] == 0 and grade.counts["n_claims_found"] == 1
    kinds = {(e["kind"], e["cause"]) for e in grade.errors if e["table"] == "claims"}
    assert kinds == {("missed", cause), ("false_hit", f"cue {cue}")}


@pytest.mark.parametrize("gold_content, found_content", [
    ("بالشراكة بين الجامعة والمؤسسة", "الشراكة بين الجامعة والمؤسسة، وكذلك بالمستوى العالي"),  # the cue's ب kept by the reader
    ("عن مشاركة لندن في الضربات", "مشاركة لندن في الضربات الجوية"),  # the cue's عن kept by the reader
    ("مشاركة لندن", "عن مشاركة لندن في الضربات"),  # or by the kit
])
def test_a_claims_content_matches_with_or_without_its_cues_preposition(gold_content, found_content):
    reading = json.loads(json.dumps(READING))
    reading["claims"][0]["content"] = gold_content
    grade = gold.grade_article(reading, tables([ASSAD, US, SYRIA], claims=[("وقال", "بشار الأسد", "assad", "indirect", found_content)]))
    assert grade.counts["n_claims_matched"] == 1


def test_a_missed_claim_says_no_claim_was_found_in_its_sentence():
    grade = gold.grade_article(READING, tables([ASSAD, US, SYRIA]))
    assert gold.scores(grade.counts)["claims_r"] == 0.0 and gold.scores(grade.counts)["claims_p"] is None
    assert [(e["kind"], e["cause"]) for e in grade.errors if e["table"] == "claims"] == [("missed", "no claim in the sentence")]


def test_a_stance_with_the_wrong_sign_is_not_a_match():
    grade = gold.grade_article(READING, tables([ASSAD, US, SYRIA], stances=[("us", "syria", 1, "support")]))
    assert grade.counts["n_stances_matched"] == 0 and grade.counts["n_stances_found"] == 1
    assert [(e["kind"], e["cause"]) for e in grade.errors if e["table"] == "stances"] == [("wrong_sign", "-1 read as +1")]


def test_a_stance_in_the_wrong_direction_is_missed_unless_the_label_is_symmetric():
    reversed_threat = gold.grade_article(READING, tables([ASSAD, US, SYRIA], stances=[("syria", "us", -1, "threaten")]))
    assert reversed_threat.counts["n_stances_matched"] == 0
    meeting = {**READING, "stances": [{**READING["stances"][0], "polarity": 0, "label": "contact"}]}
    reversed_meeting = gold.grade_article(meeting, tables([ASSAD, US, SYRIA], stances=[("syria", "us", 0, "contact")]))
    assert reversed_meeting.counts["n_stances_matched"] == 1


def test_an_actor_named_only_by_its_short_form_is_found():
    grade = gold.grade_article(READING, tables([("a", "الأسد", "PER"), US, SYRIA]))
    assert grade.counts["n_actors_recalled"] == 3 and grade.counts["n_actors_matched"] == 3


@pytest.mark.parametrize("surface", ["لواشنطن", "وواشنطن", "الولايات المتحده", "للولايات المتحدة", "الرئيس بشار الأسد",
                                     "بشار الاسد", "بشّار الأسد"])
def test_clitics_spellings_and_a_title_before_the_name_are_forgiven(surface):
    grade = gold.grade_article(READING, tables([("x", surface, "PER")]))
    assert grade.counts["n_actors_matched"] == 1, grade.errors


@pytest.mark.parametrize("surface", ["بشار", "الرئيس السوري", "السوري", "الولايات", "حزب"])
def test_a_part_of_a_name_or_a_role_is_not_the_actor(surface):
    grade = gold.grade_article(READING, tables([("x", surface, "PER")]))
    assert grade.counts["n_actors_matched"] == 0
    assert [e["kind"] for e in grade.errors if e["table"] == "actors" and e["found"]] == ["false_hit"]


def test_a_cut_name_is_reported_as_cut_and_a_second_actor_for_one_name_as_a_duplicate():
    grade = gold.grade_article(READING, tables([("a", "الأسد", "PER"), ("b", "بشار الأسد", "PER"), ("c", "الولايات", "GPE")]))
    causes = {(e["kind"], e["cause"]) for e in grade.errors if e["table"] == "actors"}
    assert ("false_hit", "duplicate of الأسد") in causes
    assert ("missed", "central, cut or merged: الولايات") in causes
    assert grade.counts["n_actors_matched"] == 1 and grade.counts["n_actors_found"] == 3


def test_a_speaker_needs_the_actor_not_a_look_alike():
    wrong_person = gold.grade_article(READING, tables([("h", "حافظ الأسد", "PER"), US, SYRIA],
                                                      claims=[("وقال", "حافظ الأسد", "h", "indirect", "واشنطن تهدد")]))
    assert wrong_person.counts["n_speaker_right"] == 0


def test_totals_are_micro_and_split_by_half():
    right = gold.grade_article(READING, tables([ASSAD, US, SYRIA], claims=[("وقال", "بشار الأسد", "assad", "indirect", "واشنطن تهدد")]))
    empty = gold.grade_article(READING, tables([ASSAD]))
    articles = pd.DataFrame([{"document": "a", "half": "tune", **gold.scores(right.counts), **right.counts},
                             {"document": "b", "half": "check", **gold.scores(empty.counts), **empty.counts}])
    totals = gold.Grading(articles, pd.DataFrame()).totals.set_index("document")
    assert totals.loc["total", "claims_r"] == 50.0 and totals.loc["total", "claims_p"] == 100.0
    assert totals.loc["total", "actors_r"] == 50.0  # 3 + 1 of 4 + 4 gold actors
    assert totals.loc["total tune", "claims_r"] == 100.0 and totals.loc["total check", "claims_r"] == 0.0


def test_a_folder_of_gold_is_graded_by_half(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.yaml").write_text(json.dumps({**READING, "document": f"{name}.txt"}, ensure_ascii=False), encoding="utf-8")
    (folder / "split.yaml").write_text("tune: [a.txt]\ncheck: [b.txt]\n", encoding="utf-8")
    found = tables([ASSAD, US, SYRIA], claims=[("وقال", "بشار الأسد", "assad", "indirect", "واشنطن تهدد")])
    two = {name: pd.concat([table, table.assign(doc_id="e")]) if "doc_id" in table else table for name, table in found.items()}
    two["documents"] = pd.DataFrame([{"doc_id": "d", "path": "a.txt"}, {"doc_id": "e", "path": "x/b.txt"}])
    tables_dir = tmp_path / "tables"
    tables_dir.mkdir()
    for name, table in two.items():
        table.to_csv(tables_dir / f"{name}.csv", index=False)
    grading = gold.evaluate([folder], tables_dir=tables_dir)
    assert grading.articles[["document", "half"]].values.tolist() == [["a.txt", "tune"], ["b.txt", "check"]]
    assert list(grading.totals["document"]) == ["total", "total check", "total tune"]
    assert gold.evaluate([folder], tables_dir=tables_dir, half="check").articles["document"].tolist() == ["b.txt"]


def test_the_command_prints_articles_totals_and_errors(capsys):
    status = cli.main(["evaluate", "extraction", str(FIXTURES / "extraction" / "gold.yaml"),
                       "--tables", str(FIXTURES / "extraction" / "tables")])
    out = capsys.readouterr().out
    assert status == 0
    assert "article.txt" in out and "total" in out and "claims missed: 1" in out and "الأسبوع" in out


@pytest.mark.parametrize("change, problem", [
    (lambda r: r["claims"][0].update(content="نص غير موجود"), "content 'نص غير موجود' is not in the article"),
    (lambda r: r["claims"][0].update(speaker_actor="حافظ الأسد"), "speaker_actor 'حافظ الأسد' is not in the actors list"),
    (lambda r: r["claims"][0].update(mode="quoted"), "mode 'quoted' is not one of"),
    (lambda r: r["stances"][0].update(label="hate"), "label 'hate' is not a stance label"),
    (lambda r: r["actors"][0].update(type="PERSON"), "type 'PERSON' is not one of"),
    (lambda r: r["actors"][0]["aliases"].append("بشار"), None),
])
def test_gold_problems_name_what_is_wrong(change, problem):
    reading = json.loads(json.dumps(READING))
    change(reading)
    problems = gold.gold_problems(reading, SENTENCE + "\nحزب الله")
    assert problems == [] if problem is None else any(problem in p for p in problems), problems


@pytest.mark.parametrize("adjective", ["الإماراتي", "أممياً", "السوريين"])
def test_an_actor_met_only_as_an_adjective_is_not_graded(adjective):
    grade = gold.grade_article(READING, tables([ASSAD, ("uae", "الإمارات", "GPE")], mentions=[("assad", "بشار الأسد"), ("uae", adjective)]))
    assert grade.counts["n_actors_found"] == 1 and grade.counts["n_actors_adjective_only"] == 1
    assert not [e for e in grade.errors if e["kind"] == "false_hit"]


@pytest.mark.parametrize("state, name", [("بريطانيا", "المملكة المتحدة"), ("روسيا", "روسيا"),
                                         ("#كوريا_الجنوبية", "كوريا الجنوبية"),  # a hashtag's words are the name
                                         ("الحوثيين", "الحوثيون")])  # a dictionary name shaped like a nisba plural
def test_a_state_named_in_ya_or_in_a_hashtag_is_not_an_adjective(state, name):
    reading = {**READING, "actors": [{"name": name, "type": "GPE", "aliases": [state] if state != name else []}]}
    grade = gold.grade_article(reading, tables([("uk", name, "GPE")], mentions=[("uk", state)]))
    assert grade.counts["n_actors_matched"] == 1 and grade.counts["n_actors_adjective_only"] == 0


def test_an_actor_also_met_by_its_name_is_graded():
    grade = gold.grade_article(READING, tables([("uae", "الإمارات", "GPE")], mentions=[("uae", "الإماراتي"), ("uae", "الإمارات")]))
    assert grade.counts["n_actors_found"] == 1 and [e["found"] for e in grade.errors if e["kind"] == "false_hit"] == ["الإمارات"]
