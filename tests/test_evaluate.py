"""kit.modeltools.evaluate: UD, NER and extraction scores on small gold fixtures with known answers."""

import json

import pytest

from kit import cli
from kit.modeltools import conllu, evaluate

from conftest import FIXTURES, SEEDS


def test_ud_scores_of_a_known_system_output():
    scores = evaluate.score_ud(FIXTURES / "ud_gold.conllu", FIXTURES / "ud_system.conllu")
    assert list(scores) == list(evaluate.UD_METRICS)
    f1 = {metric: row["f1"] for metric, row in scores.items()}
    # ten words; the system has one UPOS, one head (so one UAS and one LAS) and one lemma wrong
    assert f1 == {"Tokens": 100.0, "Sentences": 100.0, "Words": 100.0, "UPOS": 90.0, "UFeats": 100.0,
                  "Lemmas": 90.0, "UAS": 90.0, "LAS": 90.0}


def test_gold_text_comes_from_text_comments_or_tokens(tmp_path):
    assert evaluate.gold_texts(FIXTURES / "ud_gold.conllu") == ["قال الرئيس إن المحادثات تتقدم.\nوصل الوفد أمس."]
    no_text = "\n".join(l for l in (FIXTURES / "ud_gold.conllu").read_text(encoding="utf-8").splitlines() if not l.startswith("# text"))
    (tmp_path / "padt.conllu").write_text(no_text + "\n", encoding="utf-8")
    assert evaluate.gold_texts(tmp_path / "padt.conllu") == ["قال الرئيس إن المحادثات تتقدم.\nوصل الوفد أمس."]


def test_ner_scores_of_known_predictions():
    gold = [[tag for _, tag in sentence] for sentence in conllu.read_bio(FIXTURES / "ner_gold.bio")]
    assert gold == [["O", "B-PER", "I-PER", "O", "B-LOC"], ["O", "B-MISC", "I-MISC", "O"]]
    predicted = [["O", "B-PER", "I-PER", "O", "B-ORG"], ["O", "O", "O", "O"]]  # PER right, LOC as ORG, MISC missed
    scores = evaluate.score_ner(gold, predicted)
    assert scores["PER"] == {"precision": 100.0, "recall": 100.0, "f1": 100.0, "support": 1}
    assert scores["LOC"]["recall"] == 0.0 and scores["MISC"]["recall"] == 0.0
    assert scores["micro avg"]["precision"] == 50.0 and scores["micro avg"]["recall"] == 33.33
    assert scores["micro avg"]["f1"] == 40.0


def test_extraction_scores_of_a_students_tables():
    grading = evaluate.evaluate_extraction(FIXTURES / "extraction" / "gold.yaml", tables_dir=FIXTURES / "extraction" / "tables")
    article = grading.articles.iloc[0]
    assert (article["n_actors_recalled"], article["n_actors_right_type"]) == (3, 3)
    assert (article["actors_p"], article["actors_r"]) == (75.0, 75.0)
    assert list(grading.errors.query("table == 'actors'")["gold"] + grading.errors.query("table == 'actors'")["found"]) == \
        ["كوريا الشمالية", "الأسبوع"]
    assert (article["n_claims_matched"], article["n_claims_gold"], article["n_speaker_right"], article["n_mode_right"]) == (2, 3, 2, 2)
    assert (article["claims_p"], article["claims_r"]) == (66.67, 66.67)
    assert grading.errors.query("table == 'claims' and kind == 'missed'")["sentence"].tolist() == ["وحذرت موسكو"]
    assert (article["stances_p"], article["stances_r"], article["stances_f1"]) == (100.0, 50.0, 66.67)


def test_extraction_from_the_command_line_as_json(capsys):
    status = cli.main(["evaluate", "extraction", str(FIXTURES / "extraction" / "gold.yaml"),
                       "--tables", str(FIXTURES / "extraction" / "tables"), "--json"])
    assert status == 0
    result = json.loads(capsys.readouterr().out)
    assert result["articles"][0]["n_claims_matched"] == 2 and result["totals"][0]["claims_r"] == 66.67
    assert {e["kind"] for e in result["errors"]} == {"missed", "false_hit"}


def test_malformed_gold_names_the_file(tmp_path):
    (tmp_path / "bad.yaml").write_text("claims: [unclosed", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.yaml"):
        evaluate.load_gold(tmp_path / "bad.yaml")


@pytest.mark.model
def test_ud_and_ner_evaluations_run_the_model(model_dir, capsys):
    scores = evaluate.evaluate_ud(FIXTURES / "ud_gold.conllu", model_dir=model_dir)
    assert all(0 <= row["f1"] <= 100 for row in scores.values())
    assert scores["Tokens"]["f1"] > 80  # tokenising two plain sentences
    ner = evaluate.evaluate_ner(FIXTURES / "ner_gold.bio", model_dir=model_dir)
    assert "micro avg" in ner and ner["micro avg"]["support"] == 3
    assert cli.main(["evaluate", "ud", str(FIXTURES / "ud_gold.conllu"), "--model-dir", str(model_dir)]) == 0
    assert "LAS" in capsys.readouterr().out


@pytest.mark.model
def test_seed_extraction_against_its_gold(model_dir):
    seed = evaluate.evaluate_extraction(SEEDS / "gold" / "000_cc99d8b811bc9b3b.yaml", model_dir=model_dir).articles.iloc[0]
    assert seed["claims_r"] >= 90 and seed["claims_p"] >= 90
    assert seed["actors_r"] >= 90
    assert seed["stances_r"] >= 80 and seed["stances_p"] is None  # the seed's gold lists the main stances only


@pytest.mark.model
def test_grouping_the_golds_clitics_scores_surface_tokens(model_dir):
    gold = FIXTURES / "ud_gold_clitics.conllu"  # و|قال and ل|لصحفيين: 9 words in 7 surface tokens
    as_written = evaluate.evaluate_ud(gold, model_dir=model_dir)
    grouped = evaluate.evaluate_ud(gold, model_dir=model_dir, group_clitics=True)
    assert grouped["Tokens"]["f1"] > as_written["Tokens"]["f1"]
    assert grouped["Words"] == as_written["Words"]  # words are aligned the same way either way


def test_pos_confusions_of_a_known_system_output():
    confusions = evaluate.pos_confusions(FIXTURES / "ud_gold.conllu", FIXTURES / "ud_system.conllu")
    assert confusions.to_dict("records") == [{"gold_upos": "SCONJ", "system_upos": "CCONJ", "count": 1, "examples": "إن"}]


def test_pos_confusions_pair_words_inside_multiword_tokens(tmp_path):
    gold = FIXTURES / "ud_gold_clitics.conllu"
    system = tmp_path / "system.conllu"  # the clitics as a multi-word token, with و tagged as a verb's prefix
    system.write_text(conllu.group_clitic_tokens(gold.read_text(encoding="utf-8")).replace("\tو\tو\tCCONJ", "\tو\tو\tPART"),
                      encoding="utf-8")
    confusions = evaluate.pos_confusions(gold, system)
    assert confusions[["gold_upos", "system_upos", "count"]].values.tolist() == [["CCONJ", "PART", 1]]
    assert evaluate.pos_confusions(gold, gold).empty
