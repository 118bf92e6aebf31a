"""kit run: parameters checked against the notebooks, failures recorded, atomic run folders, the seed run;
kit.read_run reads a run's tables and kit.analyse computes the same ones; the old names still work."""

import json
import subprocess
import sys

import pandas as pd
import pytest

import kit
from kit import cli
from kit.reporting import run

from conftest import FIXTURES, ROOT, SEEDS

NOTEBOOKS = ROOT / "tests" / "notebooks"
ARTICLE = "قال الرئيس إن المحادثات تتقدم.\nوأضاف أن روسيا ستشارك."

# The table contracts of DESIGN.md, written out here so the test does not read them from the code.
CONTRACTS = {
    "documents": "doc_id, title, source, date, path, n_chars, n_sentences, n_words",
    "sentences": "doc_id, sent_idx, text, start_char, end_char, n_tokens, n_words",
    "words": "doc_id, sent_idx, token_idx, word_idx, token, word, lemma, lemma_plain, upos, feats, head, deprel, ner, start_char, end_char",
    "entities": "doc_id, sent_idx, text, type, start_char, end_char",
    "mentions": "doc_id, sent_idx, actor_id, text, type, start_char, end_char, origin",
    "actors": "actor_id, name, type, aliases, n_mentions, n_docs, country, cameo",
    "actor_edges": "actor_a, actor_b, weight, n_docs",
    "claims": "claim_id, doc_id, sent_idx, speaker, speaker_actor_id, cue, cue_lemma, mode, content, source, source_actor_id, start_char, end_char, evidence",
    "stances": "stance_id, doc_id, sent_idx, holder, holder_actor_id, target, target_actor_id, polarity, label, cue, negated, claim_id, start_char, end_char, evidence, cameo",
    "stance_matrix": "holder_actor_id, target_actor_id, mean_polarity, n",
    "claim_clusters": "cluster_id, claim_id, doc_id, source, date, speaker_actor_id",
}


@pytest.fixture
def corpus_dir(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_unknown_parameter_is_refused_before_any_work(tmp_path, capsys):
    status = cli.main(["run", str(SEEDS), "--out", str(tmp_path / "r"), "--notebooks", str(NOTEBOOKS / "fails.ipynb"),
                       "-p", "greeting", "hi"])
    assert status == 2
    err = capsys.readouterr().err
    assert "unknown parameter(s) greeting" in err and "fails: run_dir" in err
    assert not (tmp_path / "r").exists()


def test_each_notebook_gets_only_its_declared_parameters():
    declared = run.check_parameters([NOTEBOOKS / "writes_file.ipynb", NOTEBOOKS / "fails.ipynb"], {"greeting": "hi"})
    assert declared[NOTEBOOKS / "fails.ipynb"] == {"run_dir"}
    assert declared[NOTEBOOKS / "writes_file.ipynb"] == {"input", "run_dir", "greeting"}


def test_default_notebooks_declare_the_standard_parameters():
    for path in run.resolve_notebooks([*run.DEFAULT_NOTEBOOKS, "05_evaluation"]):
        assert set(run.STANDARD_PARAMETERS) <= set(run.declared_parameters(path)), path.name


def test_a_failing_notebook_is_recorded_and_the_others_complete(fake_models, corpus_dir, tmp_path, capsys):
    root, _ = fake_models
    out = tmp_path / "runs" / "x"
    status = cli.main(["run", str(corpus_dir), "--out", str(out), "--model-dir", str(root), "--quiet", "-p", "greeting", "salam",
                       "--notebooks", str(NOTEBOOKS / "fails.ipynb"), str(NOTEBOOKS / "writes_file.ipynb"), "--keep-failed"])
    assert status == 1
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    by_name = {r["name"]: r for r in manifest["notebooks"]}
    assert manifest["status"] == "failed"
    assert by_name["fails"]["status"] == "failed" and "RuntimeError: boom" in by_name["fails"]["error"]
    assert by_name["writes_file"]["status"] == "ok"
    assert by_name["writes_file"]["parameters"] == {"input": str(corpus_dir), "run_dir": ".", "greeting": "salam"}
    # the notebook ran in this Python, with the run folder as its working directory
    assert (out / "ok.txt").read_text() == f"salam {sys.executable}"
    assert (out / "notebooks" / "fails.ipynb").exists() and (out / "report.html").exists()
    assert "fails: failed" in capsys.readouterr().out


def test_a_failed_run_goes_beside_a_good_one_and_foreign_files_are_never_replaced(fake_models, corpus_dir, tmp_path, capsys):
    root, _ = fake_models
    out = tmp_path / "runs" / "x"
    options = {"model_dir": root, "notebooks": [str(NOTEBOOKS / "writes_file.ipynb")], "progress": False}
    run.run([corpus_dir], out, **options)
    first = (out / "manifest.json").read_text(encoding="utf-8")
    run.run([corpus_dir], out, **options)  # a kit run holding only its own files is replaced
    assert (out / "manifest.json").read_text(encoding="utf-8") != first
    good = (out / "manifest.json").read_text(encoding="utf-8")
    status = cli.main(["run", str(corpus_dir), "--out", str(out), "--model-dir", str(root), "--quiet",
                       "--notebooks", str(NOTEBOOKS / "fails.ipynb")])
    assert status == 1 and "went beside --out" in capsys.readouterr().err
    assert (out / "manifest.json").read_text(encoding="utf-8") == good  # the good run is untouched
    assert json.loads((tmp_path / "runs" / "x.failed" / "manifest.json").read_text(encoding="utf-8"))["status"] == "failed"
    (out / "notes.md").write_text("my draft")
    with pytest.raises(ValueError, match="holds files the kit did not write \\(notes.md\\)"):
        run.run([corpus_dir], out, **options)
    assert (out / "notes.md").read_text() == "my draft" and (out / "manifest.json").read_text(encoding="utf-8") == good
    (tmp_path / "empty").mkdir()
    (out / "notes.md").unlink()
    with pytest.raises(ValueError, match="no documents"), pytest.warns(UserWarning, match="holds no .txt files"):
        run.run([tmp_path / "empty"], out, **options)
    assert (out / "manifest.json").read_text(encoding="utf-8") == good
    assert sorted(p.name for p in out.parent.iterdir()) == ["x", "x.failed"]  # no staging folder left


def _folder_of_drafts(out):
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "thesis.md").write_text("draft")


def _a_file(out):
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("thesis")


@pytest.mark.parametrize("make, message", [(_folder_of_drafts, "not a kit run folder"), (_a_file, "is not a folder")])
def test_out_that_the_kit_did_not_write_is_refused_and_kept(fake_models, corpus_dir, tmp_path, make, message, capsys):
    root, _ = fake_models
    out = tmp_path / "victim"
    make(out)
    before = sorted((p.relative_to(tmp_path).as_posix(), p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file())
    status = cli.main(["run", str(corpus_dir), "--out", str(out), "--model-dir", str(root), "--quiet",
                       "--notebooks", str(NOTEBOOKS / "writes_file.ipynb")])
    assert status == 2 and message in capsys.readouterr().err
    after = sorted((p.relative_to(tmp_path).as_posix(), p.read_bytes()) for p in tmp_path.rglob("*") if p.is_file())
    assert after == before and [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_run_into_the_folder_of_its_own_input_is_refused(fake_models, corpus_dir, capsys):
    root, _ = fake_models
    status = cli.main(["run", str(corpus_dir), "--out", str(corpus_dir), "--model-dir", str(root), "--quiet"])
    assert status == 2 and "contains the input" in capsys.readouterr().err
    assert (corpus_dir / "a.txt").exists()


def test_manifest_records_inputs_versions_and_model(fake_models, corpus_dir, tmp_path):
    root, _ = fake_models
    manifest = run.run([corpus_dir], tmp_path / "r", model_dir=root, notebooks=[str(NOTEBOOKS / "writes_file.ipynb")],
                       progress=False)
    assert [i["path"] for i in manifest["inputs"]] == [str(corpus_dir / "a.txt")]
    assert len(manifest["inputs"][0]["sha256"]) == 64
    assert {"python", "stanza", "torch", "arabic-news-kit"} <= set(manifest["versions"])
    assert [f["path"] for f in manifest["model"]["files"]][:2] == ["ar/tokenize/fake.pt", "ar/mwt/fake.pt"]
    assert manifest["parse"]["torch_threads"] >= 1
    assert manifest["tables"]["documents"] == 1
    notebook = manifest["notebooks"][0]
    assert notebook["started"] <= notebook["finished"]


def test_read_run_reads_the_tables_and_analyse_computes_the_same(fake_models, corpus_dir, tmp_path):
    root, _ = fake_models
    out = tmp_path / "r"
    run.run([corpus_dir], out, model_dir=root, notebooks=[str(NOTEBOOKS / "writes_file.ipynb")], progress=False)
    read = kit.read_run(out)
    computed = kit.analyse(corpus_dir, model_dir=root)
    assert sorted(read) == sorted(computed) == sorted(CONTRACTS)
    for name, table in computed.items():
        assert table.to_csv(index=False) == read[name].to_csv(index=False), name


def test_read_run_only_reads(tmp_path):
    (tmp_path / "tables").mkdir()
    with pytest.raises(FileNotFoundError, match=r"no tables in .*kit\.analyse\(input\)"):
        kit.read_run(tmp_path)
    with pytest.raises(FileNotFoundError, match="no tables"):
        kit.read_run(tmp_path / "missing")


def test_old_names_warn_and_do_what_they_did(fake_models, corpus_dir, tmp_path):
    root, _ = fake_models
    with pytest.warns(DeprecationWarning, match=r"kit\.read_corpus"):
        load = kit.load
    assert load is kit.read_corpus
    with pytest.warns(DeprecationWarning, match=r"kit\.read_run\(run_dir\).*kit\.analyse\(input\)"):
        load_tables = kit.load_tables
    built = load_tables(corpus_dir, model_dir=root)
    kit.cli.main(["parse", str(corpus_dir), "--out", str(tmp_path / "p"), "--model-dir", str(root), "--quiet"])
    read = load_tables(corpus_dir, run_dir=tmp_path / "p", model_dir=root)
    assert built["claims"].to_csv(index=False) == read["claims"].to_csv(index=False)
    with pytest.warns(DeprecationWarning, match=r"kit\.reporting\.plots"):
        from kit import plots  # noqa: F401


def test_import_kit_is_instant():
    code = "import sys, kit; assert not {'pandas', 'matplotlib', 'stanza', 'kit.reporting'} & set(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


@pytest.mark.model
def test_seed_run_executes_every_notebook(model_dir, tmp_path):
    out = tmp_path / "runs" / "seed"
    status = cli.main(["run", str(SEEDS), "--out", str(out), "--model-dir", str(model_dir), "--quiet"])
    assert status == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in manifest["notebooks"]] == ["01_corpus", "02_actors", "03_claims", "04_stances"]
    assert all(r["status"] == "ok" for r in manifest["notebooks"])
    for name, columns in CONTRACTS.items():
        table = pd.read_csv(out / "tables" / f"{name}.csv", keep_default_na=False)
        assert list(table.columns) == columns.split(", "), name
    assert (out / "corpus.conllu").exists()
    pngs = sorted(p.stem for p in (out / "figures").glob("*.png"))
    assert pngs == sorted(p.stem for p in (out / "figures").glob("*.svg"))
    assert {"02_top_actors", "03_claims_per_speaker", "04_stance_heatmap", "04_stance_network"} <= set(pngs)
    page = (out / "report.html").read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and "data:image/png;base64," in page and "كوريا الشمالية" in page
    assert "http://" not in page and "https://" not in page  # self-contained


@pytest.mark.model
def test_evaluation_notebook_runs_when_named_with_its_gold(model_dir, tmp_path):
    out = tmp_path / "runs" / "evaluation"
    gold = SEEDS / "gold" / "000_cc99d8b811bc9b3b.yaml"
    status = cli.main(["run", str(SEEDS), "--out", str(out), "--model-dir", str(model_dir), "--quiet",
                       "--notebooks", "05_evaluation", "-p", "gold", str(gold),
                       "-p", "ud_gold", str(FIXTURES / "ud_gold_clitics.conllu"), "-p", "group_clitics", "true"])
    assert status == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["notebooks"][0]["parameters"]["gold"] == str(gold)
    executed = (out / "notebooks" / "05_evaluation.ipynb").read_text(encoding="utf-8")
    assert "claims_r" in executed and "central_r" in executed and "total" in executed  # per-article and total scores
    assert "UFeats" in executed and "gold_upos" in executed  # the parse's scores and its part-of-speech errors


OUTLET_ARTICLES = [  # outlet, date, text: the same statement in two outlets, Putin in both weeks, a burst in the second
    ("BBC", "2018-04-02T08:00:00Z", "قال الرئيس الروسي فلاديمير بوتين إن روسيا لن تسمح بأي هجوم على سوريا. وأدان بوتين الغارات."),
    ("CNN", "2018-04-03T09:00:00Z", "قال مسؤولون أمريكيون إن واشنطن تدرس الرد. وأكد بوتين أن موسكو مستعدة للحوار مع واشنطن."),
    ("BBC", "2018-04-10T08:00:00Z", "قال بوتين إن روسيا لن تسمح بأي هجوم على سوريا مهما كانت الظروف. وحذر بوتين من التصعيد. "
                                    "وانتقد بوتين الولايات المتحدة."),
    ("CNN", "2018-04-11T10:00:00Z", "وقال بوتين إن روسيا لن تسمح بأي هجوم على سوريا مهما كانت الظروف. ورحب بوتين بالمبادرة."),
]


@pytest.mark.model
def test_the_research_notebooks_run_on_outlets_and_dates(model_dir, tmp_path):
    table = tmp_path / "news.csv"
    pd.DataFrame([{"outlet": o, "date": d, "text": t} for o, d, t in OUTLET_ARTICLES]).to_csv(table, index=False)
    out = tmp_path / "runs" / "news"
    status = cli.main(["run", str(table), "--source-col", "outlet", "--out", str(out), "--model-dir", str(model_dir), "--quiet",
                       "--notebooks", "06_outlets", "07_timeline", "08_explorer", "-p", "n_boot", "200"])
    assert status == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [r["status"] for r in manifest["notebooks"]] == ["ok", "ok", "ok"]
    pngs = {p.stem for p in (out / "figures").glob("*.png")}
    assert {"06_speaker_types", "06_modes", "06_mode_differences", "06_stances_by_outlet", "07_mentions"} <= pngs
    clusters = pd.read_csv(out / "tables" / "claim_clusters.csv", keep_default_na=False)
    assert clusters.groupby("cluster_id")["source"].nunique().max() == 2  # «لن تسمح بأي هجوم» in BBC and CNN
    exported = out / "exports"
    assert {"actors.gexf", "stances.graphml", "corpus.kit.conllu"} <= {p.name for p in exported.iterdir()}
    assert len(pd.read_parquet(exported / "parquet" / "documents.parquet")) == 4
