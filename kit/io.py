"""Write files so that a reader never sees them half-written: temporary file, then rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def atomic_write(path: str | Path, data: str | bytes) -> Path:
    """Write `data` to `path` through a temporary file in the same folder and an atomic rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_csv(table: pd.DataFrame, path: str | Path) -> Path:
    """Write a table as UTF-8 CSV, atomically."""
    return atomic_write(path, table.to_csv(index=False))


# --- Run folders: the kit replaces only what it can prove it wrote -------------------------------------

RUN_MARKER = ".kit-run"  # JSON in every folder `kit run` writes: the kit's version and every file it wrote
STAGING_OWNER = ".kit-pid"  # the process building a staging folder; a folder whose process is gone is a leftover


class UnsafeOutputError(ValueError):
    """The output path holds something the kit did not write; the message says what and what to do."""


def written_files(folder: Path) -> list[str]:
    """Every file under `folder`, as sorted relative POSIX paths (what a run's marker lists)."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def mark_run(folder: Path, version: str) -> None:
    """Write the marker that proves `folder` is a kit run: every file in it with its SHA-256 (the marker last)."""
    import json

    files = {name: _sha256(folder / name) for name in written_files(folder) if name not in (RUN_MARKER, STAGING_OWNER)}
    atomic_write(folder / RUN_MARKER, json.dumps({"kit": version, "files": files}, ensure_ascii=False, indent=1))


def _sha256(path: Path) -> str:
    import hashlib

    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_replaceable(out: Path, inputs: list[Path] = ()) -> None:
    """Refuse (UnsafeOutputError) unless `out` is missing, an empty folder, or a kit run holding only the files it wrote.

    An input inside `out` is refused too: replacing the run would delete the corpus.
    """
    import json

    out = Path(out).absolute()
    refuse_inputs_inside(out, inputs)
    if not out.exists() and not out.is_symlink():
        return
    if not out.is_dir() or out.is_symlink():
        raise UnsafeOutputError(f"--out {out} exists and is not a folder; the kit never replaces a file: choose a folder name "
                                "that does not exist yet (e.g. runs/NAME)")
    present = written_files(out)
    if not present and not any(out.iterdir()):
        return
    marker = out / RUN_MARKER
    try:
        listed = json.loads(marker.read_text(encoding="utf-8"))["files"]
        listed = listed if isinstance(listed, dict) else dict.fromkeys(listed)
    except (OSError, ValueError, KeyError, TypeError):
        raise UnsafeOutputError(f"--out {out} exists and is not a kit run folder (no readable {RUN_MARKER} marker); "
                                "the kit replaces only folders it wrote: choose a new folder or move this one away") from None
    foreign = [name for name in present if name != RUN_MARKER and name not in listed]
    edited = [name for name in present if listed.get(name) and _sha256(out / name) != listed[name]]
    for problem, names in (("holds files the kit did not write", foreign), ("holds files changed since the kit wrote them", edited)):
        if names:
            shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            raise UnsafeOutputError(f"--out {out} is a kit run, but {problem} ({shown}); "
                                    "move them out of the folder first, or choose another --out")


def refuse_inputs_inside(out: Path, inputs: list[Path]) -> None:
    """UnsafeOutputError when `out` is an input or holds one: writing there would replace the corpus."""
    out = Path(out).absolute()
    for item in inputs:
        item = Path(item).absolute()
        if item == out or out in item.parents:
            raise UnsafeOutputError(f"--out {out} contains the input {item}: the run would replace it; "
                                    "write the run to another folder (e.g. runs/NAME)")


def staging_folder(out: Path) -> Path:
    """A new folder beside `out` to build the next run in, readable as the user's umask says, owned by this process."""
    out = Path(out).absolute()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out.parent, f".{out.name}.")
    folder = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    os.chmod(folder, 0o777 & ~_umask())
    (folder / STAGING_OWNER).write_text(str(os.getpid()), encoding="utf-8")
    return folder


def remove_leftovers(parent: Path, prefix: str) -> list[Path]:
    """Remove the staging folders under `parent` starting with `prefix` whose process has ended (killed runs)."""
    import shutil

    removed = []
    for folder in Path(parent).glob(prefix + "*"):
        owner = folder / STAGING_OWNER
        if not folder.is_dir() or not owner.exists():
            continue
        try:
            pid = int(owner.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not _alive(pid):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    """Whether process `pid` still runs on this machine (where the system cannot tell, it is taken to run)."""
    if os.name == "nt":
        return True  # os.kill would signal it; staging folders are then left for the user
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def swap_in(staging: Path, out: Path) -> None:
    """Put the finished `staging` folder at `out` so that `out` is never missing nor a mix of two runs.

    Linux exchanges the two folders in one step (renameat2 RENAME_EXCHANGE); elsewhere the old run is
    first renamed to `NAME.previous` (visible, and still complete) until the new one is in place.
    """
    import shutil

    (staging / STAGING_OWNER).unlink(missing_ok=True)
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # it now holds the old run
        return
    previous = out.with_name(out.name + ".previous")
    if previous.exists() or previous.is_symlink():
        check_replaceable(previous)  # only a kit run left there by an earlier swap is removed
        shutil.rmtree(previous)
    os.rename(out, previous)
    os.rename(staging, out)
    shutil.rmtree(previous, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE); False where the system cannot."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return result == 0
