"""Words per second and peak memory on real news: the kit's parse against the best plain Stanza loop, idle and with a core busy.

The articles are political news of 2018 from ../shared/corpora/news (`ant_multisource.parquet`,
categories middleEast and internationalNews, drawn with seed 0). Each measurement runs in a fresh
subprocess whose whole process tree is sampled for resident memory:

    loop T        a plain loop `pipeline(text)` over the articles, torch on T threads (model loading not timed)
    kit W         kit.engine.process (what `kit parse` runs) with W worker processes, cold cache then warm
                  (the warm run is the whole pipeline again, tables included, from the parse cache)
    dask W        the same on a Dask LocalCluster of W workers

"busy" runs each again while the bench keeps one core busy with a spinning process of its own
(started before, stopped after). Ratios are printed against the best loop measured in the same run.
Usage: python bench/news_throughput.py [--docs 100] [--skip-dask] [--skip-busy] [--only RUN,...] [--busy-only RUN,...] [--no-warm]
(RUN: loop1, loopN, kit1, kitN, daskN, N being --workers; --only keeps those runs, --busy-only keeps
those of the busy pass, so a 1,000-article run can leave out what the smaller runs already showed.)
Needs STANZA_RESOURCES_DIR and ../shared/corpora/news; run it on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
NEWS = HERE.parents[1] / "shared" / "corpora" / "news" / "ant_multisource.parquet"


def articles(n: int):
    """The benchmark's corpus: `n` political articles, as kit.corpus loads them."""
    from kit import corpus

    if not NEWS.exists():
        sys.exit(f"benchmark needs {NEWS} (the shared corpora beside the project)")
    select = corpus.Selection(where="category in ['middleEast', 'internationalNews']", sample=n, seed=0)
    return corpus.load([NEWS], source_col="outlet", select=select)


def loop(n: int, threads: int) -> None:
    """Inside a subprocess: the plain Stanza loop."""
    import stanza
    import torch
    from stanza.pipeline.core import DownloadMethod

    from kit import nlp

    texts = list(articles(n)["text"])
    root = nlp.resolve_model_dir(None)
    pipeline = stanza.Pipeline("ar", dir=str(root), processors=nlp.resolve_processors(None, root),
                               download_method=DownloadMethod.REUSE_RESOURCES, logging_level="WARN")
    torch.set_num_threads(threads)
    pipeline(texts[0][:200])  # warm up outside the timing
    start = time.perf_counter()
    words = sum(len(sentence.words) for text in texts for sentence in pipeline(text).sentences)
    print(json.dumps({"seconds": time.perf_counter() - start, "words": words}))


def kit_run(n: int, engine: str, workers: int, cache: str, out: str) -> None:
    """Inside a subprocess: the kit's engine, everything timed (worker start and model loading included)."""
    from kit import engine as kit_engine

    loaded = articles(n)
    start = time.perf_counter()
    summary = kit_engine.process(loaded, out, engine=engine, workers=workers, cache=cache, progress=False)
    print(json.dumps({"seconds": time.perf_counter() - start, "words": summary["tables"]["words"],
                      "parsed": summary["n_parsed"], "cached": summary["n_cached"]}))


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


class BusyCore:
    """One process spinning on one core while the measurement runs."""

    def __enter__(self):
        self.process = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        time.sleep(0.5)
        return self

    def __exit__(self, *exc):
        self.process.kill()
        self.process.wait()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--docs", type=int, default=100)
    options.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    options.add_argument("--skip-dask", action="store_true")
    options.add_argument("--skip-busy", action="store_true")
    options.add_argument("--only", help="comma-separated runs to keep (loop1, loopN, kit1, kitN, daskN)")
    options.add_argument("--busy-only", help="comma-separated runs to keep in the busy pass")
    options.add_argument("--no-warm", action="store_true", help="leave out the warm re-runs (a memory run at 10,000 articles)")
    args = options.parse_args()

    def wanted(load: str, name: str) -> bool:
        chosen = args.busy_only if load == "busy" and args.busy_only else args.only
        return not chosen or name in chosen.split(",")

    rows = []
    for load in ("idle", "busy") if not args.skip_busy else ("idle",):
        def run(step):
            if load == "busy":
                with BusyCore():
                    return measure(step)
            return measure(step)

        for threads in sorted({1, args.workers}):
            if not wanted(load, f"loop{threads}"):
                continue
            result, peak = run(["--loop", str(args.docs), str(threads)])
            rows.append((load, f"plain loop, {threads} thread(s)", result, None, peak))
        configurations = [("local", 1), ("local", args.workers)] + ([] if args.skip_dask else [("dask", args.workers)])
        for engine, workers in configurations:
            if not wanted(load, f"{'kit' if engine == 'local' else 'dask'}{workers}"):
                continue
            with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
                step = ["--kit", str(args.docs), engine, str(workers), cache]
                cold, peak = run(step + [str(Path(out) / "cold")])
                warm = None if args.no_warm else run(step + [str(Path(out) / "warm")])[0]
            label = f"kit {engine}, {workers} {'process' if engine == 'local' and workers == 1 else 'workers'}"
            rows.append((load, label, cold, warm, peak))
        print(f"{load}: done", file=sys.stderr)

    loops = [r[2]["words"] / r[2]["seconds"] for r in rows if r[0] == "idle" and r[1].startswith("plain")]
    best = max(loops, default=0.0)  # no loop measured (--only kitN): no ratios
    idle_speed = {r[1]: r[2]["words"] / r[2]["seconds"] for r in rows if r[0] == "idle"}
    print(f"{args.docs} articles, {rows[0][2]['words']:,} words; best idle plain loop "
          f"{f'{best:.0f} words/s' if best else 'not measured'}\n")
    print("| machine | run | cold s | words/s | x best loop | x its idle speed | warm s | cold / warm | peak MiB |")
    print("|---|---|---|---|---|---|---|---|---|")
    for load, label, cold, warm, peak in rows:
        speed = cold["words"] / cold["seconds"]
        kept = f"{speed / idle_speed[label]:.2f}x" if load == "busy" and label in idle_speed else ""
        warm_s = f"{warm['seconds']:.1f}" if warm else ""
        ratio = f"{cold['seconds'] / warm['seconds']:.1f}x" if warm else ""
        print(f"| {load} | {label} | {cold['seconds']:.1f} | {speed:.0f} | {f'{speed / best:.2f}x' if best else ''} | {kept} | {warm_s} | "
              f"{ratio} | {peak:.0f} |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--loop"]:
        loop(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1:2] == ["--kit"]:
        n, engine, workers, cache, out = sys.argv[2:7]
        kit_run(int(n), engine, int(workers), cache, out)
    else:
        main()
