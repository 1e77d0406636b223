"""Extract: run the spaCy model and the extractors over staged batches, one task per batch.

On this machine (the ``local`` runner) each task is a thread that hands its batch to a model worker
process (:mod:`newsmine.workers`) and waits: the workers load the model once, import no Prefect,
and may have been started before the flow. On Dask, tasks extract in the Dask workers.
"""

import time
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from newsmine import head_start, staged_checks, store
from newsmine.errors import E_RUNNER, NewsmineError
from newsmine.location import Location
from newsmine.pipeline import StagedBatch, stage_extract
from newsmine.settings import Settings
from newsmine.tables import VALIDATED
from newsmine.workers import model_pool, run_here

ARTICLES = VALIDATED["articles"]


@task(cache_policy=NO_CACHE)
def extract_batch(settings: Settings, run_id: str, part: int, pooled: bool) -> dict[str, int]:
    """Extract figures, dates, entities and quotes from one staged batch.

    ``pooled``: in this machine's pool of ``settings.workers`` model workers (or, when the run's
    head start began it there, :mod:`newsmine.head_start`, by waiting on it); otherwise right here
    (in a Dask worker, or in the flow's process when the output folder lives in its memory).
    """
    if pooled:
        head = head_start.current(run_id)
        begun = head.take_extraction(part) if head is not None else None  # begun before the flow
        future = begun or model_pool(settings.model, settings.workers).submit(stage_extract, settings, run_id, part)
        return future.result()
    return run_here(stage_extract, settings, run_id, part)


RUNNERS = ("local", "dask")


def task_runner(workers: int, runner: str = "local", dask_address: str | None = None) -> TaskRunner[Any]:
    """The task runner for extraction batches.

    ``local``: one thread per worker, each waiting on a batch in a model worker process (spaCy is
    CPU-bound: the processes do the work). ``dask``: a Dask cluster through prefect-dask, at
    ``dask_address`` or a LocalCluster of ``workers`` single-threaded processes on 127.0.0.1. Each
    process loads the model once.
    """
    if runner == "dask":
        from prefect_dask import DaskTaskRunner

        if dask_address:
            return DaskTaskRunner(address=dask_address)
        cluster = {
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "host": "127.0.0.1",
            "dashboard_address": None,
        }
        return DaskTaskRunner(cluster_kwargs=cluster)
    if runner != "local":
        raise NewsmineError(E_RUNNER, f"unknown runner {runner!r}", f"choose one of {', '.join(RUNNERS)}")
    return ThreadPoolTaskRunner(max_workers=workers)


def staged_batches(out_dir: str, run_id: str) -> list[StagedBatch]:
    """The batches a run staged (when this flow runs on its own)."""
    parts = store.part_files(store.staging_dir(out_dir, run_id), ARTICLES)
    return [StagedBatch(store.part_number(p), 0) for p in parts]


def latest_staged_run(out_dir: str) -> str:
    """The most recent run with staged data."""
    staging = Location(out_dir) / store.STAGING
    runs = [p.name for p in staging.children() if p.is_dir()]
    if not runs:
        raise FileNotFoundError(f"no staged run under {staging}: run the ingest flow first")
    return runs[-1]


@flow(name="newsmine-extract")
def extract_flow(
    out_dir: str | None = None,
    run_id: str | None = None,
    model: str | None = None,
    batches: list[StagedBatch] | None = None,
    workers: int | None = None,
    local: bool = True,
) -> dict[str, int]:
    """Extract every staged batch of a run (the latest staged run when none is given).

    ``local``: in this machine's model worker processes, ``workers`` of them (default: settings,
    all cores), or in this process when the output folder is in its memory; otherwise in the task
    runner's own workers (Dask).
    """
    settings = Settings.from_env(out_dir=out_dir, model=model, workers=workers)
    run_id = run_id or latest_staged_run(settings.out_dir)
    batches = batches if batches is not None else staged_batches(settings.out_dir, run_id)
    logger = get_run_logger()
    total = sum(b.articles for b in batches)
    done, rows = 0, dict[str, int]()
    started = time.monotonic()
    # model workers cannot see a folder that lives in this process's memory: extract here then
    pooled = local and not Location(settings.out_dir).in_process
    futures = {extract_batch.submit(settings, run_id, b.part, pooled): b for b in batches}
    checks = staged_checks.current(run_id)  # open when the pipeline checks batches as they come
    for finished, future in enumerate(as_completed(list(futures)), start=1):
        for name, count in future.result().items():
            rows[name] = rows.get(name, 0) + count
        if checks is not None:  # checked in the background once a core is free of model work
            busy = min(len(futures) - finished, settings.workers) if pooled else 0
            checks.extracted([futures[future].part], busy)
        done += futures[future].articles
        rate = done / max(time.monotonic() - started, 1e-9)
        logger.info(
            "extracted %d/%d articles, %.1f articles/s, about %.0f s left",
            done,
            total,
            rate,
            (total - done) / rate if rate else 0.0,
        )
    return rows
