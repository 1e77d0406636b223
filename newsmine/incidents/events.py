"""Within one article: which figures count the same event (the article's main event, or a background one).

Every figure of an article belongs to its main event, but a figure whose event date lies well away
from the main event's ("the 1992 blast killed 263") or that counts a running total ("since the war
began", "so far this year") belongs to a background event of its own, one per period and kind.
The main event's date is the most recent event date of the article's figures near its
publication date. Subsets ("four of them children") stay with their group.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from newsmine.extract.gazetteer import lookup, nationality_country
from newsmine.extract.place_words import SITE_NOUNS, place_key

_PLACE_TYPES = SITE_NOUNS | {"strip", "city"}  # "Gaza Strip" = "Gaza"

# A main event happened at most this long before the article that reports it.
RECENT_DAYS = 60
# An event date this far from the main event's is another event.
APART_DAYS = 30
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
# A toll summed over a period: since a war's start or a date, this or last year, on record.
RUNNING_TOTAL = re.compile(
    rf"\bsince (?:the (?:start|beginning|outbreak)\b|the (?:war|conflict|fighting|invasion|crisis)\b|"
    rf"(?:{_MONTHS})\b|\d{{1,2}} (?:{_MONTHS})\b|(?:19|20)\d\d\b|records began|it began)"
    r"|\b(?:so far|earlier) this year\b|\blast year\b",
    re.IGNORECASE,
)
_NOT_WORD = re.compile(r"[^\w\s]")
# A report of a toll (an update): its clauses are dated on the day it reports them, not the event's.
UPDATE = re.compile(
    r"\b(?:death toll|toll|tally|confirmed (?:dead|deaths)|number of (?:confirmed )?(?:dead|deaths|victims|"
    r"injured|missing|people))\b|\b(?:rose|risen|climbed|jumped|raised|revised) to\b|"
    r"\b(?:remain|remained|still) missing\b|\bso far\b",
    re.IGNORECASE,
)
_NAME = re.compile(r"^[A-Z][a-z][A-Za-z'-]+$")
# Capitalised words that name no one event: days, months, titles, pronouns and function words.
_NOT_NAMES = frozenset(
    f"""monday tuesday wednesday thursday friday saturday sunday {_MONTHS.replace("|", " ")} the this that these
    those they their there then he she his her its it we our you mr mrs ms dr president minister prime governor
    police officials official government authorities army military state city province region ministry health
    national international north south east west northern southern eastern western central but and for with
    after before when while since""".split()
)


@dataclass
class Event:
    """A group of one article's figures that count one event."""

    article_id: str
    key: str  # "main", or the background group's period and kind
    published: date
    figures: list[dict[str, Any]] = field(default_factory=list)
    running: bool = False  # a total over a period, with no one event date

    @property
    def background(self) -> bool:
        return self.key != "main"

    @property
    def kind(self) -> str | None:
        return most_common(f["event_kind"] for f in self.figures)

    @property
    def country(self) -> str | None:
        return most_common(f["country_code"] for f in self.figures)

    @property
    def when(self) -> tuple[date, str] | None:
        """The event's date and its granularity: its figures' most common (the earliest on a tie)."""
        dated = Counter((f["event_date"], f["event_date_granularity"]) for f in self.figures if f["event_date"])
        if not dated:
            return None
        return min(dated, key=lambda d: (-dated[d], d[0]))

    @property
    def places(self) -> frozenset[str]:
        """The event's place names, compared without case, "the" and place-type words."""
        return frozenset(
            k for k in (place_key(f["location"], _PLACE_TYPES) for f in self.figures if f["location"]) if k
        )

    @property
    def is_update(self) -> bool:
        """Whether its sentences update a toll ("the death toll rose to 85")."""
        return any(UPDATE.search(f["sentence"] or "") for f in self.figures)

    @property
    def names(self) -> frozenset[str]:
        """Proper names in its figures' sentences: not the first word, not a country or a
        nationality, not a word of who gave a figure (an agency or an official names no event)."""
        sources = {w.lower() for f in self.figures for w in _NOT_WORD.sub(" ", f["attributed_to"] or "").split()}
        out: set[str] = set()
        for sentence in {f["sentence"] or "" for f in self.figures}:
            for word in sentence.split()[1:]:
                word = word.strip(".,;:!?()[]\"'\u2018\u2019\u201c\u201d").removesuffix("'s")
                if _NAME.match(word) and word.lower() not in _NOT_NAMES | sources and not _names_country(word):
                    out.add(word.lower())
        return frozenset(out)

    @property
    def location(self) -> str | None:
        return most_common(f["location"] for f in self.figures)


@lru_cache(maxsize=65536)
def _names_country(word: str) -> bool:
    place = lookup(word)
    return (place is not None and place.is_country) or nationality_country(word) is not None


def most_common(values: Any) -> Any:
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


def _period(day: date, granularity: str | None) -> str:
    if granularity == "year":
        return f"{day:%Y}"
    if granularity == "month":
        return f"{day:%Y-%m}"
    return day.isoformat()


def main_date(figures: Sequence[dict[str, Any]], published: date) -> date | None:
    """The main event's date: the most recent event date within :data:`RECENT_DAYS` of publication
    (news reports what just happened; what it recalls happened before)."""
    earliest = published - timedelta(days=RECENT_DAYS)
    recent = [
        f["event_date"] for f in figures if f["event_date"] is not None and earliest <= f["event_date"] <= published
    ]
    return max(recent) if recent else None


def _apart(day: date, granularity: str | None, main: date | None, published: date) -> bool:
    """Whether an event date belongs to another event than the main one."""
    if main is None:
        return (published - day).days > RECENT_DAYS
    if granularity == "year":
        return day.year != main.year
    if granularity == "month":
        return (day.year, day.month) != (main.year, main.month) and abs((day - main).days) > APART_DAYS
    return abs((day - main).days) > APART_DAYS


def article_events(figures: Sequence[dict[str, Any]]) -> list[Event]:
    """Group one article's figures (in text order) into its main event and its background events."""
    if not figures:
        return []
    article_id, published = figures[0]["article_id"], figures[0]["published_date"]
    main = main_date(figures, published)
    events: dict[str, Event] = {}
    for f in figures:
        day, granularity = f["event_date"], f["event_date_granularity"]
        if day is not None and _apart(day, granularity, main, published):
            key = f"{_period(day, granularity)}:{f['event_kind'] or ''}"
            running = False
        elif day is None and RUNNING_TOTAL.search(f["sentence"] or ""):
            key, running = f"running:{f['event_kind'] or ''}", True
        else:
            key, running = "main", False
        event = events.setdefault(key, Event(article_id, key, published, running=running))
        event.figures.append(f)
    return list(events.values())
