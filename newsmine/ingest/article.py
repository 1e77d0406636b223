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


EARLIEST_YEAR = 1900  # publication dates before this are rejected (bad_date), as the dates checks expect


def dated_article(
    source: str,
    day: date,
    body: str,
    today: date,
    max_chars: int,
    title: str | None = None,
    url: str | None = None,
    warning: str | None = None,
) -> Article | Reject:
    """An article from clean text and its publication date, or the reject its date or length calls for."""
    if day > today:
        return Reject(source, "future_date", f"publication date {day} is after today ({today})")
    if day.year < EARLIEST_YEAR:
        return Reject(source, "bad_date", f"publication date {day} is before {EARLIEST_YEAR}")
    if len(body) > max_chars:
        return Reject(source, "too_long", f"{len(body):,} characters is over the limit of {max_chars:,}")
    return Article(article_id_for(day, body), source, day, body, title=title, url=url, warning=warning)
