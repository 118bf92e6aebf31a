"""Actors over time: mentions, claims and stances per week or month, the peaks, and the sentences behind each peak.

Dates come from the documents table (`date`, ISO 8601 as the corpus gives it); a document without
a readable date is left out of the timeline and counted (`undated`). A peak is a period in which an
actor's count is the highest of its series and at least `PEAK_RATIO` times its median over the
periods it appears in, so a steady presence has no peak and a burst does.
"""

from __future__ import annotations

import pandas as pd

from kit.reporting import labels

Tables = dict[str, pd.DataFrame]
MEASURES = ("mentions", "claims", "stances")
PEAK_RATIO = 2.0
FREQUENCIES = {"week": "W-SUN", "month": "M", "day": "D"}


def document_periods(documents: pd.DataFrame, freq: str = "week") -> pd.Series:
    """doc_id -> the start date of its period (weeks start on Monday); undated documents are left out."""
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown period {freq!r}; valid: {', '.join(FREQUENCIES)}")
    dates = pd.to_datetime(documents["date"].replace("", None), utc=True, errors="coerce", format="mixed")
    periods = dates.dt.tz_localize(None).dt.to_period(FREQUENCIES[freq]).dt.start_time
    return pd.Series(periods.to_numpy(), index=documents["doc_id"]).dropna()


def default_actors(tables: Tables, n: int = 6) -> list[str]:
    """The `n` actors found in the most documents (ties: more mentions), the timeline's default choice."""
    actors = tables["actors"].sort_values(["n_docs", "n_mentions", "actor_id"], ascending=[False, False, True])
    return actors["actor_id"].head(n).tolist()


def resolve_actors(tables: Tables, wanted: list[str]) -> list[str]:
    """Actor ids for what a user wrote: an id (`vladimir-putin`), a name or an alias (`بوتين`), folded; unknown ones are an error."""
    from kit.text import fold

    actors = tables["actors"]
    by_key: dict[str, str] = {}
    for row in actors.sort_values("n_mentions", ascending=False).itertuples(index=False):
        for key in [row.actor_id, row.name, *str(row.aliases).split("|")]:
            by_key.setdefault(fold(key), row.actor_id)
    missing = [w for w in wanted if fold(w) not in by_key]
    if missing:
        raise ValueError(f"no actor {', '.join(map(repr, missing))} in these tables (give an actor_id, a name or an alias "
                         "from actors.csv)")
    return list(dict.fromkeys(by_key[fold(w)] for w in wanted))


def _events(tables: Tables, actor_ids: list[str]) -> pd.DataFrame:
    """Every row that counts for a chosen actor: doc_id, sent_idx, actor_id, measure, start_char, end_char."""
    chosen = set(actor_ids)
    mentions = tables["mentions"][tables["mentions"]["actor_id"].isin(chosen)]
    frames = [mentions.assign(measure="mentions")[["doc_id", "sent_idx", "actor_id", "measure", "start_char", "end_char"]]]
    claims = tables["claims"][tables["claims"]["speaker_actor_id"].isin(chosen)]
    frames.append(claims.assign(measure="claims", actor_id=claims["speaker_actor_id"])
                  [["doc_id", "sent_idx", "actor_id", "measure", "start_char", "end_char"]])
    stances = tables["stances"]
    for side in ("holder_actor_id", "target_actor_id"):
        part = stances[stances[side].isin(chosen)]
        frames.append(part.assign(measure="stances", actor_id=part[side])
                      [["doc_id", "sent_idx", "actor_id", "measure", "start_char", "end_char"]])
    return pd.concat(frames, ignore_index=True)


def activity(tables: Tables, actor_ids: list[str] | None = None, *, freq: str = "week") -> pd.DataFrame:
    """Per period, actor and measure (mentions, claims as speaker, stances as holder or target), how many; every
    period between the first and the last appears, with 0 where nothing happened.

    Columns: period, actor_id, name, measure, n. `attrs["undated"]` counts the documents left out.
    """
    actor_ids = actor_ids if actor_ids is not None else default_actors(tables)
    periods = document_periods(tables["documents"], freq)
    if periods.empty:
        table = pd.DataFrame(columns=["period", "actor_id", "name", "measure", "n"])
    else:
        events = _events(tables, actor_ids)
        events = events[events["doc_id"].isin(periods.index)]
        counts = events.assign(period=events["doc_id"].map(periods)).groupby(["period", "actor_id", "measure"]).size()
        span = pd.period_range(periods.min(), periods.max(), freq=FREQUENCIES[freq]).start_time
        grid = pd.MultiIndex.from_product([span, actor_ids, list(MEASURES)], names=["period", "actor_id", "measure"])
        table = counts.reindex(grid, fill_value=0).rename("n").reset_index()
        table.insert(2, "name", table["actor_id"].map(labels.actor_names(tables["actors"])).fillna(table["actor_id"]))
    table.attrs["undated"] = int(len(tables["documents"]) - len(periods))
    return table


def peaks(activity_table: pd.DataFrame, *, measure: str = "mentions", ratio: float = PEAK_RATIO) -> pd.DataFrame:
    """Each actor's peak period for `measure`: its highest count, when at least `ratio` times its median where non-zero.

    Columns: actor_id, name, period, n, median.
    """
    rows = activity_table[(activity_table["measure"] == measure) & (activity_table["n"] > 0)]
    records = []
    for actor_id, series in rows.groupby("actor_id", sort=False):
        top = series.sort_values(["n", "period"], ascending=[False, True]).iloc[0]
        median = float(series["n"].median())
        if len(series) > 1 and top["n"] >= ratio * median:
            records.append((actor_id, top["name"], top["period"], int(top["n"]), median))
    return pd.DataFrame(records, columns=["actor_id", "name", "period", "n", "median"])


def peak_sentences(tables: Tables, peak_table: pd.DataFrame, *, freq: str = "week", n: int = 3) -> pd.DataFrame:
    """The sentences behind each peak: up to `n` per peak, from as many documents as possible, with outlet and date.

    Columns: actor_id, name, period, doc_id, sent_idx, source, date, text, sent_start (where the sentence starts in
    the document), start_char, end_char (the mention, in the document).
    """
    columns = ["actor_id", "name", "period", "doc_id", "sent_idx", "source", "date", "text", "sent_start", "start_char",
               "end_char"]
    if peak_table.empty:
        return pd.DataFrame(columns=columns)
    periods = document_periods(tables["documents"], freq)
    mentions = tables["mentions"].assign(period=lambda t: t["doc_id"].map(periods))
    documents = tables["documents"].set_index("doc_id")
    sentences = tables["sentences"].set_index(["doc_id", "sent_idx"])
    records = []
    for peak in peak_table.itertuples(index=False):
        hits = mentions[(mentions["actor_id"] == peak.actor_id) & (mentions["period"] == peak.period)]
        hits = hits.drop_duplicates(["doc_id", "sent_idx"])
        hits = hits.assign(rank=hits.groupby("doc_id").cumcount()).sort_values(["rank", "doc_id", "sent_idx"]).head(n)
        for hit in hits.itertuples(index=False):
            records.append((peak.actor_id, peak.name, peak.period, hit.doc_id, int(hit.sent_idx),
                            documents.at[hit.doc_id, "source"], documents.at[hit.doc_id, "date"],
                            sentences.at[(hit.doc_id, hit.sent_idx), "text"],
                            int(sentences.at[(hit.doc_id, hit.sent_idx), "start_char"]), int(hit.start_char),
                            int(hit.end_char)))
    return pd.DataFrame(records, columns=columns)
