"""Words per second and peak memory of `kit parse` for 10, 100 and 1,000 documents, local versus Dask.

Each configuration runs `kit.engine.process` in a fresh subprocess (cold parse cache, then the
same again warm) while this script samples the resident memory of that process and all its
children (the Dask scheduler and workers included). Memory is reported above the baseline of a
process that has only loaded the pipeline (times the number of pipelines the engine loads).
Usage: python bench/scale_bench.py [--sizes 10 100 1000] [--workers 2] [--partition-size 100]
Needs STANZA_RESOURCES_DIR and ../shared/corpora; run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent


def child(size: int, engine: str, workers: int, partition_size: int, cache: str, out: str) -> None:
    """Runs inside the measured subprocess."""
    sys.path.insert(0, str(HERE))
    from corpora import corpus_texts

    from kit import corpus
    from kit import engine as kit_engine

    loaded = corpus.from_texts(corpus_texts(size), headline=False)
    start = time.perf_counter()
    summary = kit_engine.process(loaded, out, engine=engine, workers=workers, partition_size=partition_size,
                                 cache=cache, progress=False)
    print(json.dumps({"seconds": time.perf_counter() - start, "words": summary["tables"]["words"],
                      "parsed": summary["n_parsed"], "cached": summary["n_cached"]}))


def baseline() -> None:
    """Runs inside the baseline subprocess: load the pipeline, parse one sentence, stop."""
    from kit import nlp

    nlp.load_pipeline()("جملة قصيرة للتسخين.")
    print(json.dumps({"seconds": 0, "words": 0}))


def measure(arguments: list[str]) -> tuple[dict, float]:
    """Run a subprocess; return its JSON line and the peak RSS (MiB) of its process tree."""
    process = subprocess.Popen([sys.executable, __file__, *arguments], stdout=subprocess.PIPE, text=True)
    root = psutil.Process(process.pid)
    peak = 0
    while process.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    output = process.stdout.read().strip().splitlines()
    if process.returncode != 0 or not output:
        raise SystemExit(f"benchmark step {arguments} failed with status {process.returncode}")
    return json.loads(output[-1]), peak / 2**20


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    options.add_argument("--workers", type=int, default=2)
    options.add_argument("--partition-size", type=int, default=100)
    args = options.parse_args()

    _, base = measure(["--baseline"])
    print(f"baseline (one loaded pipeline): {base:.0f} MiB; partition size {args.partition_size}\n")
    print(f"{'docs':>5} {'engine':>7} {'words':>7} {'cold s':>7} {'words/s':>8} {'warm s':>7} {'cold/warm':>9} "
          f"{'peak MiB':>9} {'above base':>10}")
    results = {}
    for size in args.sizes:
        for engine, workers in (("local", 1), ("dask", args.workers)):
            with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
                step = ["--child", str(size), engine, str(workers), str(args.partition_size), cache]
                cold, peak = measure(step + [str(Path(out) / "cold")])
                warm, _ = measure(step + [str(Path(out) / "warm")])
            above = peak - base * workers
            results[(size, engine)] = (cold, warm, peak, above)
            print(f"{size:>5} {engine:>7} {cold['words']:>7} {cold['seconds']:>7.1f} {cold['words'] / cold['seconds']:>8.0f} "
                  f"{warm['seconds']:>7.1f} {cold['seconds'] / warm['seconds']:>9.1f} {peak:>9.0f} {above:>10.0f}")
    print()
    for size in args.sizes:
        local, dask = results[(size, "local")], results[(size, "dask")]
        print(f"{size:>5} docs: dask/{args.workers} speed-up over local {local[0]['seconds'] / dask[0]['seconds']:.2f}x")
    for engine in ("local", "dask"):
        if (100, engine) in results and (1000, engine) in results:
            ratio = results[(1000, engine)][2] / results[(100, engine)][2]
            print(f"peak memory 1,000 / 100 documents ({engine}): {ratio:.2f}x")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        size, engine, workers, partition, cache, out = sys.argv[2:8]
        child(int(size), engine, int(workers), int(partition), cache, out)
    elif sys.argv[1:2] == ["--baseline"]:
        baseline()
    else:
        main()
