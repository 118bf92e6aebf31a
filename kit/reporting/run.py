"""Run the analysis notebooks on a corpus through papermill into one reproducible run folder.

The tables are computed once (the parse cache serves everything); each notebook then reads them
with `kit.read_run` and receives only the parameters its `parameters` cell declares. The
notebooks run in a kernel of this very Python, the run folder is built beside the target and
swapped in at the end, and manifest.json records inputs, parameters, versions, model files and
each notebook's outcome. A failing notebook is recorded and the others still run. A notebook
opened on its own, with no run folder, computes the same tables in memory with `kit.analyse` (kit.tables).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator, Sequence


from tqdm.auto import tqdm

from kit import corpus, nlp
from kit import engine as kit_engine
from kit import io as kit_io
from kit.io import atomic_write
from kit.reporting import exports, report
from kit.tables import read_run

STANDARD_PARAMETERS = ("input", "run_dir", "model_dir")
DEFAULT_NOTEBOOKS = ("01_corpus", "02_actors", "03_claims", "04_stances")
KERNEL_NAME = "kit-python"


def notebooks_dir() -> Path:
    """The project's notebooks/ folder (beside the kit package), else ./notebooks."""
    beside = Path(__file__).resolve().parents[2] / "notebooks"
    return beside if beside.is_dir() else Path.cwd() / "notebooks"


def resolve_notebooks(names: Sequence[str] | None = None) -> list[Path]:
    """Notebook paths for names (`02_actors`, `02_actors.ipynb`) or paths; the default is 01-04."""
    found = []
    for name in names or DEFAULT_NOTEBOOKS:
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".ipynb")
        if not path.exists():
            path = notebooks_dir() / path.name
        if not path.exists():
            available = ", ".join(sorted(p.stem for p in notebooks_dir().glob("*.ipynb")))
            raise ValueError(f"no notebook {name!r}; available: {available}")
        found.append(path)
    return found


def declared_parameters(notebook: Path) -> dict[str, Any]:
    """The parameters a notebook declares in its `parameters` cell (name -> papermill's description)."""
    import papermill

    return papermill.inspect_notebook(str(notebook))


def check_parameters(notebooks: list[Path], parameters: dict[str, Any]) -> dict[Path, set[str]]:
    """Each notebook's declared names; a parameter no selected notebook declares is an error."""
    described = {path: declared_parameters(path) for path in notebooks}
    declared = {path: set(names) for path, names in described.items()}
    known = set().union(*declared.values()) if declared else set()
    unknown = sorted(set(parameters) - known)
    if unknown:
        listing = "; ".join(f"{p.stem}: {', '.join(sorted(names))}" for p, names in declared.items())
        raise ValueError(f"unknown parameter(s) {', '.join(unknown)}: no selected notebook declares them ({listing})")
    for path, names in described.items():
        for name, value in parameters.items():
            if name in names and name not in STANDARD_PARAMETERS:
                _check_type(path, name, names[name].get("default"), value)
    return declared


def _check_type(notebook: Path, name: str, default_source: str | None, value: Any) -> None:
    """A parameter must have the type of its default in the notebook (an int for `top_n = 15`); None and missing defaults accept anything."""
    import ast

    try:
        default = ast.literal_eval(default_source) if default_source else None
    except (ValueError, SyntaxError):
        return
    if default is None or value is None:
        return
    expected = float if isinstance(default, float) else type(default)
    fits = isinstance(value, (int, float)) and not isinstance(value, bool) if expected is float else \
        isinstance(value, expected) and (expected is bool or not isinstance(value, bool))
    if not fits:
        raise ValueError(f"-p {name} {value!r}: {notebook.stem} expects {expected.__name__} (its default is {default!r})")


def run(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    parameters: dict[str, Any] | None = None,
    notebooks: Sequence[str] | None = None,
    model_dir: str | Path | None = None,
    cache: str | Path | bool | None = None,
    workers: int | None = None,
    progress: bool = True,
    engine: str = "local",
    scheduler: str | None = None,
    partition_size: int = 100,
    batch_size: int = 16,
    keep_failed: bool = False,
    load_options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Parse `inputs`, write the tables, execute the notebooks and the report into `out`; return the manifest.

    `out` must be new, empty, or a kit run holding only what the kit wrote (`kit.io.check_replaceable`);
    it is replaced only when the new run is complete. A run with a failed notebook goes beside it, to
    `NAME.failed`, unless `keep_failed`; the manifest's `run_folder` says where the run went.
    `load_options` go to `kit.corpus.load` (table columns, `select=` a Selection, recorded in the manifest).
    """
    load_options = dict(load_options or {})
    parameters = {key: _absolute_if_path(value) for key, value in (parameters or {}).items()}
    selected = resolve_notebooks(notebooks)
    declared = check_parameters(selected, parameters)
    out = Path(out).absolute()
    inputs = [Path(i) for i in inputs]
    missing = [str(i) for i in inputs if not i.exists()]
    if missing:
        raise FileNotFoundError(f"no input at {', '.join(missing)}")
    for folder in (out, out.with_name(out.name + ".failed"), out.with_name(out.name + ".previous")):
        kit_io.check_replaceable(folder, inputs)  # before any work: where this run may go, or leave the old one
    started = _now()
    staging = kit_io.staging_folder(out)
    try:
        loaded = corpus.load(inputs, **load_options)
        if loaded.empty:
            raise ValueError("no documents could be loaded from " + " ".join(map(str, inputs))
                             + (" with that selection" if load_options.get("select") else ""))
        info = kit_engine.process(
            loaded, staging, engine=engine, workers=workers, scheduler=scheduler, partition_size=partition_size,
            model_dir=model_dir, cache=cache, batch_size=batch_size, progress=progress,
        )
        exports.write_all(read_run(staging), staging / "exports")

        standard = {
            "input": [str(Path(i).resolve()) for i in inputs] if len(inputs) > 1 else str(Path(inputs[0]).resolve()),
            "run_dir": ".",
            "model_dir": str(nlp.resolve_model_dir(model_dir)),
        }
        records = []
        (staging / "notebooks").mkdir()
        with _kernel_of_this_python() as kernel_manager, \
                tqdm(total=len(selected), desc="Notebooks", unit="notebook", disable=not progress) as bar:
            for path in selected:  # one bar for the stage, not one per notebook's cells
                bar.set_postfix_str(path.stem)
                given = {k: v for k, v in {**standard, **parameters}.items() if k in declared[path]}
                records.append(_execute(path, staging, given, False, kernel_manager))
                bar.update()
        manifest = _manifest(inputs, parameters, info, records, started)
        manifest["selection"] = load_options["select"].describe() if load_options.get("select") else {}
        manifest["input_options"] = {k: v for k, v in load_options.items() if k != "select"}
        target = out if manifest["status"] == "ok" or keep_failed else out.with_name(out.name + ".failed")
        kit_io.check_replaceable(target)
        manifest["run_folder"] = str(target)
        atomic_write(staging / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        report.build_report(staging, manifest, name=out.name)
        kit_io.mark_run(staging, _versions()["arabic-news-kit"])
        kit_io.swap_in(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _absolute_if_path(value: Any) -> Any:
    """A parameter naming an existing file or folder becomes absolute: notebooks run inside the run folder."""
    if isinstance(value, str) and value and Path(value).exists():
        return str(Path(value).resolve())
    return value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _execute(path: Path, run_dir: Path, given: dict[str, Any], progress: bool, kernel_manager: type | None = None) -> dict[str, Any]:
    """Execute one notebook into run_dir/notebooks with cwd = run_dir; never raises for a failing cell."""
    import papermill

    record = {"name": path.stem, "source": str(path), "parameters": given, "started": _now()}
    try:
        papermill.execute_notebook(
            str(path), str(run_dir / "notebooks" / path.name), parameters=given, kernel_name=KERNEL_NAME,
            **({"kernel_manager_class": kernel_manager} if kernel_manager else {}),
            cwd=str(run_dir), progress_bar=progress,
        )
        record["status"] = "ok"
    except papermill.PapermillExecutionError as error:
        record["status"] = "failed"
        record["error"] = f"{error.ename}: {error.evalue} (cell {error.exec_count})"
    except Exception as error:  # a kernel that dies or will not start is a notebook failure too
        record["status"] = "failed"
        record["error"] = f"{type(error).__name__}: {error}"
    record["finished"] = _now()
    return record


@contextmanager
def _kernel_of_this_python() -> Iterator[type | None]:
    """Make a Jupyter kernel named KERNEL_NAME that runs this interpreter, for the notebooks; yield its kernel manager class.

    Notes: a kernel found on the system path may belong to another environment (papermill's most
    common failure in venvs and conda envs); this one is sys.executable, whatever is installed.
    Where the system has Unix sockets the kernel talks over them (IPC) in this private folder, not
    over unencrypted TCP ports any local process could reach; nothing is left behind.
    """
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder) / "kernels" / KERNEL_NAME
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": f"kit ({sys.executable})",
            "language": "python",
            "env": {"MPLBACKEND": "module://matplotlib_inline.backend_inline"},
        }))
        previous = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = folder + (os.pathsep + previous if previous else "")
        try:
            yield None if os.name == "nt" else _ipc_kernel_manager(Path(folder) / "kernel")
        finally:
            if previous is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = previous


def _ipc_kernel_manager(prefix: Path) -> type:
    """A jupyter_client KernelManager whose kernels use Unix sockets named `prefix-N`."""
    from jupyter_client.manager import KernelManager

    class IPCKernelManager(KernelManager):
        def __init__(self, **options: Any) -> None:
            options.setdefault("transport", "ipc")
            options.setdefault("ip", str(prefix))
            super().__init__(**options)

    return IPCKernelManager


def _input_files(inputs: Sequence[str | Path]) -> list[dict[str, str]]:
    files = []
    for item in inputs:
        path = Path(item)
        paths = sorted(path.rglob("*.txt")) if path.is_dir() else [path]  # what kit.corpus.load reads
        files += [{"path": str(p), "sha256": nlp.file_sha256(p)} for p in paths if p.exists()]
    return files


def _versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for package in ("arabic-news-kit", "stanza", "torch", "pandas", "matplotlib", "papermill"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return versions


def _manifest(inputs, parameters, info: dict[str, Any], records, started: str) -> dict[str, Any]:
    root = Path(info["model_dir"])
    files = nlp.model_files(root, info["processors"].split("|")[0])  # without the cache variant suffix
    return {
        "status": "ok" if all(r["status"] == "ok" for r in records) and not info.get("failed_partitions") else "failed",
        "started": started,
        "finished": _now(),
        "command": sys.argv,
        "inputs": _input_files(inputs),
        "parameters": parameters,
        "notebooks": records,
        "versions": _versions(),
        "model": {
            "dir": str(root),
            "fingerprint": info["model_fingerprint"],
            "processors": info["processors"],
            "files": [{"path": str(p.relative_to(root)), "sha256": nlp.file_sha256(p)} for p in files],
        },
        "parse": {k: info[k] for k in ("engine", "workers", "torch_threads", "n_documents", "n_parsed", "n_cached",
                                       "n_failed", "cache_dir")},
        "parse_errors": info["errors"],
        "failed_partitions": info.get("failed_partitions", []),
        "tables": info["tables"],
    }
