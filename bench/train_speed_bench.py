"""How much faster kit train's two speed-ups make Stanza's trainers on this machine.

1. nn.Bilinear computed as one matrix product (`kit.modeltools.train._fast_bilinear`) against torch's own
   kernel: seconds per step of the POS tagger, which scores UFeats and XPOS with Bilinear layers.
2. Trainers in parallel (`jobs`): wall time of training pos and depparse one after the other with all
   cores each, against both at once with cores / 2 threads each.
Data: the first 300 training sentences of UD Arabic PUD (dev: the next 50).
Usage: python bench/train_speed_bench.py [--steps 30]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from contextlib import nullcontext
from pathlib import Path

from kit import nlp
from kit.modeltools import conllu, train

PUD = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"


def time_pos(data: dict, work: Path, steps: int, fast: bool) -> float:
    """Seconds per step of the POS tagger (its one dev evaluation included)."""
    nlp.configure_threads(1)
    budget = {**train.DEFAULT_BUDGET, "pos_steps": steps}
    start = time.perf_counter()
    with train._fast_bilinear() if fast else nullcontext():
        train._train_pos(data, work, budget)
    return (time.perf_counter() - start) / steps


def time_jobs(ud_train: Path, ud_dev: Path, work: Path, steps: int, jobs: int) -> float:
    """Wall seconds to train pos and depparse `jobs` at a time."""
    start = time.perf_counter()
    train.train(ud_train, ud_dev, work / f"out{jobs}", processors=("pos", "depparse"), jobs=jobs,
                budget={"pos_steps": steps, "depparse_steps": steps}, work_dir=work / f"jobs{jobs}")
    return time.perf_counter() - start


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--steps", type=int, default=30)
    args = options.parse_args()
    sentences = conllu.read_conllu(PUD)
    with tempfile.TemporaryDirectory(prefix="kit-train-bench.") as folder:
        work = Path(folder)
        ud_train, ud_dev = conllu.write_conllu(sentences[:300], work / "train.conllu"), conllu.write_conllu(sentences[300:350], work / "dev.conllu")
        data = train._prepare_ud(ud_train, ud_dev, work / "prepared")
        torch_kernel, one_product = (time_pos(data, work, args.steps, fast) for fast in (False, True))
        print(f"POS tagger, s/step: torch's Bilinear {torch_kernel:.2f}, one matrix product {one_product:.2f} "
              f"-> {torch_kernel / one_product:.2f}x")
        one_at_a_time, two_at_once = (time_jobs(ud_train, ud_dev, work, args.steps, jobs) for jobs in (1, 2))
        print(f"pos + depparse, {args.steps} steps each, wall s: one at a time {one_at_a_time:.0f}, two at once "
              f"{two_at_once:.0f} -> {one_at_a_time / two_at_once:.2f}x")


if __name__ == "__main__":
    main()
