"""Validate: check the staged tables with Great Expectations, quarantine failures, publish, report."""

from datetime import UTC, datetime

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.extract import latest_staged_run
from newsmine import report, report_incidents, timeline
from newsmine.pipeline import IngestSummary, check_and_publish, run_summary, staged_rejects, staged_titles
from newsmine.report import RunSummary
from newsmine.settings import Settings
from newsmine.validation import build_docs


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def validate_and_publish(settings: Settings, run_id: str, ingest: IngestSummary | None) -> RunSummary:
    """Validate the run's staged tables once each, publish what passed, write quarantine and the report."""
    titles = staged_titles(settings.out_dir, run_id)
    rejects = staged_rejects(settings.out_dir, run_id)
    outcome = check_and_publish(settings, run_id, datetime.now(UTC).date())
    ingest = ingest or IngestSummary(articles=len(titles), rejected=len(rejects))
    summary = run_summary(run_id, ingest, outcome, rejects)
    with timeline.span("report"):
        touched = report_incidents.touched(settings.out_dir, run_id)
        report.write(settings.reports_dir, summary, outcome, titles, touched)
    return summary


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def build_data_docs(settings: Settings) -> str:
    """Build Great Expectations Data Docs into the reports folder."""
    with timeline.span("data docs"):
        return str(build_docs(settings.reports_dir))


@flow(name="newsmine-validate")
def validate_flow(
    out_dir: str | None = None,
    reports_dir: str | None = None,
    run_id: str | None = None,
    max_critical_share: float | None = None,
    ingest: IngestSummary | None = None,
) -> RunSummary:
    """Validate and publish a staged run (the latest when none is given)."""
    settings = Settings.from_env(out_dir=out_dir, reports_dir=reports_dir, max_critical_share=max_critical_share)
    run_id = run_id or latest_staged_run(settings.out_dir)
    summary = validate_and_publish(settings, run_id, ingest)
    build_data_docs(settings)
    get_run_logger().info("validation of %s: %s", run_id, summary.failed_reason or "passed")
    return summary
