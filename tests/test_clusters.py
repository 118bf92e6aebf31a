"""Claim clusters: the same statement carried by several documents, different statements kept apart."""

import pandas as pd
import pytest

from kit.extract import claims as claims_stage
from kit.extract import clusters
from kit.frames import DOCUMENTS

STATEMENT = "إن الولايات المتحدة لن تسمح باستخدام الأسلحة الكيميائية في سوريا مرة أخرى"

SAME = [  # the statement as another outlet carries it
    ("a conjunction and a spelling", "وإن الولايات المتحدة لن تسمح باستخدام الاسلحة الكيماوية في سوريا مرة اخرى"),
    ("diacritics and quotation marks", "«إنّ الولاياتِ المتحدةَ لن تسمح باستخدام الأسلحة الكيميائية في سوريا مرة أخرى»"),
    ("a clause dropped", "إن الولايات المتحدة لن تسمح باستخدام الأسلحة الكيميائية في سوريا"),
]
DIFFERENT = [  # the same topic and function words, another statement
    ("another speaker's claim on the topic", "إن روسيا لم تستخدم أي أسلحة في الغوطة الشرقية وإن الاتهامات باطلة"),
    ("another claim with the same opening", "إن الولايات المتحدة ستفرض عقوبات جديدة على موسكو خلال أيام"),
    ("the same words in another order and sense", "لن تسمح سوريا للولايات المتحدة بأن تبقى على أراضيها مرة أخرى"),
]


def _claims(*rows):
    """A claims table from (claim_id, doc_id, content, speaker_actor_id) rows."""
    return claims_stage.CLAIMS.frame(
        (claim_id, doc_id, 0, "", speaker, "قال", "قال", "indirect", content, "", "", 0, len(content), content)
        for claim_id, doc_id, content, speaker in rows)


def _documents(*rows):
    """A documents table from (doc_id, source, date) rows."""
    return DOCUMENTS.frame((doc_id, "", source, date, "", 0, 0, 0) for doc_id, source, date in rows)


DOCS = _documents(("d1", "CNN", "2018-04-14T10:00:00Z"), ("d2", "BBC", "2018-04-14T08:00:00Z"),
                  ("d3", "skynews", "2018-04-15T09:00:00Z"))


@pytest.mark.parametrize("case, variant", SAME, ids=[case for case, _ in SAME])
def test_the_same_statement_in_two_outlets_is_one_cluster(case, variant):
    table = clusters.cluster(_claims(("d1-c0", "d1", STATEMENT, "trump"), ("d2-c0", "d2", variant, "haley")), DOCS)
    assert sorted(table["claim_id"]) == ["d1-c0", "d2-c0"]
    assert table["cluster_id"].nunique() == 1


@pytest.mark.parametrize("case, other", DIFFERENT, ids=[case for case, _ in DIFFERENT])
def test_different_statements_stay_apart(case, other):
    table = clusters.cluster(_claims(("d1-c0", "d1", STATEMENT, "trump"), ("d2-c0", "d2", other, "")), DOCS)
    assert table.empty


def test_a_cluster_starts_with_the_earliest_report_and_carries_outlet_date_and_speaker():
    table = clusters.cluster(_claims(("d1-c0", "d1", STATEMENT, "trump"), ("d2-c3", "d2", SAME[0][1], "haley"),
                                     ("d3-c1", "d3", SAME[1][1], "")), DOCS)
    assert table["claim_id"].tolist() == ["d2-c3", "d1-c0", "d3-c1"]  # BBC at 08:00, CNN at 10:00, Sky the next day
    assert table["cluster_id"].unique().tolist() == ["cl-d2-c3"]
    assert table["source"].tolist() == ["BBC", "CNN", "skynews"]
    assert table["speaker_actor_id"].tolist() == ["haley", "trump", ""]
    assert table.columns.tolist() == clusters.CLAIM_CLUSTERS.names


def test_two_statements_make_two_clusters_and_unrelated_claims_none():
    rows = [("d1-c0", "d1", STATEMENT, ""), ("d2-c0", "d2", SAME[2][1], ""),
            ("d1-c1", "d1", DIFFERENT[0][1], ""), ("d3-c0", "d3", "و" + DIFFERENT[0][1], ""),
            ("d2-c1", "d2", DIFFERENT[1][1], "")]
    table = clusters.cluster(_claims(*rows), DOCS)
    members = table.groupby("cluster_id")["claim_id"].apply(sorted).tolist()
    assert sorted(members) == [["d1-c0", "d2-c0"], ["d1-c1", "d3-c0"]]


@pytest.mark.parametrize("rows, why", [
    ([("d1-c0", "d1", STATEMENT, ""), ("d1-c4", "d1", SAME[0][1], "")], "one document repeating itself"),
    ([("d1-c0", "d1", "ذلك صحيح", ""), ("d2-c0", "d2", "ذلك صحيح", "")], "contents too short to be a statement"),
    ([], "no claims"),
])
def test_no_cluster_without_two_documents_carrying_a_real_statement(rows, why):
    table = clusters.cluster(_claims(*rows), DOCS)
    assert table.empty and table.columns.tolist() == clusters.CLAIM_CLUSTERS.names


@pytest.mark.parametrize("a, b, expected", [
    ("إنّ الهدنة", "ان الهدنه", 1.0),
    ("الهدنة", "", 0.0),
])
def test_jaccard_of_folded_shingles(a, b, expected):
    assert clusters.jaccard(clusters.shingles(a), clusters.shingles(b)) == expected


def test_groups_join_chains_and_leave_singletons_out():
    assert clusters.groups("abcde", [("a", "b"), ("b", "c"), ("d", "d")]) == [["a", "b", "c"]]


def test_documents_without_dates_still_cluster_after_the_dated_ones():
    docs = _documents(("d1", "CNN", ""), ("d2", "BBC", "2018-04-14"))
    table = clusters.cluster(_claims(("d1-c0", "d1", STATEMENT, ""), ("d2-c0", "d2", SAME[0][1], "")), docs)
    assert table["claim_id"].tolist() == ["d2-c0", "d1-c0"]
