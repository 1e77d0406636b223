"""The ``dates`` table: date expressions resolved to the calendar."""

import pyarrow as pa

from newsmine.tables.base import (
    CRITICAL,
    WARNING,
    Check,
    Column,
    Table,
    common_columns,
    fixed,
    month_column,
    offset_checks,
)

GRANULARITIES = ("day", "month", "year")
METHODS = ("explicit", "month_day", "weekday", "relative", "month")

TABLE = Table(
    name="dates",
    doc=(
        "One row per date expression, resolved against the article's publication date. Offsets counted "
        "in units ('two weeks ago', 'a month after the vote') are approximate and not listed."
    ),
    columns=(
        Column("article_id", pa.string(), "The article (`articles.article_id`)."),
        Column("text", pa.string(), "The date expression ('Friday', '24 November', 'last year')."),
        Column("resolved_date", pa.date32(), "First day of the period the expression names."),
        Column("granularity", pa.string(), f"One of {', '.join(GRANULARITIES)}."),
        Column("method", pa.string(), f"How it was resolved: {', '.join(METHODS)}; all but `explicit` are inferred."),
        Column("sentence_index", pa.int64(), "0-based index of the sentence in the article."),
        Column("start_char", pa.int64(), "Offset of `text` in `articles.text`."),
        Column("end_char", pa.int64(), "End offset (exclusive) of `text` in `articles.text`."),
        Column("sentence", pa.string(), "The sentence the date came from."),
        Column("published_date", pa.date32(), "Publication date of the article."),
        *common_columns(),
        month_column(),
    ),
    key=("article_id", "start_char"),
    checks=(
        Check(
            "date_key_unique",
            "ExpectCompoundColumnsToBeUnique",
            fixed(column_list=["article_id", "start_char"]),
            CRITICAL,
            "start_char",
        ),
        Check(
            "resolved_not_null",
            "ExpectColumnValuesToNotBeNull",
            fixed(column="resolved_date"),
            CRITICAL,
            "resolved_date",
        ),
        Check(
            "granularity_known",
            "ExpectColumnValuesToBeInSet",
            fixed(column="granularity", value_set=list(GRANULARITIES)),
            CRITICAL,
            "granularity",
        ),
        Check(
            "resolved_since_1900",
            "ExpectColumnValuesToBeBetween",
            fixed(column="resolved_year", min_value=1900),
            CRITICAL,
            "resolved_date",
            "resolved_date not before 1900",
        ),
        Check(
            "resolved_not_far_future",
            "ExpectColumnValuesToBeBetween",
            lambda s: {"column": "days_after_published", "max_value": s.max_days_after_published},
            CRITICAL,
            "resolved_date",
            "resolved_date at most settings.max_days_after_published after publication",
        ),
        *offset_checks(),
        Check(
            "mostly_explicit_or_weekday",
            "ExpectColumnValuesToBeInSet",
            fixed(column="method", value_set=list(METHODS)),
            WARNING,
            "method",
        ),
    ),
    helpers=("article_length", "resolved_year", "days_after_published"),
)
