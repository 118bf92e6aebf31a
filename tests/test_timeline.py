"""Actors over time: counts per period with empty periods filled, peaks against the median, the sentences behind a peak."""

import pandas as pd
import pytest

from kit.reporting import timeline

from news_tables import news_tables


@pytest.fixture
def tables():
    return news_tables()


def test_activity_counts_per_week_with_every_week_present(tables):
    activity = timeline.activity(tables, ["putin"], freq="week")
    mentions = activity[activity["measure"] == "mentions"].set_index("period")["n"]
    assert mentions.to_dict() == {pd.Timestamp("2018-04-02"): 2, pd.Timestamp("2018-04-09"): 5, pd.Timestamp("2018-04-16"): 1}
    assert activity.attrs["undated"] == 1  # s2 has no date
    assert set(activity["name"]) == {"فلاديمير بوتين"}


def test_claims_count_the_speaker_and_stances_both_sides(tables):
    activity = timeline.activity(tables, ["putin", "russia"], freq="month").set_index(["actor_id", "measure"])["n"]
    assert activity[("putin", "claims")] == 2  # BBC quotes him twice; the others quote officials
    assert activity[("putin", "stances")] == 5 and activity[("russia", "stances")] == 5  # holder and target, undated left out
    assert activity[("russia", "claims")] == 0


def test_a_burst_is_a_peak_and_a_steady_series_is_not(tables):
    peaks = timeline.peaks(timeline.activity(tables, ["putin"]))
    assert peaks[["actor_id", "period", "n"]].values.tolist() == [["putin", pd.Timestamp("2018-04-09"), 5]]
    assert timeline.peaks(timeline.activity(tables, ["putin"]), measure="claims").empty  # 1 and 1


def test_the_sentences_behind_a_peak_come_from_different_documents_first(tables):
    peaks = timeline.peaks(timeline.activity(tables, ["putin"]))
    sentences = timeline.peak_sentences(tables, peaks, n=2)
    assert sorted(sentences["doc_id"]) == ["b2", "c2"]
    row = sentences.iloc[0]
    assert row["text"][row["start_char"] - row["sent_start"]:row["end_char"] - row["sent_start"]] == "بوتين"


@pytest.mark.parametrize("wanted, expected", [(["putin"], ["putin"]), (["بوتين"], ["putin"]), (["روسيا", "فلاديمير بوتين"],
                                                                                              ["russia", "putin"])])
def test_actors_are_found_by_id_name_or_alias(tables, wanted, expected):
    assert timeline.resolve_actors(tables, wanted) == expected


def test_an_unknown_actor_is_named_in_the_error(tables):
    with pytest.raises(ValueError, match="no actor 'ماكرون'"):
        timeline.resolve_actors(tables, ["ماكرون"])


def test_an_unknown_period_is_refused(tables):
    with pytest.raises(ValueError, match="unknown period 'fortnight'"):
        timeline.activity(tables, ["putin"], freq="fortnight")


def test_no_dates_gives_an_empty_timeline_that_says_so(tables):
    undated = {**tables, "documents": tables["documents"].assign(date="")}
    activity = timeline.activity(undated, ["putin"])
    assert activity.empty and activity.attrs["undated"] == 6
