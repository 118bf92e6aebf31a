"""Does keeping dictionary names whole in Stanza's tokenizer (tokenize_postprocessor) help the parse?

Parses the seed article and the UD Arabic PUD articles twice, without and with `keep_whole` set to
the single-word names of the actor dictionary that the model may split like a clitic (they start
with و ف ب ل ك), and prints: how many name tokens the model split, how the tags of those names
change (PROPN/X versus CCONJ+...), how many actor mentions and persons the kit then finds, and
how long each parse took.
Usage: python bench/keep_names_bench.py  (needs STANZA_RESOURCES_DIR and ../shared/corpora)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpora import pud_documents  # noqa: E402

from kit import corpus, nlp  # noqa: E402
from kit.extract import actors  # noqa: E402
from kit.text import fold  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def dictionary_names() -> frozenset[str]:
    from kit.cli import names_to_keep

    return names_to_keep(None)


def measure(loaded, keep_whole, names) -> dict:
    with tempfile.TemporaryDirectory() as cache:
        start = time.perf_counter()
        parsed = nlp.parse(loaded, cache=cache, progress=False, keep_whole=keep_whole)
        seconds = time.perf_counter() - start
    split = whole = 0
    name_tags: dict[str, int] = {}
    for doc in parsed.docs.values():
        for sentence in doc.sentences:
            for token in sentence.tokens:
                if fold(token.text) in names:
                    if len(token.words) > 1:
                        split += 1
                    else:
                        whole += 1
                    tag = "+".join(w.upos for w in token.words)
                    name_tags[tag] = name_tags.get(tag, 0) + 1
    found, mentions = actors.extract(parsed)
    return {
        "seconds": seconds, "name tokens split": split, "name tokens whole": whole,
        "tags of name tokens": dict(sorted(name_tags.items(), key=lambda kv: -kv[1])[:4]),
        "mentions": len(mentions), "PER actors": int((found["type"] == "PER").sum()),
        "mentions by origin": mentions["origin"].value_counts().to_dict(),
    }


def main() -> None:
    names = dictionary_names()
    print(f"{len(names)} single-word dictionary names start with a clitic letter (e.g. {', '.join(sorted(names)[:5])})")
    for label, loaded in [
        ("seed article", corpus.load(SEEDS)),
        ("UD PUD, 397 articles", corpus.from_texts(pud_documents(), headline=False)),
    ]:
        plain, kept = measure(loaded, None, names), measure(loaded, names, names)
        print(f"\n{label}")
        for key in plain:
            print(f"  {key:22s} plain: {plain[key]!s:45s} keep_whole: {kept[key]!s}")


if __name__ == "__main__":
    main()
