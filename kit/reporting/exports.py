"""Exports for the tools researchers already use: networks for Gephi and networkx, Parquet, CoNLL-U with the kit's layers.

    exports/actors.gexf, actors.graphml      co-occurrence network (nodes: actors; edges: shared sentences)
    exports/stances.gexf, stances.graphml    signed stance network (holder -> target; sign, weight, labels)
    exports/parquet/NAME.parquet             every table, the same columns and types as tables/NAME.csv
    exports/corpus.kit.conllu                the parse, each word's MISC carrying its actor, claim and stance ids

Each reads a run's tables (`kit.read_run`), so it works on any `kit run` or `kit parse --out` folder.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit.io import atomic_write
from kit.stages import TABLES

Tables = dict[str, pd.DataFrame]


def cooccurrence_graph(tables: Tables):
    """The actor co-occurrence network as a networkx Graph: node attributes name, type, mentions; edge weight, n_docs."""
    import networkx as nx

    graph = nx.Graph()
    for row in tables["actors"].itertuples(index=False):
        graph.add_node(row.actor_id, label=row.name, type=row.type, n_mentions=int(row.n_mentions),
                       n_docs=int(row.n_docs), country=row.country, cameo=row.cameo)
    for row in tables["actor_edges"].itertuples(index=False):
        graph.add_edge(row.actor_a, row.actor_b, weight=int(row.weight), n_docs=int(row.n_docs))
    return graph


def stance_graph(tables: Tables):
    """The stance network as a networkx DiGraph: one edge holder -> target with its mean polarity, count and labels."""
    import networkx as nx

    graph = nx.DiGraph()
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"]))
    types = dict(zip(tables["actors"]["actor_id"], tables["actors"]["type"]))
    stances = tables["stances"]
    stances = stances[(stances["holder_actor_id"] != "") & (stances["target_actor_id"] != "")]
    for (holder, target), rows in stances.groupby(["holder_actor_id", "target_actor_id"]):
        for node in (holder, target):
            graph.add_node(node, label=names.get(node, node), type=types.get(node, ""))
        mean = float(rows["polarity"].astype(int).mean())
        graph.add_edge(holder, target, weight=len(rows), mean_polarity=mean, sign=(mean > 0) - (mean < 0),
                       labels="|".join(sorted(set(rows["label"]))), stance_ids="|".join(rows["stance_id"]))
    return graph


def write_networks(tables: Tables, folder: str | Path) -> list[Path]:
    """Both networks as GEXF (Gephi) and GraphML (networkx, igraph, Cytoscape) under `folder`; the paths written."""
    import networkx as nx

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, graph in (("actors", cooccurrence_graph(tables)), ("stances", stance_graph(tables))):
        for suffix, write in (("gexf", nx.write_gexf), ("graphml", nx.write_graphml)):
            path = folder / f"{name}.{suffix}"
            temporary = path.with_name(f".{path.name}.tmp")
            write(graph, temporary)
            temporary.replace(path)
            written.append(path)
    return written


def write_parquet(tables: Tables, folder: str | Path) -> list[Path]:
    """Every table as NAME.parquet with its declared column types (an empty table keeps them too)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        path = folder / f"{name}.parquet"
        temporary = path.with_name(f".{path.name}.tmp")
        schema = TABLES[name].arrow_schema() if name in TABLES else None
        table.to_parquet(temporary, index=False, schema=schema)
        temporary.replace(path)
        written.append(path)
    return written


def _layers(tables: Tables) -> dict[tuple[str, int], list[tuple[int, int, str]]]:
    """(doc_id, sent_idx) -> the character spans the kit marked in it, each with its MISC item."""
    spans: dict[tuple[str, int], list[tuple[int, int, str]]] = {}

    def add(rows: pd.DataFrame, item) -> None:
        for row in rows.itertuples(index=False):
            spans.setdefault((row.doc_id, int(row.sent_idx)), []).append((int(row.start_char), int(row.end_char), item(row)))

    add(tables["mentions"], lambda r: f"Actor={r.actor_id}")
    add(tables["claims"], lambda r: f"Claim={r.claim_id}")
    add(tables["stances"], lambda r: f"StanceCue={r.stance_id}")
    return spans


def kit_conllu(tables: Tables) -> str:
    """The parse as CoNLL-U with the kit's layers in MISC: `Actor=` (a mention), `Claim=` (inside a claim's content),
    `StanceCue=` (a stance's cue), besides the character offsets; one `# doc_id`/`# sent_idx` pair per sentence."""
    spans = _layers(tables)
    sentences = dict(zip(zip(tables["sentences"]["doc_id"], tables["sentences"]["sent_idx"].astype(int)),
                         tables["sentences"]["text"]))
    words = tables["words"]
    token_sizes = words.groupby(["doc_id", "sent_idx", "token_idx"], sort=False)["word_idx"].transform("size")
    blocks: list[str] = []
    lines: list[str] = []
    current = None
    for w, size in zip(words.itertuples(index=False), token_sizes):
        key = (w.doc_id, int(w.sent_idx))
        if key != current:
            if lines:
                blocks.append("\n".join(lines) + "\n")
            current, marks, opened = key, spans.get(key, []), set()
            lines = [f"# doc_id = {w.doc_id}", f"# sent_idx = {w.sent_idx}",
                     "# text = " + " ".join(str(sentences.get(key, "")).split())]
        if size > 1 and w.token_idx not in opened:
            opened.add(w.token_idx)
            lines.append(f"{w.word_idx}-{int(w.word_idx) + size - 1}\t{w.token}" + "\t_" * 8)
        start, end = int(w.start_char), int(w.end_char)
        misc = ([f"NER={w.ner}"] if w.ner and w.ner != "O" else []) + [f"start_char={start}", f"end_char={end}"]
        misc += sorted({item for s, e, item in marks if s < end and start < e})
        lines.append("\t".join([str(w.word_idx), w.word, w.lemma or "_", w.upos or "_", "_", w.feats or "_",
                                str(w.head), w.deprel or "_", "_", "|".join(misc)]))
    if lines:
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def write_all(tables: Tables, folder: str | Path) -> list[Path]:
    """Networks, Parquet tables and the layered CoNLL-U under `folder` (a run's `exports/`); the paths written."""
    folder = Path(folder)
    written = write_networks(tables, folder) + write_parquet(tables, folder / "parquet")
    target = folder / "corpus.kit.conllu"
    atomic_write(target, kit_conllu(tables))
    return written + [target]
