"""Self-checks of the lessons' exercises: right, wrong (with the kind of case that fails and a hint) or not answered yet.

A check runs the student's function, lexicon entry or gold reading on hidden cases (the
`exercise_cases` lexicon) and never shows an expected value, only which kind of case fails and
what to think about. An unanswered exercise (None, `...`, a function whose body is `...` or that
raises NotImplementedError) is reported as such and never crashes the notebook. In strict mode
(`set_strict(True)`, which the teacher versions' test sets through a papermill parameter) a check
that is not right raises `ExerciseNotPassed`, so a failing solution fails the run.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable

import pandas as pd

from kit import lexicons
from kit.text import fold

RIGHT, WRONG, UNANSWERED = "right", "wrong", "not answered yet"
_STATE = {"strict": False}
_COLOURS = {RIGHT: "#2e7d32", WRONG: "#c62828", UNANSWERED: "#8a6d00"}
_SIGNS = {RIGHT: "✔", WRONG: "✘", UNANSWERED: "…"}


class ExerciseNotPassed(AssertionError):
    """Raised in strict mode by a check whose answer is wrong or missing."""


@dataclass(frozen=True)
class Case:
    """One hidden case: what it tests (`kind`), the arguments, the expected answer and a hint."""

    kind: str
    args: tuple
    expected: Any
    hint: str


@dataclass(frozen=True)
class Result:
    """The outcome of one check, shown in the notebook as a coloured line (HTML) or text."""

    exercise: str
    status: str
    message: str
    failed: tuple[str, ...] = field(default=())

    def __bool__(self) -> bool:
        return self.status == RIGHT

    def __repr__(self) -> str:
        return f"check {self.exercise}: {self.status}. {self.message}"

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{html.escape(f)}</li>" for f in self.failed)
        return (f'<div class="kit-check" data-status="{self.status}" style="border-left: 4px solid '
                f'{_COLOURS[self.status]}; padding: 0.3em 0.8em; margin: 0.4em 0;">'
                f'<b style="color: {_COLOURS[self.status]}">{_SIGNS[self.status]} {html.escape(self.exercise)}: '
                f'{self.status}</b> <span dir="auto">{html.escape(self.message)}</span>'
                + (f'<ul dir="auto">{items}</ul>' if items else "") + "</div>")


def set_strict(on: bool = True) -> None:
    """In strict mode a check that is not right raises ExerciseNotPassed (for the teacher versions' test)."""
    _STATE["strict"] = bool(on)


def _finish(result: Result) -> Result:
    if _STATE["strict"] and not result:
        raise ExerciseNotPassed(repr(result))
    return result


def unanswered(answer: Any) -> bool:
    """True for what a stub leaves: None, `...`, an empty string or container."""
    return answer is None or answer is Ellipsis or (isinstance(answer, (str, dict, list, tuple, set)) and not answer)


@lru_cache(maxsize=None)
def _rows(exercise: str) -> tuple[tuple[str, str, str, str, str], ...]:
    table = lexicons.load("exercise_cases")
    table = table[table["exercise"] == exercise]
    return tuple(table[["kind", "input", "context", "expected", "hint"]].itertuples(index=False, name=None))


def check_function(exercise: str, function: Callable | None, cases: Iterable[Case], *,
                   same: Callable[[Any, Any], bool] | None = None) -> Result:
    """Run a student's function on hidden cases; report the kinds of case that fail, with hints, never the answers."""
    cases = list(cases)
    if unanswered(function) or not callable(function):
        return _finish(Result(exercise, UNANSWERED, "define the function in the exercise cell above and run it."))
    same = same or (lambda got, want: got == want)
    failed: dict[str, str] = {}
    outputs = []
    for case in cases:
        try:
            got = function(*case.args)
        except NotImplementedError:
            return _finish(Result(exercise, UNANSWERED, "the function still raises NotImplementedError."))
        except Exception as error:  # a student's bug is a wrong answer, not a crash of the lesson
            failed.setdefault(case.kind, f"{case.kind}: your function raised {type(error).__name__} ({error}). {case.hint}")
            continue
        outputs.append(got)
        if not same(got, case.expected):
            failed.setdefault(case.kind, f"{case.kind}: {case.hint}")
    if outputs and all(o is None or o is Ellipsis for o in outputs) and len(outputs) == len(cases):
        return _finish(Result(exercise, UNANSWERED, "the function returns None on every case: replace `...` with your code."))
    right = len(cases) - sum(1 for case in cases if case.kind in failed)
    if failed:
        return _finish(Result(exercise, WRONG, f"{right} of {len(cases)} hidden cases right; wrong on these kinds of case:",
                              tuple(failed.values())))
    return _finish(Result(exercise, RIGHT, f"all {len(cases)} hidden cases right."))


# --- Lesson 1: normalisation -------------------------------------------------------------------

def check_fold(function: Callable[[str], str] | None) -> Result:
    """Lesson 1: a student's folding function must give kit.text.fold's key on single words (أكد -> اكد)."""
    cases = [Case(kind, (word,), fold(word), hint) for kind, word, _, _, hint in _rows("fold")]
    return check_function("fold", function, cases)


# --- Lesson 2: clitics -------------------------------------------------------------------------

def check_proclitics(function: Callable[[str, set[str]], list[str]] | None) -> Result:
    """Lesson 2: split proclitics off a known name (وبوتين -> و + بوتين), keep other tokens whole (فرنسا)."""
    cases = [Case(kind, (token, set(names.split("|"))), expected, hint) for kind, token, names, expected, hint in _rows("proclitics")]
    return check_function("proclitics", function, cases,
                          same=lambda got, want: isinstance(got, (list, tuple)) and "+".join(map(str, got)) == want)


# --- Lesson 3: definiteness --------------------------------------------------------------------

def check_definite(function: Callable[[str, str], bool] | None) -> Result:
    """Lesson 3: tell a definite nominal by its article (الرئيس, والحكومة, للحوار; not التقى, ألمانيا)."""
    cases = [Case(kind, (word, upos), expected == "True", hint) for kind, word, upos, expected, hint in _rows("definite")]
    return check_function("definite", function, cases, same=lambda got, want: got is not None and bool(got) == want)


# --- Lesson 4: subjects in a dependency tree ----------------------------------------------------

def tree(notation: str) -> pd.DataFrame:
    """A sentence's words from `FORM/UPOS/HEAD/DEPREL` tokens (`قال/VERB/0/root الوزير/NOUN/1/nsubj`)."""
    rows = []
    for n, token in enumerate(notation.split(), start=1):
        form, upos, head, deprel = token.rsplit("/", 3)
        rows.append({"word_idx": n, "word": form, "upos": upos, "head": int(head), "deprel": deprel})
    return pd.DataFrame(rows, columns=["word_idx", "word", "upos", "head", "deprel"])


def check_subject(function: Callable[[pd.DataFrame, int], str | None] | None) -> Result:
    """Lesson 4: find the subject word of a verb in a tree (VSO, VOS, nsubj:pass, pro-drop gives None)."""
    cases = [Case(kind, (tree(notation), int(verb)), expected or None, hint)
             for kind, notation, verb, expected, hint in _rows("subject")]
    # the pro-drop case expects None: a stub returning None everywhere must still read as unanswered
    return check_function("subject", function, cases)


# --- Lesson 5: an actor dictionary entry --------------------------------------------------------

ENTRY_KEYS = ("actor_id", "name", "type", "aliases")


def _forms(entry: dict) -> set[str]:
    aliases = entry.get("aliases") or ""
    aliases = aliases.split("|") if isinstance(aliases, str) else list(aliases)
    return {fold(str(form)) for form in [entry.get("name", ""), *aliases] if str(form).strip()}


def check_actor_entry(entry: dict | None) -> Result:
    """Lesson 5: a dictionary row (actor_id, name, type, aliases) that names the excerpt's missing actor in all its forms."""
    if unanswered(entry):
        return _finish(Result("actor entry", UNANSWERED, "fill in the dictionary entry above and run its cell."))
    if not isinstance(entry, dict) or set(ENTRY_KEYS) - set(entry):
        return _finish(Result("actor entry", WRONG, f"the entry must be a dict with the keys {', '.join(ENTRY_KEYS)}."))
    forms = _forms(entry)
    failed = []
    for kind, form, _, expected, hint in _rows("actor_entry"):
        if form == "type":
            ok = str(entry.get("type", "")).strip().upper() == expected
        else:
            ok = (fold(form) in forms) == (expected == "covered")
        if not ok:
            failed.append(f"{kind}: {hint}")
    if failed:
        return _finish(Result("actor entry", WRONG, "not yet:", tuple(failed)))
    return _finish(Result("actor entry", RIGHT, "the entry names the actor in every form the excerpt uses."))


# --- Lesson 6: reporting modes and attribution ---------------------------------------------------

def check_mode(function: Callable[[str, str], str] | None) -> Result:
    """Lesson 6: direct, indirect, mixed or attributed from the cue and what follows it (وقال: "..." -> direct)."""
    cases = [Case(kind, (cue, rest), expected, hint) for kind, cue, rest, expected, hint in _rows("mode")]
    return check_function("mode", function, cases,
                          same=lambda got, want: isinstance(got, str) and got.strip().lower() == want)


def check_attribution(answers: dict | None) -> Result:
    """Lesson 6: who speaks and who reports in the excerpt (pro-drop وتابعت, the chain نقلت X عن Y)."""
    rows = _rows("attribution")
    if unanswered(answers) or not isinstance(answers, dict) or all(unanswered(answers.get(key)) for _, key, *_ in rows):
        return _finish(Result("attribution", UNANSWERED, "fill in the answers above and run their cell."))
    failed = []
    for kind, key, _, accepted, hint in rows:
        given = answers.get(key)
        if unanswered(given):
            failed.append(f"{kind}: not answered yet.")
        elif fold(str(given)) not in {fold(a) for a in accepted.split("|")}:
            failed.append(f"{kind}: {hint}")
    if failed:
        return _finish(Result("attribution", WRONG, f"{len(rows) - len(failed)} of {len(rows)} right:", tuple(failed)))
    return _finish(Result("attribution", RIGHT, f"all {len(rows)} right."))


# --- Lesson 7: evaluation ----------------------------------------------------------------------

_PR_CASES = [
    Case("partly right, partly missed", ({"a", "b", "c", "d"}, {"a", "b", "e"}), (0.5, 2 / 3),
         "Precision divides the right items by all found; recall divides them by all gold items."),
    Case("everything found is right", ({"a"}, {"a", "b"}), (1.0, 0.5),
         "Nothing wrong was found, but one gold item was missed."),
    Case("nothing found", (set(), {"a"}), (None, 0.0),
         "With nothing found, precision is undefined (None); recall is still defined."),
    Case("no gold items", ({"a"}, set()), (0.0, None),
         "With no gold items, recall is undefined (None); precision is still defined."),
]


def _same_scores(got: Any, want: tuple) -> bool:
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        return False
    return all((g is None and w is None) or (g is not None and w is not None and math.isclose(float(g), w, abs_tol=1e-6))
               for g, w in zip(got, want))


def check_precision_recall(function: Callable[[set, set], tuple] | None) -> Result:
    """Lesson 7: precision and recall of a set of found items against gold items, as fractions (None when undefined)."""
    return check_function("precision and recall", function, _PR_CASES, same=_same_scores)


def check_gold_reading(reading: str | dict | None, text: str) -> Result:
    """Lesson 7: a student's gold reading (YAML) of an excerpt: well formed, and holding the stances a reader must see."""
    import yaml

    from kit.modeltools.gold import SYMMETRIC_LABELS, gold_problems

    if unanswered(reading):
        return _finish(Result("gold reading", UNANSWERED, "write the YAML reading above and run its cell."))
    try:
        gold = yaml.safe_load(reading) if isinstance(reading, str) else reading
    except yaml.YAMLError as error:
        return _finish(Result("gold reading", WRONG, f"not valid YAML: {str(error).splitlines()[0]}"))
    if not isinstance(gold, dict) or "document" not in gold:
        return _finish(Result("gold reading", WRONG, "a reading is a mapping with document, actors, claims and stances."))
    for key in ("actors", "claims", "stances"):
        gold[key] = gold.get(key) or []
    problems = gold_problems(gold, text)
    if problems:
        return _finish(Result("gold reading", WRONG, "the reading does not match its text:", tuple(problems[:8])))
    found = []
    for stance in gold["stances"]:
        holder, target = fold(str(stance.get("holder_actor", ""))), fold(str(stance.get("target_actor", "")))
        found.append((holder, target, stance.get("polarity"), stance.get("label") in SYMMETRIC_LABELS))
    failed = []
    for kind, holders, target, polarity, hint in _rows("gold_stance"):
        holders_ok = {fold(h) for h in holders.split("|")}
        wanted = (fold(target), int(polarity))
        if not any(p == wanted[1] and ((h in holders_ok and t == wanted[0]) or (sym and t in holders_ok and h == wanted[0]))
                   for h, t, p, sym in found):
            failed.append(f"a stance is missing or has the wrong sign ({kind}): {hint}")
    if failed:
        return _finish(Result("gold reading", WRONG, f"well formed; {len(_rows('gold_stance')) - len(failed)} of "
                              f"{len(_rows('gold_stance'))} stances a reader must see are there:", tuple(failed)))
    return _finish(Result("gold reading", RIGHT, "well formed, and every stance a reader must see is there."))
