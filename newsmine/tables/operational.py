"""Tables about runs rather than articles: rejects, quarantine, validation results, runs."""

import pyarrow as pa

from newsmine.tables.base import Column, Table

REJECTS = Table(
    name="rejects",
    doc="One row per input that could not become an article, with a reason code (see docs/tables.md#reasons).",
    columns=(
        Column("run_id", pa.string(), "The run that read the input."),
        Column("source", pa.string(), "Path of the raw file relative to the raw folder (`#Ln` for a JSONL line)."),
        Column("reason", pa.string(), "Reason code (`empty`, `bad_json`, `duplicate`, ...)."),
        Column("message", pa.string(), "What was wrong, for a person."),
        Column("rejected_at", pa.timestamp("us", tz="UTC"), "When the input was rejected."),
    ),
    key=("run_id", "source"),
    partitioned=False,
)

QUARANTINE = Table(
    name="quarantine",
    doc="Rows that failed a critical expectation: kept here, not published, with the sentence to review.",
    columns=(
        Column("run_id", pa.string(), "The run that validated the row."),
        Column("table", pa.string(), "The table the row was meant for."),
        Column("row_key", pa.string(), "The row's key in that table (e.g. `article_id/figure_id`)."),
        Column("expectation", pa.string(), "Name of the failed check (e.g. `value_plausible`)."),
        Column("column", pa.string(), "The column the check looks at."),
        Column("observed_value", pa.string(), "The failing value, as text.", nullable=True),
        Column("article_id", pa.string(), "The article the row came from.", nullable=True),
        Column("sentence", pa.string(), "The sentence the row came from, when it has one.", nullable=True),
        Column("row_json", pa.string(), "The whole row as JSON, so nothing extracted is lost."),
    ),
    key=("run_id", "table", "row_key", "expectation"),
    partitioned=False,
)

VALIDATION_RESULTS = Table(
    name="validation_results",
    doc="One row per expectation per table per run.",
    columns=(
        Column("run_id", pa.string(), "The run."),
        Column("table", pa.string(), "The validated table."),
        Column("expectation", pa.string(), "Name of the check."),
        Column("column", pa.string(), "The column it looks at."),
        Column(
            "severity", pa.string(), "`critical` (failing rows are quarantined) or `warning` (published, reported)."
        ),
        Column("success", pa.bool_(), "Whether the expectation held."),
        Column("element_count", pa.int64(), "Rows checked."),
        Column("unexpected_count", pa.int64(), "Rows that failed."),
    ),
    key=("run_id", "table", "expectation"),
    partitioned=False,
)


def runs_table(counted: list[str]) -> Table:
    """The ``runs`` table, with a ``rows_<name>`` count for each validated table (articles and every extractor's)."""
    return Table(
        name="runs",
        doc="One row per pipeline run: when, how it ended, what it read and wrote.",
        columns=(
            Column("run_id", pa.string(), "The run."),
            Column("started_at", pa.timestamp("us", tz="UTC"), "When the run started."),
            Column("finished_at", pa.timestamp("us", tz="UTC"), "When it ended."),
            Column(
                "status",
                pa.string(),
                "`passed`, `failed` (validation), `error` (the run stopped) or `interrupted` (SIGINT, SIGTERM).",
            ),
            Column("message", pa.string(), "Why it failed or stopped.", nullable=True),
            Column("pipeline_version", pa.string(), "Version of the extraction code."),
            Column("files", pa.int64(), "Raw files found."),
            Column("articles_seen", pa.int64(), "Articles read (new and unchanged)."),
            Column("articles_new", pa.int64(), "Articles extracted (new, changed, or by an older pipeline version)."),
            Column("articles_skipped", pa.int64(), "Articles already published by this pipeline version."),
            Column("inputs_rejected", pa.int64(), "Rows written to `rejects`."),
            *(Column(f"rows_{name}", pa.int64(), f"Rows published to `{name}`.") for name in counted),
            Column("rows_quarantined", pa.int64(), "Rows sent to `quarantine`."),
        ),
        key=("run_id",),
        partitioned=False,
    )
