"""Arabic news research notebook kit: actors, claims and stances from Arabic news, on Stanza.

The names a notebook needs are re-exported here and imported lazily, so `import kit` is instant.
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_EXPORTS = {
    "load": "kit.corpus",
    "from_texts": "kit.corpus",
    "parse": "kit.nlp",
    "load_pipeline": "kit.nlp",
    "Parsed": "kit.nlp",
    "documents": "kit.frames",
    "sentences": "kit.frames",
    "words": "kit.frames",
    "entities": "kit.frames",
    "load_tables": "kit.tables",
    "normalise": "kit.text",
    "fold": "kit.text",
}
_MODULES = {
    "corpus", "nlp", "frames", "text", "tables", "lexicons", "io", "cli", "actors", "claims", "stances",
    "plots", "report", "run", "evaluate", "schema", "spans", "engine", "train",
}

__all__ = sorted(_EXPORTS) + sorted(_MODULES)


_RENAMED = {"load_tables": "load"}


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), _RENAMED.get(name, name))
    if name in _MODULES:
        return importlib.import_module(f"kit.{name}")
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
