"""Grade actors, claims and stances against hand-written gold readings, one article or a folder of them.

A gold reading (YAML, format in the README) locates its items by passages of the article's text,
so it can be written while reading. Grading pairs each gold item with a row of the kit's tables
(or a student's): names match after orthographic folding, with an attached clitic or a title
before the name forgiven, never by a partial name; claims match by sentence, cue and content;
stances by sentence, holder, target and sign. Counts add up over articles into micro scores,
and every miss and false hit is listed with its likely cause.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from collections.abc import Iterable
from typing import Any

import pandas as pd
import yaml

from kit import lexicons
from kit.extract import actors, stances
from kit.extract.context import clitic_readings
from kit.text import fold

GOLD_MODES = ("direct", "indirect", "mixed", "attributed")
GOLD_TYPES = ("PER", "ORG", "GPE", "LOC", "MISC")
STANCE_POLARITY = stances.LABELS
SYMMETRIC_LABELS = stances.SYMMETRIC_LABELS
SPLIT_FILE = "split.yaml"


# --- Reading and checking gold files -----------------------------------------------------------

def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold YAML file; raises ValueError naming the file and the problem when malformed."""
    path = Path(path)
    try:
        gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ValueError(f"gold file {path}: not valid YAML ({error})") from error
    if not isinstance(gold, dict) or "document" not in gold:
        raise ValueError(f"gold file {path}: expected a mapping with a 'document' key")
    for key in ("actors", "claims", "stances"):
        gold[key] = gold.get(key) or []
    return gold


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The gold readings among `paths`: files as given, folders searched for `*.yaml` (not the split file)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found += sorted(p for p in path.glob("*.yaml") if p.name != SPLIT_FILE)
        elif path.exists():
            found.append(path)
        else:
            raise FileNotFoundError(f"no gold file or folder at {path}")
    if not found:
        raise ValueError(f"no gold readings (*.yaml) in {', '.join(map(str, paths))}")
    return found


@dataclass(frozen=True)
class Split:
    """Which half (tune or check) each document of a gold folder is in, and where the articles are."""

    halves: dict[str, str]
    articles: Path | None

    @classmethod
    def read(cls, folder: Path) -> Split:
        """The folder's `split.yaml` (tune: [...], check: [...], articles: FOLDER), or an empty split."""
        path = folder / SPLIT_FILE
        if not path.exists():
            return cls({}, None)
        spec = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        halves = {name: half for half in ("tune", "check") for name in spec.get(half) or []}
        articles = (folder / spec["articles"]).resolve() if spec.get("articles") else None
        return cls(halves, articles)


def gold_problems(reading: dict[str, Any], text: str) -> list[str]:
    """What is wrong in a gold reading of `text`: passages not in the article, unknown actors, bad labels.

    Every passage (sentence, cue, content, speaker, alias, role) must be copied from the article,
    so a reading can be checked against the text it claims to read.
    """
    text = unicodedata.normalize("NFC", text)
    problems: list[str] = []

    def passage(kind: str, value: object, where: str) -> None:
        value = unicodedata.normalize("NFC", str(value or ""))
        if not value.strip():
            problems.append(f"{where}: empty {kind}")
        elif value not in text:
            problems.append(f"{where}: {kind} {value!r} is not in the article")

    names = {fold(actor.get("name", "")) for actor in reading["actors"]}

    def known(kind: str, value: object, where: str, required: bool) -> None:
        if value and fold(str(value)) not in names:
            problems.append(f"{where}: {kind} {value!r} is not in the actors list")
        elif required and not value:
            problems.append(f"{where}: {kind} is empty")

    for n, actor in enumerate(reading["actors"]):
        where = f"actor {n} ({actor.get('name')})"
        if actor.get("type") not in GOLD_TYPES:
            problems.append(f"{where}: type {actor.get('type')!r} is not one of {', '.join(GOLD_TYPES)}")
        for form in [*(actor.get("aliases") or []), *(actor.get("roles") or [])]:
            passage("alias", form, where)
    for n, claim in enumerate(reading["claims"]):
        where = f"claim {n} ({claim.get('sentence')})"
        for kind in ("sentence", "content", "speaker") + (("cue",) if claim.get("cue") != ":" else ()):
            passage(kind, claim.get(kind), where)
        if claim.get("mode") not in GOLD_MODES:
            problems.append(f"{where}: mode {claim.get('mode')!r} is not one of {', '.join(GOLD_MODES)}")
        known("speaker_actor", claim.get("speaker_actor"), where, required=False)
        known("source_actor", claim.get("source_actor"), where, required=False)
    for n, stance in enumerate(reading["stances"]):
        where = f"stance {n} ({stance.get('sentence')})"
        passage("sentence", stance.get("sentence"), where)
        passage("cue", stance.get("cue"), where)
        known("holder_actor", stance.get("holder_actor"), where, required=True)
        known("target_actor", stance.get("target_actor"), where, required=True)
        label, polarity = stance.get("label"), stance.get("polarity")
        if label not in STANCE_POLARITY:
            problems.append(f"{where}: label {label!r} is not a stance label")
        elif polarity not in (-1, 0, 1):
            problems.append(f"{where}: polarity {polarity!r} is not -1, 0 or 1")
    return problems


# --- Matching names ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    from kit import lexicons

    titles = {fold(t) for t in lexicons.load("titles")["title"]}
    return tuple(sorted(titles, key=len, reverse=True))


def name_keys(form: str) -> set[str]:
    """The keys a found surface form can match a gold name by: as written, without a clitic, without a title.

    «لموسكو» -> {لموسكو, موسكو}; «للولايات المتحده» -> {.., الولايات المتحده}; «الرئيس بشار الاسد» -> {.., بشار الاسد}.
    """
    folded = actors.spoken_name(form)  # a hashtag's words: «#كوريا_الجنوبية» is كوريا الجنوبية
    keys = {folded} if folded else set()
    keys |= {reading for _, reading in clitic_readings(folded) if len(reading) >= 3}
    for key in list(keys):
        for title in _titles():
            if key.startswith(title + " ") and len(key) > len(title) + 2:
                keys.add(key[len(title) + 1:])
                break
    return keys


def gold_keys(actor: dict) -> set[str]:
    """The folded names a gold actor goes by: its name and aliases (not its roles)."""
    return {fold(f) for f in [actor["name"], *(actor.get("aliases") or [])] if fold(f)}


def found_keys(actors: pd.DataFrame, mentions: pd.DataFrame) -> dict[str, set[str]]:
    """actor_id -> the keys of its name and of the surface forms its mentions in these rows have."""
    keys: dict[str, set[str]] = {row.actor_id: name_keys(row.name) for row in actors.itertuples()}
    for row in mentions.itertuples():
        if row.actor_id in keys:
            keys[row.actor_id] |= name_keys(row.text)
    return keys


def is_adjective(form: str, name: str) -> bool:
    """Is a mention a nisba adjective of the actor rather than its name? «الإماراتي» of الإمارات, «أممياً».

    Gold readings list names, not adjectives, so an actor met only as an adjective is not graded.
    """
    word = actors.spoken_name(form)
    if " " in word or name_keys(form) & name_keys(name) or _dictionary_name(word):
        return False
    accusative = "\u064b" in form and word.endswith(NISBA + TANWIN_ALEF)  # أممياً, not بريطانيا or روسيا
    return accusative or word.endswith(NISBA_ENDINGS)


def _dictionary_name(word: str) -> bool:
    """Is the folded word a name (not an adjective form) of an actor in the kit's dictionary? «الحوثيين» is one of
    the Houthis' names, though it ends like a nisba plural."""
    entry = actors.load_dictionary().index.get(word.replace(" ", ""))
    return entry is not None and not entry[1]


CONTENT_PARTICLES = frozenset(fold(w) for w in lexicons.column("prepositions"))  # من، عن، إلى، على
PARTICLE_CLITICS = tuple(fold(a) for a in lexicons.column("affixes", "affix", kind="preposition_clitic"))  # بالشراكة

NISBA = "ي"
TANWIN_ALEF = "ا"
NISBA_ENDINGS = tuple(NISBA + suffix for suffix in actors.ADJECTIVE_SUFFIXES if suffix != TANWIN_ALEF)


def _overlap(a: object, b: object) -> bool:
    a, b = fold(str(a or "")), fold(str(b or ""))
    return bool(a) and bool(b) and (a in b or b in a)


def _bare(text: object) -> str:
    folded = fold(str(text or ""))
    return folded[1:] if folded[:1] in ("و", "ف") and len(folded) > 3 else folded


# --- Grading one article -----------------------------------------------------------------------

@dataclass
class ArticleGrade:
    """Counts and errors of one article's tables against its gold reading."""

    document: str
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def error(self, table: str, kind: str, cause: str, gold: str = "", found: str = "", sentence: str = "") -> None:
        self.errors.append({"document": self.document, "table": table, "kind": kind, "cause": cause,
                            "gold": gold, "found": found, "sentence": sentence})


class _Resolver:
    """Which gold actor a found actor id is, by shared name keys (None when no gold actor has its names)."""

    def __init__(self, gold_actors: list[dict], keys: dict[str, set[str]]):
        self.gold = {fold(a["name"]): gold_keys(a) for a in gold_actors}
        self.keys = keys

    def same(self, actor_id: object, gold_name: str) -> bool:
        wanted = self.gold.get(fold(gold_name), {fold(gold_name)})
        return bool(self.keys.get(str(actor_id or ""), set()) & wanted)


def grade_article(reading: dict[str, Any], tables: dict[str, pd.DataFrame]) -> ArticleGrade:
    """Grade one article's tables (already limited to that document) against its gold reading."""
    grade = ArticleGrade(reading["document"])
    keys = found_keys(tables["actors"], tables["mentions"])
    names = dict(zip(tables["actors"]["actor_id"], tables["actors"]["name"]))
    named = {row.actor_id for row in tables["mentions"].itertuples()
             if row.actor_id in names and not is_adjective(row.text, names[row.actor_id])}
    grade.counts["n_actors_adjective_only"] = len(set(keys) - named)
    resolver = _Resolver(reading["actors"], keys)
    _grade_actors(grade, reading["actors"], tables["actors"], {a: k for a, k in keys.items() if a in named})
    _grade_claims(grade, reading["claims"], tables["claims"], resolver, names)
    _grade_stances(grade, reading, tables["stances"], resolver, names)
    return grade


def _grade_actors(grade: ArticleGrade, gold_actors: list[dict], actors: pd.DataFrame, keys: dict[str, set[str]]) -> None:
    types = dict(zip(actors["actor_id"], actors["type"]))
    names = dict(zip(actors["actor_id"], actors["name"]))
    explained: dict[str, str] = {}  # found actor id -> the gold actor it was first credited to
    recalled = central = central_recalled = right_type = 0
    for item in gold_actors:
        wanted = gold_keys(item)
        hits = [actor_id for actor_id, known in keys.items() if known & wanted]
        central += bool(item.get("central"))
        if hits:
            recalled += 1
            central_recalled += bool(item.get("central"))
            right_type += any(types[h] == item["type"] for h in hits)
            for h in hits:
                explained.setdefault(h, item["name"])
        else:
            near = [names[a] for a, known in keys.items() if any(_overlap(k, w) for k in known for w in wanted)]
            cause = f"cut or merged: {', '.join(near[:3])}" if near else "not found"
            grade.error("actors", "missed", ("central, " if item.get("central") else "") + cause, gold=item["name"])
    credited: dict[str, str] = {}
    for actor_id in keys:
        if actor_id not in explained:
            grade.error("actors", "false_hit", "not a gold actor", found=names[actor_id])
        elif explained[actor_id] in credited:
            grade.error("actors", "false_hit", f"duplicate of {credited[explained[actor_id]]}", found=names[actor_id],
                        gold=explained[actor_id])
        else:
            credited[explained[actor_id]] = names[actor_id]
    grade.counts.update(n_actors_gold=len(gold_actors), n_actors_recalled=recalled, n_actors_found=len(keys),
                        n_actors_matched=len(credited), n_actors_right_type=right_type, n_central_gold=central,
                        n_central_recalled=central_recalled)


def _pair(gold_items: list[dict], rows: pd.DataFrame, id_column: str, same) -> list[tuple[dict, Any]]:
    """Pair each gold item with the first unused row whose evidence holds its sentence and that `same` accepts."""
    used: set[str] = set()
    pairs = []
    for item in gold_items:
        match = next(
            (row for row in rows.itertuples()
             if getattr(row, id_column) not in used and fold(item["sentence"]) in fold(row.evidence) and same(item, row)),
            None,
        )
        if match is not None:
            used.add(getattr(match, id_column))
        pairs.append((item, match))
    return pairs


def _claim_matches(item: dict, row) -> bool:
    return _bare(row.cue) == _bare(item["cue"]) and _overlap(_past_particle(row.content), _past_particle(item["content"]))


def _past_particle(content: object) -> str:
    """Claim content without the cue's preposition, which readers write or leave out: «بالشراكة» / «الشراكة»,
    «عن مشاركة لندن» / «مشاركة لندن»."""
    folded = fold(str(content or ""))
    first, _, rest = folded.partition(" ")
    if first in CONTENT_PARTICLES and rest:
        return rest
    for clitic in PARTICLE_CLITICS:
        if folded.startswith(clitic) and len(first) > len(clitic) + 2:
            return folded[len(clitic):]
    return folded


def _grade_claims(grade: ArticleGrade, gold_claims: list[dict], claims: pd.DataFrame, resolver: _Resolver,
                  names: dict[str, str]) -> None:
    pairs = _pair(gold_claims, claims, "claim_id", _claim_matches)

    def speaker_right(item: dict, row) -> bool:
        if item.get("speaker_actor"):
            return resolver.same(row.speaker_actor_id, item["speaker_actor"])
        return not row.speaker_actor_id and _overlap(row.speaker, item["speaker"])

    def source_right(item: dict, row) -> bool:
        if item.get("source_actor"):
            return resolver.same(row.source_actor_id, item["source_actor"])
        return not row.source_actor_id and not row.source

    def found_speaker(row) -> str:
        return f"{row.speaker} ({names.get(row.speaker_actor_id, 'no actor')})" if row.speaker else "no speaker"

    counts = {"n_claims_gold": len(gold_claims), "n_claims_found": len(claims), "n_claims_matched": 0,
              "n_speaker_right": 0, "n_mode_right": 0, "n_source_right": 0}
    for item, row in pairs:
        gold_text = f"{item['cue']} · {item['speaker']} · {item['content']}"
        if row is None:
            sentence = fold(item["sentence"])
            in_sentence = claims[[sentence in fold(e) for e in claims["evidence"]]]
            cause = (f"another claim in the sentence (cue {', '.join(in_sentence['cue'].head(3))})"
                     if len(in_sentence) else "no claim in the sentence")
            grade.error("claims", "missed", cause, gold=gold_text, sentence=item["sentence"])
            continue
        counts["n_claims_matched"] += 1
        if speaker_right(item, row):
            counts["n_speaker_right"] += 1
        else:
            cause = ("no speaker" if not row.speaker else "unnamed instead of an actor" if item.get("speaker_actor")
                     and not row.speaker_actor_id else "an actor instead of unnamed" if not item.get("speaker_actor")
                     else "another actor" if row.speaker_actor_id else "another unnamed speaker")
            grade.error("claims", "wrong_speaker", cause, gold=item.get("speaker_actor") or item["speaker"],
                        found=found_speaker(row), sentence=item["sentence"])
        if row.mode == item["mode"]:
            counts["n_mode_right"] += 1
        else:
            grade.error("claims", "wrong_mode", f"{item['mode']} read as {row.mode}", gold=item["mode"],
                        found=row.mode, sentence=item["sentence"])
        if source_right(item, row):
            counts["n_source_right"] += 1
        else:
            cause = "source missed" if item.get("source_actor") and not row.source else \
                "source where none" if not item.get("source_actor") else "another source"
            grade.error("claims", "wrong_source", cause, gold=item.get("source_actor", ""),
                        found=str(row.source or ""), sentence=item["sentence"])
    used = {row.claim_id for _, row in pairs if row is not None}
    for row in claims.itertuples():
        if row.claim_id not in used:
            grade.error("claims", "false_hit", f"cue {row.cue}", found=f"{row.cue} · {found_speaker(row)} · {row.content[:80]}",
                        sentence=row.evidence[:120])
    grade.counts.update(counts)


def _stance_matches(resolver: _Resolver, signed: bool):
    def same(item: dict, row) -> bool:
        holder, target = item["holder_actor"], item["target_actor"]
        forward = resolver.same(row.holder_actor_id, holder) and resolver.same(row.target_actor_id, target)
        backward = item.get("label") in SYMMETRIC_LABELS and resolver.same(row.holder_actor_id, target) \
            and resolver.same(row.target_actor_id, holder)
        return (forward or backward) and (not signed or int(row.polarity) == int(item["polarity"]))
    return same


def _grade_stances(grade: ArticleGrade, reading: dict[str, Any], stances: pd.DataFrame, resolver: _Resolver,
                   names: dict[str, str]) -> None:
    gold_stances = reading["stances"]
    scored = stances[(stances["holder_actor_id"] != "") & (stances["target_actor_id"] != "")]
    pairs = _pair(gold_stances, scored, "stance_id", _stance_matches(resolver, signed=True))
    used = {row.stance_id for _, row in pairs if row is not None}
    unsigned = _stance_matches(resolver, signed=False)
    for item, row in pairs:
        if row is not None:
            continue
        gold_text = f"{item['holder_actor']} -> {item['target_actor']} {item['label']} ({item['polarity']:+d})"
        signs = [r for r in scored.itertuples() if r.stance_id not in used
                 and fold(item["sentence"]) in fold(r.evidence) and unsigned(item, r)]
        if signs:
            used.add(signs[0].stance_id)
            grade.error("stances", "wrong_sign", f"{item['polarity']:+d} read as {int(signs[0].polarity):+d}",
                        gold=gold_text, found=f"{signs[0].label} ({int(signs[0].polarity):+d})", sentence=item["sentence"])
        else:
            grade.error("stances", "missed", "no stance between them in the sentence", gold=gold_text,
                        sentence=item["sentence"])
    exhaustive = bool(reading.get("stances_exhaustive", False))
    if exhaustive:
        for row in scored.itertuples():
            if row.stance_id not in used:
                grade.error("stances", "false_hit", f"cue {row.cue}",
                            found=f"{names.get(row.holder_actor_id, row.holder)} -> {names.get(row.target_actor_id, row.target)}"
                                  f" {row.label} ({int(row.polarity):+d})", sentence=row.evidence[:120])
    matched = sum(1 for _, row in pairs if row is not None)
    grade.counts.update(n_stances_gold=len(gold_stances), n_stances_matched=matched,
                        n_stances_found=len(scored) if exhaustive else 0, n_stances_matched_exhaustive=matched if exhaustive else 0,
                        n_stances_unscored=len(stances) - len(scored))


# --- Scores ------------------------------------------------------------------------------------

def _ratio(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return round(2 * precision * recall / (precision + recall), 2) if precision + recall else 0.0


def scores(counts: dict[str, int]) -> dict[str, float | None]:
    """Percent scores from counts (one article's, or summed over articles for micro scores).

    Claims: P/R/F1 of content found; speaker, mode and source right as shares of the gold claims.
    Stances: P over articles whose gold lists every stance, of stances between two actors.
    """
    out: dict[str, float | None] = {}
    out["actors_p"] = _ratio(counts["n_actors_matched"], counts["n_actors_found"])
    out["actors_r"] = _ratio(counts["n_actors_recalled"], counts["n_actors_gold"])
    out["actors_f1"] = _f1(out["actors_p"], out["actors_r"])
    out["central_r"] = _ratio(counts["n_central_recalled"], counts["n_central_gold"])
    out["claims_p"] = _ratio(counts["n_claims_matched"], counts["n_claims_found"])
    out["claims_r"] = _ratio(counts["n_claims_matched"], counts["n_claims_gold"])
    out["claims_f1"] = _f1(out["claims_p"], out["claims_r"])
    out["speaker"] = _ratio(counts["n_speaker_right"], counts["n_claims_gold"])
    out["mode"] = _ratio(counts["n_mode_right"], counts["n_claims_gold"])
    out["source"] = _ratio(counts["n_source_right"], counts["n_claims_gold"])
    out["stances_p"] = _ratio(counts["n_stances_matched_exhaustive"], counts["n_stances_found"])
    out["stances_r"] = _ratio(counts["n_stances_matched"], counts["n_stances_gold"])
    out["stances_f1"] = _f1(out["stances_p"], out["stances_r"])
    return out


@dataclass
class Grading:
    """Grades of many articles: per-article and total scores, every error, and the counts behind them."""

    articles: pd.DataFrame  # one row per article: document, half, scores, counts
    errors: pd.DataFrame  # one row per miss or false hit: document, half, table, kind, cause, gold, found, sentence

    @property
    def totals(self) -> pd.DataFrame:
        """Micro scores (counts summed, then scored) in total and per half."""
        rows = []
        count_columns = [c for c in self.articles.columns if c.startswith(_COUNT_PREFIXES)]
        groups = [("total", self.articles)]
        groups += [(f"total {half}", part) for half, part in self.articles.groupby("half") if half]
        for name, part in groups:
            counts = part[count_columns].sum().astype(int).to_dict()
            rows.append({"document": name, "half": "", **scores(counts), **counts})
        return pd.DataFrame(rows)

    def table(self) -> pd.DataFrame:
        """Per-article scores followed by the totals (the scores only, no counts)."""
        columns = ["document", "half", *SCORE_COLUMNS]
        return pd.concat([self.articles[columns], self.totals[columns]], ignore_index=True)

    def to_dict(self) -> dict[str, Any]:
        """Everything as plain Python (for --json)."""
        def records(frame: pd.DataFrame) -> list[dict]:
            return [{k: (None if pd.isna(v) else v) for k, v in row.items()} for row in frame.to_dict("records")]
        return {"articles": records(self.articles), "totals": records(self.totals), "errors": records(self.errors)}


SCORE_COLUMNS = ("actors_p", "actors_r", "actors_f1", "central_r", "claims_p", "claims_r", "claims_f1", "speaker",
                 "mode", "source", "stances_p", "stances_r", "stances_f1")
_COUNT_PREFIXES = ("n_",)
ERROR_COLUMNS = ["document", "half", "table", "kind", "cause", "gold", "found", "sentence"]


def grade(readings: list[tuple[dict[str, Any], str]], tables: dict[str, pd.DataFrame]) -> Grading:
    """Grade the tables of many documents against (gold reading, half) pairs; documents matched by file name."""
    rows, errors = [], []
    for reading, half in readings:
        article = grade_article(reading, only_document(tables, reading["document"]))
        rows.append({"document": reading["document"], "half": half, **scores(article.counts),
                     **{k: v for k, v in article.counts.items() if k.startswith(_COUNT_PREFIXES)}})
        errors += [{**e, "half": half} for e in article.errors]
    return Grading(pd.DataFrame(rows), pd.DataFrame(errors, columns=ERROR_COLUMNS))


def only_document(tables: dict[str, pd.DataFrame], name: str) -> dict[str, pd.DataFrame]:
    """The rows of the document whose path has file name `name` (actors: those it mentions)."""
    documents = tables["documents"]
    ids = set(documents.loc[documents["path"].map(lambda p: Path(str(p).split("#")[0]).name == name), "doc_id"])
    if not ids and len(documents) == 1:  # one article's tables, whatever its file was called
        ids = set(documents["doc_id"])
    if not ids:
        raise ValueError(f"the tables hold no document named {name!r}")
    kept = {key: table[table["doc_id"].isin(ids)] if "doc_id" in table else table for key, table in tables.items()}
    kept["actors"] = tables["actors"][tables["actors"]["actor_id"].isin(set(kept["mentions"]["actor_id"]))]
    return kept


def evaluate(
    paths: Iterable[str | Path],
    *,
    tables_dir: str | Path | None = None,
    articles: str | Path | None = None,
    half: str | None = None,
    model_dir: str | Path | None = None,
) -> Grading:
    """Grade the kit (or the tables in `tables_dir`) against gold files or folders of them.

    The articles are found beside the gold file, in its parent, in `articles`, or in the folder the
    gold folder's `split.yaml` names; without `tables_dir` the kit parses them all as one corpus.
    `half` keeps only the `tune` or `check` articles of the split.
    """
    files = gold_files(paths)
    readings: list[tuple[dict[str, Any], str, Path | None]] = []
    for path in files:
        reading = load_gold(path)
        split = Split.read(path.parent)
        article_half = split.halves.get(reading["document"], "")
        if half and article_half != half:
            continue
        folders = [Path(articles) if Path(articles).is_dir() else Path(articles).parent] if articles else []
        folders += [path.parent, path.parent.parent] + ([split.articles] if split.articles else [])
        article = _find_article(path, reading["document"], folders) if tables_dir is None else None
        readings.append((reading, article_half, article))
    if not readings:
        raise ValueError(f"no gold readings in the {half!r} half")
    from kit import tables as kit_tables

    if tables_dir is not None:
        found = kit_tables.read(Path(tables_dir))
    else:
        found = kit_tables.analyse([str(article) for _, _, article in readings], model_dir=model_dir)
    return grade([(reading, article_half) for reading, article_half, _ in readings], found)


def _find_article(gold_path: Path, name: str, folders: list[Path]) -> Path:
    for folder in folders:
        if (folder / name).exists():
            return folder / name
    raise FileNotFoundError(f"gold file {gold_path}: cannot find its article {name!r} "
                            f"(looked in {', '.join(map(str, folders))}); pass the folder with --articles")
