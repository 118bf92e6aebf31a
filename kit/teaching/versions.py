"""Student and teacher versions of the lessons from one source (notebooks/lessons/*.ipynb).

A lesson's solution cells carry the cell tag `solution` and, in their metadata, the `stub` that
replaces them in the student version (the function's signature with `...`, or `answer = None`).
The teacher version is the source as it is. Both come with the lessons' texts (texts/*.txt).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat

SOLUTION_TAG = "solution"
EXERCISE_TAG = "exercise"
STUDENT, TEACHER = "student", "teacher"


def lessons_dir() -> Path:
    """The project's notebooks/lessons/ folder (beside the kit package), else ./notebooks/lessons."""
    beside = Path(__file__).resolve().parents[2] / "notebooks" / "lessons"
    return beside if beside.is_dir() else Path.cwd() / "notebooks" / "lessons"


def lesson_paths(folder: Path | None = None) -> list[Path]:
    """The lesson notebooks in order (01_script.ipynb, 02_tokens.ipynb, ...)."""
    return sorted((folder or lessons_dir()).glob("[0-9][0-9]_*.ipynb"))


def student_version(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of a lesson with every `solution` cell replaced by its stub (tagged `exercise`), and no outputs."""
    student = nbformat.from_dict(notebook)
    for cell in student.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        tags = cell.metadata.get("tags", [])
        if SOLUTION_TAG in tags:
            if "stub" not in cell.metadata:
                raise ValueError(f"a solution cell has no stub in its metadata: {cell.source[:60]!r}")
            cell.source = cell.metadata.pop("stub")
            cell.metadata["tags"] = [EXERCISE_TAG if t == SOLUTION_TAG else t for t in tags]
    return student


def write(out: str | Path, version: str = STUDENT, *, force: bool = False, source: Path | None = None) -> list[Path]:
    """Write every lesson (student or teacher version) and its texts into `out`; returns the notebooks written.

    Never overwrites a file already there (a student's answers) unless `force`, and never writes into the source.
    """
    if version not in (STUDENT, TEACHER):
        raise ValueError(f"unknown version {version!r}; valid: {STUDENT}, {TEACHER}")
    source = source or lessons_dir()
    out = Path(out)
    if out.absolute() == source.absolute() or source.absolute() in out.absolute().parents:
        raise ValueError(f"{out} is inside the lessons' source folder {source}: choose a folder outside it")
    paths = lesson_paths(source)
    if not paths:
        raise FileNotFoundError(f"no lessons (NN_*.ipynb) in {source}")
    texts = sorted((source / "texts").glob("*.txt"))
    targets = [out / p.name for p in paths] + [out / "texts" / t.name for t in texts]
    present = [str(t) for t in targets if t.exists()]
    if present and not force:
        raise ValueError(f"{out} already holds {', '.join(present[:3])}{' ...' if len(present) > 3 else ''}; "
                         "the kit does not overwrite lessons (they may hold answers): choose another folder or pass --force")
    (out / "texts").mkdir(parents=True, exist_ok=True)
    for text in texts:
        shutil.copyfile(text, out / "texts" / text.name)
    written = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        nbformat.write(student_version(notebook) if version == STUDENT else notebook, out / path.name)
        written.append(out / path.name)
    return written
