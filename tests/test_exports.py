"""Exports: the networks load back in networkx, the Parquet tables in pandas, the CoNLL-U carries the kit's layers."""

import networkx as nx
import pandas as pd
import pytest

from kit.modeltools import conllu
from kit.reporting import exports
from kit.stages import TABLES

SENTENCE = "وقال بوتين إن روسيا تدين الهجوم"


def _table(name, *rows):
    return TABLES[name].frame(rows)


@pytest.fixture
def tables():
    """One sentence: «وقال» and «إن» unsplit, «وقال» a multi-word token (و + قال); Putin condemns, Russia is mentioned."""
    words = [  # doc_id sent_idx token_idx word_idx token word lemma lemma_plain upos feats head deprel ner start end
        ("d1", 0, 1, 1, "وقال", "و", "وَ", "و", "CCONJ", "", 2, "cc", "O", 0, 4),
        ("d1", 0, 1, 2, "وقال", "قال", "قَال", "قال", "VERB", "Voice=Act", 0, "root", "O", 0, 4),
        ("d1", 0, 2, 3, "بوتين", "بوتين", "بوتين", "بوتين", "PROPN", "", 2, "nsubj", "S-PER", 5, 10),
        ("d1", 0, 3, 4, "إن", "إن", "إِنَّ", "إن", "SCONJ", "", 6, "mark", "O", 11, 13),
        ("d1", 0, 4, 5, "روسيا", "روسيا", "روسيا", "روسيا", "PROPN", "", 6, "nsubj", "S-GPE", 14, 19),
        ("d1", 0, 5, 6, "تدين", "تدين", "دَان", "دان", "VERB", "", 2, "ccomp", "O", 20, 24),
        ("d1", 0, 6, 7, "الهجوم", "الهجوم", "هُجُوم", "هجوم", "NOUN", "", 6, "obj", "O", 25, 31),
    ]
    return {
        "documents": _table("documents", ("d1", "t", "CNN", "2018-04-14", "a.txt", len(SENTENCE), 1, 7)),
        "sentences": _table("sentences", ("d1", 0, SENTENCE, 0, len(SENTENCE), 6, 7)),
        "words": _table("words", *words),
        "entities": _table("entities", ("d1", 0, "بوتين", "PER", 5, 10)),
        "actors": _table("actors", ("putin", "فلاديمير بوتين", "PER", "بوتين", 1, 1, "RUS", "RUSGOV"),
                         ("russia", "روسيا", "GPE", "روسيا", 1, 1, "RUS", "RUS")),
        "mentions": _table("mentions", ("d1", 0, "putin", "بوتين", "PER", 5, 10, "dictionary"),
                           ("d1", 0, "russia", "روسيا", "GPE", 14, 19, "dictionary")),
        "actor_edges": _table("actor_edges", ("putin", "russia", 1, 1)),
        "claims": _table("claims", ("d1-c0", "d1", 0, "بوتين", "putin", "قال", "قال", "indirect", "روسيا تدين الهجوم",
                                    "", "", 14, 31, SENTENCE)),
        "stances": _table("stances", ("d1-s0", "d1", 0, "روسيا", "russia", "الهجوم", "", -1, "condemn", "تدين", False,
                                      "d1-c0", 20, 24, SENTENCE, "111"),
                          ("d1-s1", "d1", 0, "بوتين", "putin", "روسيا", "russia", 1, "support", "قال", False, "", 0, 4,
                           SENTENCE, "051")),
        "stance_matrix": _table("stance_matrix", ("putin", "russia", 1.0, 1)),
        "claim_clusters": _table("claim_clusters"),
    }


def test_the_networks_load_back_in_networkx_with_their_attributes(tables, tmp_path):
    written = exports.write_networks(tables, tmp_path)
    assert sorted(p.name for p in written) == ["actors.gexf", "actors.graphml", "stances.gexf", "stances.graphml"]
    for reader, suffix in ((nx.read_gexf, "gexf"), (nx.read_graphml, "graphml")):
        actors = reader(tmp_path / f"actors.{suffix}")
        assert set(actors.nodes) == {"putin", "russia"} and actors.nodes["putin"]["label"] == "فلاديمير بوتين"
        assert actors.nodes["putin"]["cameo"] == "RUSGOV" and actors.edges["putin", "russia"]["weight"] == 1
        stances = reader(tmp_path / f"stances.{suffix}")
        assert stances.is_directed() and list(stances.edges) == [("putin", "russia")]  # a target without actor left out
        assert stances.edges["putin", "russia"]["sign"] == 1 and stances.edges["putin", "russia"]["labels"] == "support"


def test_the_parquet_tables_read_back_with_the_same_columns_and_types(tables, tmp_path):
    exports.write_parquet(tables, tmp_path)
    for name, table in tables.items():
        back = pd.read_parquet(tmp_path / f"{name}.parquet")
        assert back.columns.tolist() == table.columns.tolist(), name
        pd.testing.assert_frame_equal(back, table, check_dtype=False, obj=name)
    assert pd.read_parquet(tmp_path / "claim_clusters.parquet").empty  # an empty table keeps its columns


def test_the_layered_conllu_reads_back_with_multiword_tokens_and_the_kit_layers(tables):
    text = exports.kit_conllu(tables)
    assert len(conllu.parse_conllu(text)) == 1  # valid CoNLL-U for the kit's own reader
    lines = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    assert lines[0][:2] == ["1-2", "وقال"]
    misc = {row[1]: row[9].split("|") for row in lines if "-" not in row[0]}
    assert "Actor=putin" in misc["بوتين"] and "NER=S-PER" in misc["بوتين"]
    assert {"Actor=russia", "Claim=d1-c0"} <= set(misc["روسيا"])
    assert "StanceCue=d1-s0" in misc["تدين"] and "Claim=d1-c0" in misc["تدين"]
    assert not any(item.startswith(("Actor", "Claim")) for item in misc["إن"])
    assert "# doc_id = d1" in text and f"# text = {SENTENCE}" in text
    assert sum("-" not in row[0] for row in lines) == 7


def test_write_all_puts_every_export_under_one_folder(tables, tmp_path):
    written = exports.write_all(tables, tmp_path / "exports")
    names = {str(p.relative_to(tmp_path / "exports")) for p in written}
    assert {"actors.gexf", "stances.graphml", "corpus.kit.conllu", "parquet/words.parquet"} <= names
    assert not list((tmp_path / "exports").rglob(".*.tmp"))
