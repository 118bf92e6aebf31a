"""HTML for people: right-to-left tables, highlighted evidence, and the run's self-contained report.html."""

from __future__ import annotations

import base64
import html
from pathlib import Path
from typing import Iterable

import pandas as pd

from kit.extract.stances import SYMMETRIC_LABELS
from kit.io import atomic_write
from kit.reporting import labels
from kit.text import arabic_share

FONT_STACK = "'Noto Naskh Arabic', 'Amiri', 'Noto Sans Arabic', 'DejaVu Sans', 'Arial', sans-serif"
_PAGE_RULES = f"""
body {{ font-family: {FONT_STACK}; margin: 2em auto; max-width: 72em; line-height: 1.6; color: #222; }}
h1, h2, h3 {{ font-family: {FONT_STACK}; }}
"""
_CONTENT_RULES = """table.kit { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
table.kit th, table.kit td { border: 1px solid #ccc; padding: 0.25em 0.6em; vertical-align: top; }
table.kit th { background: #f3f3f3; }
td[dir=rtl], p[dir=rtl], div[dir=rtl] { text-align: right; }
mark { padding: 0 0.15em; border-radius: 0.2em; }
mark.PER { background: #cfe0f5; } mark.ORG { background: #f8dcc4; } mark.GPE { background: #d3ecd8; }
mark.LOC { background: #e1dcf0; } mark.MISC { background: #eadfd5; } mark.cue { background: #ffe58a; }
mark.content { background: #fff3c4; } mark.actor { background: #cfe0f5; font-weight: 600; }
table.kit td.col-name, table.kit td.col-holder, table.kit td.col-target, table.kit td.col-speaker { white-space: nowrap; }
table.kit td.col-aliases { max-width: 28em; font-size: 0.85em; color: #555; }
div.claims p.legend, div.stances p.legend { font-size: 0.85em; color: #555; }
div.sentence-claims { border-top: 1px solid #ddd; margin: 0.8em 0; padding-top: 0.4em; }
div.sentence-claims ul { margin: 0.2em 0; } abbr { text-decoration: underline dotted; cursor: help; }
"""
_REPORT_RULES = """figure { margin: 1.5em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
.status-ok { color: #2e7d32; } .status-failed { color: #c62828; }
"""
STYLE = _PAGE_RULES + _CONTENT_RULES + _REPORT_RULES  # the report page's stylesheet


def _scoped(rules: str, scope: str) -> str:
    """CSS `rules` with every selector put inside `scope`, so that they style nothing outside it."""
    scoped = []
    for rule in rules.split("}"):
        if "{" in rule:
            selectors, body = rule.split("{", 1)
            scoped.append(", ".join(f"{scope} {s.strip()}" for s in selectors.split(",")) + " {" + body + "}")
    return "\n".join(scoped) + "\n"


# In a notebook the same rules, scoped to the kit's own output: page-wide rules (body, mark)
# would restyle JupyterLab itself.
NOTEBOOK_STYLE = f".kit-html {{ font-family: {FONT_STACK}; }}\n" + _scoped(_CONTENT_RULES, ".kit-html")


def direction(text: object) -> str:
    """`rtl` for text that is mostly Arabic, else `ltr`."""
    return "rtl" if arabic_share(str(text)) >= 0.5 else "ltr"


def html_table(table: pd.DataFrame, *, max_rows: int = 50, columns: Iterable[str] | None = None) -> str:
    """A table as HTML whose Arabic cells are marked dir="rtl" (so they read and align right to left)."""
    shown = table if columns is None else table[list(columns)]
    shown = shown.head(max_rows)
    head = "".join(f'<th class="col-{_css(c)}">{html.escape(str(c))}</th>' for c in shown.columns)
    rows = []
    for record in shown.itertuples(index=False):
        cells = []
        for column, value in zip(shown.columns, record):
            text = "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            cells.append(f'<td class="col-{_css(column)}" dir="{direction(text)}">{html.escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = f"<p>{len(table) - len(shown)} more rows in the CSV.</p>" if len(table) > len(shown) else ""
    return f'<table class="kit"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>{more}'


def _css(column: object) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in str(column))


def highlight(text: str, spans: Iterable[tuple[int, int, str]], *, offset: int = 0) -> str:
    """`text` as right-to-left HTML with `<mark class=LABEL>` around each (start, end, label) span.

    Spans index the document and `offset` is where `text` starts in it; overlapping spans keep
    the first one.
    """
    pieces = []
    position = 0
    for start, end, label in sorted(spans):
        start, end = start - offset, end - offset
        if start < position or end > len(text) or start < 0:
            continue
        pieces.append(html.escape(text[position:start]))
        pieces.append(f'<mark class="{html.escape(label)}">{html.escape(text[start:end])}</mark>')
        position = end
    pieces.append(html.escape(text[position:]))
    return f'<div dir="{direction(text)}" lang="ar">{"".join(pieces)}</div>'


def show(markup: str) -> None:
    """Display kit HTML (tables, highlighted evidence) in the notebook, styled right to left; returns None."""
    from IPython.display import display

    display(as_html(markup))


def as_html(markup: str):
    """Kit HTML as an object Jupyter renders, for `display(...)` or a cell's last line; `show` displays it at once."""
    from IPython.display import HTML

    return HTML(f'<div class="kit-html"><style>{NOTEBOOK_STYLE}</style>{markup}</div>')


def _figure(path: Path) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    caption = html.escape(path.stem.replace("_", " "))
    return f'<figure><img alt="{caption}" src="data:image/png;base64,{data}"><figcaption>{caption}</figcaption></figure>'


REPORT_TABLES = [
    ("Documents", "documents", None),
    ("Actors", "actors", ["name", "type", "n_mentions", "n_docs", "aliases"]),
    ("Claims", "claims", ["speaker", "cue", "mode", "content", "source"]),
    ("Stances", "stances", ["holder", "label", "polarity", "target", "cue", "negated"]),
]


def build_report(run_dir: str | Path, manifest: dict, *, name: str | None = None) -> Path:
    """Write `run_dir`/report.html: one self-contained page with every figure and the main tables."""
    run_dir = Path(run_dir)
    name = name or run_dir.name
    tables_dir = run_dir / "tables"
    parts = [
        "<h1>Arabic news analysis</h1>",
        f"<p>Run <code>{html.escape(name)}</code>, started {html.escape(manifest.get('started', ''))}, "
        f"status <b class='status-{html.escape(manifest.get('status', ''))}'>{html.escape(manifest.get('status', ''))}</b>. "
        f"Model: <code>{html.escape(str(manifest.get('model', {}).get('dir', '')))}</code>.</p>",
    ]
    notebooks = manifest.get("notebooks", [])
    if notebooks:
        parts.append("<h2>Notebooks</h2><ul>")
        for item in notebooks:
            error = f" — {html.escape(item['error'])}" if item.get("error") else ""
            parts.append(f"<li>{html.escape(item['name'])}: <span class='status-{item['status']}'>{item['status']}</span>{error}</li>")
        parts.append("</ul>")
    figures = sorted((run_dir / "figures").glob("*.png")) if (run_dir / "figures").is_dir() else []
    if figures:
        parts.append("<h2>Figures</h2>")
        parts += [_figure(path) for path in figures]
    for title, name, columns in REPORT_TABLES:
        path = tables_dir / f"{name}.csv"
        if path.exists():
            table = pd.read_csv(path, dtype=str, keep_default_na=False)
            parts.append(f"<h2>{html.escape(title)}</h2>")
            parts.append(html_table(table, columns=[c for c in columns or table.columns if c in table.columns]))
    page = (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Arabic news analysis: {html.escape(name)}</title><style>{STYLE}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )
    return atomic_write(run_dir / "report.html", page)


def highlighted_sentences(sentences: pd.DataFrame, spans: pd.DataFrame, *, doc_id: str, n: int = 8) -> str:
    """The first `n` sentences of a document with the given spans (entities or mentions) marked by type."""
    rows = sentences[sentences["doc_id"] == doc_id].head(n)
    marks = spans[spans["doc_id"] == doc_id]
    out = []
    for row in rows.itertuples():
        inside = marks[(marks["start_char"] >= row.start_char) & (marks["end_char"] <= row.end_char)]
        out.append(highlight(row.text, zip(inside["start_char"], inside["end_char"], inside["type"]), offset=row.start_char))
    return "".join(f"<p>{piece}</p>" for piece in out)


def typical_sentence(sentences: pd.DataFrame, doc_id: str, *, words: int = 15) -> int:
    """The index of the document's sentence whose length is closest to `words` (a readable example)."""
    rows = sentences[sentences["doc_id"] == doc_id]
    return int(rows.loc[(rows["n_words"] - words).abs().idxmin(), "sent_idx"])


def sentence_card(tables: dict[str, pd.DataFrame], doc_id: str, sent_idx: int) -> str:
    """One sentence with its entities marked, and its tokens, clitic splits, lemmas, tags and heads."""
    sentence = tables["sentences"].query("doc_id == @doc_id and sent_idx == @sent_idx").iloc[0]
    words = tables["words"].query("doc_id == @doc_id and sent_idx == @sent_idx")
    marked = highlighted_sentences(
        tables["sentences"].query("doc_id == @doc_id and sent_idx == @sent_idx"), tables["entities"], doc_id=doc_id
    )
    columns = ["token_idx", "token", "word_idx", "word", "lemma", "upos", "feats", "head", "deprel", "ner"]
    split = words.groupby("token_idx")["word_idx"].transform("size") > 1
    note = f"<p>{int(split.sum())} words come from {words.loc[split, 'token_idx'].nunique()} tokens split into clitics.</p>"
    return marked + note + html_table(words, columns=columns, max_rows=200) + f"<!-- {html.escape(sentence.text)} -->"


def _marked_evidence(evidence: str, marks: list[tuple[str, str]]) -> str:
    """Evidence with each (text, class) marked at its first occurrence, content before cue."""
    spans = []
    for piece, label in marks:
        at = evidence.find(piece) if piece else -1
        if at >= 0 and all(at >= e or at + len(piece) <= s for s, e, _ in spans):
            spans.append((at, at + len(piece), label))
    return highlight(evidence, spans)


MODES = {"direct": "quoted", "indirect": "reported", "mixed": "reported with a quoted fragment",
         "attributed": "credited with بحسب / وفق"}


def claims_html(claims: pd.DataFrame, *, n: int = 30, actors: pd.DataFrame | None = None) -> str:
    """Claims grouped by sentence: the sentence once with every cue and content marked, then who said what, how, through whom.

    A speaker that is an actor shows the actor's name, with the words of the text on hover.
    """
    shown = claims.head(n).assign(label=labels.party_labels(claims.head(n)["speaker"], claims.head(n)["speaker_actor_id"], actors),
                                  source_label=labels.party_labels(claims.head(n)["source"], claims.head(n)["source_actor_id"], actors))
    legend = ("<p class='legend'>One card per sentence: the sentence with each cue <mark class='cue'>marked</mark> and what "
              "was said <mark class='content'>marked</mark>, then each claim in it: the speaker (an actor's name; hover for "
              "the words of the text), the mode (direct: quoted; indirect: reported; mixed; attributed: credited with بحسب / "
              "وفق), the source it came through, and the claim's id in claims.csv (document id - claim number).</p>")
    cards = []
    for _, group in shown.groupby(["doc_id", "sent_idx"], sort=False):
        evidence = max(group["evidence"], key=len)
        marks = [(content, "content") for content in group["content"]] + [(cue, "cue") for cue in group["cue"]]
        items = []
        for row in group.itertuples():
            speaker = _party(row.label, row.speaker) if row.speaker else "<i>(no speaker found)</i>"
            source = f" · through <b>{_party(row.source_label, row.source)}</b>" if row.source else ""
            items.append(f"<li>{speaker} · <abbr title='{html.escape(MODES.get(row.mode, row.mode))}'>{html.escape(row.mode)}</abbr>"
                         f" <bdi>«{html.escape(row.cue)}»</bdi>{source} <small>{html.escape(row.claim_id)}</small></li>")
        # the list reads left to right like the rest of the notebook; each Arabic name is isolated (<bdi>)
        cards.append(f"<div class='sentence-claims'>{_marked_evidence(evidence, marks)}<ul dir='ltr'>{''.join(items)}</ul></div>")
    return f"<div class='claims'>{legend}{''.join(cards)}</div>"


def _party(label: str, text: str) -> str:
    """An actor's (or unnamed group's) name in bold, with the words of the text on hover when they differ."""
    hover = f" title='{html.escape(text)}'" if text and text != label else ""
    return f"<b><bdi dir='{direction(label)}'{hover}>{html.escape(label)}</bdi></b>"


def stances_html(stances: pd.DataFrame, *, n: int = 30, actors: pd.DataFrame | None = None) -> str:
    """Stances as readable lines: holder, label and polarity, target (actors' names), the cue marked in its sentence.

    A symmetric stance (cooperate, agree, contact) found in both directions for one cue is shown once, as A ↔ B.
    """
    rows = stances.assign(holder_label=labels.party_labels(stances["holder"], stances["holder_actor_id"], actors),
                          target_label=labels.party_labels(stances["target"], stances["target_actor_id"], actors))
    seen: set[tuple] = set()
    lines = []
    for row in rows.itertuples():
        symmetric = row.label in SYMMETRIC_LABELS
        pair = (row.doc_id, row.start_char, row.label, *sorted([row.holder_label, row.target_label]))
        if symmetric and pair in seen:
            continue
        seen.add(pair)
        if len(lines) == n:
            break
        sign = {1: "+", 0: "0", -1: "−"}[int(row.polarity)]
        negated = " (negated)" if str(row.negated) == "True" else ""
        arrow = "↔" if symmetric else "→"
        lines.append(
            f"<div class='stance'><p>{_party(row.holder_label, row.holder)} {arrow} {html.escape(row.label)} {sign}{negated} "
            f"{arrow} {_party(row.target_label, row.target)}</p>{_marked_evidence(row.evidence, [(row.cue, 'cue')])}</div>"
        )
    legend = ("<p class='legend'>Holder → label and polarity (+ for, − against, 0 contact) → target, as actors' names "
              "(hover for the words of the text); ↔ for stances that hold both ways (cooperate, agree, contact).</p>")
    return f"<div class='stances'>{legend}{''.join(lines)}</div>"


def clusters_html(tables: dict[str, pd.DataFrame], *, n: int = 12) -> str:
    """The largest claim clusters (most outlets, then most claims): each claim in date order with outlet, speaker, source, content."""
    clusters = tables.get("claim_clusters")
    if clusters is None or clusters.empty:
        return "<p>No statement was found in more than one article.</p>"
    claims = tables["claims"].set_index("claim_id")
    rows = clusters.join(claims[["speaker", "speaker_actor_id", "mode", "cue", "content", "source"]].add_prefix("claim_"),
                         on="claim_id")
    rows = rows.assign(speaker_label=labels.party_labels(rows["claim_speaker"], rows["claim_speaker_actor_id"], tables["actors"]))
    size = rows.groupby("cluster_id").agg(outlets=("source", "nunique"), claims=("claim_id", "size"))
    order = size.sort_values(["outlets", "claims"], ascending=False).head(n)
    cards = []
    for cluster_id, shape in order.iterrows():
        items = []
        for row in rows[rows["cluster_id"] == cluster_id].itertuples(index=False):
            via = f" · through <b>{html.escape(row.claim_source)}</b>" if row.claim_source else ""
            items.append(f"<li><small>{html.escape(str(row.date)[:16])}</small> <b>{html.escape(row.source or '?')}</b> · "
                         f"{_party(row.speaker_label, row.claim_speaker) if row.claim_speaker else '<i>(no speaker)</i>'} · "
                         f"{html.escape(row.claim_mode)}{via} <small>{html.escape(row.claim_id)}</small>"
                         f"<div dir='{direction(row.claim_content)}' lang='ar'>{html.escape(row.claim_content)}</div></li>")
        cards.append(f"<div class='cluster'><p><b>{html.escape(cluster_id)}</b>: {shape.claims} claims in "
                     f"{shape.outlets} outlet(s)</p><ol dir='ltr'>{''.join(items)}</ol></div>")
    legend = (f"<p class='legend'>{size.shape[0]} statements carried by more than one article; the {len(order)} carried by the "
              "most outlets, each claim in the order of publication (first: who carried it first).</p>")
    return legend + "".join(cards)


def peaks_html(sentences: pd.DataFrame) -> str:
    """The sentences behind each peak (`kit.reporting.timeline.peak_sentences`), grouped by actor and period, mentions marked."""
    if sentences.empty:
        return "<p>No peak: no actor was mentioned in one period at least twice as often as usual.</p>"
    parts = []
    for (name, period), group in sentences.groupby(["name", "period"], sort=False):
        parts.append(f"<h4><bdi>{html.escape(name)}</bdi>, period from {html.escape(str(period)[:10])}</h4>")
        for row in group.itertuples(index=False):
            where = f"{html.escape(row.source or '?')} · {html.escape(str(row.date)[:10])} · document {row.doc_id} · sentence {row.sent_idx}"
            parts.append(f"<div class='evidence'><small>{where}</small>"
                         f"{highlight(row.text, [(row.start_char, row.end_char, 'actor')], offset=row.sent_start)}</div>")
    return "".join(parts)
