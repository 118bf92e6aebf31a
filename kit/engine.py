"""Parse and extract a corpus in partitions, on worker processes of this machine (`local`) or a Dask cluster (`dask`).

Processes before threads: `local` runs one worker process per usable core by default, each
loading the pipeline once and running torch on cores / workers threads (one), documents streamed
to them partition by partition; `workers=1` runs everything in this process. One thread per
process keeps its speed when another program holds a core, where two threads in one process lose
more than half of theirs (bench/README.md).

Memory stays bounded by the partition, not the corpus: a first pass parses each partition and
writes its frame tables and candidate mentions as Parquet parts; actors are merged once over all
candidate mentions (short forms merge across documents); a second pass reloads each partition
from the parse cache and extracts claims and stances; the parts are then streamed into the CSV
tables. Locally each pass has its own worker processes: the parsing workers, each holding a model,
have exited before the actor merge runs in this process (at 10,000 articles they and the merge
together made the run's peak), and the second pass's workers load no model. Both engines run the
same pass functions, so their tables are identical. With a remote scheduler, the output folder and
the parse cache must be paths every worker can reach.

Each pass over a partition, and each stage's corpus half, keeps what it wrote in the results cache
(`kit.results`, beside the parse cache): a warm re-run of the same corpus with the same kit, model and
options copies those files back and neither reads a parse nor runs a rule.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import shutil
import tempfile
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

import pandas as pd
import pyarrow.parquet as pq

from kit import frames, nlp, results, stages
from kit import io as kit_io
from kit.io import atomic_write

ENGINES = ("local", "dask")
MIN_DOCS_PER_WORKER = 8  # fewer documents to parse than this per worker process: parse them in this process


@dataclass(frozen=True)
class Settings:
    """What every partition task needs to know (sent to Dask workers, so plain values only)."""

    parts: str
    cache: str
    model_dir: str | None
    processors: str
    workers: int
    batch_size: int
    dictionary: str | None
    keep_whole: frozenset[str] | None


def process(
    corpus: pd.DataFrame,
    out: str | Path,
    *,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int = 100,
    model_dir: str | Path | None = None,
    processors: str | None = None,
    cache: str | Path | bool | None = None,
    dictionary: str | Path | None = None,
    keep_whole: frozenset[str] | None = None,
    batch_size: int = 16,
    progress: bool = True,
) -> dict[str, Any]:
    """Write every table of `corpus` into `out`/tables and the parse into `out`/corpus.conllu; return a summary.

    `workers`: processes (local) or Dask workers, each with cores / workers torch threads; None means
    `default_workers()`. With several workers, partitions are cut small enough that each gets about
    four (never more than `partition_size` documents, never fewer than ten), so no worker idles at the end.
    """
    workers = workers or default_workers()
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; valid engines: {', '.join(ENGINES)}")
    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    out = _mkdir(Path(out))  # an output path that cannot be a folder fails before the model loads
    root = nlp.ensure_models(model_dir, processors)
    processors = nlp.resolve_processors(processors, root)
    kit_io.remove_leftovers(out, ".parts.")  # of runs that were killed
    with _cache_folder(cache) as cache_root, tempfile.TemporaryDirectory(dir=out, prefix=".parts.") as parts:
        (Path(parts) / kit_io.STAGING_OWNER).write_text(str(os.getpid()), encoding="utf-8")
        if engine == "local" and workers > 1 and nlp.uncached(
                corpus, model_dir=root, processors=processors, cache=cache_root, keep_whole=keep_whole) < MIN_DOCS_PER_WORKER * workers:
            workers = 1  # little or nothing to parse: starting processes and loading models would cost more than it saves
        settings = Settings(parts, str(cache_root), str(root), processors, workers, batch_size,
                            str(dictionary) if dictionary else None, keep_whole)
        size = balanced_partition_size(len(corpus), workers, partition_size)
        partitions = [corpus.iloc[i:i + size] for i in range(0, len(corpus), size)]
        options = stages.Options(dictionary=settings.dictionary)
        tables_dir = _mkdir(out / "tables")
        counts: dict[str, int] = {}
        results: list[list[dict[str, Any]]] = []
        with _executor(engine, workers, scheduler, progress) as run_all:
            for number, group in enumerate(stages.passes()):
                results.append(run_all(_pass, partitions, settings, number, [stage.name for stage in group]))
                for stage in group:
                    if stage.over_corpus:
                        counts.update(_corpus_half(stage, Path(parts), tables_dir, settings, options))
        for stage in stages.TABLE_STAGES:
            for spec in stage.provides:
                if spec.name not in stage.from_corpus:
                    counts[spec.name] = _combine(Path(parts), spec, tables_dir / f"{spec.name}.csv")
        _concatenate(sorted(Path(parts).glob("conllu-*.conllu")), out / "corpus.conllu")
    summary = _summary(results[0], [r for later in results[1:] for r in later], corpus, engine, workers, root,
                       processors, keep_whole, cache_root)
    summary["tables"] = {name: counts[name] for name in stages.TABLE_NAMES}
    return summary


def default_workers() -> int:
    """Worker processes when none are asked for: `$KIT_WORKERS`, else one per usable core."""
    given = os.environ.get("KIT_WORKERS", "").strip()
    if given:
        if not given.isdigit() or int(given) < 1:
            raise ValueError(f"KIT_WORKERS={given!r}: give a number of worker processes (1 or more)")
        return int(given)
    return nlp.cpu_count()


def balanced_partition_size(n_documents: int, workers: int, partition_size: int) -> int:
    """Documents per partition: `partition_size`, or smaller so that each of several workers gets about four partitions."""
    if workers <= 1:
        return partition_size
    return max(1, min(partition_size, max(10, math.ceil(n_documents / (4 * workers)))))


def _corpus_half(stage: stages.Stage, parts: Path, tables_dir: Path, settings: Settings,
                 options: stages.Options) -> dict[str, int]:
    """Run a stage's corpus half (or restore it from the results cache when its inputs are the same bytes); its row counts."""
    inputs = [f for _, files in sorted(_corpus_input_files(stage, parts).items()) for f in files]
    key = results.corpus_key(f"corpus half of {stage.name}", settings.dictionary, inputs, parts)
    targets = {f"{name}.{kind}": (parts if kind == "parquet" else tables_dir) / f"{name}.{kind}"
               for name in stage.from_corpus for kind in ("parquet", "csv")}
    restored = results.restore(settings.cache, key, targets)
    if restored is not None:
        return restored["counts"]
    counts = {}
    for name, table in stage.over_corpus(_corpus_inputs(stage, parts), options).items():
        _to_parquet(table, stages.TABLES[name], parts / f"{name}.parquet")
        atomic_write(tables_dir / f"{name}.csv", table.to_csv(index=False))
        counts[name] = len(table)
    results.store(settings.cache, key, targets, {"counts": counts})
    return counts


def _corpus_input_files(stage: stages.Stage, parts: Path) -> dict[str, list[Path]]:
    """The files a stage's corpus half reads, per table: its own per-document parts and the tables it needs from
    earlier stages (an earlier corpus half's whole table, else that stage's per-document parts)."""
    files = {spec.name: _part_files(parts, spec.name) for spec in _per_document_specs(stage)}
    for name in stage.needs:
        if name in files or name not in stages.TABLES:
            continue
        whole = parts / f"{name}.parquet"
        files[name] = [whole] if whole.exists() else _part_files(parts, name)
    return files


def _corpus_inputs(stage: stages.Stage, parts: Path) -> dict[str, pd.DataFrame]:
    """What a stage's corpus half reads (`_corpus_input_files`), as tables."""
    return {name: pd.concat([pd.read_parquet(f) for f in files], ignore_index=True) if files else stages.TABLES[name].empty()
            for name, files in _corpus_input_files(stage, parts).items()}


def _part_files(parts: Path, name: str) -> list[Path]:
    return sorted((parts / name).glob("part-*.parquet"))


def _per_document_specs(stage: stages.Stage) -> list:
    """The tables a stage's per-document half writes as parts (what its corpus half reads)."""
    return [spec for spec in (*stage.passes_on, *stage.provides) if spec.name not in stage.from_corpus]


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


@contextmanager
def _cache_folder(cache: str | Path | bool | None) -> Iterator[Path]:
    """The parse cache; the second pass reloads documents from it, so with the cache off a private one is used."""
    root = nlp.cache_dir(cache)
    if root is not None and _writable(root):
        yield root
        return
    if root is not None:
        warnings.warn(f"parse cache {root} is not writable; this run uses a private cache that is removed afterwards",
                      nlp.ParseWarning, stacklevel=4)
    with tempfile.TemporaryDirectory(prefix="kit-run-cache.") as private:
        yield Path(private)


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".probe."):
            return True
    except OSError:
        return False


@contextmanager
def _executor(engine: str, workers: int, scheduler: str | None, progress: bool) -> Iterator[Callable]:
    """A function run_all(task, partitions, settings, pass_number, ...) -> list of results, for the chosen engine, with a progress bar."""
    from tqdm.auto import tqdm

    def bar(partitions, pass_number):
        return tqdm(total=sum(len(p) for p in partitions), unit="doc", disable=not progress,
                    desc="Parsing" if pass_number == 0 else f"Extracting (pass {pass_number + 1})")

    if engine == "local" and workers <= 1:
        def run_here(task, partitions, settings, pass_number, *extra):
            results = []
            with bar(partitions, pass_number) as shown:
                for n, part in enumerate(partitions):
                    results.append(_guarded(task, n, part, settings, pass_number, *extra))
                    shown.update(len(part))
            return results

        yield run_here
        return
    if engine == "local":
        from concurrent.futures import ProcessPoolExecutor, as_completed

        def run_processes(task, partitions, settings, pass_number, *extra):
            # a pool per pass: the parsing workers, each holding a model, are gone before the corpus half runs
            # here, and later passes read parses from the cache without loading one.
            # spawn, not fork: a forked copy of a process that has started torch's thread pool can hang
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = {pool.submit(_guarded, task, n, part, settings, pass_number, *extra): n
                           for n, part in enumerate(partitions)}
                results: list[dict[str, Any]] = [{} for _ in partitions]
                with bar(partitions, pass_number) as shown:
                    for future in as_completed(futures):
                        n = futures[future]
                        try:
                            results[n] = future.result()
                        except Exception as error:  # the worker process died (killed, out of memory)
                            results[n] = _failed(n, partitions[n], f"worker process lost ({type(error).__name__}: {error})")
                        shown.update(len(partitions[n]))
            return results

        yield run_processes
        return
    from dask.distributed import Client, LocalCluster
    from distributed.security import Security

    cluster = None
    if scheduler is None:
        # security=True: TLS with a key and certificate made for this cluster alone, so no other local
        # process can connect to the scheduler and run code in the workers
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, silence_logs=logging.ERROR, security=True)
    # an existing scheduler: the TLS settings of Dask's configuration (distributed.comm.tls.*), if any
    client = Client(cluster) if cluster is not None else Client(scheduler, security=Security())
    try:
        def run_dask(task, partitions, settings, pass_number, *extra):
            from distributed import as_completed

            futures = client.map(_guarded, [task] * len(partitions), range(len(partitions)), partitions,
                                 [settings] * len(partitions), [pass_number] * len(partitions),
                                 *([value] * len(partitions) for value in extra), pure=False)
            sizes = {future.key: len(part) for future, part in zip(futures, partitions)}
            with bar(partitions, pass_number) as shown:
                for future in as_completed(futures):
                    shown.update(sizes[future.key])
            return client.gather(futures)

        yield run_dask
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _guarded(task, number: int, partition: pd.DataFrame, settings: Settings, *extra) -> dict[str, Any]:
    """Run a pass on one partition; a failure of the whole partition is reported, not raised."""
    try:
        return task(number, partition, settings, *extra)
    except Exception as error:
        return _failed(number, partition, f"{type(error).__name__}: {error}")


def _failed(number: int, partition: pd.DataFrame, why: str) -> dict[str, Any]:
    """The result of a partition that failed as a whole: every document's error, and the partition named."""
    ids = ", ".join(partition["doc_id"])
    return {"errors": {doc_id: f"partition {number} failed ({why})" for doc_id in partition["doc_id"]},
            "failed_partition": f"partition {number} ({ids}): {why}"}


def _parse(partition: pd.DataFrame, settings: Settings) -> tuple[nlp.Parsed, list[str]]:
    """Parse (or reload) a partition; its warnings (a cache entry repaired, a document skipped) are returned, for the summary."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        parsed = nlp.parse(partition, model_dir=settings.model_dir, processors=settings.processors, cache=settings.cache,
                           workers=settings.workers, batch_size=settings.batch_size, progress=False,
                           keep_whole=settings.keep_whole)
    return parsed, [str(w.message) for w in caught if issubclass(w.category, nlp.ParseWarning)]


def _write(table: pd.DataFrame, settings: Settings, name: str, number: int) -> None:
    folder = _mkdir(Path(settings.parts) / name)
    temporary = folder / f".part-{number:06d}.parquet"
    _to_parquet(table, stages.TABLES[name], temporary)
    os.replace(temporary, folder / f"part-{number:06d}.parquet")


def _to_parquet(table: pd.DataFrame, spec, path: Path) -> None:
    """Write a table with its declared column types: an empty one is not untyped (Arrow `null`)."""
    table.to_parquet(path, index=False, schema=spec.arrow_schema())


def _pass(number: int, partition: pd.DataFrame, settings: Settings, pass_number: int, names: list[str]) -> dict[str, Any]:
    """Parse a partition (the first pass) or reload it from the cache (later passes) and run the stages' per-document halves.

    The tables a stage needs from an earlier pass's corpus half are read for this partition's
    documents; the first pass also writes the partition's CoNLL-U.
    """
    chosen = [s for s in stages.TABLE_STAGES if s.name in names]
    parts = Path(settings.parts)
    key = results.partition_key(
        partition, model_dir=settings.model_dir, processors=settings.processors, keep_whole=settings.keep_whole,
        dictionary=settings.dictionary, step=f"pass {pass_number}: {', '.join(names)}",
        inputs=[parts / f"{name}.parquet" for name in sorted({n for stage in chosen for n in stage.needs})], root=parts)
    targets = {f"{spec.name}.parquet": parts / spec.name / f"part-{number:06d}.parquet"
               for stage in chosen if stage.per_document for spec in _per_document_specs(stage)}
    if pass_number == 0:
        targets["corpus.conllu"] = parts / f"conllu-{number:06d}.conllu"
    restored = results.restore(settings.cache, key, targets)
    if restored is not None:
        info = {**restored["info"], "n_parsed": 0, "n_cached": restored["info"]["n_parsed"] + restored["info"]["n_cached"]}
        return {"info": info, "errors": {}, "warnings": []}
    parsed, parse_warnings = _parse(partition, settings)
    options = stages.Options(dictionary=settings.dictionary)
    tables: dict[str, pd.DataFrame] = {}
    for stage in chosen:
        for name in stage.needs:
            corpus_part = parts / f"{name}.parquet"
            if name not in tables and corpus_part.exists():
                tables[name] = _read_corpus_table(corpus_part, list(parsed.docs))
        if stage.per_document:
            produced = stage.per_document(parsed, tables, options)
            tables.update(produced)
            for name, table in produced.items():
                _write(table, settings, name, number)
    if pass_number == 0:
        frames.write_conllu(parsed, parts / f"conllu-{number:06d}.conllu")
    if not parsed.errors and not parse_warnings:  # a document that failed is tried again next time
        results.store(settings.cache, key, targets, {"info": parsed.info})
    return {"info": parsed.info, "errors": parsed.errors, "warnings": parse_warnings}


def _read_corpus_table(path: Path, doc_ids: list[str]) -> pd.DataFrame:
    """A table made over the whole corpus: this partition's rows when it has documents, else all of it."""
    if "doc_id" in pq.read_schema(path).names:
        return pd.read_parquet(path, filters=[("doc_id", "in", doc_ids)])
    return pd.read_parquet(path)


def _combine(parts: Path, spec, target: Path) -> int:
    """Stream the Parquet parts of one table into a CSV, one part in memory at a time; return the rows.

    With no part (every partition failed, or none wrote the table) the CSV still has its header.
    """
    files = sorted((parts / spec.name).glob("part-*.parquet"))
    temporary = target.with_name(f".{target.name}.tmp")
    rows = 0
    with temporary.open("w", encoding="utf-8", newline="") as out:
        if not files:
            spec.empty().to_csv(out, index=False)
        for n, file in enumerate(files):
            table = pd.read_parquet(file)
            table.to_csv(out, index=False, header=(n == 0))
            rows += len(table)
    os.replace(temporary, target)
    return rows


def _concatenate(files: list[Path], target: Path) -> None:
    temporary = target.with_name(f".{target.name}.tmp")
    with temporary.open("wb") as out:
        for n, file in enumerate(files):
            if n:
                out.write(b"\n")
            with file.open("rb") as part:
                shutil.copyfileobj(part, out)
    os.replace(temporary, target)


def _summary(first, second, corpus, engine, workers, root, processors, keep_whole, cache_root) -> dict[str, Any]:
    errors: dict[str, str] = {}
    for result in first + second:
        errors.update(result.get("errors", {}))
    reported = {message for result in first + second for message in result.get("warnings", [])}
    for message in sorted(reported):  # what the partitions saw: cache entries repaired, an unwritable cache
        if not any(doc_id in message for doc_id in errors):
            warnings.warn(message, nlp.ParseWarning, stacklevel=3)
    for doc_id, message in errors.items():
        warnings.warn(message if doc_id in message else f"document {doc_id}: {message}", nlp.ParseWarning, stacklevel=3)
    infos = [r["info"] for r in first if "info" in r]
    return {
        "engine": engine,
        "workers": workers,
        "n_documents": len(corpus) - len(errors),
        "n_parsed": sum(i["n_parsed"] for i in infos),
        "n_cached": sum(i["n_cached"] for i in infos),
        "n_failed": len(errors),
        "failed_partitions": [r["failed_partition"] for r in first + second if "failed_partition" in r],
        "errors": errors,
        "model_dir": str(root),
        "model_fingerprint": nlp.model_fingerprint(root, processors),
        "processors": nlp.variant(processors, keep_whole),
        "cache_dir": str(cache_root),
        "torch_threads": max(1, nlp.cpu_count() // max(1, workers)),
    }
