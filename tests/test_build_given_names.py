"""kit.lexicons.build_given_names: the given-names list is built from its sources by readable rules, reproducibly.

The rule tests build from small hand-made stand-ins for the sources in a temporary folder; one test checks
that the shipped given_names.csv is exactly what the script builds from ../shared.
"""

from __future__ import annotations

import pytest

from kit.lexicons import build_given_names as G

from conftest import ROOT, SHARED

TRAIN = """\
قال\tO
محمد\tB-PERS
الأحمد\tI-PERS
و\tO
محمد\tB-PERS
العلي\tI-PERS
و\tO
سامر\tB-PERS
الأسد\tI-PERS
و\tO
بشار\tB-PERS
الأسد\tI-PERS
و\tO
ماهر\tB-PERS
الأسد\tI-PERS
مطلق\tO
مطلق\tO
"""
GAZETTEER = "سعدون\nمطلق\nالغنامي\n***\n"
UD_COMMON = "1\tإدارة\tإدارة\tNOUN\t_\t_\t0\troot\t_\t_\n\n"


@pytest.fixture
def sources(tmp_path):
    (tmp_path / G.ANER_TRAIN).parent.mkdir(parents=True)
    (tmp_path / G.ANER_TRAIN).write_text(TRAIN, encoding="utf-8")
    (tmp_path / G.ANER_GAZETTEER).write_text(GAZETTEER, encoding="utf-8")
    for path in G.UD_FILES:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(UD_COMMON, encoding="utf-8")
    return tmp_path


def names(text: str) -> dict[str, str]:
    rows = [line.split(",") for line in text.splitlines() if line and not line.startswith("#")][1:]
    return dict(rows)


@pytest.mark.parametrize("word, source", [
    ("محمد", "anercorp_names"),  # opens two names
    ("سعدون", "anercorp_gazetteer"),  # a gazetteer name part no annotator left untagged
])
def test_words_that_open_names_are_given_names(sources, word, source):
    assert source in names(G.build(sources))[word].split("|")


@pytest.mark.parametrize("word", [
    "الاسد",  # ends names (and has the article)
    "سامر",  # opens a single name in the corpus: one-off evidence
    "مطلق",  # a gazetteer word the annotators left untagged: a common word («absolute»)
    "الغنامي",  # a family name with the article
    "***",  # not a word
    "اداره",  # a common noun in the treebanks (also the first word of junk PER rows in actors.csv)
])
def test_family_names_common_words_and_one_offs_are_left_out(sources, word):
    assert word not in names(G.build(sources))


def test_a_missing_source_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="train.bio"):
        G.build(tmp_path)


def test_check_reports_a_stale_file(sources, tmp_path):
    out = tmp_path / "given_names.csv"
    out.write_text("name,source\n", encoding="utf-8")
    assert G.main(["--shared", str(sources), "--out", str(out), "--check"]) == 1
    assert G.main(["--shared", str(sources), "--out", str(out)]) == 0
    assert G.main(["--shared", str(sources), "--out", str(out), "--check"]) == 0


@pytest.mark.skipif(not (SHARED / G.ANER_TRAIN).exists(), reason=f"the open sources are not at {SHARED}; CI has them")
def test_the_shipped_list_is_what_the_sources_build():
    shipped = (ROOT / "kit" / "lexicons" / "ar" / "given_names.csv").read_text(encoding="utf-8")
    assert G.build(SHARED) == shipped, "given_names.csv is stale: run python -m kit.lexicons.build_given_names"
