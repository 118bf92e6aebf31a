"""kit.engine: partitioned processing gives the same tables as the in-memory path, on either engine."""

import shutil
import warnings

import pytest

from kit import corpus, engine, nlp, results, tables

from conftest import WhitespacePipeline, write_fake_models

TEXTS = [
    "قال الرئيس الروسي فلاديمير بوتين إن روسيا قوية.\nوأضاف أن واشنطن تكذب.",
    "أكد البيت الأبيض أن كيم جونغ أون يعتزم لقاء بوتين في موسكو.",
    "حذرت واشنطن من أن كوريا الشمالية قد ترسل أسلحة لموسكو.",
    "وقالت المتحدثة باسم البيت الأبيض أدريان واتسون إن المحادثات تتقدم.",
    "أدانت وزارة خارجية كوريا الشمالية الولايات المتحدة.",
]


def read_all(folder):
    return {p.name: p.read_bytes() for p in sorted((folder / "tables").glob("*.csv"))}


def in_memory(loaded, root, folder):
    tables.write(tables.build(nlp.parse(loaded, model_dir=root, cache=False, progress=False)), folder / "tables")
    return read_all(folder)


def test_unknown_engine_names_the_valid_ones(tmp_path):
    with pytest.raises(ValueError, match="local, dask"):
        engine.process(corpus.from_texts(TEXTS), tmp_path, engine="spark")


@pytest.mark.parametrize("partition_size", [1, 2, 100])
def test_local_engine_matches_the_in_memory_tables(fake_models, tmp_path, partition_size):
    root, _ = fake_models
    loaded = corpus.from_texts(TEXTS)
    summary = engine.process(loaded, tmp_path / "e", model_dir=root, cache=tmp_path / "c",
                             partition_size=partition_size, progress=False)
    assert read_all(tmp_path / "e") == in_memory(loaded, root, tmp_path / "m")
    assert summary["tables"]["documents"] == len(TEXTS) and summary["n_failed"] == 0
    assert (tmp_path / "e" / "corpus.conllu").read_text(encoding="utf-8").count("# newdoc id") == len(TEXTS)
    assert not list((tmp_path / "e").glob(".parts*"))


def test_a_corpus_without_actors_gives_typed_empty_tables(fake_models, tmp_path):
    """No mention anywhere: every pass still runs and the empty tables keep their headers, as in memory."""
    root, _ = fake_models
    loaded = corpus.from_texts(["الطقس جميل اليوم والسماء صافية تماما في الصباح الباكر.", "ارتفعت درجات الحرارة اليوم."])
    with warnings.catch_warnings():
        warnings.simplefilter("error", nlp.ParseWarning)
        summary = engine.process(loaded, tmp_path / "e", model_dir=root, cache=tmp_path / "c", progress=False,
                                 partition_size=1)
    assert summary["failed_partitions"] == [] and summary["n_failed"] == 0
    assert read_all(tmp_path / "e") == in_memory(loaded, root, tmp_path / "m")
    assert (tmp_path / "e" / "tables" / "claims.csv").read_text(encoding="utf-8").startswith("claim_id,")


def test_cache_off_still_runs_every_pass(fake_models, tmp_path, monkeypatch):
    """Later passes reload documents from a private cache: none fails, none is parsed twice, the user's cache is untouched."""
    root, pipeline = fake_models
    monkeypatch.setenv(nlp.CACHE_ENV, str(tmp_path / "user-cache"))
    loaded = corpus.from_texts(TEXTS)
    with warnings.catch_warnings():
        warnings.simplefilter("error", nlp.ParseWarning)  # the engine warns for every document a pass lost
        summary = engine.process(loaded, tmp_path / "e", model_dir=root, cache=False, progress=False)
    assert summary["failed_partitions"] == [] and summary["errors"] == {} and summary["n_failed"] == 0
    assert not (tmp_path / "user-cache").exists()
    engine_calls = pipeline.calls
    nlp.parse(loaded, model_dir=root, cache=False, progress=False)
    assert engine_calls == pipeline.calls - engine_calls  # the engine parsed the corpus once, as one parse does
    assert read_all(tmp_path / "e") == in_memory(loaded, root, tmp_path / "m")


def test_a_failing_document_is_reported_and_the_rest_is_processed(tmp_path, monkeypatch):
    root = write_fake_models(tmp_path / "m")
    monkeypatch.setattr(nlp, "load_pipeline", lambda *a, **k: WhitespacePipeline(fail_on="البيت الأبيض أن"))
    loaded = corpus.from_texts(TEXTS)
    bad = loaded.loc[1, "doc_id"]
    with pytest.warns(nlp.ParseWarning, match=bad):
        summary = engine.process(loaded, tmp_path / "e", model_dir=root, cache=tmp_path / "c", partition_size=2, progress=False)
    assert summary["n_failed"] == 1 and bad in summary["errors"]
    documents = (tmp_path / "e" / "tables" / "documents.csv").read_text(encoding="utf-8")
    assert bad not in documents and documents.count("\n") == len(TEXTS)  # header + the four others


@pytest.mark.model
def test_dask_engine_on_two_local_workers_matches_the_local_engine(model_dir, seed_parsed, model_cache, tmp_path):
    loaded = corpus.from_texts([seed_parsed.corpus.loc[0, "text"], *TEXTS])  # the seed comes from the shared cache
    options = {"model_dir": model_dir, "cache": model_cache, "partition_size": 2, "progress": False}
    local = engine.process(loaded, tmp_path / "local", **options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        distributed = engine.process(loaded, tmp_path / "dask", engine="dask", workers=2, **options)
    assert read_all(tmp_path / "dask") == read_all(tmp_path / "local")
    assert (tmp_path / "dask" / "corpus.conllu").read_bytes() == (tmp_path / "local" / "corpus.conllu").read_bytes()
    assert distributed["engine"] == "dask" and distributed["torch_threads"] == max(1, nlp.cpu_count() // 2)
    assert distributed["n_cached"] == local["n_parsed"] + local["n_cached"]  # the cache is shared by both engines


@pytest.mark.model
def test_worker_processes_write_the_same_tables_as_one_process(model_dir, seed_parsed, model_cache, tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "MIN_DOCS_PER_WORKER", 0)  # start the pool even for these few documents
    loaded = corpus.from_texts([seed_parsed.corpus.loc[0, "text"], *TEXTS])
    options = {"model_dir": model_dir, "cache": model_cache, "partition_size": 2, "progress": False}
    here = engine.process(loaded, tmp_path / "here", workers=1, **options)
    pooled = engine.process(loaded, tmp_path / "pool", workers=2, **options)
    assert read_all(tmp_path / "pool") == read_all(tmp_path / "here")
    assert (tmp_path / "pool" / "corpus.conllu").read_bytes() == (tmp_path / "here" / "corpus.conllu").read_bytes()
    assert pooled["workers"] == 2 and pooled["torch_threads"] == max(1, nlp.cpu_count() // 2)


def test_a_run_with_little_to_parse_stays_in_this_process(fake_models, tmp_path):
    root, pipeline = fake_models  # patched into this process only: a worker process would not see it
    loaded = corpus.from_texts(TEXTS)
    summary = engine.process(loaded, tmp_path / "e", model_dir=root, cache=tmp_path / "c", workers=2, progress=False)
    assert summary["workers"] == 1 and summary["n_parsed"] == len(TEXTS) and pipeline.calls


@pytest.mark.parametrize("documents, workers, size, expected", [
    (1000, 1, 100, 100),   # one process: the partition size as given
    (1000, 2, 100, 100),   # ten partitions, five each
    (500, 2, 100, 63),     # eight partitions rather than five (three and two)
    (30, 2, 100, 10),      # never fewer than ten documents a partition
    (5, 4, 2, 2),          # nor more than asked for
])
def test_partitions_are_cut_so_that_every_worker_gets_several(documents, workers, size, expected):
    assert engine.balanced_partition_size(documents, workers, size) == expected


@pytest.mark.parametrize("value, expected", [("", 8), ("3", 3)])
def test_default_workers_are_the_cores_or_kit_workers(value, expected, monkeypatch):
    monkeypatch.setattr(nlp, "cpu_count", lambda: 8)
    monkeypatch.setenv("KIT_WORKERS", value)
    assert engine.default_workers() == expected


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_bad_kit_workers_is_named(value, monkeypatch):
    monkeypatch.setenv("KIT_WORKERS", value)
    with pytest.raises(ValueError, match=f"KIT_WORKERS={value!r}"):
        engine.default_workers()


def test_a_repaired_cache_entry_is_reported_by_the_engine(fake_models, tmp_path):
    root, _ = fake_models
    loaded = corpus.from_texts(TEXTS[:2])
    engine.process(loaded, tmp_path / "e", model_dir=root, cache=tmp_path / "c", progress=False)
    entry = sorted((tmp_path / "c").rglob("*.kitdoc"))[0]
    entry.write_bytes(b"damaged")
    shutil.rmtree(tmp_path / "c" / results.FOLDER)  # else the run reuses its results and reads no parse
    with pytest.warns(nlp.ParseWarning, match="cache entry .* is unusable .*re-parsing"):
        summary = engine.process(loaded, tmp_path / "e", model_dir=root, cache=tmp_path / "c", progress=False)
    assert summary["n_failed"] == 0 and summary["n_parsed"] == 1


def test_an_unwritable_cache_is_reported_and_the_run_completes(fake_models, tmp_path):
    root, _ = fake_models
    blocked = tmp_path / "a_file"
    blocked.write_text("a file where the cache folder should be")
    loaded = corpus.from_texts(TEXTS)
    with pytest.warns(nlp.ParseWarning, match="parse cache .*a_file is not writable; this run uses a private cache"):
        summary = engine.process(loaded, tmp_path / "e", model_dir=root, cache=blocked, progress=False)
    assert summary["n_documents"] == len(TEXTS) and summary["n_failed"] == 0
    assert read_all(tmp_path / "e") == in_memory(loaded, root, tmp_path / "m")


def test_the_dask_cluster_refuses_a_client_without_its_credentials(monkeypatch):
    """The kit's LocalCluster speaks TLS with a certificate made for it: a plain connection gets nowhere."""
    import distributed

    started = []

    class Recorded(distributed.LocalCluster):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

    monkeypatch.setattr(distributed, "LocalCluster", Recorded)
    monkeypatch.setattr("dask.distributed.LocalCluster", Recorded)
    with engine._executor("dask", 1, None, False):
        (cluster,) = started
        address = cluster.scheduler_address
        assert address.startswith("tls://127.0.0.1:")
        with pytest.raises((OSError, TimeoutError)):
            distributed.Client(address.replace("tls://", "tcp://"), timeout="3s")  # no TLS at all
        assert _tls_without_a_certificate(address) == "refused"


def _tls_without_a_certificate(address: str) -> str:
    """Speak TLS to the scheduler as a stranger would: no client certificate."""
    import socket
    import ssl

    host, port = address.removeprefix("tls://").rsplit(":", 1)
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection((host, int(port)), timeout=5) as raw, context.wrap_socket(raw) as tls:
            tls.sendall(b"hello")
            return "refused" if tls.recv(1) == b"" else "accepted"  # TLS 1.3 reports a refusal on the first read
    except (ssl.SSLError, ConnectionError):
        return "refused"
