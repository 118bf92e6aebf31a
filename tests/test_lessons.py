"""The teaching track: checks say right, wrong (by kind of case, never the answer) or not answered yet;
student versions replace solutions by stubs; every lesson runs through papermill in both versions."""

from __future__ import annotations

import nbformat
import pytest

import kit
from kit import cli
from kit.reporting import run
from kit.teaching import checks, material, versions

from conftest import ROOT

LESSONS = versions.lesson_paths()
NAMES = [path.stem for path in LESSONS]


def solutions(path) -> dict:
    """The names a lesson's solution cells define, run as the teacher version runs them."""
    namespace = {"kit": kit, "material": material, "checks": checks}
    for cell in nbformat.read(path, as_version=4).cells:
        if versions.SOLUTION_TAG in cell.metadata.get("tags", []):
            exec(cell.source, namespace)
    return namespace


def lesson(stem: str) -> dict:
    return solutions(next(p for p in LESSONS if p.stem == stem))


def stub(*_):
    """What a student's stub does: its body is `...`."""
    ...


def not_implemented(*_):
    raise NotImplementedError


def test_there_are_seven_lessons_each_with_a_self_checked_exercise():
    assert NAMES == ["01_script", "02_tokens", "03_morphology", "04_trees", "05_actors", "06_quotes", "07_stances"]
    for path in LESSONS:
        cells = nbformat.read(path, as_version=4).cells
        assert any("parameters" in c.metadata.get("tags", []) and "strict = False" in c.source for c in cells), path.name
        assert any(versions.SOLUTION_TAG in c.metadata.get("tags", []) for c in cells), path.name
        assert any(c.cell_type == "code" and "checks.check_" in c.source for c in cells), path.name
        assert all(not c.get("outputs") for c in cells if c.cell_type == "code"), f"{path.name} is committed with outputs"


# --- The checks, called directly: a right, a wrong and an unanswered answer each -------------------------------

def _identity(word, *_):
    return word


CHECKS = [  # (check, lesson, name of the solution, a wrong answer, a kind of case the wrong answer fails)
    (checks.check_fold, "01_script", "my_fold", lambda w: w.replace("أ", "ا"), "alef with hamza below"),
    (checks.check_proclitics, "02_tokens", "split_proclitics",
     lambda token, names: [token[0], token[1:]] if token[:1] in "وفبلك" else [token], "a name that begins with a clitic letter"),
    (checks.check_definite, "03_morphology", "looks_definite", lambda word, upos: word.startswith("ال"), "a verb that begins"),
    (checks.check_subject, "04_trees", "find_subject",
     lambda words, verb: next(iter(words.loc[words["deprel"] == "nsubj", "word"]), None), "not the root"),
    (checks.check_mode, "06_quotes", "mode_of", lambda cue, rest: "direct" if ":" in rest else "indirect", "guillemets"),
    (checks.check_precision_recall, "07_stances", "precision_recall",
     lambda found, gold: (len(found & gold) / max(len(found), 1), len(found & gold) / max(len(gold), 1)), "nothing found"),
]


@pytest.mark.parametrize("check, stem, name, wrong, failing_kind", CHECKS, ids=[c[2] for c in CHECKS])
def test_a_function_check_knows_right_wrong_and_unanswered(check, stem, name, wrong, failing_kind):
    right = check(lesson(stem)[name])
    assert right.status == checks.RIGHT and bool(right), right
    result = check(wrong)
    assert result.status == checks.WRONG and not result
    assert any(failing_kind in line for line in result.failed), result.failed
    for missing in (None, ..., stub, not_implemented):
        assert check(missing).status == checks.UNANSWERED, missing
    crashing = check(lambda *_: 1 / 0)
    assert crashing.status == checks.WRONG and "ZeroDivisionError" in " ".join(crashing.failed)


def test_a_wrong_answer_is_told_the_kind_of_case_and_a_hint_never_the_expected_value():
    result = checks.check_fold(_identity)
    shown = result.message + " ".join(result.failed) + result._repr_html_()
    assert "ta marbuta" in shown and "Ta marbuta ة is written ه" in shown
    for word in ("آلاف", "الحكومة", "إضافةً"):  # hidden inputs whose keys the identity gets wrong
        assert word not in shown and kit.fold(word) not in shown


def test_the_actor_entry_check():
    assert checks.check_actor_entry(lesson("05_actors")["entry"])
    assert checks.check_actor_entry(None).status == checks.UNANSWERED
    wrong = {"actor_id": "src", "name": "جمعية الهلال الأحمر السوداني", "type": "PER", "aliases": "المنظمة"}
    failed = " ".join(checks.check_actor_entry(wrong).failed)
    assert "type" in failed and "short form" in failed and "common noun" in failed
    assert checks.check_actor_entry({"name": "x"}).status == checks.WRONG


def test_the_attribution_check():
    assert checks.check_attribution(lesson("06_quotes")["attribution"])
    empty = {"continued_by": None, "official_speaker": None, "official_source": None}
    assert checks.check_attribution(empty).status == checks.UNANSWERED
    swapped = {"continued_by": "المتحدثة", "official_speaker": "رويترز", "official_source": "مسؤول أمريكي"}
    result = checks.check_attribution(swapped)
    assert result.status == checks.WRONG and len(result.failed) == 2


def test_the_gold_reading_check_reads_the_passages_and_the_stances():
    text = (versions.lessons_dir() / "texts" / "b_washington.txt").read_text(encoding="utf-8").strip()
    right = lesson("07_stances")["my_gold"]
    assert checks.check_gold_reading(right, text), checks.check_gold_reading(right, text)
    assert checks.check_gold_reading(None, text).status == checks.UNANSWERED
    assert checks.check_gold_reading("document: [unclosed", text).status == checks.WRONG
    invented = right.replace("sentence: تعزيز العلاقات", "sentence: اتفاق سلام")
    assert "not in the article" in " ".join(checks.check_gold_reading(invented, text).failed)
    flipped = right.replace("polarity: 1, label: cooperate", "polarity: -1, label: oppose")
    result = checks.check_gold_reading(flipped, text)
    assert result.status == checks.WRONG and len(result.failed) == 1 and "tie between" in result.failed[0]


def test_strict_mode_raises_on_a_check_that_is_not_right():
    checks.set_strict(True)
    try:
        with pytest.raises(checks.ExerciseNotPassed, match="not answered yet"):
            checks.check_fold(None)
        with pytest.raises(checks.ExerciseNotPassed, match="wrong"):
            checks.check_fold(_identity)
        assert checks.check_fold(lesson("01_script")["my_fold"])
    finally:
        checks.set_strict(False)


# --- Student and teacher versions, and `kit lessons` ---------------------------------------------------------

@pytest.mark.parametrize("path", LESSONS, ids=NAMES)
def test_the_student_version_replaces_every_solution_by_its_stub(path):
    teacher = nbformat.read(path, as_version=4)
    student = versions.student_version(teacher)
    assert len(student.cells) == len(teacher.cells)
    for before, after in zip(teacher.cells, student.cells):
        if versions.SOLUTION_TAG in before.metadata.get("tags", []):
            assert after.source == before.metadata["stub"] and after.source != before.source
            assert versions.EXERCISE_TAG in after.metadata["tags"] and "stub" not in after.metadata
            assert "your answer" in after.source
        else:
            assert after.source == before.source
    assert not any(versions.SOLUTION_TAG in c.metadata.get("tags", []) for c in student.cells)


def test_kit_lessons_writes_both_versions_and_never_overwrites(tmp_path, capsys):
    assert cli.main(["lessons", "--student", str(tmp_path / "class")]) == 0
    assert sorted(p.name for p in (tmp_path / "class").glob("*.ipynb")) == [p.name for p in LESSONS]
    assert (tmp_path / "class" / "texts" / "b_washington.txt").exists()
    written = nbformat.read(tmp_path / "class" / "01_script.ipynb", as_version=4)
    assert not any(versions.SOLUTION_TAG in c.metadata.get("tags", []) for c in written.cells)
    assert "maketrans" not in "".join(c.source for c in written.cells)
    assert cli.main(["lessons", "--student", str(tmp_path / "class")]) == 2
    assert "kit: error:" in capsys.readouterr().err
    assert cli.main(["lessons", "--student", str(tmp_path / "class"), "--force"]) == 0
    assert cli.main(["lessons", "--teacher", str(tmp_path / "teacher")]) == 0
    teacher = nbformat.read(tmp_path / "teacher" / "01_script.ipynb", as_version=4)
    assert teacher == nbformat.read(LESSONS[0], as_version=4)
    assert cli.main(["lessons", "--teacher", str(versions.lessons_dir() / "out")]) == 2


def test_kit_lessons_errors_are_one_line(tmp_path, capsys):
    (tmp_path / "class").mkdir()
    (tmp_path / "class" / "03_morphology.ipynb").write_text("{}", encoding="utf-8")
    assert cli.main(["lessons", "--student", str(tmp_path / "class")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kit: error:") and "03_morphology.ipynb" in err and "--force" in err and len(err.splitlines()) == 1
    with pytest.raises(SystemExit):
        cli.main(["lessons"])  # one of --student / --teacher is required


def test_kit_run_discovers_only_the_analysis_notebooks():
    assert [p.stem for p in run.resolve_notebooks()] == list(run.DEFAULT_NOTEBOOKS)
    with pytest.raises(ValueError, match="available: 01_corpus") as error:
        run.resolve_notebooks(["01_script"])
    assert "lessons" not in str(error.value) and "01_script," not in str(error.value)


# --- Every lesson through papermill, teacher version strict, student version to the end -------------------

@pytest.fixture(scope="module")
def excerpts_parsed(model_dir):
    """Parse the lessons' excerpts once into the session's parse cache, which the notebooks' kernels inherit."""
    kit.analyse(str(versions.lessons_dir() / "texts"), model_dir=model_dir)
    return model_dir


def _statuses(notebook) -> list[str]:
    found = []
    for cell in notebook.cells:
        if cell.cell_type == "code" and "checks.check_" in cell.source:
            html = "".join(o.get("data", {}).get("text/html", "") for o in cell.get("outputs", []))
            found += [status for status in (checks.RIGHT, checks.WRONG, checks.UNANSWERED)
                      if f'data-status="{status}"' in html]
    return found


@pytest.mark.model
@pytest.mark.parametrize("version", [versions.TEACHER, versions.STUDENT])
@pytest.mark.parametrize("name", NAMES)
def test_every_lesson_runs_through_papermill(excerpts_parsed, tmp_path, name, version):
    import papermill

    folder = tmp_path / "lessons"
    versions.write(folder, version)
    n_checks = sum(1 for c in nbformat.read(folder / f"{name}.ipynb", as_version=4).cells
                   if c.cell_type == "code" and "checks.check_" in c.source)
    parameters = {"strict": True} if version == versions.TEACHER else {}
    papermill.execute_notebook(str(folder / f"{name}.ipynb"), str(tmp_path / "out.ipynb"), parameters=parameters,
                               kernel_name="python3", cwd=str(folder), progress_bar=False)
    statuses = _statuses(nbformat.read(tmp_path / "out.ipynb", as_version=4))
    expected = checks.RIGHT if version == versions.TEACHER else checks.UNANSWERED
    assert statuses == [expected] * n_checks
