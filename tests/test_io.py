"""kit.io: atomic files, run folders the kit can prove it wrote, swaps that never leave --out empty, leftovers cleaned."""

import hashlib
import json
import os
import subprocess
import sys

import pytest

from kit import io as kit_io


def _run_folder(path, files):
    """A finished kit run at `path` holding `files` ({relative path: text}), with its marker."""
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text(text, encoding="utf-8")
    kit_io.mark_run(path, "test")
    return path


def test_the_marker_lists_every_file_of_the_run_with_its_checksum(tmp_path):
    _run_folder(tmp_path / "r", {"tables/actors.csv": "a", "report.html": "b"})
    marker = json.loads((tmp_path / "r" / kit_io.RUN_MARKER).read_text(encoding="utf-8"))
    assert marker == {"kit": "test", "files": {"report.html": hashlib.sha256(b"b").hexdigest(),
                                               "tables/actors.csv": hashlib.sha256(b"a").hexdigest()}}


@pytest.mark.parametrize("setup, allowed", [
    (lambda out: None, True),                                                      # nothing there yet
    (lambda out: out.mkdir(), True),                                               # an empty folder
    (lambda out: _run_folder(out, {"manifest.json": "{}"}), True),                 # a kit run, as written
    (lambda out: out.write_text("x"), False),                                      # a file
    (lambda out: (out.mkdir(), (out / "thesis.md").write_text("x")), False),       # someone's folder
    (lambda out: (_run_folder(out, {"manifest.json": "{}"}), (out / "notes.md").write_text("x")), False),
    (lambda out: (out.mkdir(), (out / kit_io.RUN_MARKER).write_text("not json")), False),
    (lambda out: (_run_folder(out, {"notebooks/02_actors.ipynb": "{}"}),
                  (out / "notebooks" / "02_actors.ipynb").write_text('{"edited": 1}')), False),   # a file edited since
])
def test_only_what_the_kit_wrote_may_be_replaced(tmp_path, setup, allowed):
    out = tmp_path / "out"
    setup(out)
    if allowed:
        kit_io.check_replaceable(out)
    else:
        with pytest.raises(kit_io.UnsafeOutputError, match=str(out)):
            kit_io.check_replaceable(out)


def test_an_input_inside_the_output_is_refused(tmp_path):
    with pytest.raises(kit_io.UnsafeOutputError, match="contains the input"):
        kit_io.check_replaceable(tmp_path, [tmp_path / "articles" / "a.txt"])


@pytest.mark.parametrize("exchange", [True, False])
def test_swap_in_replaces_the_old_run_whole(tmp_path, monkeypatch, exchange):
    if not exchange:  # the fallback for systems without renameat2: the old run under a visible name meanwhile
        monkeypatch.setattr(kit_io, "_exchange", lambda first, second: False)
    out = _run_folder(tmp_path / "out", {"old.txt": "old"})
    staging = kit_io.staging_folder(out)
    (staging / "new.txt").write_text("new")
    kit_io.swap_in(staging, out)
    assert sorted(p.name for p in out.iterdir()) == ["new.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_staging_folders_follow_the_umask_and_dead_ones_are_removed(tmp_path):
    out = tmp_path / "out"
    dead = kit_io.staging_folder(out)
    (dead / kit_io.STAGING_OWNER).write_text("999999999")  # a process that no longer exists
    live = kit_io.staging_folder(out)  # this one cleans `dead` away
    assert not dead.exists() and live.exists()
    assert oct(live.stat().st_mode & 0o777) == oct(0o777 & ~_umask())
    assert kit_io.staging_folder(out).exists() and live.exists()  # a live owner's folder stays


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


KILLED_RUN = """
import sys, time
from pathlib import Path
from kit import io as kit_io
out = Path(sys.argv[1])
staging = kit_io.staging_folder(out)
(staging / "half.txt").write_text("half")
print(staging, flush=True)
time.sleep(60)
kit_io.swap_in(staging, out)
"""


def test_a_killed_run_leaves_the_old_run_and_its_staging_is_cleaned_next_time(tmp_path):
    out = _run_folder(tmp_path / "out", {"manifest.json": "old"})
    child = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(out)], stdout=subprocess.PIPE, text=True)
    staging = child.stdout.readline().strip()
    child.kill()
    child.wait()
    assert (out / "manifest.json").read_text() == "old" and os.path.exists(staging)
    kit_io.staging_folder(out)
    assert not os.path.exists(staging)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_fallback_never_removes_a_previous_folder_the_kit_did_not_write(tmp_path, monkeypatch):
    monkeypatch.setattr(kit_io, "_exchange", lambda first, second: False)
    out = _run_folder(tmp_path / "out", {"old.txt": "old"})
    (tmp_path / "out.previous").mkdir()
    (tmp_path / "out.previous" / "mine.txt").write_text("mine")
    staging = kit_io.staging_folder(out)
    with pytest.raises(kit_io.UnsafeOutputError, match="out.previous"):
        kit_io.swap_in(staging, out)
    assert (tmp_path / "out.previous" / "mine.txt").read_text() == "mine" and (out / "old.txt").exists()


def test_linux_exchanges_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "in_a").touch()
    assert kit_io._exchange(tmp_path / "a", tmp_path / "b")
    assert [p.name for p in (tmp_path / "b").iterdir()] == ["in_a"] and not any((tmp_path / "a").iterdir())
