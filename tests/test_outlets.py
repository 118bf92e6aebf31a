"""Outlets side by side: shares with bootstrap intervals over documents, differences, speakers, sources, stances."""

import numpy as np
import pandas as pd
import pytest

from kit.reporting import outlets

from news_tables import news_tables


@pytest.fixture
def tables():
    return news_tables()


def test_shares_count_each_outlets_claims_and_bracket_the_share(tables):
    shares = outlets.shares(tables["claims"], tables["documents"], "mode", n_boot=200)
    bbc = shares[(shares["outlet"] == "BBC")].set_index("category")
    assert bbc.loc["direct", "count"] == 2 and bbc.loc["direct", "total"] == 2 and bbc.loc["direct", "share"] == 1.0
    assert bbc.loc["indirect", "share"] == 0.0
    assert (shares["low"] <= shares["share"] + 1e-12).all() and (shares["share"] <= shares["high"] + 1e-12).all()


def test_the_interval_narrows_with_more_documents():
    """The same 50/50 split in 4 documents and in 400: the bootstrap interval over documents is much wider for 4."""
    def interval(n_docs):
        claims = pd.DataFrame({"doc_id": [f"d{i}" for i in range(n_docs)], "mode": ["direct", "indirect"] * (n_docs // 2)})
        documents = pd.DataFrame({"doc_id": claims["doc_id"], "source": "BBC"})
        row = outlets.shares(claims, documents, "mode", n_boot=500).set_index("category").loc["direct"]
        return row["high"] - row["low"]
    assert interval(400) < interval(4) / 3


def test_the_bootstrap_resamples_documents_not_claims():
    """One document with 9 direct claims and nine with one indirect each: resampling documents gives a wide interval."""
    claims = pd.DataFrame({"doc_id": ["big"] * 9 + [f"d{i}" for i in range(9)], "mode": ["direct"] * 9 + ["indirect"] * 9})
    documents = pd.DataFrame({"doc_id": ["big"] + [f"d{i}" for i in range(9)], "source": "BBC"})
    row = outlets.shares(claims, documents, "mode", n_boot=1000).set_index("category").loc["direct"]
    assert row["share"] == 0.5 and row["low"] == 0.0 and row["high"] > 0.6


def test_differences_support_a_real_gap_and_not_a_coin_toss():
    many = [f"b{i}" for i in range(60)] + [f"c{i}" for i in range(60)]
    claims = pd.DataFrame({"doc_id": many, "mode": ["direct"] * 60 + ["indirect"] * 60})
    documents = pd.DataFrame({"doc_id": many, "source": ["BBC"] * 60 + ["CNN"] * 60})
    gap = outlets.differences(claims, documents, "mode", n_boot=300).set_index(["outlet", "category"])
    assert gap.loc[("BBC", "direct"), "difference"] == 1.0 and gap.loc[("BBC", "direct"), "supported"]
    even = claims.assign(mode=["direct", "indirect"] * 60)  # the same split in both outlets
    same = outlets.differences(even, documents, "mode", n_boot=300).set_index(["outlet", "category"])
    assert abs(same.loc[("BBC", "direct"), "difference"]) < 1e-9 and not same.loc[("BBC", "direct"), "supported"]


def test_differences_need_two_outlets(tables):
    one = tables["documents"].assign(source="BBC")
    assert outlets.differences(tables["claims"], one, "mode").empty


@pytest.mark.parametrize("outlet, kind", [("BBC", "PER"), ("CNN", "unnamed"), ("skynews", "unnamed")])
def test_speaker_types_tell_actors_from_unnamed_sources(tables, outlet, kind):
    claims = outlets.speaker_types(tables)
    outlet_docs = set(tables["documents"].query("source == @outlet")["doc_id"])
    assert set(claims[claims["doc_id"].isin(outlet_docs)]["speaker_type"]) == {kind}


def test_speakers_are_named_and_the_rare_ones_folded(tables):
    claims = outlets.speakers(tables, n=1)
    assert set(claims["speaker"]) == {"مسؤولون", outlets.OTHER}  # the commonest kept (4 of 6), Putin (2) folded
    assert set(outlets.speakers(tables, n=2)["speaker"]) == {"مسؤولون", "فلاديمير بوتين"}


def test_sources_are_the_claims_that_name_one(tables):
    relied = outlets.sources(tables)
    assert relied["doc_id"].tolist() == ["c1", "c2"] and set(relied["relied_on"]) == {"رويترز"}


def test_stance_polarity_per_outlet_and_target(tables):
    table = outlets.stance_polarity(tables).set_index("outlet")
    assert table.loc["BBC", "mean_polarity"] == -1 and table.loc["BBC", "n"] == 2 and table.loc["BBC", "against"] == 2
    assert table.loc["skynews", "mean_polarity"] == 1 and table.loc["skynews", "for"] == 2
    assert set(table["target"]) == {"روسيا"}


def test_summary_has_one_row_per_outlet(tables):
    summary = outlets.summary(tables).set_index("outlet")
    assert summary["documents"].to_dict() == {"BBC": 2, "CNN": 2, "skynews": 2}
    assert summary.loc["BBC", "direct_share"] == 1.0 and summary.loc["CNN", "direct_share"] == 0.0
