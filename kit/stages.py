"""The stages of the kit in data-flow order, each declaring what it needs, what it provides and which lexicons it reads.

    corpus   kit.corpus.load         files, tables, strings -> corpus (one row per document)
    parse    kit.nlp.parse           corpus -> Parsed (Stanza documents, cached)
    frames   kit.frames              parsed -> documents, sentences, words, entities
    actors   kit.extract.actors      parsed -> actors, mentions, actor_edges
    claims   kit.extract.claims      parsed, mentions -> claims
    stances  kit.extract.stances     parsed, mentions, claims -> stances, stance_matrix
    clusters kit.extract.clusters    claims, documents -> claim_clusters (the same statement across documents)

A stage's work has up to two halves: `per_document`, run on any set of parsed documents (a
partition), and `over_corpus`, run once on what the per-document halves of every partition
wrote (actors merge spelling variants and short forms across documents). `tables.build` runs
them in order in memory; the engine runs the per-document halves partition by partition, in as
few passes over the parse cache as the needs allow. A new table or stage is added here only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd

from kit import frames
from kit.extract import actors, claims, clusters, stances
from kit.nlp import Parsed
from kit.schema import TableSpec

Tables = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Options:
    """What a user may change about the stages (plain values, so they travel to Dask workers)."""

    dictionary: str | Path | pd.DataFrame | None = None


@dataclass(frozen=True)
class Stage:
    """One step of the data flow: the tables it reads and writes, its lexicons, and how it runs."""

    name: str
    module: str
    needs: tuple[str, ...]
    provides: tuple[TableSpec, ...]
    lexicons: tuple[str, ...] = ()
    per_document: Callable[[Parsed, Tables, Options], Tables] | None = None
    over_corpus: Callable[[Tables, Options], Tables] | None = None
    passes_on: tuple[TableSpec, ...] = ()  # written by per_document for over_corpus only, never a contract table
    from_corpus: tuple[str, ...] = ()  # the provided tables that over_corpus makes (the others: per_document)


def _frames(parsed: Parsed, tables: Tables, options: Options) -> Tables:
    return {spec.name: getattr(frames, spec.name)(parsed) for spec in FRAMES.provides}


def _candidates(parsed: Parsed, tables: Tables, options: Options) -> Tables:
    return {"candidates": actors.candidate_mentions(parsed, dictionary=options.dictionary)}


def _actors(tables: Tables, options: Options) -> Tables:
    found, mentions = actors.merge(tables["candidates"], dictionary=options.dictionary)
    return {"actors": found, "mentions": mentions, "actor_edges": actors.cooccurrence(mentions)}


def _claims(parsed: Parsed, tables: Tables, options: Options) -> Tables:
    return {"claims": claims.extract(parsed, tables["actors"], tables["mentions"])}


def _stances(parsed: Parsed, tables: Tables, options: Options) -> Tables:
    return {"stances": stances.extract(parsed, tables["actors"], tables["mentions"], tables["claims"])}


def _stance_matrix(tables: Tables, options: Options) -> Tables:
    return {"stance_matrix": stances.matrix(tables["stances"])}


def _claim_clusters(tables: Tables, options: Options) -> Tables:
    return {"claim_clusters": clusters.cluster(tables["claims"], tables["documents"])}


CORPUS = Stage("corpus", "kit.corpus", needs=("inputs",), provides=(), lexicons=("furniture", "paragraph_openers"))
PARSE = Stage("parse", "kit.nlp", needs=("corpus",), provides=())
FRAMES = Stage("frames", "kit.frames", needs=("parsed",),
               provides=(frames.DOCUMENTS, frames.SENTENCES, frames.WORDS, frames.ENTITIES), per_document=_frames)
ACTORS = Stage("actors", "kit.extract.actors", needs=("parsed",),
               provides=(actors.ACTORS, actors.MENTIONS, actors.ACTOR_EDGES),
               lexicons=("actors", "given_names", "titles", "non_actors", "institutions", "reporting_cues", "stance_cues", "complementizers",
                         "pattern_words", "affixes", "actors_rules", "prepositions"),
               per_document=_candidates, over_corpus=_actors, passes_on=(actors.CANDIDATES,),
               from_corpus=("actors", "mentions", "actor_edges"))
CLAIMS = Stage("claims", "kit.extract.claims", needs=("parsed", "actors", "mentions"), provides=(claims.CLAIMS,),
               lexicons=("reporting_cues", "attributions", "outlet_nouns", "speaker_stops", "complementizers",
                         "prepositions", "temporal_conjunctions", "auxiliaries", "pattern_words", "affixes", "titles", "institutions",
                         "paragraph_openers", "source_nouns", "quantifiers", "actors_rules", "given_names"),
               per_document=_claims)
STANCES = Stage("stances", "kit.extract.stances", needs=("parsed", "actors", "mentions", "claims"),
                provides=(stances.STANCES, stances.STANCE_MATRIX),
                lexicons=("actors", "missions", "stance_cues", "stance_labels", "negators", "complementizers", "prepositions", "pattern_words", "affixes",
                          "hostile_acts", "actors_rules", "given_names"),
                per_document=_stances, over_corpus=_stance_matrix, from_corpus=("stance_matrix",))

CLUSTERS = Stage("clusters", "kit.extract.clusters", needs=("claims", "documents"), provides=(clusters.CLAIM_CLUSTERS,),
                 over_corpus=_claim_clusters, from_corpus=("claim_clusters",))

STAGES = (CORPUS, PARSE, FRAMES, ACTORS, CLAIMS, STANCES, CLUSTERS)
TABLE_STAGES = tuple(stage for stage in STAGES if stage.per_document or stage.over_corpus)
TABLES = {spec.name: spec for stage in STAGES for spec in (*stage.provides, *stage.passes_on)}
TABLE_NAMES = [spec.name for stage in STAGES for spec in stage.provides]


def build(parsed: Parsed, options: Options = Options()) -> Tables:
    """Every contract table of `parsed`, computed in memory stage by stage, keyed by table name."""
    tables: Tables = {}
    for stage in TABLE_STAGES:
        if stage.per_document:
            tables.update(stage.per_document(parsed, tables, options))
        if stage.over_corpus:
            tables.update(stage.over_corpus(tables, options))
    return {name: tables[name] for name in TABLE_NAMES}


def passes() -> list[tuple[Stage, ...]]:
    """The table stages grouped into passes over the documents: a stage that needs a table made over
    the whole corpus starts a new pass (claims need the corpus-wide actor mentions)."""
    groups: list[list[Stage]] = [[]]
    from_corpus: set[str] = set()
    for stage in TABLE_STAGES:
        if stage.per_document and set(stage.needs) & from_corpus and groups[-1]:
            groups.append([])
            from_corpus = set()
        groups[-1].append(stage)
        from_corpus |= set(stage.from_corpus)
    return [tuple(group) for group in groups]


def describe() -> pd.DataFrame:
    """The registry as a table: one row per stage with what it needs, provides and reads."""
    return pd.DataFrame([
        {"stage": s.name, "module": s.module, "needs": ", ".join(s.needs),
         "provides": ", ".join(spec.name for spec in s.provides) or ("corpus" if s.name == "corpus" else "parsed"),
         "lexicons": ", ".join(s.lexicons)}
        for s in STAGES
    ])
