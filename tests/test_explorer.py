"""The explorer's data: the menus, the evidence behind a choice with its spans, the document view."""

import pytest

from kit.reporting import explorer

from news_tables import news_tables


@pytest.fixture
def tables():
    return news_tables()


@pytest.mark.parametrize("kind, first", [("actor", "putin"), ("outlet", "BBC"), ("label", "condemn")])
def test_choices_list_the_commonest_first(tables, kind, first):
    assert explorer.choices(tables, kind)[0][1] == first


def test_an_actors_evidence_holds_its_mentions_claims_and_stances(tables):
    rows = explorer.evidence(tables, "actor", "putin")
    assert rows["what"].value_counts().to_dict() == {"mention": 9, "stance": 6, "claim": 2}
    for row in rows.itertuples():
        for start, end, _ in row.spans:
            assert 0 <= start - row.offset < end - row.offset <= len(row.text)
    mention = rows[rows["what"] == "mention"].iloc[0]
    start, end, kind = mention["spans"][0]
    assert kind == "actor" and mention["text"][start - mention["offset"]:end - mention["offset"]] == "بوتين"
    assert rows["date"].tolist() == sorted(rows["date"])  # in date order, undated first


def test_an_outlets_evidence_is_the_claims_and_stances_of_its_documents(tables):
    rows = explorer.evidence(tables, "outlet", "CNN")
    assert set(rows["doc_id"]) == {"c1", "c2"} and set(rows["what"]) == {"claim", "stance"}
    assert all("رويترز" in s for s in rows.loc[rows["what"] == "claim", "summary"])


def test_a_labels_evidence_is_its_stances(tables):
    rows = explorer.evidence(tables, "label", "support")
    assert set(rows["source"]) == {"skynews"} and set(rows["what"]) == {"stance"}


def test_the_evidence_html_marks_the_spans_right_to_left(tables):
    markup = explorer.evidence_html(explorer.evidence(tables, "actor", "putin"), n=2)
    assert markup.count("class='evidence'") == 2 and '<mark class="actor">بوتين</mark>' in markup
    assert 'dir="rtl"' in markup and "more; raise n" in markup


def test_a_document_opens_whole_with_its_marks(tables):
    markup = explorer.document_html(tables, "b2", [(44, 49, "actor")])
    assert markup.count("class='sentence'") == 3 and markup.count("<mark") == 1
    with pytest.raises(KeyError, match="no document 'zz'"):
        explorer.document_html(tables, "zz")


@pytest.mark.parametrize("kind", ["speaker", ""])
def test_an_unknown_kind_is_refused(tables, kind):
    with pytest.raises(ValueError, match="unknown kind"):
        explorer.evidence(tables, kind, "x")


def test_the_widget_builds_and_follows_the_menus(tables):
    view = explorer.explorer(tables)
    kind, value, shown, document, opened = view.children
    assert value.options[0][1] == "putin"
    kind.value = "outlet"
    assert [v for _, v in value.options] == ["BBC", "CNN", "skynews"]
    value.value = "CNN"
    assert [v for _, v in document.options][1:] == ["c1", "c2"] or [v for _, v in document.options][1:] == ["c2", "c1"]
