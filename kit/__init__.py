"""Arabic news research notebook kit: actors, claims and stances from Arabic news, on Stanza.

The data flow, one way (each stage reads only what the stages before it wrote; `kit.stages`
declares every stage's needs, tables with their column types, and lexicons):

    read_corpus  kit/corpus.py          files, folders, CSV/JSONL/Parquet, strings -> corpus (one row per document;
                 kit/furniture.py       page furniture found, removed and recorded)
    parse        kit/nlp.py             corpus -> Parsed: Stanza documents, cached on disk
    frames       kit/frames.py          -> documents, sentences, words, entities
    actors       kit/extract/actors.py  -> actors, mentions, actor_edges     (model NER + dictionary + name rules)
    claims       kit/extract/claims.py  -> claims                            (who said what, on whose authority)
    stances      kit/extract/stances.py -> stances, stance_matrix            (who is for or against whom)
    tables       kit/tables.py          runs the stages in memory (analyse) or reads a run folder (read_run)
    engine       kit/engine.py          the same stages in partitions, locally or on Dask, for big corpora

Beside the flow: kit/reporting/ (plots, HTML report, papermill runs of notebooks/), which only
reads tables; kit/modeltools/ (train and evaluate Stanza models, CoNLL-U and BIO files, grading
against gold readings); kit/lexicons/ar/ (every word list, one CSV per concept); kit/text.py
(Arabic normalisation every stage shares).

    import kit
    tables = kit.analyse("seeds/")            # dict of DataFrames: documents ... stance_matrix
    tables = kit.read_run("runs/seed")        # the same, read from a `kit run` folder

The names a notebook needs are re-exported here and imported lazily, so `import kit` is instant.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings

__version__ = "0.1.0"

_EXPORTS = {  # public name -> (module, attribute)
    "read_corpus": ("kit.corpus", "load"),
    "from_texts": ("kit.corpus", "from_texts"),
    "parse": ("kit.nlp", "parse"),
    "load_pipeline": ("kit.nlp", "load_pipeline"),
    "Parsed": ("kit.nlp", "Parsed"),
    "documents": ("kit.frames", "documents"),
    "sentences": ("kit.frames", "sentences"),
    "words": ("kit.frames", "words"),
    "entities": ("kit.frames", "entities"),
    "analyse": ("kit.tables", "analyse"),
    "read_run": ("kit.tables", "read_run"),
    "normalise": ("kit.text", "normalise"),
    "fold": ("kit.text", "fold"),
}
_MODULES = {
    "corpus", "furniture", "nlp", "frames", "text", "tables", "lexicons", "io", "cli", "extract", "reporting",
    "modeltools", "schema", "stages", "engine", "teaching",
}
_MOVED = {  # old module name -> where it lives now; kept as deprecated aliases for one release
    "actors": "kit.extract.actors",
    "claims": "kit.extract.claims",
    "stances": "kit.extract.stances",
    "spans": "kit.extract.context",
    "plots": "kit.reporting.plots",
    "report": "kit.reporting.report",
    "run": "kit.reporting.run",
    "train": "kit.modeltools.train",
    "evaluate": "kit.modeltools.evaluate",
    "gold": "kit.modeltools.gold",
}
_DEPRECATED = {  # old function name -> (module, attribute, what to use instead); for one release
    "load": ("kit.corpus", "load", "kit.read_corpus (the same function)"),
    "load_tables": (
        "kit.tables", "_load_tables",
        "kit.read_run(run_dir) to read a run's tables, or kit.analyse(input) to compute them",
    ),
}

__all__ = sorted(_EXPORTS) + sorted(_MODULES)


class _MovedModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """`import kit.actors` (a module that moved) imports its new home, with a DeprecationWarning."""

    def find_spec(self, fullname, path=None, target=None):
        name = fullname.removeprefix("kit.")
        if fullname.startswith("kit.") and name in _MOVED:
            return importlib.machinery.ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        name = spec.name.removeprefix("kit.")
        warnings.warn(f"kit.{name} is now {_MOVED[name]}; the old name goes in the next release",
                      DeprecationWarning, stacklevel=2)
        module = importlib.import_module(_MOVED[name])
        self._specs = {**getattr(self, "_specs", {}), spec.name: module.__spec__}
        return module

    def exec_module(self, module):
        for old, spec in getattr(self, "_specs", {}).items():  # the import system stamped the old name on it
            if spec.name == module.__name__:
                module.__spec__ = spec


if not any(isinstance(finder, _MovedModules) for finder in sys.meta_path):
    sys.meta_path.append(_MovedModules())


def __getattr__(name: str):
    if name in _EXPORTS:
        module, attribute = _EXPORTS[name]
        return getattr(importlib.import_module(module), attribute)
    if name in _MODULES:
        return importlib.import_module(f"kit.{name}")
    if name in _MOVED:
        warnings.warn(f"kit.{name} is now {_MOVED[name]}; the old name goes in the next release",
                      DeprecationWarning, stacklevel=2)
        return importlib.import_module(_MOVED[name])
    if name in _DEPRECATED:
        module, attribute, instead = _DEPRECATED[name]
        warnings.warn(f"kit.{name} is deprecated: use {instead}; the old name goes in the next release",
                      DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(module), attribute)
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
