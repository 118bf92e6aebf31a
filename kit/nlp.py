"""Parse a Corpus with Stanza's Arabic pipeline, once: batched, cached on disk, offsets into `text`.

The model directory follows Stanza's convention (argument, else `$STANZA_RESOURCES_DIR`, else
`~/stanza_resources`). The cache key is the text's hash, a fingerprint of the model files (their
checksums), the processors and the version of the kit's sentence-end rule, so a second parse of
the same corpus runs no model at all.

After the tokenizer, a sentence is broken where a full stop, question or exclamation mark is
followed by an Arabic word (`split_sentence_ends`): models trained on UD Arabic PADT, whose
sentences often run over several full stops, otherwise join a paragraph into one sentence. And a
sentence the model ends in the middle of a line with no stop, colon or quotation mark is joined to
the next (`join_mid_line_breaks`): «قال عضو المجلس || وممثل محافظة ظهران الجنوب تركي الوادعي إن» is one
sentence in the text, and its speaker and content are cut when it is read as two.
Stanza's tree decoder searches cycles with `kit.cycles.find_cycles`: the same trees, sooner.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
import zlib
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit import cycles
from kit.io import atomic_write

LANG = "ar"
DEFAULT_PROCESSORS = "tokenize,mwt,pos,lemma,depparse,ner"
OPTIONAL_PROCESSORS = ("mwt", "ner")  # left out by default when a model directory has none
CACHE_ENV = "KIT_CACHE_DIR"
CACHE_MAGIC = b"KITDOC1 "
SENTENCE_RULES = "ends-2"  # part of the cache key: change it when split_sentence_ends or join_mid_line_breaks change
_STOPS = frozenset(".؟!?")
_SENTENCE_CLOSERS = _STOPS | frozenset(":؛;…")  # a model break after one of these stays
_CLOSING_QUOTES = frozenset("»\"'”)")  # ... or after one of these closing a quotation that ended with a stop
JOIN_LIMIT = 120  # words: a longer run without a stop keeps the model's break (the parser's cost grows with length)
_BATCH_TEXT: ContextVar[str | None] = ContextVar("kit_batch_text", default=None)  # what the tokenizer is reading
_ARABIC_START = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_PIPELINES: dict[tuple, Any] = {}
_FILE_HASHES: dict[tuple[str, int, int], str] = {}


class ModelNotFoundError(RuntimeError):
    """No usable Stanza Arabic model: the message says where the kit looked and what to do."""


class ParseWarning(UserWarning):
    """A document could not be parsed, or a cache entry was unusable (the message says which)."""


@dataclass
class Parsed:
    """A parsed corpus: the Corpus rows that parsed, their Stanza documents, and how it was done."""

    corpus: pd.DataFrame
    docs: dict[str, Any]
    info: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def resolve_model_dir(model_dir: str | Path | None = None) -> Path:
    """The Stanza resources directory: the argument, else $STANZA_RESOURCES_DIR, else Stanza's default."""
    if model_dir:
        return Path(model_dir).expanduser()
    if os.environ.get("STANZA_RESOURCES_DIR"):
        return Path(os.environ["STANZA_RESOURCES_DIR"]).expanduser()
    from stanza.resources.common import DEFAULT_MODEL_DIR

    return Path(DEFAULT_MODEL_DIR).expanduser()


def resolve_processors(processors: str | None, model_dir: str | Path | None = None) -> str:
    """`processors`, or by default DEFAULT_PROCESSORS less the optional ones the model directory lacks.

    A model trained on treebanks without multi-word tokens has no mwt model (kit train skips it);
    the default pipeline then runs without it instead of failing.
    """
    if processors:
        return processors
    try:
        resources = json.loads((resolve_model_dir(model_dir) / "resources.json").read_text(encoding="utf-8"))
        present = set(resources[LANG]["default_processors"])
    except (OSError, KeyError, json.JSONDecodeError):
        return DEFAULT_PROCESSORS
    names = [p for p in DEFAULT_PROCESSORS.split(",") if p in present or p not in OPTIONAL_PROCESSORS]
    return ",".join(names)


def _processor_list(processors: str) -> list[str]:
    names = [p.strip() for p in processors.split(",") if p.strip()]
    if not names:
        raise ValueError("processors is empty; the default is " + DEFAULT_PROCESSORS)
    return names


def model_files(model_dir: str | Path | None = None, processors: str | None = None) -> list[Path]:
    """The model files the pipeline would load, read from the directory's resources.json."""
    root = resolve_model_dir(model_dir)
    processors = resolve_processors(processors, root)
    resources_file = root / "resources.json"
    if not resources_file.exists():
        raise ModelNotFoundError(_missing_message(root, f"{resources_file} does not exist"))
    try:
        resources = json.loads(resources_file.read_text(encoding="utf-8"))
        lang = resources[LANG]
    except (json.JSONDecodeError, KeyError) as error:
        raise ModelNotFoundError(_missing_message(root, f"{resources_file} has no usable '{LANG}' entry ({error})")) from error
    defaults = lang.get("default_processors", {})
    files: list[Path] = []
    for processor in _processor_list(processors):
        package = defaults.get(processor)
        if package is None:
            raise ModelNotFoundError(
                _missing_message(root, f"resources.json names no default '{processor}' model for Arabic")
            )
        files.append(root / LANG / processor / f"{package}.pt")
        dependencies = list(lang.get("default_dependencies", {}).get(processor, []))
        dependencies += lang.get(processor, {}).get(package, {}).get("dependencies", [])
        for dependency in dependencies:
            files.append(root / LANG / dependency["model"] / f"{dependency['package']}.pt")
    return list(dict.fromkeys(files))


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, remembered per (path, size, mtime) so big models are read once per process."""
    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns)
    if key not in _FILE_HASHES:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _FILE_HASHES[key] = digest.hexdigest()
    return _FILE_HASHES[key]


def model_fingerprint(model_dir: str | Path | None = None, processors: str | None = None) -> str:
    """A short hash of the model files' checksums, the processors and Stanza's version."""
    from importlib import metadata

    root = resolve_model_dir(model_dir)
    processors = resolve_processors(processors, root)
    version = metadata.version("stanza")  # not stanza.__version__: importing stanza (and torch) costs seconds
    digest = hashlib.sha256(f"stanza {version}\n{processors}\n".encode())
    for path in model_files(root, processors):
        digest.update(f"{path.relative_to(root)} {file_sha256(path)}\n".encode())
    return digest.hexdigest()[:16]


def models_present(model_dir: str | Path | None = None, processors: str | None = None) -> bool:
    """True when resources.json and every model file the processors need are on disk."""
    try:
        return all(path.exists() for path in model_files(model_dir, processors))
    except ModelNotFoundError:
        return False


def ensure_models(
    model_dir: str | Path | None = None, processors: str | None = None, *, download: bool = True
) -> Path:
    """Return the model directory, downloading the official Arabic models once if they are missing."""
    root = resolve_model_dir(model_dir)
    processors = resolve_processors(processors, root)
    if models_present(root, processors):
        return root
    if not download:
        raise ModelNotFoundError(_missing_message(root, "the models are missing and downloading is off"))
    import stanza

    try:
        stanza.download(LANG, model_dir=str(root), processors=processors, logging_level="WARN")
    except Exception as error:  # any network or hub failure ends the same way for the user
        raise ModelNotFoundError(
            _missing_message(root, f"downloading them failed ({type(error).__name__}: {error})")
        ) from error
    if not models_present(root, processors):
        raise ModelNotFoundError(_missing_message(root, "the download finished but files are still missing"))
    return root


def _missing_message(root: Path, reason: str) -> str:
    return (
        f"No usable Stanza Arabic models in {root}: {reason}.\n"
        "Either connect to the internet once so the kit can download them "
        f"(or run: python -c \"import stanza; stanza.download('ar', model_dir='{root}')\"),\n"
        "or point --model-dir / model_dir= / $STANZA_RESOURCES_DIR at a Stanza resources directory "
        "holding resources.json and ar/<processor>/<package>.pt."
    )


def cpu_count() -> int:
    """Cores this process may use (respects CPU affinity, e.g. in containers and under taskset)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def configure_threads(workers: int = 1) -> int:
    """Give torch cores / workers threads, so parallel pipelines do not oversubscribe the CPU."""
    import torch

    threads = max(1, cpu_count() // max(1, workers))
    torch.set_num_threads(threads)
    return threads


def load_pipeline(
    model_dir: str | Path | None = None,
    processors: str | None = None,
    *,
    workers: int = 1,
    use_gpu: bool = False,
    download: bool = True,
    keep_whole: frozenset[str] | None = None,
    split_ends: bool = True,
    **options: Any,
):
    """A Stanza Arabic pipeline, built once per process for the same directory and options.

    `keep_whole`: folded word forms the tokenizer must not split into clitics (names such as
    `واشنطن`, which the offline model reads as `و` + `اشنطن`), via Stanza's tokenize_postprocessor.
    `split_ends`: break sentences at a stop followed by an Arabic word (`split_sentence_ends`);
    off to score the model's own sentence segmentation.
    """
    import stanza
    from stanza.pipeline.core import DownloadMethod

    root = ensure_models(model_dir, processors, download=download)
    processors = resolve_processors(processors, root)
    configure_threads(workers)
    cycles.use_in_stanza()
    key = (str(root.resolve()), processors, use_gpu, tuple(sorted(keep_whole or ())), split_ends,
           tuple(sorted(options.items())))
    steps = ([_keep_whole_postprocessor(frozenset(keep_whole))] if keep_whole else []) + (
        [split_sentence_ends, _join_in_batch_text] if split_ends else [])
    if steps and "tokenize" in _processor_list(processors) and not options.get("tokenize_pretokenized"):
        options["tokenize_postprocessor"] = _chain(steps)
    if key not in _PIPELINES:
        _PIPELINES[key] = stanza.Pipeline(
            LANG,
            dir=str(root),
            processors=processors,
            download_method=DownloadMethod.REUSE_RESOURCES,
            use_gpu=use_gpu,
            logging_level="WARN",
            **options,
        )
    return _PIPELINES[key]


def _keep_whole_postprocessor(words: frozenset[str]):
    """A tokenize_postprocessor that unmarks multi-word tokens whose folded form is in `words`."""
    from kit.text import fold

    def postprocess(sentences: list[list]) -> list[list]:
        return [
            [item[0] if isinstance(item, tuple) and fold(item[0]) in words else item for item in sentence]
            for sentence in sentences
        ]

    return postprocess


def _token_text(token: str | tuple) -> str:
    return token[0] if isinstance(token, tuple) else token


def split_sentence_ends(sentences: list[list]) -> list[list]:
    """Break each tokenized sentence after a run of `.` `؟` `!` that an Arabic word follows.

    «... ورأب الصدع بينهما . ونقلت وكالة ...» becomes two sentences. A stop after a single letter is
    an abbreviation (`د . عبدالله`) and stays; digits (`٩٨ . ٢٥`) and Latin (`haj . gov`) never start one.
    """
    result = []
    for sentence in sentences:
        start = 0
        for i in range(1, len(sentence) - 1):
            text, after, before = _token_text(sentence[i]), _token_text(sentence[i + 1]), _token_text(sentence[i - 1])
            if (text and set(text) <= _STOPS and _ARABIC_START.match(after)
                    and not (len(before) == 1 and _ARABIC_START.match(before))):
                result.append(sentence[start:i + 1])
                start = i + 1
        result.append(sentence[start:])
    return result


def join_mid_line_breaks(sentences: list[list], text: str) -> list[list]:
    """Join a sentence the model ended in the middle of a line, with no stop, colon or quotation mark, to the next.

    «بدوره قال عضو المجلس» + «وممثل محافظة ظهران الجنوب تركي الوادعي إن ...» on one line are one
    sentence. `text` is what was tokenized (the tokens in order, whitespace between them); a break
    at a line end stays, and so does every break where the tokens cannot be found in `text`.
    """
    line_ends = _line_end_after(sentences, text)
    if line_ends is None:
        return sentences
    result = [list(sentences[0])] if sentences else []
    for sentence, after_line_end in zip(sentences[1:], line_ends):
        previous = result[-1]
        closed = _ends_sentence(previous)
        if after_line_end or closed or len(previous) + len(sentence) > JOIN_LIMIT:
            result.append(list(sentence))
        else:
            previous.extend(sentence)
    return result


def _ends_sentence(sentence: list) -> bool:
    """Whether a tokenized sentence ends with a stop, colon or semicolon, or with a quotation closed after one («... .»)."""
    words = [_token_text(token) for token in sentence[-2:]]
    if words[-1][-1:] in _SENTENCE_CLOSERS:
        return True
    return len(words) == 2 and words[-1] in _CLOSING_QUOTES and words[0][-1:] in _SENTENCE_CLOSERS


def _line_end_after(sentences: list[list], text: str) -> list[bool] | None:
    """For each sentence but the first, whether a line break comes before it in `text`; None if the tokens do not align."""
    position, line_ends = 0, []
    for n, sentence in enumerate(sentences):
        newline = False
        for k, token in enumerate(sentence):
            for char in _token_text(token):
                if char.isspace():
                    continue
                while position < len(text) and text[position].isspace():
                    newline = newline or (text[position] == "\n" and k == 0)
                    position += 1
                if position >= len(text) or text[position] != char:
                    return None
                position += 1
        if n:
            line_ends.append(newline)
    return line_ends


def _join_in_batch_text(sentences: list[list]) -> list[list]:
    """`join_mid_line_breaks` against the text `parse` handed to the tokenizer (nothing is joined outside `parse`)."""
    text = _BATCH_TEXT.get()
    return sentences if text is None else join_mid_line_breaks(sentences, text)


def _chain(steps: list):
    """One tokenize_postprocessor that runs `steps` in order."""

    def postprocess(sentences: list[list]) -> list[list]:
        for step in steps:
            sentences = step(sentences)
        return sentences

    return postprocess


def variant(processors: str, keep_whole: frozenset[str] | None) -> str:
    """The processors plus any option that changes the parse, as the cache sees them."""
    if not keep_whole:
        return processors
    return processors + "|keep-whole:" + hashlib.sha1("\n".join(sorted(keep_whole)).encode()).hexdigest()[:10]


def cache_dir(cache: str | Path | bool | None = None) -> Path | None:
    """Where parses are cached: `cache` if a path, else $KIT_CACHE_DIR, else the user cache dir; None if off."""
    if cache is False:
        return None
    if isinstance(cache, (str, Path)):
        return Path(cache).expanduser()
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("arabic-news-kit")) / "parses"


def cache_key(text: str, fingerprint: str, processors: str) -> str:
    """The cache key of one document's parse: text hash, model fingerprint, processors and sentence-end rule."""
    return hashlib.sha256(f"{fingerprint}\n{processors}\n{SENTENCE_RULES}\n{text}".encode("utf-8")).hexdigest()


def _cache_path(root: Path, key: str) -> Path:
    return root / key[:2] / f"{key}.kitdoc"


def write_cached(path: Path, doc) -> None:
    """Store a parsed document: magic, checksum of the payload, compressed Stanza JSON."""
    payload = zlib.compress(doc.to_serialized(), 1)
    atomic_write(path, CACHE_MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)


def read_cached(path: Path, text: str):
    """The cached document at `path`; raises ValueError when the entry is damaged or not this text."""
    from stanza.models.common.doc import Document

    blob = path.read_bytes()
    header, _, payload = blob.partition(b"\n")
    if not header.startswith(CACHE_MAGIC):
        raise ValueError("not a kit cache file")
    if hashlib.sha256(payload).hexdigest().encode() != header[len(CACHE_MAGIC):]:
        raise ValueError("checksum mismatch")
    try:
        doc = Document.from_serialized(zlib.decompress(payload))
    except Exception as error:
        raise ValueError(f"cannot be decoded ({type(error).__name__})") from error
    if doc.text != text:
        raise ValueError("holds a different text")
    return doc


def uncached(
    corpus: pd.DataFrame,
    *,
    model_dir: str | Path | None = None,
    processors: str | None = None,
    cache: str | Path | bool | None = None,
    keep_whole: frozenset[str] | None = None,
) -> int:
    """How many documents of `corpus` have no parse in the cache yet (all of them with the cache off)."""
    root = ensure_models(model_dir, processors, download=False)
    processors = resolve_processors(processors, root)
    cache_root = cache_dir(cache)
    if cache_root is None:
        return len(corpus)
    fingerprint, kind = model_fingerprint(root, processors), variant(processors, keep_whole)
    return sum(not _cache_path(cache_root, cache_key(text, fingerprint, kind)).exists() for text in corpus["text"])


def parse(
    corpus: pd.DataFrame,
    *,
    model_dir: str | Path | None = None,
    processors: str | None = None,
    cache: str | Path | bool | None = None,
    batch_size: int = 16,
    workers: int = 1,
    progress: bool = True,
    download: bool = True,
    keep_whole: frozenset[str] | None = None,
) -> Parsed:
    """Parse every document of `corpus` (cache first, then Stanza in batches of `batch_size`).

    Documents Stanza fails on are skipped with a `ParseWarning` and listed in `Parsed.errors`.
    `keep_whole` is passed to `load_pipeline` (and is part of the cache key).
    """
    from tqdm.auto import tqdm

    root = ensure_models(model_dir, processors, download=download)
    processors = resolve_processors(processors, root)
    fingerprint = model_fingerprint(root, processors)
    cache_root = cache_dir(cache)
    docs: dict[str, Any] = {}
    errors: dict[str, str] = {}
    todo: list[tuple[str, str, str]] = []  # (doc_id, text, label)
    for doc_id, text, label in zip(corpus["doc_id"], corpus["text"], corpus["path"]):
        if cache_root is not None:
            path = _cache_path(cache_root, cache_key(text, fingerprint, variant(processors, keep_whole)))
            if path.exists():
                try:
                    docs[doc_id] = read_cached(path, text)
                    continue
                except (OSError, ValueError) as error:
                    warnings.warn(
                        f"document {doc_id} ({label}): cache entry {path} is unusable ({error}); re-parsing",
                        ParseWarning,
                        stacklevel=2,
                    )
        todo.append((doc_id, text, label))
    n_cached = len(docs)

    threads = max(1, cpu_count() // max(1, workers))  # what load_pipeline sets (configure_threads)
    if todo:
        pipeline = load_pipeline(root, processors, workers=workers, download=download, keep_whole=keep_whole)
        with tqdm(total=len(todo), desc="Parsing", unit="doc", disable=not progress) as bar:
            for start in range(0, len(todo), batch_size):
                batch = todo[start:start + batch_size]
                for (doc_id, text, _), doc in zip(batch, _process_batch(pipeline, batch, errors)):
                    if doc is None:
                        continue
                    docs[doc_id] = doc
                    if cache_root is not None:
                        try:
                            write_cached(_cache_path(cache_root, cache_key(text, fingerprint, variant(processors, keep_whole))), doc)
                        except OSError as error:
                            warnings.warn(f"parse cache {cache_root} is not writable ({error}); parsing without caching",
                                          ParseWarning, stacklevel=2)
                            cache_root = None
                bar.update(len(batch))

    kept = corpus[corpus["doc_id"].isin(docs.keys())].reset_index(drop=True)
    info = {
        "model_dir": str(root),
        "model_fingerprint": fingerprint,
        "processors": variant(processors, keep_whole),
        "n_documents": len(kept),
        "n_parsed": len(docs) - n_cached,
        "n_cached": n_cached,
        "n_failed": len(errors),
        "cache_dir": str(cache_root) if cache_root else None,
        "torch_threads": threads,
        "workers": workers,
    }
    return Parsed(corpus=kept, docs={d: docs[d] for d in kept["doc_id"]}, info=info, errors=errors)


SECTION_CHARS = 20_000  # longer documents are parsed in sections cut at paragraph breaks (memory and time stay bounded)
_CUTS = ("\n\n", "\n", ". ", "؟ ", "! ", ".", " ")


def sections(text: str, limit: int = SECTION_CHARS) -> list[tuple[int, str]]:
    """`text` as (offset, section) pieces of at most `limit` characters, cut after a paragraph break where one is near,
    else a line break, a sentence end or a space; the pieces joined give `text` back."""
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((window.rfind(mark) + len(mark) for mark in _CUTS if window.rfind(mark) > limit // 2), limit)
        pieces.append((start, window[:cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def _merged(text: str, parts: list[tuple[int, Any]]):
    """One Stanza Document for `text` from the Documents of its sections, their offsets moved to index `text`."""
    from stanza.models.common.doc import Document

    sentences, comments = [], []
    for offset, doc in parts:
        for sentence in doc.to_dict():
            for item in sentence:
                for key in ("start_char", "end_char"):
                    if key in item:
                        item[key] += offset
            sentences.append(sentence)
        comments += [[c for c in sentence if not c.startswith("# sent_id")] for sentence in doc.sentence_comments()]
    merged = Document(sentences, text, comments)
    merged.reindex_sentences(0)  # one numbering over the whole document, not one per section
    return merged


def _process_batch(pipeline, batch: list[tuple[str, str, str]], errors: dict[str, str]) -> list:
    """Run one batch through Stanza's bulk processing; if it fails, retry one by one to isolate the bad one.

    A document longer than SECTION_CHARS goes through in sections and comes back whole.
    """
    from stanza.models.common.doc import Document

    try:
        pieces = [(n, offset, section) for n, (_, text, _) in enumerate(batch) for offset, section in sections(text, SECTION_CHARS)]
        token = _BATCH_TEXT.set("\n\n".join(section for _, _, section in pieces))  # as Stanza's bulk tokenizer joins them
        try:
            parsed = pipeline.bulk_process([Document([], text=section) for _, _, section in pieces])
        finally:
            _BATCH_TEXT.reset(token)
        if len(pieces) == len(batch):
            return parsed
        return [_merged(text, [(offset, doc) for (m, offset, _), doc in zip(pieces, parsed) if m == n])
                for n, (_, text, _) in enumerate(batch)]
    except Exception as error:
        if len(batch) > 1:
            return [doc for item in batch for doc in _process_batch(pipeline, [item], errors)]
        doc_id, _, label = batch[0]
        message = f"document {doc_id} ({label}): Stanza failed ({type(error).__name__}: {error}); skipped"
        warnings.warn(message, ParseWarning, stacklevel=4)
        errors[doc_id] = message
        return [None]


def doc_from_conllu(conllu: str, text: str | None = None):
    """A Stanza Document from CoNLL-U (tests, gold data), with text and token offsets filled in.

    Offsets come from `start_char`/`end_char` in MISC when present, else from the token forms and
    `SpaceAfter=No`; the document text is `text`, else rebuilt from the tokens and their offsets
    (with spaces between them). Entities come from `ner=` in MISC.
    """
    from stanza.utils.conll import CoNLL

    doc = CoNLL.conll2doc(input_str=conllu)
    tokens = [token for sentence in doc.sentences for token in sentence.tokens]
    if any(token.start_char is None for token in tokens):
        pieces: list[str] = []
        position = 0
        for token in tokens:
            token._start_char, token._end_char = position, position + len(token.text)
            gap = token.spaces_after if token.spaces_after is not None else " "
            pieces.append(token.text + gap)
            position = token.end_char + len(gap)
        rebuilt = "".join(pieces).rstrip()
    else:  # place each token at its offsets; what lay between tokens is lost, so it becomes spaces
        chars = [" "] * max((token.end_char for token in tokens), default=0)
        for token in tokens:
            width = token.end_char - token.start_char
            chars[token.start_char:token.end_char] = token.text[:width].ljust(width)
        rebuilt = "".join(chars)
    for token in tokens:
        for word in token.words:
            if word.start_char is None:
                word._start_char, word._end_char = token.start_char, token.end_char
    doc.text = text if text is not None else rebuilt
    for sentence in doc.sentences:
        sentence.text = doc.text[sentence.tokens[0].start_char:sentence.tokens[-1].end_char]
    doc.build_ents()
    return doc


def parsed_from_conllu(conllus: dict[str, str] | list[str], corpus: pd.DataFrame | None = None) -> Parsed:
    """A Parsed corpus from CoNLL-U strings (keyed by doc_id, or a list), without running any model."""
    from kit.corpus import CORPUS_COLUMNS, make_doc_id

    items = conllus.items() if isinstance(conllus, dict) else [(None, c) for c in conllus]
    docs: dict[str, Any] = {}
    rows = []
    for n, (doc_id, conllu) in enumerate(items):
        doc = doc_from_conllu(conllu)
        doc_id = doc_id or make_doc_id(doc.text)
        docs[doc_id] = doc
        rows.append((doc_id, doc.text, "", "", "", f"<conllu {n}>", ""))
    if corpus is None:
        corpus = pd.DataFrame(rows, columns=CORPUS_COLUMNS)
    return Parsed(corpus=corpus, docs=docs, info={"processors": "conllu"})
