"""An explorer for JupyterLab: pick an actor, an outlet or a stance label, read its evidence, jump to the document.

The data functions (`choices`, `evidence`, `evidence_html`, `document_html`) are plain and tested;
`explorer` only wires them to ipywidgets:

    from kit.reporting import explorer
    explorer.explorer(tables)          # in a notebook cell
"""

from __future__ import annotations

import html

import pandas as pd

from kit.reporting import labels, report

Tables = dict[str, pd.DataFrame]
KINDS = ("actor", "outlet", "label")
EVIDENCE_COLUMNS = ["what", "doc_id", "sent_idx", "source", "date", "summary", "text", "offset", "spans"]


def choices(tables: Tables, kind: str) -> list[tuple[str, str]]:
    """(what the menu shows, the value) for each actor (most mentioned first), outlet or stance label (commonest first)."""
    if kind == "actor":
        actors = tables["actors"].sort_values(["n_mentions", "actor_id"], ascending=[False, True])
        return [(f"{row.name} ({row.type}, {row.n_mentions})", row.actor_id) for row in actors.itertuples(index=False)]
    if kind == "outlet":
        counts = tables["documents"]["source"].replace("", "(unknown)").value_counts()
        return [(f"{outlet} ({n} documents)", outlet) for outlet, n in counts.items()]
    if kind == "label":
        counts = tables["stances"]["label"].value_counts()
        return [(f"{label} ({n})", label) for label, n in counts.items()]
    raise ValueError(f"unknown kind {kind!r}; valid: {', '.join(KINDS)}")


def _sentence_starts(tables: Tables) -> dict[tuple[str, int], int]:
    sentences = tables["sentences"]
    return dict(zip(zip(sentences["doc_id"], sentences["sent_idx"].astype(int)), sentences["start_char"].astype(int)))


def _claim_rows(tables: Tables, claims: pd.DataFrame, starts: dict) -> list[tuple]:
    speaker = labels.party_labels(claims["speaker"], claims["speaker_actor_id"], tables["actors"])
    rows = []
    for claim, who in zip(claims.itertuples(index=False), speaker):
        offset = starts.get((claim.doc_id, int(claim.sent_idx)), 0)
        at = claim.evidence.find(claim.cue) if claim.cue else -1
        spans = [(int(claim.start_char), int(claim.end_char), "content")]
        if at >= 0 and not (int(claim.start_char) <= offset + at < int(claim.end_char)):
            spans.append((offset + at, offset + at + len(claim.cue), "cue"))
        source = f" (through {claim.source})" if claim.source else ""
        rows.append(("claim", claim.doc_id, int(claim.sent_idx), who or "(no speaker)", claim.evidence, offset,
                     spans, f"{who or '(no speaker)'} · {claim.mode} «{claim.cue}»{source}"))
    return rows


def _stance_rows(tables: Tables, stances: pd.DataFrame, starts: dict) -> list[tuple]:
    holder = labels.party_labels(stances["holder"], stances["holder_actor_id"], tables["actors"])
    target = labels.party_labels(stances["target"], stances["target_actor_id"], tables["actors"])
    rows = []
    for stance, a, b in zip(stances.itertuples(index=False), holder, target):
        offset = starts.get((stance.doc_id, int(stance.sent_idx)), 0)
        sign = {1: "+", 0: "0", -1: "−"}[int(stance.polarity)]
        rows.append(("stance", stance.doc_id, int(stance.sent_idx), a, stance.evidence, offset,
                     [(int(stance.start_char), int(stance.end_char), "cue")], f"{a or '?'} → {stance.label} {sign} → {b or '?'}"))
    return rows


def evidence(tables: Tables, kind: str, value: str) -> pd.DataFrame:
    """Every mention, claim and stance behind a choice, one row each with its sentence and the spans to mark.

    actor: the sentences that mention it (its mentions marked), the claims it makes or is the source of,
    the stances it holds or is the target of; outlet: the claims and stances of its documents; label:
    the stances with that label. Columns: what, doc_id, sent_idx, source, date, summary, text, offset
    (where `text` starts in the document), spans ((start, end, class) in document offsets).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; valid: {', '.join(KINDS)}")
    starts = _sentence_starts(tables)
    claims, stances = tables["claims"], tables["stances"]
    records: list[tuple] = []
    if kind == "actor":
        mentions = tables["mentions"][tables["mentions"]["actor_id"] == value]
        sentences = tables["sentences"].set_index(["doc_id", "sent_idx"])["text"]
        for (doc_id, sent_idx), group in mentions.groupby(["doc_id", "sent_idx"], sort=False):
            spans = [(int(s), int(e), "actor") for s, e in zip(group["start_char"], group["end_char"])]
            records.append(("mention", doc_id, int(sent_idx), "", sentences.get((doc_id, sent_idx), ""),
                            starts.get((doc_id, int(sent_idx)), 0), spans, f"{len(group)} mention(s): "
                            + "، ".join(dict.fromkeys(group["text"]))))
        claims = claims[(claims["speaker_actor_id"] == value) | (claims["source_actor_id"] == value)]
        stances = stances[(stances["holder_actor_id"] == value) | (stances["target_actor_id"] == value)]
    elif kind == "outlet":
        documents = tables["documents"]
        ids = set(documents.loc[documents["source"].replace("", "(unknown)") == value, "doc_id"])
        claims, stances = claims[claims["doc_id"].isin(ids)], stances[stances["doc_id"].isin(ids)]
    else:
        claims, stances = claims.iloc[0:0], stances[stances["label"] == value]
    records += _claim_rows(tables, claims, starts) + _stance_rows(tables, stances, starts)
    table = pd.DataFrame([(what, doc_id, sent_idx, summary, text, offset, spans)
                          for what, doc_id, sent_idx, _, text, offset, spans, summary in records],
                         columns=["what", "doc_id", "sent_idx", "summary", "text", "offset", "spans"])
    meta = tables["documents"].set_index("doc_id")
    table.insert(3, "source", table["doc_id"].map(meta["source"]).fillna(""))
    table.insert(4, "date", table["doc_id"].map(meta["date"]).fillna(""))
    table["rank"] = table["what"].map({"mention": 0, "claim": 1, "stance": 2})
    table = table.sort_values(["date", "doc_id", "sent_idx", "rank"], kind="stable")
    return table[EVIDENCE_COLUMNS].reset_index(drop=True)


def evidence_html(rows: pd.DataFrame, *, n: int = 30) -> str:
    """Evidence rows as cards: what it is, the outlet, date, document and sentence, then the sentence with its spans marked."""
    cards = []
    for row in rows.head(n).itertuples(index=False):
        where = f"{html.escape(row.source or '?')} · {html.escape(str(row.date)[:10])} · document {row.doc_id} · sentence {row.sent_idx}"
        cards.append(f"<div class='evidence'><p><b>{row.what}</b> · <bdi>{html.escape(row.summary)}</bdi> "
                     f"<small>{where}</small></p>{report.highlight(row.text, row.spans, offset=row.offset)}</div>")
    more = f"<p>{len(rows) - n} more; raise n to see them.</p>" if len(rows) > n else ""
    legend = ("<p class='legend'>Marked: the <mark class='actor'>actor</mark>, what a claim <mark class='content'>says</mark>, "
              "the <mark class='cue'>cue</mark> of a claim or stance.</p>")
    return legend + "".join(cards) + more


def document_html(tables: Tables, doc_id: str, spans: list[tuple[int, int, str]] = ()) -> str:
    """A whole document, sentence by sentence (numbered as in the tables), with `spans` marked."""
    documents = tables["documents"].set_index("doc_id")
    if doc_id not in documents.index:
        raise KeyError(f"no document {doc_id!r} in these tables")
    meta = documents.loc[doc_id]
    sentences = tables["sentences"][tables["sentences"]["doc_id"] == doc_id]
    parts = [f"<h3 dir='{report.direction(meta['title'])}'>{html.escape(meta['title'] or doc_id)}</h3>",
             f"<p><small>{html.escape(meta['source'])} · {html.escape(str(meta['date']))} · {html.escape(meta['path'])}</small></p>"]
    for row in sentences.itertuples(index=False):
        inside = [(s, e, c) for s, e, c in spans if row.start_char <= s and e <= row.end_char]
        parts.append(f"<div class='sentence'><small>{row.sent_idx}</small> "
                     f"{report.highlight(row.text, inside, offset=row.start_char)}</div>")
    return "".join(parts)


def explorer(tables: Tables, *, n: int = 30):
    """The ipywidgets view: kind and value menus, the evidence cards, and a document menu that opens a document."""
    import ipywidgets as widgets

    kind = widgets.ToggleButtons(options=list(KINDS), description="Explore")
    value = widgets.Dropdown(description="Which", layout=widgets.Layout(width="60%"))
    document = widgets.Dropdown(description="Document", layout=widgets.Layout(width="60%"))
    shown = widgets.Output()
    opened = widgets.Output()
    state: dict[str, pd.DataFrame] = {}

    def on_kind(_=None) -> None:
        value.options = choices(tables, kind.value)

    def on_value(_=None) -> None:
        shown.clear_output()
        if value.value is None:
            return
        rows = evidence(tables, kind.value, value.value)
        state["rows"] = rows
        document.options = [("", None)] + [(f"{doc_id} ({n} rows)", doc_id) for doc_id, n in rows["doc_id"].value_counts().items()]
        with shown:
            report.show(evidence_html(rows, n=n))

    def on_document(_=None) -> None:
        opened.clear_output()
        if document.value is None:
            return
        rows = state.get("rows", pd.DataFrame(columns=EVIDENCE_COLUMNS))
        spans = [span for spans in rows.loc[rows["doc_id"] == document.value, "spans"] for span in spans]
        with opened:
            report.show(document_html(tables, document.value, spans))

    kind.observe(on_kind, names="value")
    value.observe(on_value, names="value")
    document.observe(on_document, names="value")
    on_kind()
    return widgets.VBox([kind, value, shown, document, opened])
