"""Word vectors from raw Arabic news, written as a Stanza pretrain file for the taggers, parser and NER.

Two passes over the corpus, streamed (memory is bounded by the vocabulary, not the corpus): the
first counts the surface tokens, the second writes one sentence per line, with attached
conjunctions, prepositions and pronouns split off where the corpus attests the rest as a word of
its own (`وقال` -> `و قال`, `للولايات` -> `ل الولايات`, `قوله` -> `قول ه`), which is how the
model's tokenizer and mwt hand words to the tagger and parser. NER reads tokens, not words, so
its vectors are trained without the split (`split_clitics=False`). gensim's word2vec then learns
the vectors and Stanza's own `Pretrain` class writes the `.pt` file the trainers and the pipeline load.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from kit import lexicons, nlp
from kit.corpus import clean_text
from kit.text import OPEN_TA, TA_MARBUTA, strip_diacritics

TOKEN = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[^\w\s]")  # a run of letters, a number, or one other character
SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
DEFAULTS = {"dim": 100, "window": 5, "min_count": 5, "epochs": 5, "max_vocab": 150_000}


def tokenize(text: str) -> list[str]:
    """Surface tokens as the kit loads text (invisible characters out, NFC), without diacritics or tatweel:
    «قالَ الرئيسُ، أمس» -> [قال, الرئيس, ،, أمس]."""
    return TOKEN.findall(strip_diacritics(clean_text(text)))


def sentences(text: str) -> Iterator[list[str]]:
    """The tokens of each sentence of `text` (split at line breaks and after . ! ? ؟)."""
    for piece in SENTENCE_END.split(text):
        found = tokenize(piece)
        if found:
            yield found


class CliticSplitter:
    """Splits attached clitics off a word when the rest is itself a common word of the corpus.

    `split("وبحكومته")` -> [و, ب, حكومة, ه] when حكومة is common; `split("واشنطن")` -> [واشنطن]
    because اشنطن is not a word of the corpus; `split("لبنان")` -> [لبنان] because a preposition
    must leave a word commoner than the whole, and `split("وطن")` -> [وطن] because a conjunction must
    leave a word at least half as common as the whole (طن, "ton", is rarer than وطن). A pronoun suffix is never split off a word with the
    article (الحكومه is not الحكوم + ه), and ت before it is read back as ة where the corpus says so.
    """

    def __init__(self, counts: Counter, min_count: int = 10) -> None:
        self.counts = counts
        self.min_count = min_count
        self.article = lexicons.column("affixes", "affix", kind="article")[0]
        self.lam_article = lexicons.column("affixes", "affix", kind="article_after_lam")[0]
        self.suffixes = lexicons.column("affixes", "affix", kind="pronoun_suffix")
        self.conjunctions = lexicons.column("affixes", "affix", kind="conjunction_clitic")
        self.prepositions = [clitic for clitic in lexicons.column("affixes", "affix", kind="clitic")
                             if len(clitic) == 1 and clitic not in self.conjunctions]
        self.split = lru_cache(maxsize=1 << 20)(self._segment)  # split(word) -> its pieces, remembered per word

    def _common(self, word: str) -> bool:
        return len(word) >= 2 and self.counts.get(word, 0) >= self.min_count

    def _segment(self, word: str) -> tuple[str, ...]:
        """The pieces of `word`: conjunction, preposition, stem, pronoun, as the corpus attests them."""
        if not word[:1].isalpha():
            return (word,)
        if word.startswith(self.lam_article) and self._common(self.article + word[len(self.lam_article):]):
            return (self.lam_article[0], *self._split_suffix(self.article + word[len(self.lam_article):]))
        for clitic in self.conjunctions:
            rest = word[len(clitic):]
            if word.startswith(clitic) and (self._common(rest) or len(self.split(rest)) > 1) \
                    and self.counts.get(rest, 0) * 2 >= self.counts.get(word, 0):
                return (clitic, *self.split(rest))
        for clitic in self.prepositions:
            rest = word[len(clitic):]
            base = rest if self._common(rest) else self._split_suffix(rest)[0]
            if word.startswith(clitic) and self._common(base) and self.counts[base] > self.counts.get(word, 0):
                return (clitic, *self._split_suffix(rest))
        return self._split_suffix(word)

    def _split_suffix(self, word: str) -> tuple[str, ...]:
        if word.startswith(self.article):
            return (word,)
        for suffix in self.suffixes:
            stem = word[: -len(suffix)]
            if not word.endswith(suffix) or len(stem) < 2:
                continue
            restored = stem[:-1] + next(iter(TA_MARBUTA)) if stem.endswith(OPEN_TA) else stem
            for candidate in dict.fromkeys((restored, stem)):
                if self._common(candidate) and self.counts[candidate] >= self.counts.get(word, 0) // 4:
                    return (candidate, suffix)
        return (word,)


def read_texts(inputs: Iterable[str | Path], text_col: str = "text", limit: int | None = None) -> Iterator[str]:
    """The texts of parquet, CSV or JSON-lines tables (column `text_col`), `.txt` files and folders of them, streamed."""
    seen = 0
    for source in map(Path, inputs):
        if not source.exists():
            raise FileNotFoundError(f"no corpus at {source}")
        for text in _texts_of(source, text_col):
            if limit is not None and seen >= limit:
                return
            if text:
                seen += 1
                yield text


def _texts_of(source: Path, text_col: str) -> Iterator[str]:
    if source.is_dir():
        for path in sorted(source.rglob("*.txt")):
            yield path.read_text(encoding="utf-8", errors="replace")
    elif source.suffix == ".parquet":
        import pyarrow.parquet as pq

        table = pq.ParquetFile(source)
        if text_col not in table.schema_arrow.names:
            raise ValueError(f"{source} has no column {text_col!r} (columns: {', '.join(table.schema_arrow.names)})")
        for batch in table.iter_batches(batch_size=1000, columns=[text_col]):
            yield from (text or "" for text in batch.column(0).to_pylist())
    elif source.suffix in (".csv", ".jsonl"):
        import pandas as pd

        chunks = (pd.read_csv(source, usecols=[text_col], chunksize=1000, dtype=str, keep_default_na=False)
                  if source.suffix == ".csv" else pd.read_json(source, lines=True, chunksize=1000, dtype=False))
        for chunk in chunks:
            if text_col not in chunk.columns:
                raise ValueError(f"{source} has no column {text_col!r} (columns: {', '.join(map(str, chunk.columns))})")
            yield from chunk[text_col].fillna("").astype(str)
    else:
        yield source.read_text(encoding="utf-8", errors="replace")


def train_vectors(
    inputs: Iterable[str | Path],
    out: str | Path,
    *,
    text_col: str = "text",
    split_clitics: bool = True,
    limit: int | None = None,
    workers: int | None = None,
    progress: bool = True,
    **options: int,
) -> dict:
    """Train word2vec vectors on the corpus and write them as a Stanza pretrain file at `out`; return figures.

    `options`: dim, window, min_count, epochs, max_vocab (DEFAULTS). `limit` takes the first documents only.
    """
    from gensim.models import Word2Vec
    from tqdm.auto import tqdm

    unknown = set(options) - set(DEFAULTS)
    if unknown:
        raise ValueError(f"unknown vector option(s) {sorted(unknown)}; known: {', '.join(DEFAULTS)}")
    settings = {**DEFAULTS, **options}
    inputs = [Path(source) for source in inputs]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    counts: Counter = Counter()
    documents = 0
    for text in tqdm(read_texts(inputs, text_col, limit), desc="Counting tokens", unit=" docs", disable=not progress):
        counts.update(tokenize(text))
        documents += 1
    if not documents:
        raise ValueError(f"no text in {', '.join(map(str, inputs))} (column {text_col!r})")
    splitter = CliticSplitter(counts) if split_clitics else None
    with tempfile.TemporaryDirectory(prefix="kit-vectors.", dir=out.parent) as folder:
        corpus_file = Path(folder) / "sentences.txt"
        words = 0
        with corpus_file.open("w", encoding="utf-8") as handle:
            for text in tqdm(read_texts(inputs, text_col, limit), desc="Writing sentences", total=documents, unit=" docs",
                             disable=not progress):
                for sentence in sentences(text):
                    if splitter:
                        sentence = [piece for token in sentence for piece in splitter.split(token)]
                    words += len(sentence)
                    handle.write(" ".join(sentence) + "\n")
        threads = workers or nlp.cpu_count()
        bar = tqdm(total=settings["epochs"], desc="Training word2vec", unit=" epochs", disable=not progress)
        model = Word2Vec(corpus_file=str(corpus_file), vector_size=settings["dim"], window=settings["window"],
                         min_count=settings["min_count"], max_final_vocab=settings["max_vocab"], sg=1,
                         epochs=settings["epochs"], workers=threads, callbacks=[_EpochBar(bar)], seed=1)
        bar.close()
        vec_file = Path(folder) / "vectors.txt"
        model.wv.save_word2vec_format(str(vec_file))
        partial = Path(folder) / out.name
        _write_pretrain(vec_file, partial)
        partial.replace(out)
    report = {"out": str(out), "documents": documents, "words": words, "vocabulary": len(model.wv),
              "dim": settings["dim"], "split_clitics": split_clitics, "seconds": round(time.perf_counter() - start, 1),
              "settings": settings}
    out.with_suffix(".json").write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def _write_pretrain(vec_file: Path, target: Path) -> None:
    """Stanza's Pretrain reads the word2vec text file and saves its own .pt (vocabulary and matrix)."""
    from stanza.models.common.pretrain import Pretrain

    pretrain = Pretrain(str(target), str(vec_file))
    pretrain.load()
    if not target.exists():
        pretrain.save(str(target))


class _EpochBar:
    """A gensim callback that advances a progress bar at each epoch's end."""

    def __init__(self, bar) -> None:
        self.bar = bar

    def on_epoch_begin(self, model) -> None:
        pass

    def on_epoch_end(self, model) -> None:
        self.bar.update(1)

    def on_train_begin(self, model) -> None:
        pass

    def on_train_end(self, model) -> None:
        pass
