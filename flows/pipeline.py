"""The pipeline: ingest, extract and validate in order, then a summary artifact."""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.client.orchestration import get_client
from prefect.exceptions import TerminationSignal

from flows.extract import extract_flow, task_runner
from flows.ingest import ingest_flow
from flows.validate import validate_flow
from newsmine import head_start, preflight, report, staged_checks, store, timeline
from newsmine.errors import E_VALIDATION, NewsmineError
from newsmine.lock import run_lock
from newsmine.pipeline import new_run_id, record_stopped, run_row, run_summary
from newsmine.report import RunSummary
from newsmine.settings import Settings
from newsmine.tables import ALL
from newsmine.validation import prepare


class RunFailed(NewsmineError):
    """Validation failed the run; carries the summary so that callers can still print it."""

    def __init__(self, summary: RunSummary, report_page: str) -> None:
        super().__init__(E_VALIDATION, summary.failed_reason or "validation failed", f"see {report_page}")
        self.summary = summary
        self.report_page = report_page

    def __reduce__(self) -> tuple[type["RunFailed"], tuple[RunSummary, str]]:  # type: ignore[override]
        return type(self), (self.summary, self.report_page)


@contextmanager
def api_url_exported() -> Iterator[None]:
    """Put this run's API URL in the environment while Dask worker processes start.

    Dask's local workers run Prefect tasks and read the environment, not this process's settings:
    without it, each would start a temporary server of its own (seconds each) and report its task
    runs there. (Model workers of the local runner run no Prefect code.)
    """
    previous = os.environ.get("PREFECT_API_URL")
    os.environ["PREFECT_API_URL"] = str(get_client(sync_client=True).api_url).rstrip("/")
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PREFECT_API_URL", None)
        else:
            os.environ["PREFECT_API_URL"] = previous


@flow(name="newsmine-pipeline")
def pipeline(
    raw_dir: str | None = None,
    out_dir: str | None = None,
    reports_dir: str | None = None,
    model: str | None = None,
    batch_size: int | None = None,
    workers: int | None = None,
    full_refresh: bool = False,
    max_critical_share: float | None = None,
    runner: str = "local",
    dask_address: str | None = None,
    crawl_date_fallback: bool | None = None,
    run_id: str | None = None,
) -> RunSummary:
    """Run ingest, extract and validate over the raw folder; publish validated Parquet.

    ``run_id``: the run's id when the command line chose it (its head start staged batches under
    it, :mod:`newsmine.head_start`); otherwise a new one.
    """
    settings = Settings.from_env(
        raw_dir=raw_dir,
        out_dir=out_dir,
        reports_dir=reports_dir,
        model=model,
        batch_size=batch_size,
        workers=workers,
        max_critical_share=max_critical_share,
        crawl_date_fallback=crawl_date_fallback,
    )
    preflight.paths(settings)
    timeline.mark("flow", "start")
    logger = get_run_logger()
    started = datetime.now(UTC)
    with run_lock(settings.out_dir):
        run_id, ingest = run_id or new_run_id(started), None
        stale = store.clean_stale_staging(settings.out_dir, keep=run_id)
        if stale:
            logger.warning("removed staging of runs that did not finish: %s", ", ".join(stale))
        try:
            run_id, ingest = ingest_flow(
                str(settings.raw_dir),
                str(settings.out_dir),
                run_id,
                settings.batch_size,
                full_refresh,
                settings.crawl_date_fallback,
                settings.model,
                settings.workers,
                runner == "local",  # on Dask, the model lives in the cluster's workers: parse here
            )
            if ingest.articles or ingest.rejected:
                # Great Expectations imports and builds its suites slowly: let it while the model works.
                threading.Thread(target=prepare, args=(settings,), name="prepare-gx", daemon=True).start()
                # each batch is checked once extracted, on cores the model leaves idle
                staged_checks.start(settings, run_id, started.date())
                # more processes than batches would only pay the start-up of idle workers
                workers = min(settings.workers, max(1, len(ingest.batches)))
                chosen = task_runner(workers, runner, dask_address)
                extract = extract_flow.with_options(task_runner=chosen)
                with api_url_exported():
                    extract(str(settings.out_dir), run_id, settings.model, ingest.batches, workers, runner == "local")
                summary = validate_flow(
                    str(settings.out_dir), str(settings.reports_dir), run_id, settings.max_critical_share, ingest
                )
            else:
                logger.info("nothing new: %d articles already published", ingest.skipped)
                store.discard_staging(settings.out_dir, run_id)
                summary = run_summary(run_id, ingest)
                report.write(settings.reports_dir, summary, None, {})
        except BaseException as exc:
            head_start.end(run_id)  # nothing more is staged once the run stops
            # Ctrl-C, or SIGTERM (which Prefect turns into TerminationSignal in a flow): publish nothing
            interrupted = isinstance(exc, KeyboardInterrupt | TerminationSignal)
            record_stopped(settings.out_dir, run_id, started, exc, interrupted, ingest)
            raise
        finally:
            head_start.end(run_id)
            staged_checks.close(run_id)  # published, or given up
        quarantined = sum(summary.quarantined.values())
        row = run_row(run_id, started, summary.status, summary.failed_reason, ingest, summary.rows, quarantined)
        store.append_run(settings.out_dir, ALL["runs"], run_id, [row])
    timeline.mark("flow", "end")
    create_markdown_artifact(summary.markdown(), key="newsmine-run-summary", description="newsmine run summary")
    page = str(settings.reports_dir / "latest.html")
    logger.info("run %s %s; report: %s", run_id, summary.status, page)
    if summary.failed_reason:
        raise RunFailed(summary, page)
    return summary


if __name__ == "__main__":
    pipeline()
