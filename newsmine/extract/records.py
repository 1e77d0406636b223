"""Frozen records the extractors return: one per fact, each with offsets into the article text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Figure:
    """A count of people or things affected by an event."""

    article_id: str
    figure_id: str
    value: int
    value_low: int | None
    value_high: int | None
    qualifier: str
    category: str
    subject: str
    text: str
    sentence_index: int
    start_char: int
    end_char: int
    sentence: str
    published_date: date
    location: str | None = None
    country_code: str | None = None
    event_date: date | None = None
    event_date_granularity: str | None = None
    attributed_to: str | None = None
    event_kind: str | None = None
    incident_id: str | None = None  # set when the run links its figures to incidents, before publishing


@dataclass(frozen=True)
class DateMention:
    """A date expression resolved to the calendar (the first day of its period)."""

    article_id: str
    text: str
    resolved_date: date
    granularity: str
    method: str
    sentence_index: int
    start_char: int
    end_char: int
    sentence: str
    published_date: date


@dataclass(frozen=True)
class Entity:
    """A named entity; places carry gazetteer coordinates."""

    article_id: str
    text: str
    label: str
    normalized: str
    sentence_index: int
    start_char: int
    end_char: int
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Quote:
    """A direct quotation with its speaker (when found) and cue verb."""

    article_id: str
    quote: str
    speaker: str | None
    cue: str | None
    sentence_index: int
    start_char: int
    end_char: int
