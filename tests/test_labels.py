"""kit.reporting.labels: actors by name, unnamed speakers folded into one group each."""

import pandas as pd
import pytest

from kit.reporting import labels


@pytest.mark.parametrize("text, key", [
    ("المسؤولون", "مسوول"), ("المسؤولين", "مسوول"), ("المسؤول", "مسوول"), ("أحد المسؤولين", "مسوول"),
    ("مسؤولة", "مسوول"), ("بعض الدبلوماسيين", "دبلوماسي"), ("عدد من النواب", "نواب"), ("الوزير", "وزير"),
    ("مصادر مطلعة", "مصادر مطلعه"),
])
def test_unnamed_speakers_fold_into_their_group(text, key):
    assert labels.unnamed_key(text) == key


def test_party_labels_name_actors_and_give_each_unnamed_group_its_commonest_form():
    texts = pd.Series(["المسؤولون", "المسؤولين", "أحد المسؤولين", "بوتين", "المسؤولون", "", "مصادر"])
    ids = pd.Series(["", "", "", "putin", "", "", ""])
    actors = pd.DataFrame({"actor_id": ["putin"], "name": ["فلاديمير بوتين"]})
    assert labels.party_labels(texts, ids, actors).tolist() == [
        "المسؤولون", "المسؤولون", "المسؤولون", "فلاديمير بوتين", "المسؤولون", "", "مصادر"]
