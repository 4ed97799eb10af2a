"""Batch runs: the same dataset whatever the workers or the executor, and a cache that
re-reads exactly the documents that changed."""

from __future__ import annotations

import io
import os
import shutil
import signal
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from planharvest import job
from planharvest.batch.cache import CACHE_FOLDER, ResultCache
from planharvest.batch.cluster import SchedulerError, dask_executor
from planharvest.batch.pool import InOrder
from planharvest.cli import main
from planharvest.cli.progress import Progress
from planharvest.job import DocumentJob, DocumentResult
from planharvest.model import DocumentRecord
from planharvest.optionfiles import OptionText, read_option_file
from planharvest.pipeline import RunOptions, RunSummary, convert
from planharvest.settings import OwnerSettings, Settings
from tests.conftest import SAMPLES

#: Quick samples of both formats; one Word file also sits at a second path, same bytes.
CORPUS = {
    "plans/003_tower_hamlets_draft.pdf": "003_tower_hamlets_draft.pdf",
    "plans/003_tower_hamlets_draft.docx": "003_tower_hamlets_draft.docx",
    "plans/004_warwickshire_laa_2008.docx": "004_warwickshire_laa_2008.docx",
    "copies/004_again.docx": "004_warwickshire_laa_2008.docx",
}
DOCUMENTS = len(CORPUS)
#: Documents read: the twin's bytes are converted once, under the first path in order.
DISTINCT = DOCUMENTS - 1
COPY = "plans/004_warwickshire_laa_2008.docx"  # after copies/004_again.docx, same bytes
#: What a run's outputs hold that must not depend on workers, executor or cache.
COMPARED = ("actions.json", "actions.csv", "documents.csv", "review.csv")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for relative, sample in CORPUS.items():
        (folder / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SAMPLES / sample, folder / relative)
    (folder / "notes.txt").write_text("not a plan")  # listed as skipped, never read
    return folder


def outputs(out_dir: Path) -> dict[str, bytes]:
    return {name: (out_dir / name).read_bytes() for name in COMPARED}


def run(inputs: Path, out_dir: Path, **options: object) -> tuple[RunSummary, list[DocumentResult]]:
    """convert, with every result as the run reported it."""
    heard: list[DocumentResult] = []
    summary = convert([inputs], RunOptions(out_dir=out_dir, **options), progress=heard.append)
    return summary, heard


@pytest.fixture(scope="module")
def one_worker(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out_dir = tmp_path_factory.mktemp("one_worker")
    summary, heard = run(corpus, out_dir, workers=1)
    assert not any(r.cached for r in heard)
    records = {doc.path: doc for doc in summary.documents}
    assert [doc.status for doc in summary.documents].count("ok") == DISTINCT
    copy = records[COPY]
    assert copy.status == "skipped" and copy.actions_found == 0
    assert copy.error.startswith("same bytes as copies/004_again.docx")
    record_ids = [action.record_id for action in summary.actions]
    assert len(record_ids) == len(set(record_ids)) > 0  # the copy's rows are not listed twice
    return outputs(out_dir)


def test_two_workers_write_the_same_bytes_as_one(corpus: Path, one_worker: dict[str, bytes],
                                                 tmp_path: Path) -> None:
    summary, heard = run(corpus, tmp_path, workers=2)
    assert outputs(tmp_path) == one_worker
    assert len(heard) == DOCUMENTS + 1  # progress heard of every file, the skipped one too
    assert summary.pages == 5  # the PDF's pages; Word files have none


def test_rerun_reads_only_what_changed(corpus: Path, one_worker: dict[str, bytes],
                                       tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    out_dir = tmp_path / "out"
    run(folder, out_dir, workers=1)

    summary, heard = run(folder, out_dir, workers=2)
    assert summary.from_cache == DISTINCT  # nothing was read again
    assert sorted(r.record.path for r in heard if r.cached) == sorted(set(CORPUS) - {COPY})
    assert outputs(out_dir) == one_worker

    summary, heard = run(folder, out_dir, workers=1, use_cache=False)  # --no-cache
    assert summary.from_cache == 0 and not any(result.cached for result in heard)
    assert outputs(out_dir) == one_worker

    changed = folder / "plans/004_warwickshire_laa_2008.docx"
    with zipfile.ZipFile(changed, "a") as package:  # new bytes, same content
        package.comment = b"edited"
    summary, heard = run(folder, out_dir, workers=1)
    assert [r.record.path for r in heard if not r.cached and r.record.status == "ok"] == [
        "plans/004_warwickshire_laa_2008.docx"
    ]
    assert summary.from_cache == DOCUMENTS - 1
    new_sha = {doc.path: doc.sha256 for doc in summary.documents}
    assert new_sha["plans/004_warwickshire_laa_2008.docx"] != new_sha["copies/004_again.docx"]
    # The twins differ now: the copy (the old bytes) from the cache, the edited file read.
    assert new_sha["copies/004_again.docx"] in {doc.sha256 for doc in summary.documents
                                                 if doc.status == "ok"}
    assert len(list((out_dir / CACHE_FOLDER).glob("*/*.json"))) == DOCUMENTS


def test_dask_cluster_writes_the_same_bytes(corpus: Path, one_worker: dict[str, bytes],
                                            tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    # A real cluster: its worker is another process, reached over TCP, as with --scheduler.
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as cluster:
        summary, _ = run(corpus, tmp_path, scheduler=cluster.scheduler_address)
        ran = cluster.scheduler.task_prefixes["process_documents"].state_counts
    assert summary.from_cache == 0
    # Every distinct document was read on the cluster, one task each (no legacy files to send
    # together); the copy and notes.txt never sent.
    assert ran["memory"] == DISTINCT
    assert outputs(tmp_path) == one_worker


def test_cli_summary_counts_pages_and_cache_without_a_progress_bar(corpus: Path,
                                                                   tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["convert", str(corpus / "plans"), "--out", str(tmp_path), "--workers", "2"]
    first = runner.invoke(main, args)
    again = runner.invoke(main, args)
    forced = runner.invoke(main, [*args, "--no-cache"])
    assert first.exit_code == again.exit_code == forced.exit_code == 0, first.output
    assert "3 documents (3 ok, 0 failed, 0 skipped, 0 from cache), 5 pages" in first.stderr
    assert "3 from cache), 5 pages" in again.stderr
    assert "0 from cache), 5 pages" in forced.stderr
    assert "\r" not in first.stderr  # stderr is not a terminal: no live line


def test_the_live_line_counts_documents_pages_failures_and_cache(corpus: Path,
                                                                 tmp_path: Path) -> None:
    _, heard = run(corpus, tmp_path, workers=1)
    stream = io.StringIO()
    progress = Progress(stream, enabled=True)  # as on a terminal
    progress.start(len(heard))
    for result in heard:
        progress(result)
    progress.note("skipped: notes.txt: not a supported file type (.txt)")
    progress.close()
    last = stream.getvalue().split("\r")[-1]
    assert f"{len(heard)}/{len(heard)}" in last  # documents done of all
    assert "5 pages (" in last and "/s)" in last and "0 failed, 0 from cache" in last
    assert "skipped: notes.txt" in stream.getvalue()


def test_unreachable_scheduler_says_so() -> None:
    pytest.importorskip("distributed")
    unreachable = "tcp://127.0.0.1:9"
    with pytest.raises(SchedulerError, match=f"cannot reach the Dask scheduler at {unreachable}"):
        dask_executor(unreachable, timeout=1).__enter__()


@pytest.fixture
def killer(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The corpus plus ``kills_its_worker.docx``, whose reading SIGKILLs the process reading
    it, as the kernel does to a worker out of memory (pool workers are forked after the patch,
    so they inherit it)."""
    folder = tmp_path / "corpus"
    shutil.copytree(corpus, folder)
    shutil.copyfile(SAMPLES / "000_sensible_measures.docx", folder / "kills_its_worker.docx")
    real_read = job.read_content

    def read_content(path: Path, *args: object) -> object:
        if path.name == "kills_its_worker.docx":
            os.kill(os.getpid(), signal.SIGKILL)
        return real_read(path, *args)

    monkeypatch.setattr(job, "read_content", read_content)
    return folder


def cache_entries(out_dir: Path) -> int:
    return len(list((out_dir / CACHE_FOLDER).glob("*/*.json")))


def test_a_killed_worker_fails_its_document_only(killer: Path, one_worker: dict[str, bytes],
                                                 tmp_path: Path) -> None:
    summary, heard = run(killer, tmp_path / "out", workers=2)
    failed = {doc.path: doc.error for doc in summary.documents if doc.status == "failed"}
    assert list(failed) == ["kills_its_worker.docx"]
    assert "the process converting this file was killed or crashed" in failed[
        "kills_its_worker.docx"]
    assert len(heard) == DOCUMENTS + 2  # every document reported once, the killer too
    # The others' rows are exactly those of a run without the killer.
    assert (tmp_path / "out" / "actions.json").read_bytes() == one_worker["actions.json"]
    assert cache_entries(tmp_path / "out") == 3  # the three distinct good documents, not it

    summary, _ = run(killer, tmp_path / "out", workers=2)
    assert summary.from_cache == DISTINCT  # the failure was not cached: it is tried again
    assert [doc.path for doc in summary.failed] == ["kills_its_worker.docx"]


def test_on_a_callers_pool_a_killed_worker_fails_what_it_held_and_nothing_is_cached(
        killer: Path, tmp_path: Path) -> None:
    # A pool the caller owns is not ours to replace: what it held fails, the batch finishes.
    with ProcessPoolExecutor(max_workers=1) as executor:
        summary = convert([killer], RunOptions(out_dir=tmp_path), executor=executor)
    failed = [doc for doc in summary.documents if doc.status == "failed"]
    assert "kills_its_worker.docx" in [doc.path for doc in failed]
    assert all("the process converting this file was killed" in doc.error for doc in failed)
    ok = {doc.sha256 for doc in summary.documents if doc.status == "ok"}
    assert cache_entries(tmp_path) == len(ok)


def _job(tmp_path: Path, **fields: object) -> DocumentJob:
    return replace(DocumentJob(path=str(tmp_path / "a.pdf"), relative="a.pdf",
                               settings=Settings(), sha256="0" * 64), **fields)


def test_cache_key_follows_everything_the_rows_depend_on(tmp_path: Path) -> None:
    owners = tmp_path / "owners.csv"
    owners.write_text("name,aliases\nLeicestershire DAAT,DAAT\n")
    cache = ResultCache(tmp_path)
    listed = read_option_file(owners)
    base = cache.key(_job(tmp_path, owners_file=listed))
    assert base == cache.key(_job(tmp_path, owners_file=listed, relative="b/a.pdf",
                                  path="/elsewhere/a.pdf", debug=True))
    # the same text given another way (a pipe, another copy) is the same list
    assert base == cache.key(_job(tmp_path, owners_file=OptionText("/dev/fd/63", listed.text)))
    differs = [
        _job(tmp_path, owners_file=listed, sha256="1" * 64),
        _job(tmp_path, owners_file=listed,
             settings=Settings(owners=OwnerSettings(confident_score=80.0))),
        _job(tmp_path, owners_file=listed, owner_aliases=(("Leicestershire DAAT", "LD"),)),
        _job(tmp_path),
    ]
    assert all(cache.key(job) != base for job in differs)
    owners.write_text("name,aliases\nLeicestershire DAAT,DAAT;LDAAT\n")
    assert ResultCache(tmp_path).key(_job(tmp_path, owners_file=read_option_file(owners))) != base
    assert cache.key(_job(tmp_path, sha256="")) is None  # not hashed yet: no key


def test_cache_key_follows_every_branch_of_the_settings(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    defaults = Settings()
    base = cache.key(_job(tmp_path))
    changed = [
        replace(defaults, pdf=replace(defaults.pdf, x_tolerance=2.0)),
        replace(defaults, ocr=replace(defaults.ocr, language="eng+cym")),
        replace(defaults, limits=replace(defaults.limits, max_pages=10)),
        replace(defaults, headers=replace(defaults.headers, match_cutoff=80.0)),
    ]
    keys = {cache.key(_job(tmp_path, settings=settings)) for settings in changed}
    assert base not in keys and len(keys) == len(changed)
    assert cache.key(_job(tmp_path, settings=Settings())) == base  # equal trees, equal keys


def test_cache_stores_no_failure_and_keeps_other_entries_up_to_its_size(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put("aa" + "1" * 62, DocumentRecord(path="ok.pdf"), [])
    cache.put("aa" + "2" * 62, DocumentRecord(path="bad.pdf", status="failed", error="x"), [])
    again = ResultCache(tmp_path)
    assert again.get("aa" + "1" * 62, "moved/ok.pdf").record.path == "moved/ok.pdf"
    assert again.get("aa" + "2" * 62, "bad.pdf") is None
    assert ResultCache(tmp_path, read=False).get("aa" + "1" * 62, "ok.pdf") is None
    assert ResultCache(tmp_path).prune() == 0  # another run's entry, within the size
    assert ResultCache(tmp_path, max_bytes=0).prune() == 1  # beyond it
    assert again.get("aa" + "1" * 62, "ok.pdf") is None


def test_in_order_releases_only_what_follows_on() -> None:
    in_order: InOrder[str] = InOrder()
    in_order.add(2, "c")
    in_order.add(1, "b")
    assert list(in_order.release()) == []
    in_order.add(0, "a")
    assert list(in_order.release()) == ["a", "b", "c"]
