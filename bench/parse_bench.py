"""Words per second of kit.nlp.parse against a plain loop of pipeline(text), and the cached re-parse.

Usage: python bench/parse_bench.py [--docs 60] [--batch-size 16]
Needs a Stanza Arabic model (STANZA_RESOURCES_DIR) and ../shared/corpora. Run on an idle machine.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import corpus_texts  # noqa: E402

from kit import corpus, nlp  # noqa: E402


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--docs", type=int, default=60)
    options.add_argument("--batch-size", type=int, default=16)
    args = options.parse_args()

    loaded = corpus.from_texts(corpus_texts(args.docs), headline=False)
    pipeline = nlp.load_pipeline()
    import torch

    pipeline("تسخين النموذج قبل القياس.")  # first call pays one-off initialisation

    start = time.perf_counter()
    n_words = sum(pipeline(text).num_words for text in loaded["text"])
    loop_s = time.perf_counter() - start

    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        parsed = nlp.parse(loaded, cache=cache, batch_size=args.batch_size, progress=False)
        cold_s = time.perf_counter() - start
        start = time.perf_counter()
        again = nlp.parse(loaded, cache=cache, batch_size=args.batch_size, progress=False)
        warm_s = time.perf_counter() - start
    parsed_words = sum(doc.num_words for doc in parsed.docs.values())
    assert again.info["n_parsed"] == 0

    print(f"documents: {len(loaded)}, words: {n_words} (loop) / {parsed_words} (kit), torch threads: {torch.get_num_threads()}")
    print(f"plain loop pipeline(text): {loop_s:7.2f} s  {n_words / loop_s:8.0f} words/s")
    print(f"kit.parse, cold cache:     {cold_s:7.2f} s  {parsed_words / cold_s:8.0f} words/s  (batch size {args.batch_size})")
    print(f"kit.parse, warm cache:     {warm_s:7.2f} s  {parsed_words / warm_s:8.0f} words/s")
    print(f"speed-up of kit.parse over the loop:  {loop_s / cold_s:.2f}x")
    print(f"speed-up of the cached re-parse:       {cold_s / warm_s:.1f}x over the cold parse, {loop_s / warm_s:.1f}x over the loop")


if __name__ == "__main__":
    main()
