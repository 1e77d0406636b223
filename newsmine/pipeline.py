"""The steps of a run as plain functions over batches; ``flows/`` wires them into Prefect.

A run stages every batch's rows as Parquet part files (so no step holds the whole corpus), then
validates the staged tables once and publishes them.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsmine import PIPELINE_VERSION, staged_checks, store, timeline
from newsmine.extract import Extraction, extract_batch
from newsmine.incidents.runs import link_run
from newsmine.ingest import Article, IngestResult, Reject, discover, read_batch
from newsmine.ingest.parallel import Pool, read_batch_pooled
from newsmine.ingest.readers import Limits, format_of, is_page
from newsmine.location import Location
from newsmine.nlp import load
from newsmine.report import RunSummary, nothing_usable
from newsmine.settings import Settings
from newsmine.store import Where
from newsmine.tables import (
    ALL,
    EXTRACTED,
    PARTITION_COLUMN,
    QUARANTINE,
    REJECTS,
    VALIDATED,
    VALIDATION_RESULTS,
    Column,
    Table,
)
from newsmine.tables.incidents import FIGURE_INCIDENTS
from newsmine.validation import Outcome

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
    rejects: list[Reject] = field(default_factory=list)  # a run with nothing new: the inputs rejected again


def published_versions(out_dir: Where) -> dict[str, tuple[str, str]]:
    """Article ids already published, with the pipeline version that extracted them and their source."""
    table = store.read_table(out_dir, ARTICLES, columns=["article_id", "pipeline_version", "source"])
    ids, versions, sources = (table.column(c).to_pylist() for c in ("article_id", "pipeline_version", "source"))
    return {aid: (version, source) for aid, version, source in zip(ids, versions, sources, strict=True)}


def is_new(article: Article, done: dict[str, tuple[str, str]]) -> bool:
    """Not published by this pipeline version from where it is now (``done``: :func:`published_versions`).

    Identity is the content (the article id): an article that moved (a renamed file, a shifted
    JSONL line) is published again from its new place, so that ``source`` says where it is.
    """
    return done.get(article.article_id) != (PIPELINE_VERSION, article.source)


# Every article read by a run, new or unchanged: a published article still among them is never
# superseded. Staged only, never published.
SEEN = Table(
    name="_seen",
    doc="Articles read by the run (staging only).",
    columns=(Column("article_id", pa.string(), "The article."), Column("source", pa.string(), "Where it was read.")),
    key=("article_id",),
    partitioned=False,
)


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


def reading_limits(settings: Settings, today: date) -> Limits:
    """The readers' limits from the run's settings."""
    return Limits(today, settings.max_text_chars, settings.min_page_words, settings.crawl_date_fallback)


def batches(files: Sequence[str], size: int) -> list[list[str]]:
    """The run's batches of raw files, in discovery order: as few as batches of at most ``size``
    files allow, and as even as possible (sizes differ by one at most), so that no worker is left
    with a small last batch while the others wait. (Splitting the last batches finer makes the
    workers finish together, but then no core is free for the batches' checks before extraction
    ends, measured slower: :mod:`newsmine.staged_checks`.)"""
    if not files:
        return []
    count = -(-len(files) // size)
    small, extra = divmod(len(files), count)
    out, start = [], 0
    for i in range(count):
        end = start + small + (i < extra)
        out.append(list(files[start:end]))
        start = end
    return out


def workers_for(settings: Settings, files: Sequence[str]) -> int:
    """The worker processes a run of ``files`` (raw files) can keep busy: one per batch, all of
    them when an archive is among the files (its pages are parsed, and may be many batches)."""
    if any(format_of(f) == ".warc" for f in files):
        return settings.workers
    return min(settings.workers, -(-len(files) // settings.batch_size))


def stage_ingest(
    sources: Sequence[str],
    settings: Settings,
    run_id: str,
    part: int,
    today: date,
    seen: dict[str, str],
    done: dict[str, tuple[str, str]],
    full_refresh: bool,
    pool: Pool | None = None,
) -> tuple[IngestResult, int]:
    """Read a batch of raw files (relative to the raw folder) and stage its new articles and its rejects.

    Articles already published by this pipeline version are skipped unless ``full_refresh``.
    ``pool``: worker processes that parse the batch (:mod:`newsmine.ingest.parallel`), for the same
    result as reading it here.

    Returns:
        What was read, and how many articles were skipped as already published.
    """
    with timeline.span("ingest batch", part=part):
        limits = reading_limits(settings, today)
        if pool is None:
            result = read_batch(settings.raw_dir, sources, today, settings.max_file_bytes, seen, limits=limits)
        else:
            result = read_batch_pooled(pool, settings.raw_dir, sources, settings.max_file_bytes, seen, limits)
        now = datetime.now(UTC)
        fresh = [a for a in result.articles if full_refresh or is_new(a, done)]
        stage = store.staging_dir(settings.out_dir, run_id)
        store.write_part(stage, ARTICLES, part, [article_row(a, run_id, now) for a in fresh])
        store.write_part(stage, REJECTS, part, reject_rows(result.rejects, run_id, now))
        seen_rows = [{"article_id": a.article_id, "source": a.source} for a in result.articles]
        seen_rows += [{"article_id": aid, "source": ""} for aid in result.duplicate_ids]
        store.write_part(stage, SEEN, part, seen_rows)
        return IngestResult(fresh, result.rejects), len(result.articles) - len(fresh)


def nothing_new(
    settings: Settings, today: date, found: tuple[list[str], list[Reject]] | None = None
) -> IngestSummary | None:
    """The ingest summary of a run with nothing to do, or None as soon as something is to do.

    Nothing to do: every raw file holds only articles this pipeline version already published, and
    every input rejected was rejected, for the same reason, by the last run (a README or a broken
    link beside the articles does not make every scheduled run a full one; the run still records
    them in ``rejects``). Reads, never writes; stops at the first new article or new reject, so it
    costs little when there is work. ``found``: what :func:`newsmine.ingest.discover` returned for
    the raw folder, when the caller has it.
    """
    files, rejects = found or discover(settings.raw_dir)
    if not files:
        return None
    before = last_rejects(settings.out_dir)
    if any((r.source, r.reason) not in before for r in rejects):
        return None
    done = published_versions(settings.out_dir)
    seen: dict[str, str] = {}
    skipped = 0
    entries = len(files) + len(rejects)  # every entry of the folder, as a full run counts them
    rejects = list(rejects)
    for source in files:
        result = read_batch(
            settings.raw_dir, [source], today, settings.max_file_bytes, seen, limits=reading_limits(settings, today)
        )
        if any((r.source, r.reason) not in before for r in result.rejects) or any(
            is_new(a, done) for a in result.articles
        ):
            return None
        rejects += result.rejects
        skipped += len(result.articles)
    return IngestSummary(files=entries, skipped=skipped, rejected=len(rejects), rejects=rejects)


def last_rejects(out_dir: Where) -> set[tuple[str, str]]:
    """The (source, reason) of every input the most recent run rejected."""
    runs = store.read_table(out_dir, ALL["runs"], ["run_id", "started_at"]).to_pylist()
    if not runs:
        return set()
    latest = max(runs, key=lambda r: r["started_at"])["run_id"]
    rows = store.read_run(out_dir, REJECTS, latest, ["source", "reason"]).to_pylist()
    return {(r["source"], r["reason"]) for r in rows}


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
        for record in extraction[name]:
            row = dict(record.__dict__)
            row["run_id"] = run_id
            row["pipeline_version"] = PIPELINE_VERSION
            row[PARTITION_COLUMN] = months[record.article_id]
            rows.append(row)
        out[name] = rows
    return out


def _as_tables(rows: dict[str, list[dict[str, Any]]], failed: dict[str, str]) -> dict[str, pa.Table]:
    """The rows as Arrow tables; an article whose rows cannot be stored joins ``failed``, without its rows."""
    tables: dict[str, pa.Table] = {}
    for name, table_rows in rows.items():
        try:
            tables[name] = store.to_arrow(EXTRACTED[name], table_rows)
        except Exception:  # find the article whose rows do not fit the schema (it is rare: pay twice)
            by_article: dict[str, list[dict[str, Any]]] = {}
            for row in table_rows:
                by_article.setdefault(row["article_id"], []).append(row)
            culprits = 0
            for article_id, own in by_article.items():
                try:
                    store.to_arrow(EXTRACTED[name], own)
                except Exception as exc:
                    failed.setdefault(article_id, f"{name} row: {type(exc).__name__}: {exc}"[:500])
                    culprits += 1
            if not culprits:
                raise  # the table fails as a whole, not because of one article: not a reject
    if not failed:
        return tables
    return {
        name: store.to_arrow(EXTRACTED[name], [r for r in table_rows if r["article_id"] not in failed])
        for name, table_rows in rows.items()
    }


def stage_extract(settings: Settings, run_id: str, part: int) -> dict[str, int]:
    """Extract one staged batch with the (once-per-process) model; stage its rows by table.

    An article that fails (its parse, an extractor, or its rows' conversion) becomes a reject
    (``extraction_error``) and leaves the batch's staged articles; the rest of the batch goes on.
    """
    with timeline.span("extract batch", part=part):
        return _stage_extract(settings, run_id, part)


def _stage_extract(settings: Settings, run_id: str, part: int) -> dict[str, int]:
    articles = read_staged_articles(settings.out_dir, run_id, part)
    extraction = extract_batch(load(settings.model), articles)
    months = {a.article_id: a.published_date.strftime("%Y-%m") for a in articles}
    stage = store.staging_dir(settings.out_dir, run_id)
    failed = dict(extraction.failed)
    tables = _as_tables(extraction_rows(extraction, months, run_id), failed)
    if failed:
        now = datetime.now(UTC)
        rejects = [
            Reject(a.source, "extraction_error", failed[a.article_id]) for a in articles if a.article_id in failed
        ]
        store.write_part(stage, REJECTS, part, reject_rows(rejects, run_id, now), suffix="-extract")
        with (stage / ARTICLES.name / f"part-{part:05d}.parquet").open("rb") as handle:
            kept = pq.read_table(handle, schema=ARTICLES.schema, partitioning=None)
        kept = kept.filter(pc.invert(pc.is_in(kept.column("article_id"), value_set=pa.array(sorted(failed)))))
        store.write_part(stage, ARTICLES, part, kept)
    return {name: store.write_part(stage, EXTRACTED[name], part, table) for name, table in tables.items()}


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


def superseded(out_dir: Where, articles: pa.Table, seen: set[str]) -> set[str]:
    """Published articles replaced by a corrected version: their source (or their page's URL) now
    holds a different article, and their own text is nowhere in the raw folder (no id among
    ``seen``, the ids read)."""
    if not articles.num_rows:
        return set()
    published = store.read_table(out_dir, ARTICLES, columns=["article_id", "source", "url"]).to_pylist()
    ids = articles.column("article_id").to_pylist()
    sources = articles.column("source").to_pylist()
    by_source = dict(zip(sources, ids, strict=True))
    # pages only: a JSON article's url may be a section's or a live blog's, shared by many articles
    by_url = {
        url: aid
        for url, aid, source in zip(articles.column("url").to_pylist(), ids, sources, strict=True)
        if url and is_page(source)
    }
    out = set()
    for row in published:
        page_url = row["url"] if row["url"] and is_page(row["source"]) else None
        newer = by_source.get(row["source"]) or (by_url.get(page_url) if page_url else None)
        if newer is not None and newer != row["article_id"] and row["article_id"] not in seen:
            out.add(row["article_id"])
    return out


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


def record_stopped(
    out_dir: Where,
    run_id: str,
    started_at: datetime,
    exc: BaseException,
    interrupted: bool,
    ingest: IngestSummary | None,
) -> None:
    """A run that stopped before it published: ``interrupted`` (by a signal), its staging is removed
    and its row says so; otherwise its row is an error with ``exc``'s message."""
    if interrupted:
        store.discard_staging(out_dir, run_id)
        row = run_row(run_id, started_at, "interrupted", "stopped by a signal", ingest, {}, 0)
    else:
        row = run_row(run_id, started_at, "error", str(exc) or type(exc).__name__, ingest, {}, 0)
    store.append_run(out_dir, ALL["runs"], run_id, [row])


def _record(settings: Settings, run_id: str, outcome: Outcome, rejects: list[dict[str, Any]]) -> None:
    """Write the run's rejects, quarantine and validation results (whether or not it published)."""
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


def _keep_for_review(settings: Settings, run_id: str, outcome: Outcome, stage: Location) -> Outcome:
    """A run that failed validation publishes nothing: its staged rows go under the reports folder
    for review, its articles stay unpublished (the next run retries them), and the reason says so."""
    review = Path(settings.reports_dir) / "failed" / run_id
    store.copy_to_local(stage, review, skip=("_checked",))
    outcome.failed_reason = f"{outcome.failed_reason}; nothing was published, the staged rows are in {review}"
    outcome.published_rows = dict.fromkeys(outcome.published_rows, 0)
    _record(settings, run_id, outcome, store.read_parts(stage, REJECTS).to_pylist())
    store.discard_staging(settings.out_dir, run_id)
    return outcome


def check_and_publish(settings: Settings, run_id: str, ingested_on: date) -> Outcome:
    """Validate the run's staged tables, publish what passed, record quarantine and results.

    A run that fails validation (too many critical failures, or every article failed) publishes
    nothing (see :func:`_keep_for_review`).

    The staged parts are checked by :mod:`newsmine.staged_checks`: those its background passes did
    not check while the model worked are checked here. Memory stays bounded by a chunk, not by the
    run: the ``articles`` table is checked without its text, every other table in chunks of whole
    staged parts (``settings.validate_rows`` rows or more); the rows that pass are staged again by
    month, and each month's partition is then merged with what is already published, one month at
    a time.
    """
    checks = staged_checks.take(settings, run_id, ingested_on)
    validation, stage, checked = checks.validation, checks.stage, checks.checked
    articles = store.read_parts(stage, ARTICLES, [c for c in ARTICLES.column_names if c != "text"])
    staged_ids = set(articles.column("article_id").to_pylist())
    seen = staged_ids | set(store.read_parts(stage, SEEN, ["article_id"]).column("article_id").to_pylist())
    replaced = staged_ids | superseded(settings.out_dir, articles, seen)
    del articles
    with timeline.span("link incidents"):
        found = link_run(settings.out_dir, checked, replaced)
    validation.incident_ids = frozenset(found.incidents.column("incident_id").to_pylist())
    incidents = validation.check("incidents", found.incidents)
    validation.incident_ids = frozenset(incidents.column("incident_id").to_pylist())
    validation.check(FIGURE_INCIDENTS.name, found.members, FIGURE_INCIDENTS)
    tolls = validation.check("incident_tolls", found.tolls)
    outcome = validation.finish()
    if outcome.failed_reason:
        return _keep_for_review(settings, run_id, outcome, stage)
    rejects = store.read_parts(stage, REJECTS).to_pylist()
    # articles last: an article counts as done (and is skipped next time) only once every row of it
    # is in place, so a run that dies while renaming is completed by the next one.
    tables = [VALIDATED[name] for name in [*EXTRACTED, "articles"]]
    whole = [(VALIDATED["incidents"], incidents), (VALIDATED["incident_tolls"], tolls)]
    rewrites = {"figures": found.rewrite}
    with timeline.span("publish"):
        store.publish_months(settings.out_dir, tables, checked, replaced, run_id, rewrites, whole)
        _record(settings, run_id, outcome, rejects)
    store.discard_staging(settings.out_dir, run_id)
    return outcome


__all__ = [
    "ALL",
    "IngestSummary",
    "StagedBatch",
    "batches",
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
