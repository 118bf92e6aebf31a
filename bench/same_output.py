"""Check that a change leaves the kit's output byte-identical: tables and CoNLL-U for the seed and the dev articles.

Usage:
    python bench/same_output.py --write SNAPSHOT_DIR    # before the change: keep the output
    python bench/same_output.py --compare SNAPSHOT_DIR  # after it: run again, report every differing file
Runs `kit parse` (local engine, the parse cache) on seeds/ and ../shared/corpora/news/dev with the
model of STANZA_RESOURCES_DIR. Exits 1 when a file differs, is missing or is new.
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

from kit import cli

ROOT = Path(__file__).resolve().parents[1]
INPUTS = {"seed": ROOT / "seeds", "dev": ROOT.parent / "shared" / "corpora" / "news" / "dev"}


def write(folder: Path) -> None:
    """Parse every input into `folder`/<name>/ (tables/*.csv and corpus.conllu)."""
    for name, source in INPUTS.items():
        status = cli.main(["parse", str(source), "--out", str(folder / name), "--quiet"])
        if status:
            raise SystemExit(f"kit parse {source} failed with status {status}")


def differences(before: Path, after: Path) -> list[str]:
    """Relative paths of files that differ, or exist on one side only."""
    found = []
    names = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    for name in sorted(names):
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            found.append(f"{name}: only {'after' if b.exists() else 'before'}")
        elif not filecmp.cmp(a, b, shallow=False):
            found.append(f"{name}: differs")
    return found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = options.add_mutually_exclusive_group(required=True)
    action.add_argument("--write", type=Path, metavar="SNAPSHOT_DIR")
    action.add_argument("--compare", type=Path, metavar="SNAPSHOT_DIR")
    args = options.parse_args()
    if args.write:
        write(args.write)
        print(f"wrote {sum(1 for p in args.write.rglob('*') if p.is_file())} files into {args.write}")
        return
    with tempfile.TemporaryDirectory() as scratch:
        write(Path(scratch))
        found = differences(args.compare, Path(scratch))
    checked = sum(1 for p in args.compare.rglob("*") if p.is_file())
    print(f"{checked} files compared: {'all identical' if not found else f'{len(found)} differ'}")
    for line in found:
        print(f"  {line}")
    sys.exit(1 if found else 0)


if __name__ == "__main__":
    main()
