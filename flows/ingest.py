"""Ingest: read raw files in batches, stage new articles and rejects."""

from datetime import UTC, datetime

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from newsmine import preflight, store
from newsmine.pipeline import (
    IngestSummary,
    StagedBatch,
    new_run_id,
    published_versions,
    reject_rows,
    stage_ingest,
)
from newsmine.settings import Settings
from newsmine.tables import REJECTS


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def ingest_batch(
    sources: list[str],
    settings: Settings,
    run_id: str,
    part: int,
    seen: dict[str, str],
    done: dict[str, tuple[str, str]],
    full_refresh: bool,
) -> tuple[StagedBatch, int, int, dict[str, str]]:
    """Read one batch of raw files and stage its articles and rejects."""
    seen = dict(seen)  # a retried attempt must not see ids from the failed one
    today = datetime.now(UTC).date()
    result, skipped = stage_ingest(sources, settings, run_id, part, today, seen, done, full_refresh)
    return StagedBatch(part, len(result.articles)), len(result.rejects), skipped, seen


@flow(name="newsmine-ingest")
def ingest_flow(
    raw_dir: str | None = None,
    out_dir: str | None = None,
    run_id: str | None = None,
    batch_size: int | None = None,
    full_refresh: bool = False,
    crawl_date_fallback: bool | None = None,
) -> tuple[str, IngestSummary]:
    """Read the raw folder into staged articles and rejects."""
    settings = Settings.from_env(
        raw_dir=raw_dir, out_dir=out_dir, batch_size=batch_size, crawl_date_fallback=crawl_date_fallback
    )
    run_id = run_id or new_run_id()
    preflight.raw_folder(settings.raw_dir)
    files, link_rejects = preflight.raw_files(settings.raw_dir)
    done = {} if full_refresh else published_versions(settings.out_dir)
    summary = IngestSummary(files=len(files) + len(link_rejects))
    stage = store.staging_dir(settings.out_dir, run_id)
    now = datetime.now(UTC)
    summary.rejected += store.write_part(stage, REJECTS, 0, reject_rows(link_rejects, run_id, now))
    seen: dict[str, str] = {}
    size = settings.batch_size
    for part, start in enumerate(range(0, len(files), size), start=1):
        batch, rejected, skipped, seen = ingest_batch(
            files[start : start + size], settings, run_id, part, seen, done, full_refresh
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
