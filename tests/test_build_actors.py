"""kit.lexicons.build_actors: the actor gazetteer is built from its sources by readable rules, reproducibly.

The rule tests run on small hand-made stand-ins for the sources (tests/fixtures/build_actors/);
one test checks that the shipped actors.csv is exactly what the script builds from ../shared.
"""

from __future__ import annotations

import io
import time
from collections import Counter

import pandas as pd
import pytest

from kit.lexicons import build_actors as B
from kit.text import fold

from conftest import FIXTURES, ROOT, SHARED

FIXTURE = FIXTURES / "build_actors"
SOURCES = FIXTURE / "shared"


@pytest.fixture(scope="module")
def built() -> str:
    return B.build(SOURCES, curated=FIXTURE / "curated.csv", recent=FIXTURE / "recent.csv")


@pytest.fixture(scope="module")
def table(built) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(built), comment="#", dtype=str, keep_default_na=False).set_index("name")


def vocabulary(**kw) -> B.Vocabulary:
    return B.Vocabulary(places=kw.get("places", set()), countries=kw.get("countries", set()),
                        given=kw.get("given", set()), adjectives=kw.get("adjectives", set()))


# --- lemmatised names to surface forms ---------------------------------------------------------

@pytest.mark.parametrize("lemma, surface", [
    ("وزارة_دفاع_أميركي_", "وزارة الدفاع الأميركية"),  # construct chain: only the last noun takes ال; adjective agrees
    ("مجلس_أمن_دولي_", "مجلس الأمن الدولي"),
    ("اتحاد_أفريقي_", "الاتحاد الأفريقي"),  # noun + adjective: both definite
    ("أمة_متحد_", "الأمم المتحدة"),  # the broken plural the name uses, feminine agreement
    ("مجلس_حق_إنسان_", "مجلس حقوق الإنسان"),
    ("وكالة_دولي_ل_طاقة_ذري_", "الوكالة الدولية للطاقة الذرية"),  # ل + ال written لل
    ("عدل_و_إحسان_", "العدل والإحسان"),
    ("حزب_اللٰه_", "حزب الله"),  # the dagger alef dropped, الله left alone
    ("جامعة_قاهرة_", "جامعة القاهرة"),  # a place the news writes with its article
])
def test_lemmatised_names_give_the_surface_forms_news_writes(lemma, surface):
    words = B.lemma_words(lemma)
    forms = B.phrase_forms(words, vocabulary(places={fold("القاهرة")}, adjectives={fold("أميركي")}))
    assert surface in forms, forms


def test_a_place_written_without_the_article_stays_so():
    forms = B.phrase_forms(B.lemma_words("جامعة_ميونيخ_"), vocabulary(places={fold("ميونيخ")}))
    assert forms == ["جامعة ميونيخ"]


@pytest.mark.parametrize("lemma, name, reason", [
    ("رئيس_وزير_غوردون_براون_", "غوردون براون", ""),  # titles and the role's words go
    ("رئيس_سوري_بشار_الأسد_", "بشار الأسد", ""),
    ("جون_هاتون_وزير_دفاع_بريطاني_", "جون هاتون", ""),  # a trailing description goes
    ("ملك_عبد_اللٰه_ثاني_", "عبد الله الثاني", ""),  # ordinals take the article
    ("آية_الله_علي_خامنئي_", "علي خامنئي", ""),
    ("رئيس_سوري_", "", "a role, not a named actor"),
    ("وزيرة_خارجية_أميركي_", "", "a role, not a named actor"),
    ("عبد_الله_بن_", "", "not a clean name (a clitic or letter left over)"),
    ("جنرال_مشرف_", "", "person named by one word (the kit links family names within a document)"),
    ("وزير_دولة_ل_شأن_الخارجية_السعودي_", "", "a role left without its title (الخارجية السعودي), not a name"),
    ("الرهبان_البوذيون_", "", "a group of people (العسكريون الكازاخيون), not a person"),
    ("ديفيد_بن_غوريون_", "ديفيد بن غوريون", ""),  # a name ending like a plural is still a name
])
def test_person_entries_keep_the_name_and_drop_roles(lemma, name, reason):
    adjectives = {fold("سوري"), fold("أميركي"), fold("بريطاني"), fold("سعودي")}
    words, why = B.person_name(B.lemma_words(lemma), vocabulary(adjectives=adjectives))
    assert (" ".join(words), why) == (name, reason)


def test_built_rows_carry_surface_forms(table):
    assert table.loc["وزارة الدفاع الأميركية", "aliases"].split("|") == ["وزارة الدفاع الأميركية", "وزارة الدفاع الأميركي"]
    assert "حركة فتح" in table.index  # the form the news text attests comes first (not حركة الفتح)
    assert table.loc["فيديل كاسترو", "source"] == "newsfane"  # NewsFANE's split clitic joined back (ف يديل)


# --- date ranges to the latest code ------------------------------------------------------------

@pytest.mark.parametrize("cell, expected", [
    ("IRQGOV 20101221-20140908", B.Coded("IRQGOV", 20101221, 20140908, True)),
    ("PSEREB 20140908-18000101", B.Coded("PSEREB", 20140908, 99999999, True)),  # end before start: open
    ("SYRGOV >20000717", B.Coded("SYRGOV", 20000717, 99999999, True)),
    ("IMG > 19880101", B.Coded("IMG", 19880101, 99999999, True)),
    ("RUSGOV <19530305", B.Coded("RUSGOV", 0, 19530305, True)),
    ("LBNREB", B.Coded("LBNREB", 0, 0, False)),
    ("IMG?", B.Coded("IMG", 0, 0, False)),
])
def test_codes_and_date_ranges_parse(cell, expected):
    assert B.parse_code(cell) == expected


def test_the_latest_usable_code_wins():
    codes = [B.parse_code(c) for c in ("IRQGOV 20101221-20140908", "IRQELI 20140908-20161010", "GOV >20200101")]
    assert B.latest(codes) == "IRQELI"  # GOV alone names no country: a role noun, never an actor's code
    assert B.latest([B.parse_code("PSEPTY"), B.parse_code("PSEREB 19870101-19930101")]) == "PSEREB"  # dated first
    assert B.latest([B.parse_code("000GOV 19700101-19700101")]) == ""


def test_built_rows_take_the_latest_code_and_its_country(table):
    assert table.loc["نوري المالكي", ["country", "cameo"]].tolist() == ["IRQ", "IRQELI"]
    assert table.loc["إيهود اولمرت", ["cameo", "source"]].tolist() == ["ISRELI", "petrarch|newsfane"]
    assert table.loc["حلب", ["type", "country", "cameo"]].tolist() == ["GPE", "SYR", "SYR"]
    assert table.loc["الحكومة السودانية", ["country", "cameo"]].tolist() == ["SDN", "SDNGOV"]  # state + role from its head noun


# --- what is dropped --------------------------------------------------------------------------

def test_roles_role_nouns_one_words_and_given_names_are_no_actors(built, table):
    for name in ("رئيس سوري", "جيش", "محمد", "عبد الله", "بوش", "مسلمين", "قرية نائية", "وزارة الخارجية"):
        assert name not in table.index, name
    counts = next(line for line in built.splitlines() if line.startswith("#   petrarch:"))
    assert "1 a role, not a named actor" in counts and "1 no country or bloc in its code (a role noun)" in counts
    newsfane = next(line for line in built.splitlines() if line.startswith("#   newsfane:"))
    assert "1 a government body that names no state" in newsfane


def test_common_words_are_dropped(built, table):
    assert "الوطن" not in table.index  # a paper, but mostly the word «homeland» in the news text
    assert "صور" not in table.index  # Tyre, but mostly «pictures»
    assert "ريال مدريد" not in table.index  # a club, not a political actor
    evidence = B.Evidence(untagged=Counter({"صور": 4}), spans={"صور": Counter({"LOC": 2})})
    assert evidence.common("صور") and not evidence.common("حلب")
    assert B.Evidence(ud_common=Counter({"النهار": 1})).common("النهار")  # a common noun in the treebanks


def test_titles_non_actors_and_short_forms_are_never_aliases():
    filters = B.Filters(stops=B.stop_words(), evidence=B.Evidence())
    assert filters.reason("الرئيس") == "a title or non-actor word"
    assert filters.reason("مسؤولين") == "a title or non-actor word"
    assert filters.reason("سي") == "shorter than 3 letters"
    assert filters.reason("حزب العمال الكردستاني في شمال العراق اليوم") == "longer than 6 words"
    assert filters.reason("حزب العمال الكردستاني") == ""


def protected(actor_id: str, name: str, *aliases: str) -> B.Actor:
    return B.Actor(name=name, type="ORG", aliases=[name, *aliases], sources=["curated"], actor_id=actor_id)


def test_an_alias_two_derived_actors_share_is_dropped_from_both():
    tallies = {s: B.Tally() for s in B.SOURCES}
    filters = B.Filters(stops=set(), evidence=B.Evidence())
    candidates = [
        B.Candidate(["جبهة الخلاص الوطني", "جبهة الخلاص"], "ORG", "SDN", "SDNREB", "petrarch"),
        B.Candidate(["جبهة الخلاص الوطنية", "جبهة الخلاص"], "ORG", "LBY", "LBYOPP", "newsfane"),
        B.Candidate(["وكالة الأنباء", "رويترز"], "ORG", "", "", "anercorp"),  # a curated alias: joins that actor
    ]
    actors = {a.name: a for a in B.merge([protected("reuters", "رويترز")], candidates, filters, tallies)}
    assert actors["جبهة الخلاص الوطني"].aliases == ["جبهة الخلاص الوطني"]
    assert actors["جبهة الخلاص الوطنية"].aliases == ["جبهة الخلاص الوطنية"]
    assert actors["رويترز"].aliases == ["رويترز"] and actors["رويترز"].sources == ["curated", "anercorp"]
    assert "وكالة الأنباء" not in actors  # unattested spellings never join a hand-kept actor
    assert (tallies["petrarch"].ambiguous, tallies["newsfane"].ambiguous) == (1, 1)


def test_a_place_lemma_without_the_article_joins_its_state_but_is_no_alias():
    """The dictionary writes المغرب as «مغرب_»: the candidate joins Morocco, but «مغرب» alone is sunset in the news text."""
    tallies = {s: B.Tally() for s in B.SOURCES}
    morocco = B.Actor(name="المغرب", type="GPE", aliases=["المغرب", "الرباط"], sources=["curated"], actor_id="morocco")
    evidence = B.Evidence(occurs=Counter({B.key("مغرب"): 9, B.key("المغرب"): 9}))
    actors = B.merge([morocco], [B.Candidate(["مغرب"], "GPE", "MAR", "MAR", "petrarch")], B.Filters(stops=set(), evidence=evidence), tallies)
    assert [(a.name, a.aliases, a.sources) for a in actors] == [("المغرب", ["المغرب", "الرباط"], ["curated", "petrarch"])]


def test_a_derived_spelling_of_a_recent_person_joins_them(table):
    assert "بنجامين نتنياهو" not in table.index
    assert table.loc["بنيامين نتنياهو", "source"] == "recent|petrarch"


# --- the whole file ---------------------------------------------------------------------------

def test_the_notice_and_counts_head_the_file(built):
    header = [line for line in built.splitlines() if line.startswith("#")]
    assert "#   Copyright (c) 2016 Fixture Data Alliance" in header
    assert any(line.startswith("#   curated: 5 read, 5 kept") for line in header)
    assert built.splitlines()[len(header)] == ",".join(B.COLUMNS)


def test_hand_kept_rows_come_first_with_their_ids(table, built):
    ids = pd.read_csv(io.StringIO(built), comment="#", dtype=str, keep_default_na=False)["actor_id"].tolist()
    assert ids[:9] == ["syria", "sudan", "united-states", "united-nations", "reuters",
                       "hezbollah", "bashar-al-assad", "benjamin-netanyahu", "isis"]
    assert table.loc["حزب الله", ["cameo", "source"]].tolist() == ["LBNREB", "recent|petrarch"]
    assert table.loc["الأمم المتحدة", "source"] == "curated|petrarch"  # أمة_متحد_ -> الأمم المتحدة joins it
    assert table.loc["مجلس الأمن الدولي", "actor_id"] == B.derived_id("مجلس الأمن الدولي")
    assert len(set(ids)) == len(ids)


def test_every_row_is_valid_and_no_alias_names_two_actors(table):
    assert set(table["type"]) <= set(B.TYPES)
    owners: dict[str, set[str]] = {}
    for name, row in table.iterrows():
        for alias in [name, *row["aliases"].split("|")]:
            owners.setdefault(B.key(alias), set()).add(row["actor_id"])
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_the_build_is_deterministic(built):
    assert B.build(SOURCES, curated=FIXTURE / "curated.csv", recent=FIXTURE / "recent.csv") == built


def test_check_reports_a_stale_file(tmp_path, built, monkeypatch):
    out = tmp_path / "actors.csv"
    original = B.build
    monkeypatch.setattr(B, "build", lambda shared: original(shared, curated=FIXTURE / "curated.csv", recent=FIXTURE / "recent.csv"))
    assert B.main(["--shared", str(SOURCES), "--out", str(out), "--check"]) == 1
    assert B.main(["--shared", str(SOURCES), "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == built
    assert B.main(["--shared", str(SOURCES), "--out", str(out), "--check"]) == 0


def test_a_missing_source_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="actor_dict_ar_v4.txt"):
        B.build(tmp_path, curated=FIXTURE / "curated.csv", recent=FIXTURE / "recent.csv")


def test_the_built_file_loads_as_an_actor_dictionary(tmp_path, built):
    from kit.extract import actors

    path = tmp_path / "actors.csv"
    path.write_text(built, encoding="utf-8")
    lookup = actors.load_dictionary(path)
    assert lookup.index[B.key("حلب")][0] == B.derived_id("حلب")
    assert lookup.index[B.key("السودانية")] == ("sudan", True)


# --- the shipped file -------------------------------------------------------------------------

needs_shared = pytest.mark.skipif(
    not (SHARED / B.PETRARCH_FILE).exists(),
    reason=f"the open sources are not at {SHARED} (../shared beside the repo); CI has them",
)


@needs_shared
def test_the_shipped_gazetteer_is_what_the_sources_build():
    shipped = (ROOT / "kit" / "lexicons" / "ar" / "actors.csv").read_text(encoding="utf-8")
    assert B.build(SHARED) == shipped, "actors.csv is stale: run python -m kit.lexicons.build_actors"


def test_the_shipped_gazetteer_keeps_the_curated_ids_and_loads_fast():
    from kit.extract import actors

    curated = B.read_hand(B.CURATED, "curated")
    shipped = pd.read_csv(ROOT / "kit" / "lexicons" / "ar" / "actors.csv", comment="#", dtype=str, keep_default_na=False)
    assert list(shipped["actor_id"][: len(curated)]) == [a.actor_id for a in curated]
    assert list(shipped.columns) == list(B.COLUMNS)
    started = time.perf_counter()
    lookup = actors.load_dictionary(ROOT / "kit" / "lexicons" / "ar" / "actors.csv")
    assert time.perf_counter() - started < 2.0  # about 0.2 s here; the kit caches the default once per process
    assert lookup.index[B.key("بشار الأسد")] == ("bashar-al-assad", False)
    assert lookup.max_tokens <= B.MAX_WORDS


# --- places the unannotated news corpus names ---------------------------------------------------

def test_the_fixture_news_table_holds_the_hand_written_articles():
    lines = [line for line in (FIXTURE / "news_texts.txt").read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]
    assert B.read_news_texts(SOURCES / B.NEWS_DIR) == lines


@pytest.mark.parametrize("name, kind", [
    ("درعا", "GPE"),  # after مدينة، محافظة، بلدة: a town
    ("دير الزور", "GPE"),  # named by two words: the second follows the first every time
    ("سولاويسي", "LOC"),  # after جزيرة and منطقة: a region
])
def test_a_word_the_news_names_after_several_place_nouns_is_a_place(table, name, kind):
    assert table.loc[name, ["type", "source"]].tolist() == [kind, "news"]


@pytest.mark.parametrize("word", [
    "الجزاء",  # «منطقة الجزاء», the penalty box: after one kind of place noun only
    "ساحلية",  # «مدينة ساحلية»: an indefinite nisba adjective
    "منكوبة",  # «منطقة منكوبة»: a participle
    "دير",  # the first word of دير الزور, never a place alone
    "سانت",  # the first word of many names (سانت بطرسبرغ، سانت لويس), none of them often enough
])
def test_words_after_place_nouns_that_name_no_place_are_dropped(table, word):
    assert word not in table.index


def test_a_gazetteer_town_the_news_names_after_a_place_noun_is_kept(built, table):
    assert table.loc["بيروت", "source"] == "anercorp"  # not in ANERcorp's text, but «مدينة بيروت» in the news
    assert "صور" not in table.index  # in the gazetteer too, but a common word and never after a place noun
    news = next(line for line in built.splitlines() if line.startswith("#   news:"))
    assert "1 a word that follows only one kind of place noun" in news


@pytest.mark.parametrize("word, expected", [("منكوبه", True), ("يقطنها", True), ("وبلده", True), ("درعا", False),
                                            ("المنصوره", False)])
def test_participles_verbs_and_place_nouns_name_no_place(word, expected):
    assert B._not_a_name(word) is expected
