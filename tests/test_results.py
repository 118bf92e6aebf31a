"""kit.results: a warm re-run restores every pass and corpus half, with the same tables; any change recomputes."""

import json

import pytest

from kit import corpus, engine, results

from conftest import WhitespacePipeline

TEXTS = [
    "قال الرئيس الروسي فلاديمير بوتين إن روسيا قوية.\nوأضاف أن واشنطن تكذب.",
    "أكد البيت الأبيض أن كيم جونغ أون يعتزم لقاء بوتين في موسكو.",
    "حذرت واشنطن من أن كوريا الشمالية قد ترسل أسلحة لموسكو.",
    "أدانت وزارة خارجية كوريا الشمالية الولايات المتحدة.",
]


def outputs(folder):
    files = sorted((folder / "tables").glob("*.csv")) + [folder / "corpus.conllu"]
    return {p.name: p.read_bytes() for p in files}


def run(loaded, root, tmp_path, out="e", **options):
    summary = engine.process(loaded, tmp_path / out, model_dir=root, cache=tmp_path / "c", progress=False,
                             partition_size=2, workers=1, **options)
    return summary, outputs(tmp_path / out)


def counting_reloads(monkeypatch) -> list:
    """Every partition the engine parses or reloads from the parse cache (what a restored pass skips)."""
    reloads = []
    parse = engine._parse

    def counted(partition, settings):
        reloads.append(list(partition["doc_id"]))
        return parse(partition, settings)

    monkeypatch.setattr(engine, "_parse", counted)
    return reloads


def test_a_warm_run_reads_no_parse_and_writes_the_same_files(fake_models, tmp_path, monkeypatch):
    root, _ = fake_models
    loaded = corpus.from_texts(TEXTS)
    cold, cold_files = run(loaded, root, tmp_path, "cold")
    reloads = counting_reloads(monkeypatch)
    warm, warm_files = run(loaded, root, tmp_path, "warm")
    assert reloads == []
    assert warm_files == cold_files
    assert warm["n_parsed"] == 0 and warm["n_cached"] == len(TEXTS) == cold["n_parsed"]
    assert warm["tables"] == cold["tables"]


def test_a_changed_document_recomputes_and_matches_a_cold_run(fake_models, tmp_path, monkeypatch):
    root, _ = fake_models
    run(corpus.from_texts(TEXTS), root, tmp_path, "first")
    changed = corpus.from_texts(TEXTS[:-1] + ["رحبت فرنسا بالاتفاق مع ألمانيا."])
    reloads = counting_reloads(monkeypatch)
    _, files = run(changed, root, tmp_path, "second")
    new = list(changed["doc_id"])[-1]
    # the first pass redoes the changed document's partition only; the second pass reads the corpus-wide
    # actors, which the new document changed, so it redoes both
    assert [new in partition for partition in reloads] == [True, False, True]
    engine.process(changed, tmp_path / "fresh", model_dir=root, cache=tmp_path / "other", progress=False,
                   partition_size=2, workers=1)
    assert files == outputs(tmp_path / "fresh")


def test_a_change_to_the_code_or_lexicons_makes_every_entry_stale(fake_models, tmp_path, monkeypatch):
    root, _ = fake_models
    loaded = corpus.from_texts(TEXTS)
    run(loaded, root, tmp_path, "first")
    stored = len(list((tmp_path / "c" / results.FOLDER).rglob(results.RESULT)))
    monkeypatch.setattr(results, "code_fingerprint", lambda: "another kit")
    reloads = counting_reloads(monkeypatch)
    run(loaded, root, tmp_path, "second")
    assert len(reloads) == 2 * 2  # two partitions, two passes
    assert len(list((tmp_path / "c" / results.FOLDER).rglob(results.RESULT))) == 2 * stored


def test_a_damaged_entry_is_recomputed(fake_models, tmp_path, monkeypatch):
    root, _ = fake_models
    loaded = corpus.from_texts(TEXTS)
    _, cold_files = run(loaded, root, tmp_path, "cold")
    for result in (tmp_path / "c" / results.FOLDER).rglob(results.RESULT):
        result.write_text("not json", encoding="utf-8")
    reloads = counting_reloads(monkeypatch)
    _, warm_files = run(loaded, root, tmp_path, "warm")
    assert len(reloads) == 2 * 2 and warm_files == cold_files


def test_a_partition_with_a_failed_document_is_not_kept(tmp_path, monkeypatch, fake_models):
    root, _ = fake_models
    failing = WhitespacePipeline(fail_on="واشنطن من")
    monkeypatch.setattr(engine.nlp, "load_pipeline", lambda *args, **kwargs: failing)
    with pytest.warns(Warning):
        run(corpus.from_texts(TEXTS), root, tmp_path)
    kept = [json.loads(p.read_text(encoding="utf-8")) for p in (tmp_path / "c" / results.FOLDER).rglob(results.RESULT)]
    assert sum("info" in entry for entry in kept) == 2  # the first partition's two passes; none of the second's
    # its document fails again on the next run, rather than being remembered as failed
    with pytest.warns(Warning, match="fake model failure"):
        run(corpus.from_texts(TEXTS), root, tmp_path, "again")


@pytest.mark.parametrize("change", ["bytes", "name"])
def test_files_digest_follows_the_bytes_and_names(tmp_path, change):
    first = tmp_path / "a" / "part-000000.parquet"
    first.parent.mkdir()
    first.write_bytes(b"one")
    before = results.files_digest([first], tmp_path)
    if change == "bytes":
        first.write_bytes(b"two")
        after = results.files_digest([first], tmp_path)
    else:
        other = tmp_path / "b" / "part-000000.parquet"
        other.parent.mkdir()
        other.write_bytes(b"one")
        after = results.files_digest([other], tmp_path)
    assert after != before


def test_another_corpus_in_the_same_cache_gets_its_own_corpus_halves(fake_models, tmp_path):
    """The claim clusters of a corpus that repeats a statement are its own, not those a first corpus left in the cache."""
    root, _ = fake_models
    run(corpus.from_texts(TEXTS), root, tmp_path, "first")
    statement = "قال الرئيس الروسي فلاديمير بوتين إن روسيا لن تسمح بأي هجوم على أراضيها مهما كان الثمن."
    repeated = corpus.from_texts([statement, "و" + statement, TEXTS[2]])
    _, files = run(repeated, root, tmp_path, "second")
    engine.process(repeated, tmp_path / "fresh", model_dir=root, cache=tmp_path / "other", progress=False,
                   partition_size=2, workers=1)
    assert files == outputs(tmp_path / "fresh")
    assert files["claim_clusters.csv"].count(b"\n") > 1  # the repeated statement makes a cluster
