"""The ``quotes`` table: direct quotations with speakers."""

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

TABLE = Table(
    name="quotes",
    doc="One row per direct quotation (four words or more), with its speaker and cue verb when found.",
    columns=(
        Column("article_id", pa.string(), "The article (`articles.article_id`)."),
        Column("quote", pa.string(), "The words inside the quotation marks."),
        Column(
            "speaker",
            pa.string(),
            "Who said it ('Jens Laerke', \"Netanyahu's office\"): the subject of the speech verb in the "
            "quote's paragraph (or of the verb it hangs on: 'spoke to the crowd, telling them'), whoever "
            "is quoted ('quoted him as saying'); 'he' or 'she' is the named subject of the sentence before "
            "the quote in its paragraph, else the last speaker or person named before, 'they' the last "
            "speaker (searched further back while the same pronoun keeps speaking), a title "
            "('the minister') the last person the article gave that title; null when not found.",
            nullable=True,
        ),
        Column("cue", pa.string(), "The speech verb that introduces the quote ('said').", nullable=True),
        Column("sentence_index", pa.int64(), "0-based index of the sentence where the quote starts."),
        Column("start_char", pa.int64(), "Offset of the opening quotation mark in `articles.text`."),
        Column("end_char", pa.int64(), "End offset (exclusive) of the closing quotation mark."),
        *common_columns(),
        month_column(),
    ),
    key=("article_id", "start_char"),
    checks=(
        Check(
            "quote_key_unique",
            "ExpectCompoundColumnsToBeUnique",
            fixed(column_list=["article_id", "start_char"]),
            CRITICAL,
            "start_char",
        ),
        Check(
            "quote_not_empty",
            "ExpectColumnValueLengthsToBeBetween",
            fixed(column="quote", min_value=1),
            CRITICAL,
            "quote",
        ),
        *offset_checks(),
        Check(
            "speaker_short",
            "ExpectColumnValueLengthsToBeBetween",
            fixed(column="speaker", max_value=120),
            WARNING,
            "speaker",
            "a speaker is a name, not a clause",
        ),
        Check(
            "speaker_found", "ExpectColumnValuesToNotBeNull", fixed(column="speaker", mostly=0.5), WARNING, "speaker"
        ),
    ),
    helpers=("article_length",),
)
