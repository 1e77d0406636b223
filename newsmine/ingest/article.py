"""The article record that every extractor works on, and the reject record for unusable inputs."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date


def article_id_for(published: date, text: str) -> str:
    """A stable id derived from the content: the same article gets the same id on every machine."""
    digest = hashlib.sha256(f"{published.isoformat()}\n{text}".encode()).hexdigest()
    return digest[:16]


@dataclass(frozen=True)
class Article:
    """One article ready for extraction.

    ``text`` is the article body only (the date header is removed); every offset in every table
    indexes into it.
    """

    article_id: str
    source: str
    published_date: date
    text: str
    title: str | None = None
    url: str | None = None
    warning: str | None = None

    @property
    def content_sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Reject:
    """An input that could not become an article, with a reason code from ``errors.REJECT_REASONS``."""

    source: str
    reason: str
    message: str
