"""Run the notebooks over a grid of corpus slices and parameter sets: one kit run per combination, and an index.

A spec (YAML) names the inputs and either a `grid` (every combination of its values) or a list of
named `runs`, each a selection of the corpus and/or notebook parameters:

    inputs: [../shared/corpora/news/ant_multisource.parquet]
    columns: {source: outlet}                  # table columns, as kit run's --text-col ... --source-col
    notebooks: [01_corpus, 02_actors]          # default: kit run's
    parameters: {top_n: 10}                    # for every run
    select: {where: "category == 'middleEast'", sample: 200, seed: 1}   # for every run
    grid: {outlet: [BBC, CNN], month: [2018-04, 2018-05], top_n: [10, 20]}
    figure: 02_top_actors                      # the figure figures.html shows across runs

A grid key is a notebook parameter when a selected notebook declares it, else a selection key
(`month`, `since`, `until`, `where`, `sample`, `seed`), else a column whose value a row must have.
Every combination becomes a run folder like `kit run` makes, under the batch folder. Documents are
parsed once for the whole batch (the parse cache then serves every run), runs go `jobs` at a time,
a failing one is recorded (its folder is NAME.failed, so an earlier good run of it stays) and the
others go on, each outcome is kept as soon as it is known, and a run whose inputs, parameters, notebooks, code
and model are unchanged since it last succeeded is not run again (unless `force`). `index.csv` and
`index.html` list every run with its status and counts and link to its report; `figures.html` shows
one figure of every run side by side.
"""

from __future__ import annotations

import hashlib
import html
import itertools
import json
import re
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import pandas as pd

from kit import corpus, nlp, results
from kit import io as kit_io
from kit.io import atomic_write
from kit.reporting import report, run

SPEC_KEYS = {"inputs", "columns", "notebooks", "parameters", "select", "grid", "runs", "figure"}
SELECTION_KEYS = {"month", "since", "until", "where", "sample", "seed"}
COLUMN_OPTIONS = {"text": "text_col", "title": "title_col", "date": "date_col", "source": "source_col"}
BATCH_MARKER = ".kit-batch"
STATE = "batch.json"
INDEX_COLUMNS = ["name", "label", "status", "reused", "documents", "actors", "claims", "stances", "selection",
                 "parameters", "report", "error"]


@dataclass
class Combination:
    """One run of a batch: its folder name, what a reader sees, its selection and notebook parameters."""

    name: str
    label: str
    select: dict[str, Any] = field(default_factory=dict)
    parameters: dict[str, Any] = field(default_factory=dict)

    def selection(self) -> corpus.Selection | None:
        """The Selection the `select` keys describe (`month` is since and until that month; other keys are columns)."""
        options = dict(self.select)
        if "month" in options:
            month = str(options.pop("month"))
            options.setdefault("since", month)
            options.setdefault("until", month)
        known = {key: options.pop(key) for key in list(options) if key in SELECTION_KEYS}
        if "sample" in known:
            known["sample"] = int(known["sample"])
        if "seed" in known:
            known["seed"] = int(known["seed"])
        chosen = corpus.Selection(equals=tuple(sorted(options.items())), **{k: str(v) if k in ("since", "until") else v
                                                                           for k, v in known.items()})
        return chosen if chosen.describe() else None


def read_spec(path: str | Path) -> dict[str, Any]:
    """The batch spec from a YAML file, checked: known keys, inputs that exist, a grid or runs."""
    import yaml

    path = Path(path)
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"{path}: not valid YAML ({getattr(error, 'problem', None) or error})") from None
    if not isinstance(spec, dict):
        raise ValueError(f"{path}: a batch spec is a mapping with inputs and a grid or runs")
    unknown = set(spec) - SPEC_KEYS
    if unknown:
        raise ValueError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}; a spec has {', '.join(sorted(SPEC_KEYS))}")
    inputs = spec.get("inputs")
    if not inputs:
        raise ValueError(f"{path}: no inputs (a list of files, folders or tables)")
    inputs = [inputs] if isinstance(inputs, str) else inputs
    spec["inputs"] = [str((path.parent / item).resolve()) if not Path(item).is_absolute() else str(item) for item in inputs]
    missing = [item for item in spec["inputs"] if not Path(item).exists()]
    if missing:
        raise FileNotFoundError(f"{path}: no input at {', '.join(missing)}")
    if not spec.get("grid") and not spec.get("runs"):
        raise ValueError(f"{path}: give a grid (key: [values]) or runs (a list of name, select, parameters)")
    unknown_columns = set(spec.get("columns") or {}) - set(COLUMN_OPTIONS)
    if unknown_columns:
        raise ValueError(f"{path}: columns may name {', '.join(COLUMN_OPTIONS)}, not {', '.join(sorted(unknown_columns))}")
    return spec


def combinations(spec: dict[str, Any], declared: set[str]) -> list[Combination]:
    """Every run the spec asks for: the grid's combinations, then the named runs; names are unique folder names."""
    found = []
    grid = spec.get("grid") or {}
    keys = list(grid)
    for values in itertools.product(*([v] if not isinstance(v, list) else v for v in grid.values())) if grid else ():
        chosen = dict(zip(keys, values))
        label = " · ".join(f"{key}={value}" for key, value in chosen.items())
        found.append(Combination(
            name=folder_name("_".join(f"{key}-{value}" for key, value in chosen.items())), label=label,
            select={**(spec.get("select") or {}), **{k: v for k, v in chosen.items() if k not in declared}},
            parameters={**(spec.get("parameters") or {}), **{k: v for k, v in chosen.items() if k in declared}}))
    for n, entry in enumerate(spec.get("runs") or []):
        if not isinstance(entry, dict) or set(entry) - {"name", "select", "parameters"}:
            raise ValueError(f"runs[{n}]: each run is a mapping of name, select and parameters")
        name = str(entry.get("name") or f"run-{n + 1}")
        found.append(Combination(name=folder_name(name), label=name,
                                 select={**(spec.get("select") or {}), **(entry.get("select") or {})},
                                 parameters={**(spec.get("parameters") or {}), **(entry.get("parameters") or {})}))
    names = [c.name for c in found]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise ValueError(f"two runs would share the folder {', '.join(repeated)}; give the runs distinct names")
    return found


def folder_name(text: str) -> str:
    """A folder name for a run: letters (Arabic too), digits, `-`, `_` and `.`; anything else becomes `-`."""
    name = re.sub(r"[^\w.\-]+", "-", str(text), flags=re.UNICODE).strip("-.")
    return name or "run"


def batch(spec_path: str | Path, out: str | Path, *, jobs: int = 1, force: bool = False, progress: bool = True,
          model_dir: str | Path | None = None, cache: str | Path | None = None) -> pd.DataFrame:
    """Run every combination of the spec into `out`/<name>/ and write the index; return the index table."""
    spec = read_spec(spec_path)
    out = Path(out).absolute()
    _check_batch_folder(out, [Path(i) for i in spec["inputs"]])
    notebooks = run.resolve_notebooks(spec.get("notebooks"))
    declared = set().union(*(set(run.declared_parameters(p)) for p in notebooks)) - set(run.STANDARD_PARAMETERS)
    found = combinations(spec, declared)
    load = {COLUMN_OPTIONS[key]: value for key, value in (spec.get("columns") or {}).items()}
    for combination in found:  # every mistake is found before anything runs
        run.check_parameters(notebooks, combination.parameters)
        combination.selection()
    out.mkdir(parents=True, exist_ok=True)
    (out / BATCH_MARKER).write_text(json.dumps({"spec": str(Path(spec_path).absolute())}), encoding="utf-8")
    state = _read_state(out)
    fingerprint = nlp.model_fingerprint(model_dir)
    keys = {c.name: _run_key(spec, c, notebooks, load, fingerprint) for c in found}
    todo = [c for c in found if force or not _done(out, c, state, keys[c.name])]
    if todo:
        _parse_once(spec["inputs"], todo, load, model_dir, cache, progress)
    options = {"notebooks": [str(p) for p in notebooks], "model_dir": model_dir, "cache": cache, "workers": 1,
               "progress": False}  # one process per run: the documents are parsed already, the runs read the cache
    def record(combination: Combination, result: dict[str, Any]) -> None:
        """Keep each run's outcome as soon as it is known, so a batch that dies still knows what finished."""
        state[combination.name] = {**result, "key": keys[combination.name]}
        atomic_write(out / STATE, json.dumps(state, ensure_ascii=False, indent=1))

    tasks = {c.name: (spec["inputs"], str(out / c.name), c, load, options) for c in todo}
    if jobs <= 1 or len(todo) <= 1:
        for combination in todo:
            record(combination, _run_one(*tasks[combination.name]))
    else:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(_run_one, *tasks[c.name]): c for c in todo}
            for future in as_completed(futures):
                try:
                    result = future.result()
                except Exception as error:  # a worker that died (killed, out of memory): that run failed
                    result = {"status": "failed", "error": f"{type(error).__name__}: {error}"}
                record(futures[future], result)
    index = _index(out, found, state, {c.name for c in todo})
    write_index(out, index, spec.get("figure"))
    return index


def _check_batch_folder(out: Path, inputs: list[Path]) -> None:
    """A batch writes into a new folder, an empty one or an earlier batch's folder, never into an input."""
    kit_io.refuse_inputs_inside(out, inputs)
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / BATCH_MARKER).exists())):
        raise kit_io.UnsafeOutputError(f"--out {out} exists and is not a kit batch folder (no {BATCH_MARKER}); "
                                       "choose a new folder or move this one away")


def _read_state(out: Path) -> dict[str, Any]:
    try:
        return json.loads((out / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _done(out: Path, combination: Combination, state: dict[str, Any], key: str) -> bool:
    """True when the run succeeded before with the same inputs, parameters, notebooks, code and model."""
    earlier = state.get(combination.name, {})
    return earlier.get("key") == key and earlier.get("status") == "ok" and (out / combination.name / "manifest.json").exists()


def _run_key(spec: dict, combination: Combination, notebooks: list[Path], load: dict, fingerprint: str) -> str:
    """A hash of everything a run's output depends on."""
    from importlib import metadata

    digest = hashlib.sha256(json.dumps({
        "select": combination.select, "parameters": combination.parameters, "load": load,
        "kit": metadata.version("arabic-news-kit"), "model": fingerprint,
    }, sort_keys=True, ensure_ascii=False, default=str).encode())
    for item in spec["inputs"]:
        path = Path(item)
        for file in sorted(path.rglob("*.txt")) if path.is_dir() else [path]:
            digest.update(f"{file} {nlp.file_sha256(file)}".encode())
    for notebook in notebooks:
        digest.update(nlp.file_sha256(notebook).encode())
    digest.update(results.code_fingerprint().encode())  # the kit's own code and lexicons
    return digest.hexdigest()


def _parse_once(inputs: list[str], todo: list[Combination], load: dict, model_dir, cache, progress: bool) -> None:
    """Parse the documents of every run once, into the parse cache, before the runs read them from it."""
    import warnings

    frames = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", corpus.CorpusWarning)  # each run reports its own
        for combination in todo:
            try:
                frames.append(corpus.load(inputs, **load, select=combination.selection()))
            except (OSError, ValueError):
                continue  # that run fails on its own, with its message
    union = pd.concat(frames, ignore_index=True).drop_duplicates("doc_id") if frames else pd.DataFrame()
    for start in range(0, len(union), 100):
        nlp.parse(union.iloc[start:start + 100], model_dir=model_dir, cache=cache, progress=progress)


def _run_one(inputs: list[str], folder: str, combination: Combination, load: dict, options: dict) -> dict[str, Any]:
    """One combination as a kit run; a failure is returned as the run's status, never raised."""
    record: dict[str, Any] = {"label": combination.label, "select": combination.select, "parameters": combination.parameters}
    try:
        manifest = run.run(inputs, folder, parameters=combination.parameters, load_options={
            **load, "select": combination.selection()}, **options)
    except Exception as error:  # recorded in the index; the batch goes on
        return {**record, "status": "failed", "error": f"{type(error).__name__}: {error}"}
    errors = [f"{r['name']}: {r['error']}" for r in manifest["notebooks"] if r.get("error")]
    return {**record, "status": manifest["status"], "error": "; ".join(errors), "tables": manifest["tables"],
            "folder": Path(manifest["run_folder"]).name}  # a failed run is NAME.failed, beside the last good one


def _index(out: Path, found: list[Combination], state: dict[str, Any], ran: set[str]) -> pd.DataFrame:
    rows = []
    for combination in found:
        entry = state.get(combination.name, {})
        tables = entry.get("tables", {})
        folder = entry.get("folder", combination.name)
        has_report = (out / folder / "report.html").exists()
        rows.append({
            "name": combination.name, "label": combination.label, "status": entry.get("status", "not run"),
            "reused": combination.name not in ran, "documents": tables.get("documents"), "actors": tables.get("actors"),
            "claims": tables.get("claims"), "stances": tables.get("stances"),
            "selection": json.dumps(combination.select, ensure_ascii=False, default=str),
            "parameters": json.dumps(combination.parameters, ensure_ascii=False, default=str),
            "report": f"{folder}/report.html" if has_report else "", "error": entry.get("error", ""),
        })
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)


def write_index(out: Path, index: pd.DataFrame, figure: str | None = None) -> None:
    """index.csv (for pandas), index.html (a row per run, linking its report) and figures.html (one figure per run)."""
    atomic_write(out / "index.csv", index.to_csv(index=False))
    rows = []
    for row in index.itertuples(index=False):
        link = f'<a href="{html.escape(row.report)}">report</a>' if row.report else ""
        cells = [f'<td dir="{report.direction(row.label)}">{html.escape(row.label)}</td>',
                 f'<td class="status-{html.escape(row.status)}">{html.escape(row.status)}{" (reused)" if row.reused else ""}</td>',
                 *(f"<td>{'' if pd.isna(value) else int(value)}</td>" for value in (row.documents, row.actors, row.claims, row.stances)),
                 f'<td dir="auto"><code>{html.escape(row.selection)}</code></td>',
                 f'<td dir="auto"><code>{html.escape(row.parameters)}</code></td>',
                 f"<td>{link}</td>", f"<td>{html.escape(row.error)}</td>"]
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<th>{name}</th>" for name in ("run", "status", "documents", "actors", "claims", "stances",
                                                    "selection", "parameters", "report", "error"))
    more = f' · <a href="figures.html">{html.escape(figure)} across runs</a>' if figure else ""
    _page(out / "index.html", f"Batch {out.name}",
          f"<p>{len(index)} runs, {int((index['status'] == 'ok').sum())} ok{more}.</p>"
          f'<table class="kit"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')
    if figure:
        cells = []
        for row in index.itertuples(index=False):
            folder = row.report.rpartition("/")[0] or row.name
            image = out / folder / "figures" / f"{figure}.png"
            picture = f'<img src="{html.escape(folder)}/figures/{html.escape(figure)}.png" alt="">' if image.exists() \
                else "<p>no figure</p>"
            cells.append(f'<figure>{picture}<figcaption dir="{report.direction(row.label)}">{html.escape(row.label)}'
                         "</figcaption></figure>")
        _page(out / "figures.html", f"{figure} across the runs of {out.name}", f'<div class="grid">{"".join(cells)}</div>')


def _page(path: Path, title: str, body: str) -> None:
    grid = ".grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 1em; } " \
           ".grid img { width: 100%; }"
    atomic_write(path, '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                       f"<title>{html.escape(title)}</title><style>{report.STYLE}{grid}</style></head>"
                       f"<body><h1>{html.escape(title)}</h1>{body}</body></html>\n")
