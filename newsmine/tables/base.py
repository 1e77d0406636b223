"""The shape of a table definition: Arrow schema, column docs and expectations in one place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "1"
CRITICAL = "critical"
WARNING = "warning"

# Columns every extracted table carries, and their docs.
PARTITION_COLUMN = "published_month"


@dataclass(frozen=True)
class Column:
    """One column: its Arrow type, whether it may be null, and what it means."""

    name: str
    type: pa.DataType
    doc: str
    nullable: bool = False


@dataclass(frozen=True)
class Check:
    """One expectation on a table, named for reports.

    ``kwargs`` is a function of the run's settings, so bounds such as the plausible maximum of a
    figure are configurable without editing the suite.
    """

    name: str
    expectation: str  # a GX Core expectation class name
    kwargs: Callable[[Any], Mapping[str, Any]]
    severity: str = CRITICAL
    column: str | None = None
    description: str = ""


def fixed(**kwargs: Any) -> Callable[[Any], Mapping[str, Any]]:
    """Expectation arguments that do not depend on settings."""
    return lambda _settings: kwargs


@dataclass(frozen=True)
class Table:
    """A published table: name, columns, key, and the checks that guard it."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    checks: tuple[Check, ...] = ()
    partitioned: bool = True
    # Helper columns computed only for validation (never published), e.g. the article's length.
    helpers: tuple[str, ...] = field(default=())

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema written to Parquet, with the schema version in its metadata."""
        return pa.schema(
            [pa.field(c.name, c.type, nullable=c.nullable) for c in self.columns],
            metadata={"newsmine.table": self.name, "newsmine.schema_version": SCHEMA_VERSION},
        )

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def offset_checks(text_column_note: str = "articles.text") -> tuple[Check, ...]:
    """Checks shared by every table with character offsets into the article text."""
    return (
        Check(
            "offsets_ordered",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(column_A="end_char", column_B="start_char", or_equal=False),
            CRITICAL,
            "end_char",
            "start_char < end_char",
        ),
        Check(
            "offsets_within_text",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(column_A="article_length", column_B="end_char", or_equal=True),
            CRITICAL,
            "end_char",
            f"end_char is within {text_column_note}",
        ),
        Check(
            "start_not_negative",
            "ExpectColumnValuesToBeBetween",
            fixed(column="start_char", min_value=0),
            CRITICAL,
            "start_char",
            "start_char >= 0",
        ),
    )


def common_columns() -> tuple[Column, ...]:
    """Lineage columns on every extracted table."""
    return (
        Column("run_id", pa.string(), "The run that wrote the row."),
        Column("pipeline_version", pa.string(), "Version of the extraction code that produced the row."),
    )


def month_column() -> Column:
    return Column(
        PARTITION_COLUMN, pa.string(), "Publication month `YYYY-MM`; the partition key, also kept in the files."
    )
