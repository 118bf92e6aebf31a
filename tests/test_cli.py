"""The `kit` command: parse writes the tables and CoNLL-U; models lists files with checksums."""

import hashlib
import subprocess
import sys

import pandas as pd
import pytest

from kit import cli, nlp
from kit.corpus import CorpusWarning

from conftest import ROOT, SEEDS, write_fake_models

ARTICLE = "قال الرئيس إن المحادثات تتقدم.\nوأضاف أن روسيا ستشارك."


def test_parse_writes_tables_and_conllu(fake_models, tmp_path, capsys):
    root, _ = fake_models
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    status = cli.main(["parse", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--model-dir", str(root), "--quiet",
                       "--cache", str(tmp_path / "cache")])  # its own cache: other tests parse the same text
    assert status == 0
    from kit.tables import TABLE_NAMES

    for name in TABLE_NAMES:
        assert (tmp_path / "out" / "tables" / f"{name}.csv").exists()
    words = pd.read_csv(tmp_path / "out" / "tables" / "words.csv")
    assert words["token"].tolist()[:3] == ["قال", "الرئيس", "إن"]
    assert (tmp_path / "out" / "corpus.conllu").read_text(encoding="utf-8").startswith("# newdoc id = ")
    assert not list((tmp_path / "out").rglob("*.tmp"))
    assert "1 documents (1 parsed" in capsys.readouterr().out


def test_parse_with_nothing_loadable_fails_clearly(fake_models, tmp_path, capsys):
    root, _ = fake_models
    (tmp_path / "english.txt").write_text("No Arabic here at all.", encoding="utf-8")
    with pytest.warns(CorpusWarning, match=r"english\.txt: almost no Arabic"):
        status = cli.main(["parse", str(tmp_path / "english.txt"), "--out", str(tmp_path / "out"), "--model-dir", str(root)])
    assert status == 1
    assert "no documents could be loaded" in capsys.readouterr().err


def test_warnings_are_printed_in_the_kit_style(tmp_path):
    (tmp_path / "english.txt").write_text("No Arabic here at all.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kit", "parse", str(tmp_path / "english.txt"), "--out", str(tmp_path / "o")],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "kit: warning: document " in result.stderr and "almost no Arabic" in result.stderr


def test_models_lists_files_with_checksums(tmp_path, capsys):
    root = write_fake_models(tmp_path)
    assert cli.main(["models", "--model-dir", str(root)]) == 0
    out = capsys.readouterr().out
    expected = hashlib.sha256(b"weights of depparse").hexdigest()
    assert "ar/depparse/fake.pt" in out and expected in out
    assert f"fingerprint: {nlp.model_fingerprint(root)}" in out


def test_models_reports_missing_files(tmp_path, capsys):
    root = write_fake_models(tmp_path)
    (root / "ar" / "ner" / "fake.pt").unlink()
    assert cli.main(["models", "--model-dir", str(root)]) == 1
    assert "ar/ner/fake.pt  MISSING" in capsys.readouterr().out


def test_missing_model_dir_is_a_clear_error(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("stanza.download", lambda *a, **k: (_ for _ in ()).throw(ConnectionError("offline")))
    status = cli.main(["parse", str(SEEDS), "--out", str(tmp_path / "o"), "--model-dir", str(tmp_path / "none")])
    assert status == 2
    assert "No usable Stanza Arabic models" in capsys.readouterr().err


def test_python_dash_m_kit_is_the_same_command():
    result = subprocess.run([sys.executable, "-m", "kit", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    assert "parse" in result.stdout and "models" in result.stdout


@pytest.mark.model
def test_parse_seed_with_the_model(model_dir, tmp_path):
    status = cli.main(["parse", str(SEEDS), "--out", str(tmp_path / "x"), "--model-dir", str(model_dir), "--quiet"])
    assert status == 0
    tables = {n: pd.read_csv(tmp_path / "x" / "tables" / f"{n}.csv") for n in ("documents", "words", "entities", "actors", "mentions")}
    assert tables["documents"].loc[0, "n_sentences"] >= 30
    assert len(tables["words"]) >= 1000
    assert {"PER", "ORG", "LOC"} <= set(tables["entities"]["type"])
    assert {"PER", "ORG", "GPE"} <= set(tables["actors"]["type"])
    assert set(tables["mentions"]["actor_id"]) == set(tables["actors"]["actor_id"])


@pytest.mark.parametrize("batch_size, calls", [(1, 3), (2, 2), (16, 1)])
def test_batch_size_reaches_stanza(fake_models, tmp_path, batch_size, calls):
    root, pipeline = fake_models
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(f"{ARTICLE} {n}", encoding="utf-8")
    status = cli.main(["parse", str(tmp_path), "--out", str(tmp_path / "out"), "--model-dir", str(root), "--quiet",
                       "--batch-size", str(batch_size), "--cache", str(tmp_path / "cache")])
    assert status == 0 and pipeline.calls == calls  # the second pass reads the cache and runs no model


NOTEBOOKS = ROOT / "tests" / "notebooks"


@pytest.mark.parametrize("argv, message", [
    (["run", "--out", "{tmp}/r", "-p", "top_n", "abc", "--notebooks", "02_actors"],
     "-p top_n 'abc': 02_actors expects int (its default is 15)"),
    (["run", "--out", "{tmp}/r", "-p", "top_n", "!!python/object/apply:os.system [ls]", "--notebooks", "02_actors"],
     "-p top_n '!!python/object/apply:os.system [ls]' is not a plain YAML value"),
    (["run", "--out", "{tmp}/r", "-p", "top_n", "[1, 2", "--notebooks", "02_actors"], "is not a plain YAML value"),
    (["parse", "{tmp}/مقالات", "--out", "{tmp}/o"], "no input at {tmp}/مقالات"),
    (["run", "{tmp}/مقالات", "--out", "{tmp}/r"], "no input at {tmp}/مقالات"),
    (["parse", str(SEEDS), "--out", "{tmp}/a_file"], "cannot use {tmp}/a_file"),
])
def test_ordinary_mistakes_end_in_one_line_naming_what_is_wrong(tmp_path, argv, message, capsys):
    (tmp_path / "a_file").write_text("not a folder")
    status = cli.main([arg.replace("{tmp}", str(tmp_path)) for arg in argv])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("kit: error: ") and message.replace("{tmp}", str(tmp_path)) in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert not (tmp_path / "r").exists() and not (tmp_path / "o").exists()


def test_debug_shows_the_traceback(tmp_path):
    with pytest.raises(FileNotFoundError, match="no input at"):
        cli.main(["parse", str(tmp_path / "missing"), "--out", str(tmp_path / "o"), "--debug"])


def test_an_unexpected_failure_is_one_line_that_points_to_debug(tmp_path, monkeypatch, capsys):
    from kit import corpus

    monkeypatch.setattr(corpus, "load", lambda *a, **k: 1 / 0)
    assert cli.main(["parse", str(SEEDS), "--out", str(tmp_path / "o")]) == 2
    assert capsys.readouterr().err == "kit: error: ZeroDivisionError: division by zero (run again with --debug for the traceback)\n"


def test_a_failed_partition_is_reported_and_fails_the_command(fake_models, tmp_path, monkeypatch, capsys):
    from kit import engine

    root, _ = fake_models
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    original = engine._pass

    def second_pass_breaks(number, partition, settings, pass_number, names):
        if pass_number == 1:
            raise OSError("disk full")
        return original(number, partition, settings, pass_number, names)

    monkeypatch.setattr(engine, "_pass", second_pass_breaks)
    with pytest.warns(nlp.ParseWarning, match="partition 0 failed"):
        status = cli.main(["parse", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--model-dir", str(root), "--quiet",
                           "--cache", str(tmp_path / "cache")])
    err = capsys.readouterr().err
    assert status == 1
    assert "kit: 1 document(s) failed: partition 0 failed (OSError: disk full)" in err
    assert "kit: error: partition 0 (" in err and "the tables lack its documents" in err


def test_kit_parse_shows_progress_per_pass(fake_models, tmp_path, capsys):
    root, _ = fake_models
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert cli.main(["parse", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--model-dir", str(root),
                     "--cache", str(tmp_path / "cache")]) == 0
    err = capsys.readouterr().err
    assert "Parsing: 100%" in err and "1/1" in err and "Extracting (pass 2): 100%" in err
