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
