"""The development gold (tests/gold/news/): enough readings, every passage in its article, a fixed split."""

import os
from pathlib import Path

import pytest

from kit.modeltools import gold

from conftest import ROOT

GOLD = ROOT / "tests" / "gold" / "news"
SPLIT = gold.Split.read(GOLD)
READINGS = {path.name: gold.load_gold(path) for path in gold.gold_files([GOLD])}


def outlet(document: str) -> str:
    """The outlet of a development article, from its file name (`cnn-CN-middleEast-1104-20180604.txt` -> cnn)."""
    return document.split("-", 1)[0]


@pytest.fixture(scope="module")
def articles() -> Path:
    """The development articles (../shared/corpora/news/dev); skipped without them, a failure in CI."""
    if SPLIT.articles is not None and SPLIT.articles.is_dir():
        return SPLIT.articles
    message = f"the development articles are not at {SPLIT.articles} (../shared beside the repository)"
    if os.environ.get("KIT_REQUIRE_MODEL") == "1":
        pytest.fail(message)
    pytest.skip(message)


def test_enough_readings_from_enough_outlets():
    documents = [reading["document"] for reading in READINGS.values()]
    assert len(documents) >= 24 and len(set(documents)) == len(documents)
    assert len({outlet(d) for d in documents}) >= 12


def test_the_split_covers_every_reading_once_and_keeps_each_outlet_on_one_side():
    documents = {reading["document"] for reading in READINGS.values()}
    assert set(SPLIT.halves) == documents
    sides = {}
    for document, half in SPLIT.halves.items():
        assert sides.setdefault(outlet(document), half) == half, f"{outlet(document)} is on both sides"
    pan_arab = {"alarabia", "bbc", "cnn", "france24", "skynews"}
    for half in ("tune", "check"):
        outlets = {o for o, side in sides.items() if side == half}
        assert outlets & pan_arab and outlets - pan_arab, f"{half} lacks a kind of outlet"


@pytest.mark.parametrize("name", sorted(READINGS))
def test_every_passage_of_a_reading_is_in_its_article(name, articles):
    reading = READINGS[name]
    assert name == reading["document"].replace(".txt", ".yaml")
    assert reading["actors"] and reading["claims"], "a reading lists actors and claims"
    assert reading.get("stances_exhaustive") is True
    assert gold.gold_problems(reading, (articles / reading["document"]).read_text(encoding="utf-8")) == []


@pytest.fixture(scope="module")
def check_scores(model_dir, articles):
    """Micro scores of the kit on the `check` half, with the model in use."""
    grading = gold.evaluate([GOLD], half="check", model_dir=model_dir)
    return grading.totals.set_index("document").loc["total"]


# Scores on the check half before any tuning on this gold (stanza-ar-small, README): a change may not
# fall more than a few points below them.
BASELINE = {"actors_p": 41.6, "actors_r": 30.4, "central_r": 38.7, "claims_p": 72.5, "claims_r": 54.0, "speaker": 19.6}


@pytest.mark.model
@pytest.mark.parametrize("score", sorted(BASELINE))
def test_the_kit_on_the_check_half_is_no_worse_than_the_baseline(check_scores, score):
    assert check_scores[score] >= BASELINE[score] - 5, f"{score}: {check_scores[score]} (baseline {BASELINE[score]})"


TARGETS = [  # what the open issues promise on the check half; known misses until they land
    ("central_r", 95, "issue 14: central actors of real news are missed (places and bodies no source lists, names the model splits)"),
    ("actors_p", 90, "issue 14: bodies the gold does not count (embassies, unnamed forces) and name fragments are taken for actors"),
    ("claims_r", 90, "issue 15: cues and complements not yet covered, sentences the model splits in two"),
    ("claims_p", 90, "issue 15: non-attributions (وفقا لـ in accordance with) and events told with a cue verb are taken for claims"),
    ("speaker", 85, "issue 15: speakers the actor stage misses (names the model tags as verbs), pro-drop across sentences"),
    ("stances_r", 60, "issue 15: most gold stances rest on evaluative words in a claim (غطرسة، إنجاز) and coreference (مقر حزب سياسي)"),
    ("stances_p", 70, "issue 15: holders from junk speakers, targets from inside quotations"),
]


@pytest.mark.model
@pytest.mark.parametrize("score, target", [pytest.param(s, t, marks=pytest.mark.xfail(strict=True, reason=r))
                                           for s, t, r in TARGETS])
def test_the_kit_on_the_check_half_meets_the_issue_targets(check_scores, score, target):
    assert (check_scores[score] or 0) >= target
