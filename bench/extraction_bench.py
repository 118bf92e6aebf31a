"""Extraction scores of the kit on the development gold (tests/gold/news/), tune and check halves, per model.

Usage: python bench/extraction_bench.py [--models DIR ...] [--gold tests/gold/news] [--articles]
Runs the kit on the gold's articles (../shared/corpora/news/dev) with every Stanza resources dir
under ../shared/models (or the ones given), and prints the micro scores of each half: actors
(precision, recall, F1; recall of central actors), claims (content found; speaker, mode and
source right as shares of the gold claims) and stances (holder, target and sign). Improve the kit
looking at `tune`; quote `check`. `--articles` also prints the per-article table.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from kit.modeltools import gold

ROOT = Path(__file__).resolve().parents[1]
SHARED_MODELS = ROOT.parent / "shared" / "models"


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--models", nargs="*", type=Path,
                         default=sorted(p for p in SHARED_MODELS.glob("*") if (p / "resources.json").exists()))
    options.add_argument("--gold", type=Path, default=ROOT / "tests" / "gold" / "news")
    options.add_argument("--articles", action="store_true", help="also print the per-article scores")
    args = options.parse_args()

    shown = ["document", *gold.SCORE_COLUMNS]
    for model in args.models:
        start = time.perf_counter()
        grading = gold.evaluate([args.gold], model_dir=model)
        seconds = time.perf_counter() - start
        totals = grading.totals
        n = grading.articles.groupby("half").size().to_dict()
        print(f"\n== model {model.name}: {len(grading.articles)} articles (tune {n.get('tune', 0)}, "
              f"check {n.get('check', 0)}), {seconds:.0f} s")
        with pd.option_context("display.max_columns", None, "display.width", 250):
            if args.articles:
                print(grading.articles[["half", *shown]].fillna("-").to_string(index=False))
            print(totals[shown].fillna("-").to_string(index=False))
            counts = totals.set_index("document").loc[:, ["n_actors_gold", "n_central_gold", "n_claims_gold",
                                                          "n_stances_gold", "n_actors_found", "n_claims_found",
                                                          "n_stances_found"]]
            print(counts.to_string())


if __name__ == "__main__":
    main()
