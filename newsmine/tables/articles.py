"""The ``articles`` table: one row per ingested article."""

import pyarrow as pa

from newsmine.tables.base import CRITICAL, Check, Column, Table, common_columns, fixed, month_column

TABLE = Table(
    name="articles",
    doc="One row per article read from the raw folder. Offsets in every other table index into `text`.",
    columns=(
        Column("article_id", pa.string(), "Stable id derived from the publication date and text (16 hex)."),
        Column("source", pa.string(), "Path of the raw file relative to the raw folder (`#Ln` for a JSONL line)."),
        Column("published_date", pa.date32(), "Publication date; the anchor for relative dates."),
        Column("title", pa.string(), "Title when the input has one.", nullable=True),
        Column("url", pa.string(), "URL when the input has one.", nullable=True),
        Column("text", pa.string(), "Article body, cleaned (date header, markup and control characters removed)."),
        Column("word_count", pa.int64(), "Whitespace-separated words in `text`."),
        Column("content_sha256", pa.string(), "SHA-256 of `text`."),
        Column("warning", pa.string(), "Repairs made on reading (encoding, markup), if any.", nullable=True),
        Column("ingested_at", pa.timestamp("us", tz="UTC"), "When the run read the article."),
        *common_columns(),
        month_column(),
    ),
    key=("article_id",),
    checks=(
        Check("article_id_unique", "ExpectColumnValuesToBeUnique", fixed(column="article_id"), CRITICAL, "article_id"),
        Check(
            "article_id_not_null", "ExpectColumnValuesToNotBeNull", fixed(column="article_id"), CRITICAL, "article_id"
        ),
        Check(
            "published_not_null",
            "ExpectColumnValuesToNotBeNull",
            fixed(column="published_date"),
            CRITICAL,
            "published_date",
        ),
        Check(
            "published_since_1900",
            "ExpectColumnValuesToBeBetween",
            fixed(column="published_year", min_value=1900),
            CRITICAL,
            "published_date",
            "published_date not before 1900",
        ),
        Check(
            "published_not_after_ingestion",
            "ExpectColumnValuesToBeBetween",
            fixed(column="days_before_ingestion", min_value=0),
            CRITICAL,
            "published_date",
            "published_date not after the ingestion date",
        ),
        Check(
            "word_count_positive",
            "ExpectColumnValuesToBeBetween",
            fixed(column="word_count", min_value=1),
            CRITICAL,
            "word_count",
        ),
        Check("source_not_null", "ExpectColumnValuesToNotBeNull", fixed(column="source"), CRITICAL, "source"),
    ),
    helpers=("published_year", "days_before_ingestion"),
)
