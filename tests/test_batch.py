"""kit batch: a grid of corpus slices and notebook parameters, one run folder each, an index, unchanged runs reused."""

import json

import pandas as pd
import pytest
import yaml

from kit import cli
from kit.reporting import batch

from conftest import ROOT

NOTEBOOK = ROOT / "tests" / "notebooks" / "counts.ipynb"


@pytest.fixture
def news(tmp_path):
    """Eight articles: two outlets by two months, two of each."""
    rows = []
    for outlet in ("BBC", "CNN"):
        for month in ("2018-04", "2018-05"):
            for n in range(2):
                rows.append({"outlet": outlet, "date": f"{month}-1{n}T10:00:00Z",
                             "text": f"قال المتحدث باسم {outlet} في {month} إن المقال رقم {n} عن روسيا."})
    path = tmp_path / "news.parquet"
    pd.DataFrame(rows).to_parquet(path)
    return path


def write_spec(tmp_path, news, **extra):
    spec = {"inputs": [str(news)], "columns": {"source": "outlet"}, "notebooks": [str(NOTEBOOK)], "figure": "counts",
            "grid": {"outlet": ["BBC", "CNN"], "label": ["a", "b"]}, **extra}
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_a_grid_runs_every_combination_and_indexes_them(fake_models, news, tmp_path, capsys):
    root, pipeline = fake_models
    spec = write_spec(tmp_path, news, runs=[{"name": "april", "select": {"month": "2018-04"}},
                                            {"name": "broken", "parameters": {"fail": True}}])
    out = tmp_path / "runs" / "grid"
    status = cli.main(["batch", str(spec), "--out", str(out), "--model-dir", str(root), "--quiet", "--cache", str(tmp_path / "c")])
    assert status == 1  # one combination failed
    index = pd.read_csv(out / "index.csv", keep_default_na=False)
    assert index["name"].tolist() == ["outlet-BBC_label-a", "outlet-BBC_label-b", "outlet-CNN_label-a", "outlet-CNN_label-b",
                                      "april", "broken"]
    assert index["status"].tolist() == ["ok"] * 5 + ["failed"]
    assert index["documents"].tolist() == [4, 4, 4, 4, 4, 8]
    assert "asked to fail" in index.loc[5, "error"] and index.loc[5, "report"] == "broken.failed/report.html"
    # each combination is a kit run of its own slice with its own parameters
    bbc = json.loads((out / "outlet-BBC_label-b" / "manifest.json").read_text(encoding="utf-8"))
    assert bbc["selection"] == {"equals": {"outlet": "BBC"}} and bbc["notebooks"][0]["parameters"]["label"] == "b"
    documents = pd.read_csv(out / "outlet-BBC_label-b" / "tables" / "documents.csv")
    assert set(documents["source"]) == {"BBC"}
    april = pd.read_csv(out / "april" / "tables" / "documents.csv")
    assert april["date"].str.startswith("2018-04").all() and len(april) == 4
    # parsed once for the whole batch: 8 documents, whatever the number of runs
    assert pipeline.calls <= 1 + 8 // 16
    page = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="outlet-CNN_label-a/report.html">report</a>' in page and "outlet=CNN · label=a" in page
    figures = (out / "figures.html").read_text(encoding="utf-8")
    assert figures.count('<img src="') == 6 and "outlet-BBC_label-a/figures/counts.png" in figures
    assert "broken.failed/figures/counts.png" in figures
    assert "broken: failed" in capsys.readouterr().out


def test_an_unchanged_combination_is_reused_unless_forced(fake_models, news, tmp_path):
    root, _ = fake_models
    spec = write_spec(tmp_path, news)
    out = tmp_path / "runs" / "grid"
    options = {"model_dir": root, "progress": False, "cache": tmp_path / "c"}
    first = batch.batch(spec, out, **options)
    assert not first["reused"].any()
    stamp = (out / "outlet-BBC_label-a" / "manifest.json").read_text(encoding="utf-8")
    again = batch.batch(spec, out, **options)
    assert again["reused"].all() and (again["status"] == "ok").all()
    assert (out / "outlet-BBC_label-a" / "manifest.json").read_text(encoding="utf-8") == stamp
    write_spec(tmp_path, news, grid={"outlet": ["BBC", "CNN"], "label": ["a", "c"]})  # b gone, c new, a unchanged
    changed = batch.batch(spec, out, **options)
    assert changed.set_index("name")["reused"].to_dict() == {
        "outlet-BBC_label-a": True, "outlet-BBC_label-c": False, "outlet-CNN_label-a": True, "outlet-CNN_label-c": False}
    write_spec(tmp_path, news, parameters={"fail": False}, grid={"outlet": ["BBC", "CNN"], "label": ["a", "c"]})
    assert not batch.batch(spec, out, **options)["reused"].any()  # a parameter of every run changed
    forced = batch.batch(spec, out, force=True, **options)
    assert not forced["reused"].any()


@pytest.mark.parametrize("spec, message", [
    ({"grid": {"outlet": ["BBC"]}}, "no inputs"),
    ({"inputs": ["missing.parquet"], "grid": {"outlet": ["BBC"]}}, "no input at"),
    ({"inputs": ["news.parquet"]}, "give a grid"),
    ({"inputs": ["news.parquet"], "grid": {"x": [1]}, "colour": "red"}, "unknown key\\(s\\) colour"),
    ({"inputs": ["news.parquet"], "grid": {"month": ["April"]}}, "since 'April' is not a date"),
    ({"inputs": ["news.parquet"], "grid": {"label": [1]}, "notebooks": [str(NOTEBOOK)]}, "-p label 1: counts expects str"),
    ({"inputs": ["news.parquet"], "runs": [{"name": "a"}, {"name": "a"}]}, "share the folder a"),
])
def test_a_bad_spec_is_refused_before_anything_runs(fake_models, news, tmp_path, spec, message):
    root, _ = fake_models
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec), encoding="utf-8")
    with pytest.raises((ValueError, FileNotFoundError), match=message):
        batch.batch(path, tmp_path / "out", model_dir=root, progress=False)
    assert not (tmp_path / "out").exists()


def test_a_batch_never_writes_into_someone_elses_folder(fake_models, news, tmp_path):
    root, _ = fake_models
    (tmp_path / "thesis").mkdir()
    (tmp_path / "thesis" / "draft.md").write_text("draft")
    with pytest.raises(ValueError, match="not a kit batch folder"):
        batch.batch(write_spec(tmp_path, news), tmp_path / "thesis", model_dir=root, progress=False)
    assert [p.name for p in (tmp_path / "thesis").iterdir()] == ["draft.md"]


@pytest.mark.parametrize("text, name", [("outlet-BBC_month-2018-04", "outlet-BBC_month-2018-04"),
                                        ("outlet-سكاي نيوز", "outlet-سكاي-نيوز"), ("a/../b", "a-..-b"), ("///", "run")])
def test_run_folder_names_are_safe(text, name):
    assert batch.folder_name(text) == name
