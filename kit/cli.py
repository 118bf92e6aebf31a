"""The `kit` command (also `python -m kit`): parse a corpus into tables, run the notebooks, show the models."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import Sequence

DEFAULT_INPUT = "seeds/"


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `kit` console script; returns the exit status.

    A user's mistake or a failure ends in one `kit: error: ...` line (exit 2); `--debug` shows the traceback instead.
    """
    parser = _parser()
    args = parser.parse_args(argv)
    previous_format = warnings.formatwarning
    warnings.formatwarning = _format_warning
    try:
        return args.command(args)
    except KeyboardInterrupt:
        if args.debug:
            raise
        print("kit: interrupted; what was already written is complete, a partial run folder was removed", file=sys.stderr)
        return 130
    except Exception as error:  # the CLI reports; tracebacks are for the library and --debug
        if args.debug:
            raise
        print(f"kit: error: {_explain(error)}", file=sys.stderr)
        return 2
    finally:
        warnings.formatwarning = previous_format


def _explain(error: Exception) -> str:
    """One line for the user: the message of the kit's own errors, the path and reason of an OS error, else the type too."""
    from kit.nlp import ModelNotFoundError

    if isinstance(error, OSError) and error.filename:
        return f"cannot use {error.filename}: {error.strerror or error}"
    if isinstance(error, (ModelNotFoundError, FileNotFoundError, ValueError)):
        return str(error)
    return f"{type(error).__name__}: {error} (run again with --debug for the traceback)"


def _parser() -> argparse.ArgumentParser:
    from kit.nlp import DEFAULT_PROCESSORS
    from kit.modeltools.train import DEFAULT_BUDGET, UD_PROCESSORS
    from kit.modeltools.vectors import DEFAULTS as VECTOR_DEFAULTS

    parser = argparse.ArgumentParser(prog="kit", description="Arabic news research notebook kit")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    parse = commands.add_parser("parse", help="parse a corpus and write its tables and CoNLL-U")
    parse.add_argument("inputs", nargs="*", default=[DEFAULT_INPUT], metavar="INPUT",
                       help="text files, folders, .csv/.jsonl/.parquet tables (default: seeds/)")
    parse.add_argument("--out", required=True, type=Path, help="output folder (tables/ and corpus.conllu)")
    _model_options(parse, DEFAULT_PROCESSORS)
    parse.add_argument("--cache", help="parse cache folder (default: $KIT_CACHE_DIR or the user cache dir)")
    parse.add_argument("--no-cache", action="store_true", help="neither read nor write the parse and results caches")
    _engine_options(parse)
    _input_options(parse)
    parse.add_argument("--dictionary", help="your own actor dictionary CSV (columns as kit/lexicons/ar/actors.csv)")
    parse.add_argument("--keep-names-whole", action="store_true",
                       help="stop the tokenizer splitting dictionary names like clitics (واشنطن -> و + اشنطن)")
    parse.add_argument("--exports", action="store_true",
                       help="also write exports/: networks (GEXF, GraphML), Parquet tables, CoNLL-U with the kit's layers")
    parse.add_argument("--quiet", action="store_true", help="no progress bar")
    parse.set_defaults(command=_parse)

    run = commands.add_parser("run", help="parse, write the tables, run the notebooks and the report into a run folder")
    run.add_argument("inputs", nargs="*", default=[DEFAULT_INPUT], metavar="INPUT",
                     help="text files, folders, .csv/.jsonl/.parquet tables (default: seeds/)")
    _input_options(run)
    run.add_argument("--out", required=True, type=Path, help="the run folder, e.g. runs/NAME: new, empty, or an earlier kit run (replaced atomically once the new run is complete)")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("KEY", "VALUE"),
                     help="a notebook parameter (VALUE read as YAML: 10, true, [a, b]); repeatable")
    run.add_argument("--notebooks", nargs="+", help="notebooks to run (default: 01_corpus 02_actors 03_claims 04_stances)")
    _model_options(run, DEFAULT_PROCESSORS)
    run.add_argument("--cache", help="parse cache folder (default: $KIT_CACHE_DIR or the user cache dir)")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the parse and results caches")
    _engine_options(run)
    run.add_argument("--quiet", action="store_true", help="no progress bars")
    run.add_argument("--keep-failed", action="store_true",
                     help="put a run with a failed notebook at --out anyway (default: beside it, as NAME.failed)")
    run.set_defaults(command=_run)

    batch = commands.add_parser("batch", help="kit run over a grid of corpus slices and parameters, with an index")
    batch.add_argument("spec", type=Path, help="the batch spec (YAML: inputs, grid or runs, ...; see kit.reporting.batch)")
    batch.add_argument("--out", required=True, type=Path, help="the batch folder, e.g. runs/NAME: a run folder per combination")
    batch.add_argument("--jobs", type=int, default=1, help="runs at once (default 1), each with cores / jobs torch threads")
    batch.add_argument("--force", action="store_true", help="run again the combinations that are unchanged since they succeeded")
    batch.add_argument("--model-dir", help="Stanza resources directory (default: $STANZA_RESOURCES_DIR or Stanza's default)")
    batch.add_argument("--cache", help="parse cache folder (default: $KIT_CACHE_DIR or the user cache dir)")
    batch.add_argument("--quiet", action="store_true", help="no progress bars")
    batch.set_defaults(command=_batch)

    evaluate = commands.add_parser("evaluate", help="score the pipeline or the extractors against gold data")
    kinds = evaluate.add_subparsers(required=True, metavar="KIND")
    ud = kinds.add_parser("ud", help="CoNLL 2018 scores of the parse against a gold CoNLL-U file")
    ud.add_argument("gold", type=Path)
    ud.add_argument("--system-out", type=Path, help="also keep the system CoNLL-U here")
    ud.add_argument("--group-clitics", action="store_true",
                    help="score Tokens against surface tokens: group the gold's clitics written together (UD Arabic PUD)")
    ner = kinds.add_parser("ner", help="entity-span precision / recall / F1 against a gold BIO file")
    ner.add_argument("gold", type=Path)
    extraction = kinds.add_parser("extraction", help="actors, claims and stances against gold YAML readings")
    extraction.add_argument("gold", type=Path, nargs="+", metavar="GOLD",
                            help="gold readings: YAML files or folders of them (e.g. tests/gold/news/)")
    extraction.add_argument("--tables", type=Path, help="grade these tables (e.g. a student's) instead of running the kit")
    extraction.add_argument("--articles", "--input", type=Path, dest="articles",
                            help="the folder holding the articles, when it is not beside the gold files or named by split.yaml")
    extraction.add_argument("--half", choices=("tune", "check"), help="only the articles of this half of split.yaml")
    extraction.add_argument("--errors", type=int, default=20, metavar="N",
                            help="print up to N errors of each kind (default 20; 0 for none)")
    for sub, handler in ((ud, _evaluate_ud), (ner, _evaluate_ner), (extraction, _evaluate_extraction)):
        sub.add_argument("--model-dir", help="Stanza resources directory")
        sub.add_argument("--json", action="store_true", help="print JSON for machines")
        sub.set_defaults(command=handler)

    train = commands.add_parser("train", help="train Stanza models on UD (and NER) data into a resources directory")
    train.add_argument("--ud", required=True, type=Path, help="UD training treebank (CoNLL-U)")
    train.add_argument("--dev", required=True, type=Path, help="UD dev treebank (CoNLL-U), for early stopping")
    train.add_argument("--ner", type=Path, help="NER training data (token TAG lines, BIO)")
    train.add_argument("--ner-dev", type=Path, help="NER dev data (BIO)")
    train.add_argument("--tokenize-ud", type=Path, help="train the tokenizer on this treebank instead (one with raw text)")
    train.add_argument("--tokenize-dev", type=Path, help="the tokenizer's dev treebank (default: --dev)")
    train.add_argument("--group-clitics", action="store_true",
                       help="group Arabic words written together into multi-word tokens before training the tokenizer "
                            "and mwt (for treebanks such as UD Arabic PUD that write clitics as separate words)")
    train.add_argument("--out", required=True, type=Path, help="the resources directory to write")
    train.add_argument("--processors", default=",".join(UD_PROCESSORS), help="UD processors to train")
    train.add_argument("--work-dir", type=Path, help="keep the trainers' intermediate files here")
    train.add_argument("--jobs", type=int, help="trainers run at once, each with cores / jobs threads (default 1)")
    train.add_argument("--pretrain", type=Path, help="word vectors for pos and depparse (a Stanza pretrain file from `kit vectors`)")
    train.add_argument("--ner-pretrain", type=Path, help="word vectors for ner (from `kit vectors --tokens`)")
    for key, value in DEFAULT_BUDGET.items():
        train.add_argument("--" + key.replace("_", "-"), type=int, default=value, help=f"default {value}")
    train.set_defaults(command=_train)

    vectors = commands.add_parser("vectors", help="train word vectors on raw text and write a Stanza pretrain file")
    vectors.add_argument("inputs", nargs="+", type=Path, help="parquet, CSV or JSON-lines tables, .txt files or folders")
    vectors.add_argument("--out", required=True, type=Path, help="the pretrain file to write (.pt); figures go beside it (.json)")
    vectors.add_argument("--text-col", default="text", help="the text column of tables (default text)")
    vectors.add_argument("--tokens", action="store_true",
                         help="keep tokens as written (for NER, which reads tokens); default: split clitics as the mwt does")
    vectors.add_argument("--limit", type=int, help="use only the first N documents")
    vectors.add_argument("--workers", type=int, help="word2vec threads (default: the usable cores)")
    for key, value in VECTOR_DEFAULTS.items():
        vectors.add_argument("--" + key.replace("_", "-"), type=int, default=value, help=f"default {value}")
    vectors.set_defaults(command=_vectors)

    lessons = commands.add_parser("lessons", help="write the teaching track's lessons (student or teacher version) into a folder")
    version = lessons.add_mutually_exclusive_group(required=True)
    version.add_argument("--student", type=Path, metavar="OUT_DIR", help="the lessons with every solution replaced by a stub")
    version.add_argument("--teacher", type=Path, metavar="OUT_DIR", help="the lessons with their solutions")
    lessons.add_argument("--force", action="store_true", help="overwrite lessons already in OUT_DIR (answers there are lost)")
    lessons.set_defaults(command=_lessons)

    models = commands.add_parser("models", help="show the model directory and files that would be used")
    _model_options(models, DEFAULT_PROCESSORS)
    models.set_defaults(command=_models)
    _add_debug(parser)
    return parser


def _add_debug(parser: argparse.ArgumentParser) -> None:
    """`--debug` on every command, before or after its name."""
    parser.add_argument("--debug", action="store_true", default=argparse.SUPPRESS if parser.prog != "kit" else False,
                        help="show the traceback of an error instead of one line")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                _add_debug(sub)


def _input_options(parser: argparse.ArgumentParser) -> None:
    """How table inputs are read, and which of their documents to keep (recorded in a run's manifest)."""
    parser.add_argument("--text-col", default="text", help="text column of table inputs (default: text)")
    parser.add_argument("--title-col", default="title")
    parser.add_argument("--date-col", default="date")
    parser.add_argument("--source-col", default="source", help="the outlet column (default: source)")
    parser.add_argument("--no-headline", action="store_true", help="do not take a short first line as the title")
    parser.add_argument("--keep-furniture", action="store_true", help="keep page furniture")
    parser.add_argument("--select", action="append", default=[], metavar="COLUMN=VALUE[,VALUE]",
                        help="keep the table rows whose COLUMN has one of these values (repeatable)")
    parser.add_argument("--where", help="keep the rows for which this pandas expression over the table's columns holds, "
                                        "e.g. \"category in ['middleEast', 'internationalNews']\"")
    parser.add_argument("--since", help="keep documents dated from this year, month or day (2018, 2018-04, 2018-04-15)")
    parser.add_argument("--until", help="keep documents dated through this year, month or day (2018-05 = through 31 May)")
    parser.add_argument("--sample", type=int, help="keep N documents of those selected, drawn at random")
    parser.add_argument("--sample-per", metavar="COLUMN",
                        help="with --sample: keep N documents for each value of COLUMN (e.g. outlet), not N in all")
    parser.add_argument("--seed", type=int, default=0, help="the seed of --sample (default 0)")


def _load_options(args: argparse.Namespace) -> dict:
    """corpus.load's keyword arguments from the input options."""
    from kit.corpus import Selection

    equals = []
    for item in args.select:
        column, sign, values = item.partition("=")
        if not sign or not column:
            raise ValueError(f"--select {item!r}: write COLUMN=VALUE or COLUMN=VALUE1,VALUE2 (e.g. --select outlet=BBC,CNN)")
        equals.append((column, values.split(",") if "," in values else values))
    selection = Selection(equals=tuple(equals), where=args.where, since=args.since, until=args.until, sample=args.sample,
                          seed=args.seed, sample_per=args.sample_per)
    return {"text_col": args.text_col, "title_col": args.title_col, "date_col": args.date_col,
            "source_col": args.source_col, "headline": not args.no_headline, "strip_furniture": not args.keep_furniture,
            "select": selection if selection.describe() else None}


def _engine_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="local: this process; dask: a Dask cluster (LocalCluster unless --scheduler)")
    parser.add_argument("--workers", type=int,
                        help="worker processes (local) or Dask workers, each with torch threads = cores / workers "
                             "(default: $KIT_WORKERS, else one per usable core; 1: everything in this process)")
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler (the output and cache must be shared paths)")
    parser.add_argument("--partition-size", type=int, default=100, help="documents per partition (bounds memory; default 100)")
    parser.add_argument("--batch-size", type=int, default=16, help="documents per Stanza batch (default 16)")


def _model_options(parser: argparse.ArgumentParser, default_processors: str) -> None:
    parser.add_argument("--model-dir", help="Stanza resources directory (default: $STANZA_RESOURCES_DIR or Stanza's default)")
    parser.add_argument("--processors", help=f"Stanza processors (default: {default_processors}, less mwt/ner if the model has none)")


def _parse(args: argparse.Namespace) -> int:
    from kit import corpus, engine

    missing = [str(item) for item in args.inputs if not Path(item).exists()]
    if missing:
        raise FileNotFoundError(f"no input at {', '.join(missing)} (give .txt files, folders or .csv/.jsonl/.parquet tables)")
    loaded = corpus.load([Path(item) for item in args.inputs], **_load_options(args))
    if loaded.empty:
        print("kit: error: no documents could be loaded from " + " ".join(map(str, args.inputs)), file=sys.stderr)
        return 1
    info = engine.process(
        loaded,
        args.out,
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        partition_size=args.partition_size,
        model_dir=args.model_dir,
        processors=args.processors,
        cache=False if args.no_cache else args.cache,
        dictionary=args.dictionary,
        keep_whole=names_to_keep(args.dictionary) if args.keep_names_whole else None,
        batch_size=args.batch_size,
        progress=not args.quiet,
    )
    if args.exports:
        from kit.reporting import exports
        from kit.tables import read_run

        exports.write_all(read_run(args.out), args.out / "exports")
    print(
        f"{info['n_documents']} documents ({info['n_parsed']} parsed, {info['n_cached']} from cache, "
        f"{info['n_failed']} failed; engine {info['engine']}); tables in {args.out / 'tables'}: "
        + ", ".join(f"{name} ({rows} rows)" for name, rows in info["tables"].items())
    )
    return _report_failures(info)


def _report_failures(info: dict) -> int:
    """Say at the end what failed, counted by reason; 1 when a table is incomplete (a partition failed) or nothing parsed."""
    import re
    from collections import Counter

    reasons = Counter(re.sub(r"^document \S+ \([^)]*\): ", "", message) for message in info["errors"].values())
    for reason, count in reasons.most_common():
        print(f"kit: {count} document(s) failed: {reason}", file=sys.stderr)
    for partition in info.get("failed_partitions", []):
        print(f"kit: error: {partition}; the tables lack its documents", file=sys.stderr)
    return 1 if info.get("failed_partitions") or not info["n_documents"] else 0


def _run(args: argparse.Namespace) -> int:
    import yaml

    from kit.reporting import run

    parameters = {}
    for key, value in args.parameter:
        try:
            parameters[key] = yaml.safe_load(value)
        except yaml.YAMLError as error:
            problem = getattr(error, "problem", None) or type(error).__name__
            raise ValueError(f"-p {key} {value!r} is not a plain YAML value ({problem}); write e.g. -p top_n 20, "
                             f"-p names '[a, b]' or -p title 'some text'") from None
    manifest = run.run(
        args.inputs, args.out, parameters=parameters, notebooks=args.notebooks, model_dir=args.model_dir,
        cache=False if args.no_cache else args.cache, workers=args.workers, progress=not args.quiet,
        engine=args.engine, scheduler=args.scheduler, partition_size=args.partition_size, batch_size=args.batch_size,
        keep_failed=args.keep_failed, load_options=_load_options(args),
    )
    for record in manifest["notebooks"]:
        print(f"{record['name']}: {record['status']}" + (f" ({record['error']})" if record.get("error") else ""))
    print(f"run folder: {manifest['run_folder']} (report.html, tables/, figures/, notebooks/, manifest.json)")
    if manifest["status"] != "ok" and Path(manifest["run_folder"]) != Path(args.out).absolute():
        print(f"kit: the run failed, so it went beside --out; {args.out} is unchanged (--keep-failed puts a failed run there)",
              file=sys.stderr)
    _report_failures({"errors": manifest["parse_errors"], "failed_partitions": manifest["failed_partitions"],
                      "n_documents": 1})
    return 0 if manifest["status"] == "ok" else 1


def _batch(args: argparse.Namespace) -> int:
    from kit.reporting import batch

    index = batch.batch(args.spec, args.out, jobs=args.jobs, force=args.force, progress=not args.quiet,
                        model_dir=args.model_dir, cache=args.cache)
    for row in index.itertuples(index=False):
        counts = "" if row.status == "not run" or row.documents is None or row.documents != row.documents else \
            f" ({int(row.documents)} documents, {int(row.claims)} claims, {int(row.stances)} stances)"
        print(f"{row.label}: {row.status}{' (unchanged, reused)' if row.reused else ''}{counts}"
              + (f": {row.error}" if row.error else ""))
    print(f"index: {args.out / 'index.html'} (and index.csv)")
    return 0 if (index["status"] == "ok").all() else 1


def _train(args: argparse.Namespace) -> int:
    from kit.modeltools import train

    budget = {key: getattr(args, key) for key in train.DEFAULT_BUDGET}
    report = train.train(args.ud, args.dev, args.out, ner_train=args.ner, ner_dev=args.ner_dev, budget=budget,
                         processors=tuple(p.strip() for p in args.processors.split(",") if p.strip()), work_dir=args.work_dir,
                         tokenize_train=args.tokenize_ud, tokenize_dev=args.tokenize_dev, group_clitics=args.group_clitics,
                         jobs=args.jobs, pretrain=args.pretrain, ner_pretrain=args.ner_pretrain)
    print(f"trained {', '.join(report['processors'])} into {report['model_dir']} ({report['jobs']} at a time); "
          f"seconds: {report['seconds']}")
    for processor, reason in report["skipped"].items():
        print(f"not trained: {processor} ({reason})")
    processors = ",".join(report["processors"])
    print(f"load it with processors={processors!r}" if "mwt" not in report["processors"] else "", end="")
    print(f"use it with --model-dir {report['model_dir']} or STANZA_RESOURCES_DIR={report['model_dir']}")
    return 0


def _vectors(args: argparse.Namespace) -> int:
    from kit.modeltools import vectors

    report = vectors.train_vectors(args.inputs, args.out, text_col=args.text_col, split_clitics=not args.tokens,
                                   limit=args.limit, workers=args.workers,
                                   **{key: getattr(args, key) for key in vectors.DEFAULTS})
    print(f"{report['vocabulary']:,} vectors of {report['dim']} dimensions from {report['documents']:,} documents "
          f"({report['words']:,} {'words' if report['split_clitics'] else 'tokens'}) in {report['seconds']:.0f} s: {report['out']}")
    return 0


def _print_scores(scores: dict, as_json: bool, columns=("precision", "recall", "f1")) -> int:
    import json

    if as_json:
        print(json.dumps(scores, ensure_ascii=False, indent=2))
        return 0
    print(f"{'':14s}" + "".join(f"{c:>11s}" for c in columns))
    for name, row in scores.items():
        cells = "".join(f"{row.get(c, ''):>11}" if row.get(c) is not None else f"{'-':>11s}" for c in columns)
        print(f"{name:14s}{cells}")
    return 0


def _evaluate_ud(args: argparse.Namespace) -> int:
    from kit.modeltools import evaluate

    return _print_scores(evaluate.evaluate_ud(args.gold, model_dir=args.model_dir, system_out=args.system_out,
                                                    group_clitics=args.group_clitics), args.json)


def _evaluate_ner(args: argparse.Namespace) -> int:
    from kit.modeltools import evaluate

    scores = evaluate.evaluate_ner(args.gold, model_dir=args.model_dir)
    return _print_scores(scores, args.json, columns=("precision", "recall", "f1", "support"))


def _evaluate_extraction(args: argparse.Namespace) -> int:
    from kit.modeltools import gold

    grading = gold.evaluate(args.gold, tables_dir=args.tables, articles=args.articles, half=args.half,
                            model_dir=args.model_dir)
    if args.json:
        print(json.dumps(grading.to_dict(), ensure_ascii=False, indent=2))
        return 0
    import pandas as pd

    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 250):
        print(grading.table().fillna("-").to_string(index=False))
        if args.errors:
            print()
            for (table, kind), group in grading.errors.groupby(["table", "kind"], sort=False):
                print(f"{table} {kind}: {len(group)}")
                for row in group.head(args.errors).itertuples():
                    shown = " | ".join(str(v) for v in (row.document, row.cause, row.gold, row.found, row.sentence) if v)
                    print(f"  {shown}")
    return 0


def names_to_keep(dictionary: str | None) -> frozenset[str]:
    """Single-word dictionary names that begin with a clitic letter, for the tokenizer to keep whole."""
    from kit.extract import actors
    from kit.extract.context import CLITICS
    from kit.text import fold

    table = actors.load_dictionary(dictionary).table
    forms = {fold(alias) for cell in table["aliases"] for alias in str(cell).split("|")}
    return frozenset(f for f in forms if " " not in f and f[:1] in {c[0] for c in CLITICS})


def _lessons(args: argparse.Namespace) -> int:
    from kit.teaching import versions

    version, out = (versions.STUDENT, args.student) if args.student else (versions.TEACHER, args.teacher)
    written = versions.write(out, version, force=args.force)
    print(f"{len(written)} lessons ({version} version) and their texts in {out}; open them with: jupyter lab {out}")
    return 0


def _models(args: argparse.Namespace) -> int:
    from kit import nlp

    root = nlp.resolve_model_dir(args.model_dir)
    args.processors = nlp.resolve_processors(args.processors, root)
    print(f"model directory: {root} (processors {args.processors})")
    files = nlp.model_files(root, args.processors)
    for path in files:
        if path.exists():
            size = path.stat().st_size / 1e6
            print(f"  {path.relative_to(root)}  {size:8.1f} MB  sha256 {nlp.file_sha256(path)}")
        else:
            print(f"  {path.relative_to(root)}  MISSING")
    if not all(path.exists() for path in files):
        print("some model files are missing; `kit parse` would try to download them", file=sys.stderr)
        return 1
    print(f"fingerprint: {nlp.model_fingerprint(root, args.processors)}")
    return 0


def _format_warning(message, category, filename, lineno, line=None) -> str:
    return f"kit: warning: {message}\n"
