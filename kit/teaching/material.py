"""Small views of the kit's tables for the lessons: what folding does step by step, how tokens split, trees, features.

Each function takes a table the kit computed (`kit.analyse(...)["words"]` and the like) or a few
words, and returns a small DataFrame for `kit.reporting.report.html_table` (Arabic cells right to
left), so the lessons' cells stay one line each.
"""

from __future__ import annotations

import unicodedata
from typing import Callable

import pandas as pd

from kit.text import STEPS, normalise

FOLD_STEPS = ("diacritics", "tatweel", "alef", "hamza", "ta_marbuta", "alef_maqsura")


def fold_steps(words: list[str]) -> pd.DataFrame:
    """Each word after each normalisation step in turn (قَالَ -> قال after `diacritics`), the last column the key."""
    rows = []
    for word in words:
        row, done = {"word": word}, []
        for step in FOLD_STEPS:
            done.append(step)
            row[step] = normalise(word, **{s: s in done for s in STEPS})
        rows.append(row)
    return pd.DataFrame(rows, columns=["word", *FOLD_STEPS])


def code_points(word: str) -> pd.DataFrame:
    """The characters of a word one per row with code point and Unicode name (a shadda is a character of its own)."""
    return pd.DataFrame([{"char": f"\u25CC{c}" if unicodedata.combining(c) else c, "code point": f"U+{ord(c):04X}",
                          "name": unicodedata.name(c, "?")} for c in word])


def sentence(words: pd.DataFrame, doc: int | str, sent_idx: int) -> pd.DataFrame:
    """The words of one sentence; `doc` is a doc_id or the document's position in the table (0 = first)."""
    if isinstance(doc, int):
        doc = list(dict.fromkeys(words["doc_id"]))[doc]
    return words[(words["doc_id"] == doc) & (words["sent_idx"] == sent_idx)].reset_index(drop=True)


def token_splits(words: pd.DataFrame, *, split: Callable[[str, set[str]], list[str]] | None = None,
                 names: set[str] | None = None) -> pd.DataFrame:
    """Tokens the model split into several words (وبوتين -> و + بوتين), beside a rule's split where one is given.

    With a rule, only tokens holding a known name or split by the rule are kept; `agree` is False where the model
    and the rule differ: a name cut in the wrong place, or a clitic left on.
    """
    rows = []
    for (doc_id, sent_idx, token_idx), group in words.groupby(["doc_id", "sent_idx", "token_idx"], sort=False):
        token = group["token"].iloc[0]
        model = "+".join(group["word"])
        if len(group) == 1 and split is None:
            continue
        row = {"token": token, "model": model, "upos": "+".join(group["upos"]), "ner": group["ner"].iloc[-1]}
        if split is not None:
            rule = _safely(split, token, names or set())
            row["rule"] = "+".join(rule) if isinstance(rule, (list, tuple)) else ""
            row["agree"] = row["rule"] == model
            named = token in (names or set()) or any(word in (names or set()) for word in group["word"])
            if (len(group) == 1 and row["agree"]) or not (named or "+" in row["rule"]):
                continue  # only tokens that hold a known name or that the rule split
        rows.append(row)
    columns = ["token", "model", "upos", "ner"] + (["rule", "agree"] if split is not None else [])
    return pd.DataFrame(rows, columns=columns)


def _safely(function: Callable, *args: object) -> object:
    """A student's function applied to one case; its error as text instead of a crash of the lesson."""
    try:
        return function(*args)
    except Exception as error:
        return f"error: {type(error).__name__}"


def feature(feats: object, name: str) -> str:
    """One morphological feature's value from a UD feats string (`Case=Nom|Definite=Def`, `Case` -> `Nom`), or ""."""
    for pair in str(feats or "").split("|"):
        key, _, value = pair.partition("=")
        if key == name:
            return value
    return ""


def morphology(words: pd.DataFrame, *, definite: Callable[[str, str], bool] | None = None) -> pd.DataFrame:
    """Nominals with the model's case and definiteness (الرئيس: Nom, Def), and a rule's guess where one is given."""
    shown = words[words["upos"].isin(["NOUN", "ADJ", "PROPN", "X"])]
    table = pd.DataFrame({"word": shown["word"], "upos": shown["upos"],
                          "case": shown["feats"].map(lambda f: feature(f, "Case")),
                          "definite": shown["feats"].map(lambda f: feature(f, "Definite"))})
    if definite is not None:
        guesses = [_safely(definite, w, u) for w, u in zip(table["word"], table["upos"])]
        table["rule"] = [g if g is None or isinstance(g, str) else bool(g) for g in guesses]
        table["agree"] = (table["rule"] == table["definite"].eq("Def")) | table["definite"].eq("Cons")
    return table.reset_index(drop=True)


def pos_table(words: pd.DataFrame) -> pd.DataFrame:
    """How often the model gives each part of speech, with example words (for spotting its confusions)."""
    groups = words.groupby("upos")["word"]
    return pd.DataFrame({"n": groups.size(), "examples": groups.agg(lambda w: "، ".join(list(dict.fromkeys(w))[:6]))}) \
        .sort_values("n", ascending=False).reset_index()


def subjects(words: pd.DataFrame, find: Callable[[pd.DataFrame, int], str | None]) -> pd.DataFrame:
    """Every verb of one sentence with the subject a function finds for it (قال -> بوتين; وتابعت -> none, pro-drop)."""
    rows = []
    for verb in words[words["upos"] == "VERB"].itertuples():
        try:
            found = find(words, int(verb.word_idx))
        except Exception as error:  # a student's function: show the error in the table, do not stop the lesson
            found = f"error: {type(error).__name__}"
        rows.append({"verb": verb.word, "word_idx": int(verb.word_idx), "subject": found or "(none)"})
    return pd.DataFrame(rows, columns=["verb", "word_idx", "subject"])


def dictionary_with(entry: dict) -> pd.DataFrame:
    """The shipped actor dictionary plus one entry (a user's own row), for `kit.analyse(..., dictionary=...)`."""
    from kit.extract import actors

    table = actors.load_dictionary().table
    row = {column: "" for column in table.columns}
    row.update({key: "|".join(value) if isinstance(value, (list, tuple)) else str(value) for key, value in entry.items()})
    return pd.concat([table, pd.DataFrame([row])[table.columns]], ignore_index=True)


def quotes_folded(text: str) -> str:
    """Every quotation mark as `"` and nothing else changed («سنواصل» -> "سنواصل"), for students' rules."""
    return normalise(text, diacritics=False, tatweel=False, alef=False, hamza=False, ta_marbuta=False,
                     alef_maqsura=False, digits=False)


def dictionary_names() -> set[str]:
    """Every one-word name and alias of the shipped actor dictionary (بوتين, موسكو), as written there."""
    from kit import lexicons

    forms = {form.strip() for cell in lexicons.load("actors")["aliases"] for form in str(cell).split("|")}
    forms |= set(lexicons.load("actors")["name"])
    return {form for form in forms if form and " " not in form}


def grade_reading(reading: str | dict | None, tables: dict[str, pd.DataFrame]):
    """Grade the kit's tables against a student's gold reading (YAML text); None while it is missing or malformed."""
    import yaml

    from kit.modeltools import gold

    try:
        parsed = yaml.safe_load(reading) if isinstance(reading, str) else reading
        if not isinstance(parsed, dict) or "document" not in parsed:
            return None
        for key in ("actors", "claims", "stances"):
            parsed[key] = parsed.get(key) or []
        return gold.grade([(parsed, "")], tables)
    except Exception:  # a half-written reading: the check cell says what is wrong
        return None


def article_text(tables: dict[str, pd.DataFrame], doc_id: str) -> str:
    """A document's `text` as the kit loaded it (what every offset and gold passage indexes), read again from its file."""
    from kit import corpus

    path = tables["documents"].set_index("doc_id").loc[doc_id, "path"]
    loaded = corpus.load([str(path).split("#")[0]])
    return loaded.loc[loaded["doc_id"] == doc_id, "text"].iloc[0]
