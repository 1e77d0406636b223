"""The steps of a run as plain functions over batches; ``flows/`` wires them into Prefect.

A run stages every batch's rows as Parquet part files (so no step holds the whole corpus), then
validates the staged tables once and publishes them.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsmine import PIPELINE_VERSION, store
from newsmine.extract import Extraction, extract_batch
from newsmine.ingest import Article, IngestResult, Reject, discover, read_batch
from newsmine.nlp import load
from newsmine.report import RunSummary, nothing_usable
from newsmine.settings import Settings
from newsmine.store import Where
from newsmine.tables import ALL, EXTRACTED, PARTITION_COLUMN, QUARANTINE, REJECTS, VALIDATED, VALIDATION_RESULTS
from newsmine.validation import Outcome, Validation, text_lengths

ARTICLES = VALIDATED["articles"]


def new_run_id(now: datetime | None = None) -> str:
    """A sortable, unique run id: ``20231202T101500Z-3fa9c1``."""
    now = now or datetime.now(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"


@dataclass
class StagedBatch:
    """A batch of articles staged for extraction (kept small: the flow holds a list of these)."""

    part: int
    articles: int


@dataclass
class IngestSummary:
    files: int = 0
    articles: int = 0
    skipped: int = 0
    rejected: int = 0
    batches: list[StagedBatch] = field(default_factory=list)


def published_versions(out_dir: Where) -> dict[str, str]:
    """Article ids already published, with the pipeline version that extracted them."""
    table = store.read_table(out_dir, ARTICLES, columns=["article_id", "pipeline_version"])
    return dict(zip(table.column("article_id").to_pylist(), table.column("pipeline_version").to_pylist(), strict=True))


def is_new(article: Article, done: dict[str, str]) -> bool:
    """Not yet published by this pipeline version (``done``: see :func:`published_versions`)."""
    return done.get(article.article_id) != PIPELINE_VERSION


def article_row(article: Article, run_id: str, ingested_at: datetime) -> dict[str, Any]:
    return {
        "article_id": article.article_id,
        "source": article.source,
        "published_date": article.published_date,
        "title": article.title,
        "url": article.url,
        "text": article.text,
        "word_count": article.word_count,
        "content_sha256": article.content_sha256,
        "warning": article.warning,
        "ingested_at": ingested_at,
        "run_id": run_id,
        "pipeline_version": PIPELINE_VERSION,
        PARTITION_COLUMN: article.published_date.strftime("%Y-%m"),
    }


def reject_rows(rejects: Sequence[Reject], run_id: str, now: datetime) -> list[dict[str, Any]]:
    """Rejects as rows of the ``rejects`` table."""
    return [
        {"run_id": run_id, "source": r.source, "reason": r.reason, "message": r.message, "rejected_at": now}
        for r in rejects
    ]


def stage_ingest(
    sources: Sequence[str],
    settings: Settings,
    run_id: str,
    part: int,
    today: date,
    seen: dict[str, str],
    done: dict[str, str],
    full_refresh: bool,
) -> tuple[IngestResult, int]:
    """Read a batch of raw files (relative to the raw folder) and stage its new articles and its rejects.

    Articles already published by this pipeline version are skipped unless ``full_refresh``.

    Returns:
        What was read, and how many articles were skipped as already published.
    """
    result = read_batch(settings.raw_dir, sources, today, settings.max_file_bytes, seen)
    now = datetime.now(UTC)
    fresh = [a for a in result.articles if full_refresh or is_new(a, done)]
    stage = store.staging_dir(settings.out_dir, run_id)
    store.write_part(stage, ARTICLES, part, [article_row(a, run_id, now) for a in fresh])
    store.write_part(stage, REJECTS, part, reject_rows(result.rejects, run_id, now))
    return IngestResult(fresh, result.rejects), len(result.articles) - len(fresh)


def nothing_new(
    settings: Settings, today: date, found: tuple[list[str], list[Reject]] | None = None
) -> IngestSummary | None:
    """The ingest summary of a run with nothing to do, or None as soon as something is to do.

    Nothing to do: every raw file holds only articles this pipeline version already published, and
    none is rejected (a rejected file is reported again on every run). Reads, never writes; stops
    at the first new article, so it costs little when there is work. ``found``: what
    :func:`newsmine.ingest.discover` returned for the raw folder, when the caller has it.
    """
    files, link_rejects = found or discover(settings.raw_dir)
    if not files or link_rejects:
        return None
    done = published_versions(settings.out_dir)
    seen: dict[str, str] = {}
    skipped = 0
    for source in files:
        result = read_batch(settings.raw_dir, [source], today, settings.max_file_bytes, seen)
        if result.rejects or any(is_new(a, done) for a in result.articles):
            return None
        skipped += len(result.articles)
    return IngestSummary(files=len(files), skipped=skipped)


def read_staged_articles(out_dir: Where, run_id: str, part: int) -> list[Article]:
    """The articles of one staged batch."""
    source = store.staging_dir(out_dir, run_id) / ARTICLES.name / f"part-{part:05d}.parquet"
    with source.open("rb") as handle:
        columns = ["article_id", "source", "published_date", "text", "title", "url"]
        rows = pq.read_table(handle, columns=columns).to_pylist()
    return [Article(**row) for row in rows]


def extraction_rows(extraction: Extraction, months: dict[str, str], run_id: str) -> dict[str, list[dict[str, Any]]]:
    """Records as rows of their tables, with lineage and partition columns."""
    out: dict[str, list[dict[str, Any]]] = {}
    for name in EXTRACTED:
        rows = []
        for record in getattr(extraction, name):
            row = dict(record.__dict__)
            row["run_id"] = run_id
            row["pipeline_version"] = PIPELINE_VERSION
            row[PARTITION_COLUMN] = months[record.article_id]
            rows.append(row)
        out[name] = rows
    return out


def stage_extract(settings: Settings, run_id: str, part: int) -> dict[str, int]:
    """Extract one staged batch with the (once-per-process) model; stage its rows by table."""
    articles = read_staged_articles(settings.out_dir, run_id, part)
    extraction = extract_batch(load(settings.model), articles)
    months = {a.article_id: a.published_date.strftime("%Y-%m") for a in articles}
    stage = store.staging_dir(settings.out_dir, run_id)
    rows = extraction_rows(extraction, months, run_id)
    return {name: store.write_part(stage, EXTRACTED[name], part, table_rows) for name, table_rows in rows.items()}


def staged_rejects(out_dir: Where, run_id: str) -> list[dict[str, str]]:
    """The run's staged rejects: source, reason and message of each."""
    rows = store.read_parts(store.staging_dir(out_dir, run_id), REJECTS, columns=["source", "reason", "message"])
    return [{k: str(v or "") for k, v in row.items()} for row in rows.to_pylist()]


def run_summary(
    run_id: str, ingest: IngestSummary, outcome: Outcome | None = None, rejects: Sequence[dict[str, str]] = ()
) -> RunSummary:
    """The summary of a run from what it ingested and what validation decided (None: nothing new).

    A run whose inputs were all rejected fails with "nothing usable" (see :func:`report.nothing_usable`).
    """
    counts = outcome.counts() if outcome else {}
    rows = {name: c[0] for name, c in counts.items()}
    failed = outcome.failed_reason if outcome else None
    failed = failed or nothing_usable(rows.get("articles", 0), ingest.skipped, ingest.rejected)
    return RunSummary(
        run_id=run_id,
        status="failed" if failed else "passed",
        files=ingest.files,
        articles=ingest.articles,
        skipped=ingest.skipped,
        rejected=ingest.rejected,
        rows=rows,
        quarantined={name: c[1] for name, c in counts.items()},
        failed_reason=failed,
        rejects=list(rejects),
    )


def staged_titles(out_dir: Where, run_id: str) -> dict[str, str]:
    """The run's staged articles by id: their title, or their source when they have none."""
    cols = store.read_parts(store.staging_dir(out_dir, run_id), ARTICLES, columns=["article_id", "title", "source"])
    return {row["article_id"]: row["title"] or row["source"] for row in cols.to_pylist()}


def superseded(out_dir: Where, articles: pa.Table) -> set[str]:
    """Published article ids whose source file now holds a different article (the file changed)."""
    if not articles.num_rows:
        return set()
    published = store.read_table(out_dir, ARTICLES, columns=["article_id", "source"]).to_pylist()
    new = dict(zip(articles.column("source").to_pylist(), articles.column("article_id").to_pylist(), strict=True))
    return {row["article_id"] for row in published if row["source"] in new and new[row["source"]] != row["article_id"]}


def run_row(
    run_id: str,
    started_at: datetime,
    status: str,
    message: str | None,
    ingest: IngestSummary | None,
    rows: dict[str, int],
    quarantined: int,
) -> dict[str, Any]:
    """The run's row of the ``runs`` table."""
    ingest = ingest or IngestSummary()
    return {
        "run_id": run_id,
        "started_at": started_at,
        "finished_at": datetime.now(UTC),
        "status": status,
        "message": message,
        "pipeline_version": PIPELINE_VERSION,
        "files": ingest.files,
        "articles_seen": ingest.articles + ingest.skipped,
        "articles_new": ingest.articles,
        "articles_skipped": ingest.skipped,
        "inputs_rejected": ingest.rejected,
        **{f"rows_{name}": rows.get(name, 0) for name in VALIDATED},
        "rows_quarantined": quarantined,
    }


def check_and_publish(settings: Settings, run_id: str, ingested_on: date) -> Outcome:
    """Validate the run's staged tables, publish what passed, record quarantine and results.

    Memory stays bounded by a chunk, not by the run: the ``articles`` table is checked whole but
    without its text (its uniqueness spans the run), every other table in chunks of whole staged
    parts (``settings.validate_rows`` rows or more); the rows that pass are staged again by month,
    and each month's partition is then merged with what is already published, one month at a time.
    """
    stage = store.staging_dir(settings.out_dir, run_id)
    checked = stage / "_checked"
    if checked.is_dir():  # left by an attempt that failed part-way
        checked.rmtree()
    lengths: dict[str, int] = {}
    without_text = [ARTICLES.schema.empty_table().drop_columns(["text"])]
    for part in store.part_chunks(stage, ARTICLES, 1):  # one part's text in memory at a time
        lengths.update(text_lengths(part))
        without_text.append(part.drop_columns(["text"]))
    articles = pa.concat_tables(without_text)
    validation = Validation(settings, run_id, ingested_on, settings.reports_dir, lengths)
    kept = validation.check("articles", articles).column("article_id")
    for i, part in enumerate(store.part_chunks(stage, ARTICLES, 1)):
        store.write_months(checked, ARTICLES, i, part.filter(pc.is_in(part.column("article_id"), value_set=kept)))
    for name in EXTRACTED:
        table = VALIDATED[name]
        for i, chunk in enumerate(store.part_chunks(stage, table, settings.validate_rows)):
            store.write_months(checked, table, i, validation.check(name, chunk))
    outcome = validation.finish()
    replaced = set(articles.column("article_id").to_pylist()) | superseded(settings.out_dir, articles)
    del articles
    rejects = store.read_parts(stage, REJECTS).to_pylist()
    publication = store.Publication()
    try:
        # articles last: an article counts as done (and is skipped next time) only once every row of
        # it is in place, so a run that dies while renaming is completed by the next one.
        for name in [*EXTRACTED, "articles"]:
            store.prepare_months(settings.out_dir, VALIDATED[name], checked, replaced, publication, run_id)
    except BaseException:
        publication.abort()
        raise
    publication.commit()
    store.append_run(settings.out_dir, REJECTS, run_id, rejects)
    store.append_run(settings.out_dir, QUARANTINE, run_id, outcome.quarantine)
    store.append_run(
        settings.out_dir,
        VALIDATION_RESULTS,
        run_id,
        [
            {
                "run_id": run_id,
                "table": r.table,
                "expectation": r.name,
                "column": r.column,
                "severity": r.severity,
                "success": r.success,
                "element_count": r.element_count,
                "unexpected_count": len(r.unexpected_index),
            }
            for r in outcome.results
        ],
    )
    store.discard_staging(settings.out_dir, run_id)
    return outcome


__all__ = [
    "ALL",
    "IngestSummary",
    "StagedBatch",
    "check_and_publish",
    "new_run_id",
    "nothing_new",
    "published_versions",
    "run_summary",
    "stage_extract",
    "stage_ingest",
    "staged_rejects",
    "staged_titles",
]
