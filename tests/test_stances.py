"""kit.extract.stances: each cue class, holder and target rules, relation targets, negation, no-stance sentences."""

import pandas as pd
import pytest

from kit.extract import actors, claims, stances
from kit.text import fold

from conftest import SEEDS, parsed_docs, tables_of


def extract(*docs):
    parsed = parsed_docs(*docs)
    found_actors, mentions = actors.extract(parsed)
    found_claims = claims.extract(parsed, found_actors, mentions)
    return stances.extract(parsed, found_actors, mentions, found_claims), found_claims


def triples(table):
    return [(r.holder_actor_id, r.target_actor_id, r.polarity, r.label) for r in table.itertuples()]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # attitude cues, the claim's own cue: holder = speaker, targets = the content's actors
        ("وحذرت=و/CCONJ+حذرت/VERB واشنطن/X من/ADP أن/SCONJ كوريا/X الشمالية/ADJ قد/PART ترسل/VERB أسلحة/NOUN ~.",
         [("united-states", "north-korea", -1, "warn")]),
        # concern about a relation: a row for each party
        ("وأعربت=و/CCONJ+أعربت/VERB الولايات/NOUN المتحدة/ADJ عن/ADP قلقها=قلق/NOUN+ها/PRON إزاء/NOUN العلاقات/NOUN بين/ADP روسيا/X وكوريا=و/CCONJ+كوريا/X الشمالية/ADJ ~.",
         [("united-states", "russia", -1, "concern"), ("united-states", "north-korea", -1, "concern")]),
        # a verb cue with subject and object (VSO)
        ("أدانت/VERB وزارة/NOUN خارجية/NOUN كوريا/X الشمالية/ADJ الولايات/NOUN المتحدة/ADJ ~.",
         [("north-korean-foreign-ministry", "united-states", -1, "condemn")]),
        # a noun cue takes its genitive as holder
        ("أوقفت/VERB تحذيرات/NOUN البيت/NOUN الأبيض/ADJ بشأن/NOUN الصواريخ/NOUN الكورية/ADJ الشمالية/ADJ الصفقة/NOUN ~.",
         [("white-house", "north-korea", -1, "warn")]),
        # support; the agreement welcomed is France's own with Germany (the article does not hide the cue اتفاق)
        ("رحبت/VERB فرنسا/X بالاتفاق=ب/ADP+الاتفاق/NOUN مع/ADP ألمانيا/X ~.",
         [("france", "germany", 1, "welcome"), ("france", "germany", 1, "cooperate")]),
        # a relation between two parties, both directions
        ("تنامي/NOUN التعاون/NOUN بين/ADP بيونغ/X يانغ/X وموسكو=و/CCONJ+موسكو/X ~.",
         [("north-korea", "russia", 1, "cooperate"), ("russia", "north-korea", 1, "cooperate")]),
        # contact: a masdar whose genitive is the agent, with its partner after إلى
        ("كانت/VERB زيارة/NOUN فرنسا/X إلى/ADP ألمانيا/X الأولى/NOUN ~.", [("france", "germany", 0, "contact")]),
    ],
)
def test_cue_classes_holders_and_targets(sentence, expected):
    found, _ = extract(sentence)
    assert sorted(triples(found)) == sorted(expected)


def test_event_inside_a_claim_is_judged_by_the_speaker_and_targets_the_violators():
    found, found_claims = extract(
        "وقالت=و/CCONJ+قالت/VERB اليابان/X إن/SCONJ أي/NOUN اتفاق/NOUN بين/ADP روسيا/X وكوريا=و/CCONJ+كوريا/X الشمالية/ADJ سيعد/VERB انتهاكا/NOUN لقرارات=ل/ADP+قرارات/NOUN مجلس/NOUN الأمن/NOUN الدولي/ADJ ~."
    )
    violations = found[found.label == "violation"]
    assert sorted(triples(violations)) == [("japan", "north-korea", -1, "violation"), ("japan", "russia", -1, "violation")]
    assert set(violations["claim_id"]) == set(found_claims["claim_id"])
    cooperation = found[found.label == "cooperate"]
    assert sorted(triples(cooperation)) == [("north-korea", "russia", 1, "cooperate"), ("russia", "north-korea", 1, "cooperate")]


@pytest.mark.parametrize(
    "sentence, polarity, label",
    [
        ("لم/PART يحذر/VERB البيت/NOUN الأبيض/ADJ من/ADP روسيا/X ~.", 0, "warn"),
        ("لن/PART تدعم/VERB فرنسا/X ألمانيا/X ~.", -1, "support"),
        ("أيدت/VERB الصين/X قرارات/NOUN مجلس/NOUN الأمن/NOUN الدولي/ADJ التي/PRON تحظر/VERB عقد/NOUN صفقات/NOUN مع/ADP إيران/X ~.", -1, "cooperate"),
    ],
)
def test_negation(sentence, polarity, label):
    found, _ = extract(sentence)
    row = found[found.label == label].iloc[0]
    assert (row.polarity, bool(row.negated)) == (polarity, True)


@pytest.mark.parametrize(
    "sentence",
    [
        "قلق/NOUN غربي/ADJ متزايد/ADJ ~.",  # a cue with no parties
        "وصف/VERB الخبر/NOUN بأنه/SCONJ ليس/VERB تحالفا/NOUN مكتملا/ADJ ~.",  # a denied relation with no parties
        "سافر/VERB الوفد/NOUN إلى/ADP موسكو/X أمس/NOUN ~.",  # no stance cue at all
        "أكدت/VERB روسيا/X أنها/SCONJ تتمسك/VERB بموقفها=ب/ADP+موقفها/NOUN ~.",  # a claim without a stance
        # crimes of no actor («جرائم الحرب») in a claim target no one the claim names after them
        'وقال=و/CCONJ+قال/VERB المالكي/X/S-PER ~: ~" جرائم/NOUN الحرب/NOUN غير/NOUN موجودة/ADJ في/ADP اليمن/X ~" ~.',
        # accusations with the article and no one named are someone else's: the speaker denies them
        "وشدد=و/CCONJ+شدد/VERB بوتين/X/S-PER على/ADP أنه=أن/SCONJ+ه/PRON لا/PART أساس/NOUN للاتهامات=ل/ADP+الاتهامات/NOUN "
        "الموجهة/ADJ إلى/ADP روسيا/X ~.",
    ],
)
def test_sentences_without_stances(sentence):
    found, _ = extract(sentence)
    assert found.empty, found[["holder", "target", "label"]]


def test_columns_ids_and_offsets():
    parsed = parsed_docs("أدانت/VERB فرنسا/X ألمانيا/X ~.", "رحبت/VERB فرنسا/X بالاتفاق=ب/ADP+الاتفاق/NOUN مع/ADP ألمانيا/X ~.")
    found_actors, mentions = actors.extract(parsed)
    table = stances.extract(parsed, found_actors, mentions, claims.extract(parsed, found_actors, mentions))
    assert list(table.columns) == stances.STANCE_COLUMNS
    assert table["stance_id"].tolist() == ["d0-s0", "d1-s0", "d1-s1"]
    for row in table.itertuples():
        assert parsed.docs[row.doc_id].text[row.start_char:row.end_char] == row.cue


@pytest.mark.parametrize(
    "sentence, label, cameo",
    [
        ("أدانت/VERB فرنسا/X ألمانيا/X ~.", "condemn", "111"),  # the label's code
        ("اتهمت/VERB فرنسا/X ألمانيا/X ~.", "accuse", "112"),
        ("رحبت/VERB فرنسا/X بالاتفاق=ب/ADP+الاتفاق/NOUN مع/ADP ألمانيا/X ~.", "welcome", "051"),
        ("زارت/VERB فرنسا/X ألمانيا/X ~.", "contact", "042"),
        ("لم/PART يحذر/VERB البيت/NOUN الأبيض/ADJ من/ADP روسيا/X ~.", "warn", ""),  # a denied event has no code
    ],
)
def test_each_stance_carries_the_cameo_code_of_its_cue(sentence, label, cameo):
    found, _ = extract(sentence)
    assert found[found.label == label]["cameo"].tolist()[:1] == [cameo]


def test_every_label_has_a_cameo_code_and_codes_are_cameo_shaped():
    from kit import lexicons

    codes = lexicons.load("stance_labels").set_index("label")["cameo"]
    assert set(codes.index) == set(stances.LABELS)
    cue_codes = [c for c in lexicons.load("stance_cues")["cameo"] if c]
    assert all(code.isdigit() and 3 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20 for code in [*codes, *cue_codes])
    every = {e.words: e.cameo for entries in stances.load_lexicon().cues.values() for e in entries}
    assert "" not in every.values()
    air_raids, raid = tuple(fold("شنت غارات على").split()), tuple(fold("شنت هجوما على").split())
    assert (every[air_raids], every[raid]) == ("195", "190")  # a cue more specific than its label has its own code


def test_a_user_lexicon_without_codes_takes_its_labels_codes():
    own = pd.DataFrame([{"label": "condemn", "polarity": "-1", "kind": "attitude", "pos": "verb", "markers": "", "forms": "شجب"}])
    assert stances.load_lexicon(own).cues["شجب"][0].cameo == "111"


def test_matrix_and_network():
    rows = pd.DataFrame({
        "holder_actor_id": ["a", "a", "a", "b", ""], "target_actor_id": ["b", "b", "c", "a", "a"],
        "polarity": [-1, 0, 1, 1, -1],
    })
    grid = stances.matrix(rows)
    assert list(grid.columns) == stances.MATRIX_COLUMNS
    assert grid.values.tolist() == [["a", "b", -0.5, 2], ["a", "c", 1.0, 1], ["b", "a", 1.0, 1]]
    edges = stances.network(rows)
    assert edges[["source", "target", "weight", "sign"]].values.tolist() == [["a", "b", 2, -1], ["a", "c", 1, 1], ["b", "a", 1, 1]]


def test_bad_user_lexicon_names_the_valid_labels():
    own = pd.DataFrame([{"label": "hate", "polarity": "-1", "kind": "attitude", "pos": "", "markers": "", "forms": "كره"}])
    with pytest.raises(ValueError, match="warn"):
        stances.load_lexicon(own)


@pytest.mark.model
def test_seed_relations_with_the_model(seed_parsed):
    from kit.modeltools import gold

    found_actors, mentions = actors.extract(seed_parsed)
    found_claims = claims.extract(seed_parsed, found_actors, mentions)
    table = stances.extract(seed_parsed, found_actors, mentions, found_claims)
    grid = stances.matrix(table).set_index(["holder_actor_id", "target_actor_id"])["mean_polarity"]
    assert grid[("united-states", "north-korea")] < 0
    assert grid[("united-states", "russia")] < 0
    assert grid[("russia", "north-korea")] > 0 and grid[("north-korea", "russia")] > 0
    assert grid[("north-korea", "united-states")] < 0
    biden = found_actors.set_index("name").loc["جو بايدن", "actor_id"]
    assert grid[("north-korea", biden)] < 0
    reading = gold.load_gold(SEEDS / "gold" / "000_cc99d8b811bc9b3b.yaml")
    grade = gold.grade_article(reading, tables_of(seed_parsed, found_actors, mentions, claims=found_claims, stances=table))
    assert grade.counts["n_stances_matched"] >= 0.8 * grade.counts["n_stances_gold"], grade.errors


@pytest.mark.parametrize("sentence, expected", [
    # subject first, as headlines write it: the actor right before the verb holds the stance
    ("روسيا/X تنتقد/VERB الولايات/NOUN المتحدة/ADJ بشدة/NOUN ~.", [("russia", "united-states", -1, "criticise")]),
    # ... also when the subject is a name of several words and the tagger missed the verb
    ("الولايات/NOUN المتحدة/ADJ تنتقد/NOUN روسيا/X بشدة/NOUN ~.", [("united-states", "russia", -1, "criticise")]),
    # verb first: the actor after the verb is the subject, the next one the target
    ("انتقدت/VERB روسيا/X الولايات/NOUN المتحدة/ADJ ~.", [("russia", "united-states", -1, "criticise")]),
])
def test_the_holder_by_word_order(sentence, expected):
    found, _ = extract(sentence)
    assert triples(found) == expected


def test_pointing_out_is_not_praise():
    """نوّه إلى أن ("he pointed out that") reports speech; praise is أشاد ب, ثمّن."""
    found, _ = extract("ونوه=و/CCONJ+نوه/VERB لافروف/X إلى/ADP أن/SCONJ الولايات/NOUN المتحدة/ADJ تخطئ/VERB ~.")
    assert "praise" not in set(found["label"])


@pytest.mark.parametrize("sentence, label", [
    # first-person forms, as quotations write them
    ('وقال=و/CCONJ+قال/VERB الجبير/X ~: ~" نرفض/VERB قرار/NOUN الولايات/NOUN المتحدة/ADJ ~" ~.', "reject"),
    ('وقال=و/CCONJ+قال/VERB الجبير/X ~: ~" ندين/VERB الولايات/NOUN المتحدة/ADJ ~" ~.', "condemn"),
])
def test_first_person_cues_in_a_quotation_are_the_speakers(sentence, label):
    found, _ = extract(sentence)
    assert (label, "united-states") in set(zip(found["label"], found["target_actor_id"]))
    assert set(found.loc[found["label"] == label, "holder"]) == {"الجبير"}


def test_a_verdict_on_an_act_targets_who_commits_it():
    """«قرار الولايات المتحدة باطل» in a speaker's claim: the speaker rejects the United States' act."""
    found, _ = extract("وأكد=و/CCONJ+أكد/VERB لافروف/X أن/SCONJ قرار/NOUN الولايات/NOUN المتحدة/ADJ باطل/ADJ ~.")
    assert ("reject", "united-states") in set(zip(found["label"], found["target_actor_id"]))


def test_a_verdict_on_an_act_does_not_target_the_place_it_is_done_to():
    found, _ = extract("وأكد=و/CCONJ+أكد/VERB لافروف/X أن/SCONJ نقل/NOUN الولايات/NOUN المتحدة/ADJ سفارتها=سفارة/NOUN+ها/PRON "
                       "إلى/ADP القدس/X باطل/ADJ ~.")
    rejected = found.loc[found["label"] == "reject", "target"]
    assert "القدس" not in set(rejected) and len(rejected) == 1


@pytest.mark.parametrize("sentence, expected", [
    # condemning an attack on Syria is no stance against Syria, the victim
    ("أدانت/VERB روسيا/X الهجوم/NOUN على/ADP سوريا/X ~.", []),
    # a call to condemn the aggression on Syria (the example): no one named commits it
    ("دعت/VERB موسكو/X المجلس/NOUN إلى/ADP إدانة/NOUN العدوان/NOUN على/ADP سوريا/X ~.", []),
    # who commits it, named right after the act noun, is the target (and the act itself is the attacker's stance)
    ("أدانت/VERB روسيا/X الهجوم/NOUN الأمريكي/ADJ على/ADP سوريا/X ~.",
     [("russia", "united-states", -1, "condemn"), ("united-states", "syria", -1, "attack")]),
    # an objection to something else keeps its target
    ("أدانت/VERB روسيا/X قرار/NOUN الولايات/NOUN المتحدة/ADJ ~.", [("russia", "united-states", -1, "condemn")]),
])
def test_objecting_to_a_hostile_act_targets_who_commits_it_not_its_victim(sentence, expected):
    found, _ = extract(sentence)
    assert triples(found) == expected


def test_a_stance_against_an_embassy_targets_its_state():
    """«نرفض نقل السفارة الأمريكية إلى القدس»: the move is the United States', so is the stance."""
    found, _ = extract(("أعلنت/VERB الولايات/NOUN المتحدة/ADJ نقل/NOUN سفارتها=سفارة/NOUN+ها/PRON ~.",
                        "رفضت/VERB السعودية/X نقل/NOUN السفارة/NOUN الأمريكية/ADJ إلى/ADP القدس/X ~."))
    assert ("saudi-arabia", "united-states", -1, "reject") in triples(found)


@pytest.mark.parametrize("name, country, expected", [
    ("السفارة الأمريكية", "USA", "united-states"),
    ("سفارة أميركا", "USA", "united-states"),
    ("القنصلية الأمريكية", "USA", "united-states"),
    ("وزارة الخارجية الأمريكية", "USA", None),  # a ministry acts for itself
    ("السفارة الكندية", "CAN", None),  # Canada is not among the actors: the embassy stays
])
def test_mission_states_maps_a_mission_to_its_state_among_the_actors(name, country, expected):
    table = pd.DataFrame([
        {"actor_id": "united-states", "name": "الولايات المتحدة", "type": "GPE", "country": "USA", "cameo": "USA"},
        {"actor_id": "boston", "name": "بوسطن", "type": "GPE", "country": "USA", "cameo": "USA"},  # a city, not the state
        {"actor_id": "mission", "name": name, "type": "ORG", "country": country, "cameo": country + "GOV"},
    ])
    states = stances.mission_states(table)
    assert (states["mission"].actor_id if "mission" in states else None) == expected


def test_a_cue_word_inside_an_actors_name_is_no_cue():
    found, _ = extract("اجتمع/VERB الأمين/NOUN العام/ADJ لمجلس=ل/ADP+مجلس/NOUN/B-ORG التعاون/NOUN/I-ORG الخليجي/ADJ/E-ORG "
                       "مع/ADP وزير/NOUN خارجية/NOUN مصر/X/S-LOC ~.")
    assert "التعاون" not in found["cue"].tolist()


def test_a_claims_own_cue_targets_the_objects_between_it_and_the_content_from_each_coordinated_speaker():
    found, _ = extract("وتتهم=و/CCONJ+تتهم/VERB الولايات/NOUN المتحدة/ADJ وبريطانيا=و/CCONJ+بريطانيا/X روسيا/X وسوريا=و/CCONJ+سوريا/X "
                       "بالعمل=ب/ADP+العمل/NOUN على/ADP إخفاء/NOUN الحقائق/NOUN ~.")
    assert sorted(triples(found)) == sorted([(h, t, -1, "accuse") for h in ("united-states", "united-kingdom")
                                             for t in ("russia", "syria")])


@pytest.mark.parametrize("form, expected", [
    ("يطالب", ["تطالب", "نطالب", "اطالب"]),  # a spokesman's «نطالب» is the lexicon's يطالب
    ("يجب علي", ["تجب علي", "نجب علي", "اجب علي"]),
    ("طالب", []),  # a perfect has no person prefix
])
def test_other_persons_of_an_imperfect_form(form, expected):
    assert stances.other_persons(form) == expected


@pytest.mark.parametrize("sentence, expected", [
    # the first person plural, generated from the lexicon's يطالب
    ('وقال=و/CCONJ+قال/VERB الجبير/X ~: ~" نطالب/VERB الولايات/NOUN المتحدة/ADJ بالانسحاب=ب/ADP+الانسحاب/NOUN ~" ~.',
     [("adel-al-jubeir", "united-states", -1, "demand")]),
    # a demand targets whom it addresses, not what its content names (سوريا)
    ("دعت/VERB روسيا/X فرنسا/X إلى/ADP وقف/NOUN الهجوم/NOUN على/ADP سوريا/X ~.", [("russia", "france", -1, "demand")]),
    # the obligation «يجب على» in a claim: the speaker's demand on whom على marks
    ("وقال=و/CCONJ+قال/VERB الجبير/X إنه=إن/SCONJ+ه/PRON يجب/VERB على/ADP إيران/X تغيير/NOUN سياستها=سياسة/NOUN+ها/PRON ~.",
     [("adel-al-jubeir", "iran", -1, "demand")]),
    # a direct object before one a preposition governs
    ("وانتقدت=و/CCONJ+انتقدت/VERB روسيا/X في/ADP سوريا/X الولايات/NOUN المتحدة/ADJ ~.", [("russia", "united-states", -1, "criticise")]),
    # a first person plural the tagger read as a noun: no subject of its own, the speaker holds it; the body named earlier
    # under على is the object here
    ('وقال=و/CCONJ+قال/VERB الجبير/X إن/SCONJ على/ADP إيران/X التغيير/NOUN ~، مضيفا/X ~« نطالب/NOUN إيران/X@11:nsubj '
     'بالانسحاب=ب/ADP+الانسحاب/NOUN فورا/ADV ~» ~.',
     [("adel-al-jubeir", "iran", -1, "demand")]),
])
def test_demands(sentence, expected):
    found, _ = extract(sentence)
    assert sorted(triples(found)) == sorted(expected)


def test_a_states_adjective_after_a_noun_of_the_subjects_phrase_is_no_target():
    found, _ = extract("طالب/VERB عدد/NOUN من/ADP أهالي/NOUN السجناء/NOUN السعوديين/ADJ في/ADP العراق/X وزارة/NOUN العدل/NOUN "
                       "العراقية/ADJ بتمكين=ب/ADP+تمكين/NOUN أبنائهم=أبناء/NOUN+هم/PRON ~.")
    assert list(found["target"]) == ["وزارة العدل العراقية"]


@pytest.mark.parametrize("sentence, expected", [
    # an act noun with the article: its agent named after it, its target marked by على; not the reporting speaker
    ("وقالت=و/CCONJ+قالت/VERB فرنسا/X إن/SCONJ الغارات/NOUN الروسية/ADJ على/ADP سوريا/X تتواصل/VERB ~.",
     [("russia", "syria", -1, "attack")]),
    # aid: to whom ل marks
    ("وصلت/VERB المساعدات/NOUN السعودية/ADJ إلى/ADP اليمن/X ~.", [("saudi-arabia", "yemen", 1, "support")]),
    # no preposition, no target: a war in a place is no stance against it
    ("وقالت=و/CCONJ+قالت/VERB فرنسا/X إن/SCONJ الحرب/NOUN في/ADP سوريا/X طويلة/ADJ ~.", []),
])
def test_an_act_is_its_agents_towards_the_target_its_preposition_marks(sentence, expected):
    found, _ = extract(sentence)
    assert sorted(triples(found)) == sorted(expected)


def test_a_relation_noun_does_not_pair_the_actors_coordinated_before_it():
    """«سمحت روسيا وفرنسا بالاتصال» is no contact between Russia and France; «روسيا وفرنسا اتفقا» is an agreement."""
    found, _ = extract("سمحت/VERB روسيا/X وفرنسا=و/CCONJ+فرنسا/X بالاتصال=ب/ADP+الاتصال/NOUN ~.")
    assert "contact" not in set(found["label"])
    found, _ = extract("روسيا/X وفرنسا=و/CCONJ+فرنسا/X اتفقا/VERB على/ADP الهدنة/NOUN ~.")
    assert sorted(triples(found)) == [("france", "russia", 1, "agree"), ("russia", "france", 1, "agree")]


@pytest.mark.parametrize("sentence, expected", [
    # a marked partner and the one joined to it by و
    ("شاركت/VERB بريطانيا/X في/ADP الضربات/NOUN التي/PRON نفذت/VERB بالتنسيق=ب/ADP+التنسيق/NOUN مع/ADP الولايات/NOUN المتحدة/ADJ "
     "وفرنسا=و/CCONJ+فرنسا/X ~.",
     [("united-kingdom", "united-states", 1, "cooperate"), ("united-kingdom", "france", 1, "cooperate")]),
    # an object and the one joined to it
    ("انتقدت/VERB روسيا/X الولايات/NOUN المتحدة/ADJ وفرنسا=و/CCONJ+فرنسا/X ~.",
     [("russia", "united-states", -1, "criticise"), ("russia", "france", -1, "criticise")]),
    # no و: the next actor is not joined
    ("انتقدت/VERB روسيا/X الولايات/NOUN المتحدة/ADJ في/ADP فرنسا/X ~.", [("russia", "united-states", -1, "criticise")]),
])
def test_a_target_takes_the_actors_joined_to_it(sentence, expected):
    found, _ = extract(sentence)
    assert sorted(triples(found)) == sorted(expected)


@pytest.mark.parametrize("sentence, expected", [
    # the cue written with its preposition: what follows is the partner, the agent comes before
    ("أطلقت/VERB فرنسا/X حملة/NOUN بالتعاون=ب/ADP+التعاون/NOUN مع/ADP ألمانيا/X في/ADP سوريا/X ~.",
     [("france", "germany", 1, "cooperate")]),
    # no agent named: no stance, rather than the partner with the place after it
    ("أقيم/VERB البرنامج/NOUN بالتعاون=ب/ADP+التعاون/NOUN مع/ADP ألمانيا/X في/ADP سوريا/X ~.", []),
])
def test_a_cue_written_with_its_preposition_takes_the_partner_after_it(sentence, expected):
    found, _ = extract(sentence)
    assert sorted(triples(found)) == sorted(expected)


@pytest.mark.parametrize("sentence, expected", [
    # a cue verb joined to the cue, then «ما قامت به»: the doer is the target
    ("روسيا/X تدين/VERB وتستنكر=و/CCONJ+تستنكر/VERB ما/PRON قامت/VERB به=ب/ADP+ه/PRON فرنسا/X ~.",
     {("russia", "france", -1, "condemn")}),
    ("ندين/VERB ما/PRON قامت/VERB به=ب/ADP+ه/PRON فرنسا/X ~.", set()),  # no holder named: nothing
])
def test_what_an_actor_did_is_the_actors(sentence, expected):
    found, _ = extract(sentence)
    assert set(triples(found)) == expected


def test_subject_first_the_actor_before_the_verb_holds_even_when_the_parse_takes_a_later_noun_as_subject():
    """«المالكي يعرقل إصلاحات العبادي»: a headline's subject comes first; the parse's post-verbal «subject» is the object."""
    found, _ = extract("روسيا/X@2:dep تنتقد/VERB@0:root سياسة/NOUN@2:nsubj فرنسا/X@3:nmod ~.")
    assert triples(found) == [("russia", "france", -1, "criticise")]


@pytest.mark.parametrize("sentence, expected", [
    # «أنه سيزور»: the future prefix on the cue, the pronoun on أن the speaker, the verb's unnamed subject
    ("وأعلن=و/CCONJ+أعلن/VERB لافروف/X أنه=أن/SCONJ+ه/PRON سيزور/VERB فرنسا/X ~.", [("sergey-lavrov", "france", 0, "contact")]),
    # battles: the subject of the verb they depend on, against the actor مع marks
    ("تخوض/VERB@0:root روسيا/X@1:nsubj معارك/NOUN@1:obj مع/ADP@5:case فرنسا/X@3:nmod ~.", [("russia", "france", -1, "attack")]),
])
def test_future_verbs_speaker_pronouns_and_battles(sentence, expected):
    found, _ = extract(sentence)
    assert sorted(triples(found)) == sorted(expected)


def test_a_definite_phrase_after_the_subjects_is_the_object_though_the_parse_hangs_it_under_the_subject():
    found, _ = extract("وانتقدت=و/CCONJ@2:cc+انتقدت/VERB@0:root مصادر/NOUN@2:nsubj دبلوماسية/ADJ@3:amod في/ADP@6:case "
                       "الحكومة/NOUN/B-ORG@3:nmod السعودية/ADJ/E-ORG@6:amod الأمم/NOUN@6:nmod المتحدة/ADJ@8:amod ~.")
    assert [(r.target_actor_id, r.label) for r in found.itertuples()] == [("united-nations", "criticise")]


@pytest.mark.parametrize("noun, label", [("جرائم", "accuse"), ("غطرسة", "criticise")])
def test_crimes_and_arrogance_are_judged_against_whom_they_are_of(noun, label):
    found, _ = extract(f"وقالت=و/CCONJ+قالت/VERB فرنسا/X إن/SCONJ {noun}/NOUN إسرائيل/X لن/PART تمر/VERB ~.")
    assert triples(found) == [("france", "israel", -1, label)]
