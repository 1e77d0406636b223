"""A toy extractor, added through the registry by ``tests/test_registry.py``: sentence lengths."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyarrow as pa
from spacy.tokens import Doc

from newsmine.ingest.article import Article
from newsmine.tables.base import CRITICAL, Check, Column, Table, common_columns, fixed, month_column

MAX_TOKENS = 25


@dataclass(frozen=True)
class SentenceLength:
    article_id: str
    sentence_index: int
    tokens: int


TABLE = Table(
    name="sentence_lengths",
    doc="One row per sentence: how many tokens it has.",
    columns=(
        Column("article_id", pa.string(), "The article."),
        Column("sentence_index", pa.int64(), "0-based index of the sentence."),
        Column("tokens", pa.int64(), "Tokens in the sentence."),
        *common_columns(),
        month_column(),
    ),
    key=("article_id", "sentence_index"),
    checks=(
        Check(
            "sentence_short",
            "ExpectColumnValuesToBeBetween",
            fixed(column="tokens", min_value=1, max_value=MAX_TOKENS),
            CRITICAL,
            "tokens",
            f"1 <= tokens <= {MAX_TOKENS}",
        ),
    ),
)


def sentence_lengths(doc: Doc, article: Article, found: dict[str, list[Any]]) -> list[SentenceLength]:
    return [SentenceLength(article.article_id, i, len(s)) for i, s in enumerate(doc.sents)]
