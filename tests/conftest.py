"""Shared fixtures: the Stanza model (skipped without one, required when KIT_REQUIRE_MODEL=1),
a private parse cache per test session, and a fake model directory plus whitespace "pipeline" for
tests of the parsing machinery that must not depend on a model."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from kit import nlp

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Never touch the user's real cache from tests."""
    previous = os.environ.get(nlp.CACHE_ENV)
    os.environ[nlp.CACHE_ENV] = str(tmp_path_factory.mktemp("kit-cache"))
    yield
    if previous is None:
        os.environ.pop(nlp.CACHE_ENV, None)
    else:
        os.environ[nlp.CACHE_ENV] = previous


@pytest.fixture(autouse=True, scope="session")
def _one_process_unless_asked():
    """Runs stay in the test's process (KIT_WORKERS=1), where fake pipelines are patched in; tests of the
    process pool ask for workers explicitly."""
    previous = os.environ.get("KIT_WORKERS")
    os.environ["KIT_WORKERS"] = "1"
    yield
    if previous is None:
        os.environ.pop("KIT_WORKERS", None)
    else:
        os.environ["KIT_WORKERS"] = previous


@pytest.fixture(autouse=True)
def _torch_threads_restored(request):
    """torch's thread count is process-wide and kit.nlp.configure_threads sets it: no test may leak it.

    Only where torch is already loaded or the test loads the real model (which is what sets it),
    so tests that never touch torch do not pay for importing it.
    """
    if "torch" not in sys.modules and request.node.get_closest_marker("model") is None:
        yield
        return
    import torch

    before = torch.get_num_threads()
    yield
    if torch.get_num_threads() != before:
        torch.set_num_threads(before)


@pytest.fixture(scope="session")
def model_dir() -> Path:
    """The Stanza Arabic resources dir from $STANZA_RESOURCES_DIR; skip (or fail in CI) without one."""
    found = os.environ.get("STANZA_RESOURCES_DIR")
    if found and nlp.models_present(found):
        return Path(found)
    message = (
        "no Stanza Arabic model: set STANZA_RESOURCES_DIR to a resources dir "
        "(e.g. ../shared/models/stanza-ar-small)"
    )
    if os.environ.get("KIT_REQUIRE_MODEL") == "1":
        pytest.fail(message + " -- KIT_REQUIRE_MODEL=1 forbids skipping model tests")
    pytest.skip(message)


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """A parse cache shared by the real-model tests that may reuse each other's parses (the seed is slow to parse)."""
    return tmp_path_factory.mktemp("model-cache")


@pytest.fixture(scope="session")
def seed_parsed(model_dir, model_cache):
    """The seed article parsed once with the real model."""
    from kit import corpus

    return nlp.parse(corpus.load(SEEDS), model_dir=model_dir, cache=model_cache, progress=False)


def write_fake_models(root: Path, processors: str = nlp.DEFAULT_PROCESSORS) -> Path:
    """A Stanza-shaped resources dir with tiny placeholder model files."""
    names = nlp._processor_list(processors)
    resources = {"ar": {"default_processors": {p: "fake" for p in names}, "default_dependencies": {}}}
    root.mkdir(parents=True, exist_ok=True)
    (root / "resources.json").write_text(json.dumps(resources))
    for name in names:
        (root / "ar" / name).mkdir(parents=True, exist_ok=True)
        (root / "ar" / name / "fake.pt").write_bytes(f"weights of {name}".encode())
    return root


class WhitespacePipeline:
    """Stands in for stanza.Pipeline: one sentence per line, one token per whitespace-separated chunk."""

    def __init__(self, fail_on: str | None = None):
        self.calls = 0
        self.fail_on = fail_on

    def bulk_process(self, docs):
        self.calls += 1
        return [self._one(doc) for doc in docs]

    def __call__(self, doc):
        self.calls += 1
        return self._one(doc)

    def _one(self, doc):
        import re

        from stanza.models.common.doc import Document

        text = doc.text
        if self.fail_on and self.fail_on in text:
            raise RuntimeError("fake model failure")
        sentences = []
        for line in re.finditer(r"[^\n]+", text):
            tokens = [
                {"id": i, "text": m.group(), "lemma": m.group(), "upos": "X", "head": 0 if i == 1 else 1,
                 "deprel": "root" if i == 1 else "dep", "start_char": line.start() + m.start(),
                 "end_char": line.start() + m.end(), "ner": "O"}
                for i, m in enumerate(re.finditer(r"\S+", line.group()), start=1)
            ]
            if tokens:
                sentences.append(tokens)
        parsed = Document(sentences, text=text)
        parsed.build_ents()
        return parsed


@pytest.fixture
def fake_models(tmp_path, monkeypatch):
    """A fake model dir and a counting whitespace pipeline in place of Stanza's."""
    root = write_fake_models(tmp_path / "models")
    pipeline = WhitespacePipeline()
    monkeypatch.setattr(nlp, "load_pipeline", lambda *args, **kwargs: pipeline)
    return root, pipeline


def pytest_sessionfinish(session, exitstatus):
    """In CI (KIT_REQUIRE_MODEL=1) a skipped test is a failure: every test must really run there."""
    if os.environ.get("KIT_REQUIRE_MODEL") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(f"KIT_REQUIRE_MODEL=1: {len(skipped)} test(s) skipped; CI requires all to run", red=True)
        session.exitstatus = 1


UPOS_TAGS = frozenset(
    "ADJ ADP ADV AUX CCONJ DET INTJ NOUN NUM PART PRON PROPN PUNCT SCONJ SYM VERB X".split()
)  # the 17 Universal Dependencies tags
NER_TYPES = ("PER", "ORG", "LOC", "MISC")  # the AQMAR labels: what stanza-ar-small and Stanza's Arabic NER emit
NER_TAGS = frozenset({"O"} | {f"{prefix}-{kind}" for prefix in "BIES" for kind in NER_TYPES})


def conllu(*sentences: str) -> str:
    """CoNLL-U from a compact notation, one string per sentence, tokens separated by spaces.

    A token is `FORM/UPOS[/NER][@HEAD:DEPREL]`; a multi-word token is
    `SURFACE=WORD/UPOS+WORD/UPOS[/NER]` (NER after the last word; heads as above on each word).
    The tags are read from the right, so a form may itself contain `/` (`أبريل/نيسان/NOUN/S-LOC`
    is the form أبريل/نيسان); a bare `FORM` is an X with no entity. UPOS must be one of the 17 UD
    tags and NER `O` or B-/I-/E-/S- with PER, ORG, LOC or MISC; anything else is a ValueError
    naming the token. Heads are word ids within the sentence; without one a word hangs from word 1
    (`dep`), and word 1 is the root. Tokens are separated by one space; `~` before a token glues it
    to the previous one (SpaceAfter=No).
    """
    blocks = []
    for sentence in sentences:
        lines = []
        heads = []  # (head, token) of every explicit relation, checked once the sentence is complete
        word_id = 0
        tokens = sentence.split(" ")
        for n, spec in enumerate(tokens):
            glued_next = n + 1 < len(tokens) and tokens[n + 1].startswith("~")
            spec = spec.lstrip("~")
            misc = "SpaceAfter=No" if glued_next else "_"
            if "=" in spec:
                surface, rest = spec.split("=", 1)
                words = [_word(part, spec) for part in rest.split("+")]
                heads += [(relation[0], spec) for _, _, relation, _ in words if relation]
                if any(ner is not None for *_, ner in words[:-1]):
                    raise ValueError(f"token {spec!r}: the NER tag of a multi-word token goes after its last word")
                ner = words[-1][-1] or "O"
                lines.append(f"{word_id + 1}-{word_id + len(words)}\t{surface}\t_\t_\t_\t_\t_\t_\t_\t"
                             + ("ner=" + ner if misc == "_" else misc + "|ner=" + ner))
                for form, upos, relation, _ in words:
                    word_id += 1
                    lines.append(_word_line(word_id, form, upos, relation, []))
            else:
                form, upos, relation, ner = _word(spec, spec)
                heads += [(relation[0], spec)] if relation else []
                word_id += 1
                fields = ([] if misc == "_" else [misc]) + ["ner=" + (ner or "O")]
                lines.append(_word_line(word_id, form, upos, relation, fields))
        for head, token in heads:
            if head > word_id:
                raise ValueError(f"token {token!r}: head {head} is not a word of this {word_id}-word sentence")
        blocks.append("\n".join(lines) + "\n")
    return "\n".join(blocks)


def _word(spec: str, token: str) -> tuple[str, str, tuple[int, str] | None, str | None]:
    """(form, UPOS, (head, deprel) or None, NER or None) of one word spec, tags read from the right."""
    body, at, relation_text = spec.partition("@")
    relation = None
    if at:
        head_text, colon, deprel = relation_text.partition(":")
        if not (head_text.isdigit() and colon and deprel):
            raise ValueError(f"token {token!r}: {'@' + relation_text!r} is not @HEAD:DEPREL")
        relation = (int(head_text), deprel)
    pieces = body.split("/")
    if len(pieces) == 1:
        return body, "X", relation, None
    ner = pieces.pop() if len(pieces) > 2 and _looks_like_ner(pieces[-1]) else None
    upos, form = pieces[-1], "/".join(pieces[:-1])
    if upos not in UPOS_TAGS:
        raise ValueError(f"token {token!r}: unknown UPOS {upos!r} (tags are read from the right: FORM/UPOS[/NER]); "
                         f"valid: {', '.join(sorted(UPOS_TAGS))}")
    if ner is not None and ner not in NER_TAGS:
        raise ValueError(f"token {token!r}: unknown NER tag {ner!r}; valid: O or B-/I-/E-/S- with {', '.join(NER_TYPES)}")
    return form, upos, relation, ner


def _looks_like_ner(piece: str) -> bool:
    return piece == "O" or (len(piece) > 2 and piece[0] in "BIES" and piece[1] == "-")


def _word_line(word_id: int, form: str, upos: str, relation: tuple[int, str] | None, fields: list[str]) -> str:
    head, deprel = relation or ((0, "root") if word_id == 1 else (1, "dep"))
    return f"{word_id}\t{form}\t{form}\t{upos}\t_\t_\t{head}\t{deprel}\t_\t{'|'.join(fields) or '_'}"


def parsed_docs(*docs: str | tuple[str, ...]):
    """A Parsed corpus from compact sentences: each argument is one document (a sentence or a tuple)."""
    return nlp.parsed_from_conllu({f"d{n}": conllu(*(d if isinstance(d, tuple) else (d,))) for n, d in enumerate(docs)})


def tables_of(parsed, found_actors, mentions, *, claims=None, stances=None) -> dict:
    """The tables `kit.gold.grade_article` reads, for one parsed document and the extractors' output."""
    import pandas as pd

    from kit import frames

    empty = pd.DataFrame(columns=["doc_id", "evidence", "holder_actor_id", "target_actor_id"])
    return {"documents": frames.documents(parsed), "actors": found_actors, "mentions": mentions,
            "claims": claims if claims is not None else empty, "stances": stances if stances is not None else empty}
