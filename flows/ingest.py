"""Ingest: read raw files in batches, stage new articles and rejects.

Batches are staged one after another, in discovery order (duplicates are decided across the run,
the first copy wins); within a batch, pages are parsed by the model worker processes
(:mod:`newsmine.workers`, the pool that extraction uses next) in chunks, and a WARC archive is
streamed here while its pages are parsed there (see :mod:`newsmine.ingest.parallel`).
"""

from datetime import UTC, datetime

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newsmine import head_start, preflight, store
from newsmine.location import Location
from newsmine.pipeline import (
    IngestSummary,
    StagedBatch,
    batches,
    new_run_id,
    published_versions,
    reject_rows,
    stage_ingest,
    workers_for,
)
from newsmine.settings import Settings
from newsmine.tables import REJECTS
from newsmine.workers import model_pool


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def ingest_batch(
    sources: list[str],
    settings: Settings,
    run_id: str,
    part: int,
    seen: dict[str, str],
    done: dict[str, tuple[str, str]],
    full_refresh: bool,
    workers: int = 0,
) -> tuple[StagedBatch, int, int, dict[str, str]]:
    """Read one batch of raw files and stage its articles and rejects (or take the batch as the
    run's head start staged it: :mod:`newsmine.head_start`).

    ``workers``: parse in this machine's pool of that many model workers; 0: in this process.
    """
    head = head_start.current(run_id)
    taken = head.take_ingest(part, sources, seen) if head is not None else None
    if taken is not None:  # staged by the run's head start, before the flow started
        return taken
    seen = dict(seen)  # a retried attempt must not see ids from the failed one
    today = datetime.now(UTC).date()
    pool = model_pool(settings.model, workers) if workers else None
    result, skipped = stage_ingest(sources, settings, run_id, part, today, seen, done, full_refresh, pool)
    return StagedBatch(part, len(result.articles)), len(result.rejects), skipped, seen


@flow(name="newsmine-ingest")
def ingest_flow(
    raw_dir: str | None = None,
    out_dir: str | None = None,
    run_id: str | None = None,
    batch_size: int | None = None,
    full_refresh: bool = False,
    crawl_date_fallback: bool | None = None,
    model: str | None = None,
    workers: int | None = None,
    pooled: bool = True,
) -> tuple[str, IngestSummary]:
    """Read the raw folder into staged articles and rejects.

    ``pooled``: parse pages in this machine's model workers (``workers`` of them at most), unless
    the raw or output folder is in this process's memory (workers cannot see it, or would be
    started for ingest alone); otherwise here.
    """
    settings = Settings.from_env(
        raw_dir=raw_dir,
        out_dir=out_dir,
        batch_size=batch_size,
        crawl_date_fallback=crawl_date_fallback,
        model=model,
        workers=workers,
    )
    run_id = run_id or new_run_id()
    preflight.raw_folder(settings.raw_dir)
    files, link_rejects = preflight.raw_files(settings.raw_dir)
    head = head_start.current(run_id)
    # what is published, as the head start read it before it staged anything
    done = head.done if head is not None else ({} if full_refresh else published_versions(settings.out_dir))
    summary = IngestSummary(files=len(files) + len(link_rejects))
    stage = store.staging_dir(settings.out_dir, run_id)
    now = datetime.now(UTC)
    summary.rejected += store.write_part(stage, REJECTS, 0, reject_rows(link_rejects, run_id, now))
    seen: dict[str, str] = {}
    in_memory = Location(settings.raw_dir).in_process or Location(settings.out_dir).in_process
    parsers = workers_for(settings, files) if pooled and not in_memory else 0
    for part, sources in enumerate(batches(files, settings.batch_size), start=1):
        batch, rejected, skipped, seen = ingest_batch(
            sources, settings, run_id, part, seen, done, full_refresh, parsers
        )
        summary.rejected += rejected
        summary.skipped += skipped
        summary.articles += batch.articles
        if batch.articles:
            summary.batches.append(batch)
    get_run_logger().info(
        "run %s: %d files, %d new articles, %d unchanged, %d rejected",
        run_id,
        summary.files,
        summary.articles,
        summary.skipped,
        summary.rejected,
    )
    return run_id, summary
