"""The results cache: what a pass of the engine wrote for a partition, kept under the parse cache and reused.

A warm re-run of the same corpus with the same kit, lexicons, model and options then reads no parse
and runs no rule: each partition's table parts (and CoNLL-U) are copied back from the cache, and each
stage's corpus half is restored from what it wrote when its inputs were the same bytes.

A key covers everything the output depends on: the partition's corpus rows (text, title, source, date,
path, furniture), each document's parse key (model fingerprint, processors, the sentence rule), the
kit's code and lexicons (`code_fingerprint`), the user's dictionary, the pass and its stages, and the
bytes of every corpus-wide table the pass reads. Change any of them and the entry is not found; a
damaged entry is ignored and rebuilt. Only partitions that parsed without an error or warning are
stored, so a document that failed is tried again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from kit import nlp

FOLDER = "results"  # under the parse cache
RESULT = "result.json"


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 over the kit's Python code and lexicon files: any change to a rule or a word list makes earlier results stale."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted([*root.rglob("*.py"), *root.rglob("*.csv")]):
        digest.update(f"{path.relative_to(root).as_posix()} {nlp.file_sha256(path)}\n".encode())
    return digest.hexdigest()


def files_digest(paths: list[Path], root: Path) -> str:
    """SHA-256 over the paths (relative to `root`, a run's temporary folder) and bytes of the files that exist, in order."""
    digest = hashlib.sha256()
    for path in paths:
        if path.is_file():
            digest.update(f"{path.relative_to(root).as_posix()} {nlp.file_sha256(path)}\n".encode())
    return digest.hexdigest()


def partition_key(partition: pd.DataFrame, *, model_dir: str | None, processors: str, keep_whole: frozenset[str] | None,
                  dictionary: str | None, step: str, inputs: list[Path], root: Path) -> str:
    """The key of one pass over one partition: its rows, their parses, the code, the options and the tables it reads."""
    fingerprint = nlp.model_fingerprint(model_dir, processors)
    kind = nlp.variant(processors, keep_whole)
    rows = partition.astype(str).to_dict("records")
    payload = {
        "rows": rows,
        "parses": [nlp.cache_key(text, fingerprint, kind) for text in partition["text"]],
        "code": code_fingerprint(),
        "dictionary": _dictionary_digest(dictionary),
        "step": step,
        "inputs": files_digest(inputs, root),
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def corpus_key(step: str, dictionary: str | None, inputs: list[Path], root: Path) -> str:
    """The key of a stage's corpus half: the code, the options and the bytes of every part it reads."""
    payload = {"code": code_fingerprint(), "dictionary": _dictionary_digest(dictionary), "step": step,
               "inputs": files_digest(inputs, root)}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


def _dictionary_digest(dictionary: str | None) -> str:
    if not dictionary:
        return ""
    path = Path(dictionary)
    return nlp.file_sha256(path) if path.is_file() else str(dictionary)


def entry(cache: str | Path, key: str) -> Path:
    return Path(cache) / FOLDER / key[:2] / key


def restore(cache: str | Path, key: str, targets: dict[str, Path]) -> dict[str, Any] | None:
    """Copy a stored entry's files to `targets` (stored name -> where it goes); its result, or None when absent or damaged."""
    folder = entry(cache, key)
    try:
        result = json.loads((folder / RESULT).read_text(encoding="utf-8"))
        if set(result.get("files", [])) != set(targets):
            return None
        for name, target in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.restoring")
            shutil.copyfile(folder / name, temporary)
            os.replace(temporary, target)
    except (OSError, ValueError):
        return None
    return result


def store(cache: str | Path, key: str, files: dict[str, Path], result: dict[str, Any]) -> None:
    """Keep `files` (stored name -> where it was written) and `result` under `key`; a failure to store is no error."""
    folder = entry(cache, key)
    if folder.exists():
        return
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{key[:8]}."))
        for name, source in files.items():
            shutil.copyfile(source, staging / name)
        (staging / RESULT).write_text(json.dumps({**result, "files": sorted(files)}, ensure_ascii=False), encoding="utf-8")
        try:
            os.replace(staging, folder)  # the whole entry appears at once
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)  # another process stored it first
    except OSError:
        return
