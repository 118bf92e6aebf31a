"""Build benchmark corpora from the open treebanks in ../shared/corpora (never copied into the repo).

UD Arabic PUD's 1,000 sentences come from news and Wikipedia articles; the first six characters
of a sentence id name its article (`n01001011` -> `n01001`), and each article becomes one document
of its raw `# text` lines. Larger corpora repeat those documents with a numbered header
line, so every document has a distinct text (and doc_id) while staying real Arabic news prose.
"""

from __future__ import annotations

import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
PUD = SHARED / "corpora" / "ud" / "UD_Arabic-PUD" / "ar_pud-ud-test.conllu"


def pud_documents() -> list[str]:
    """The PUD documents as texts, one sentence per line."""
    if not PUD.exists():
        sys.exit(f"benchmark needs {PUD} (the shared corpora beside the project)")
    documents: dict[str, list[str]] = {}
    article = ""
    for line in PUD.read_text(encoding="utf-8").splitlines():
        if line.startswith("# sent_id = "):
            article = line[len("# sent_id = "):][:6]
        elif line.startswith("# text = "):
            documents.setdefault(article, []).append(line[len("# text = "):])
    return ["\n".join(sentences) for sentences in documents.values()]


def corpus_texts(n: int) -> list[str]:
    """`n` distinct document texts built from PUD (repeated with a numbered first line past its size)."""
    base = pud_documents()
    texts = []
    for i in range(n):
        text = base[i % len(base)]
        if i >= len(base):
            text = f"تقرير رقم {i}\n{text}"
        texts.append(text)
    return texts
