"""Across articles: which events are one real-world incident.

Two events of different articles are one incident when everything that identifies an event agrees:
the same country (or one unknown), compatible kinds (``event_kinds.FAMILIES``), event dates that can
be the same day, and a shared place (a name, or gazetteer coordinates within :data:`NEAR_KM`) or,
in one country, a shared proper name in the figures' sentences (not a country's or a nationality); two
events on the same day of the same kind and country need no shared place. A value never links.
Incidents are the connected components of that relation, so they do not depend on the order in
which articles arrive. Only events whose possible dates overlap are compared, within a country:
a sweep over date intervals, never all pairs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from newsmine.extract.event_kinds import compatible
from newsmine.extract.gazetteer import lookup
from newsmine.incidents.events import Event

NEAR_KM = 100.0
COMMON_NAME_EVENTS = 500  # a name shared by more events than this is no block of its own
SAME_DAY_SLACK = 2  # reports of one event date it within this many days of each other
UPDATE_DAYS = 21  # a report of the main event may date it up to this long after it happened
FOLLOW_DAYS = 45  # an undated report follows its event by at most this long
RUNNING_DAYS = 60  # reports of a running total this far apart still update the same total


@dataclass(frozen=True)
class Span:
    """The days an event can have happened on: [low, high]."""

    low: date
    high: date


def span(event: Event) -> Span:
    when = event.when
    if event.running:
        return Span(event.published - timedelta(days=RUNNING_DAYS), event.published)
    if when is None:
        return Span(event.published - timedelta(days=FOLLOW_DAYS), event.published)
    day, granularity = when
    if not event.background and event.is_update and granularity == "day":
        # an update dates its clauses on the day it reports them: its event may be some days earlier
        days = [f["event_date"] for f in event.figures if f["event_date"] and f["event_date_granularity"] == "day"]
        return Span(min(days) - timedelta(days=UPDATE_DAYS), max(event.published, max(days)))
    if granularity == "year":
        return Span(date(day.year, 1, 1), date(day.year, 12, 31))
    if granularity == "month":
        following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return Span(day.replace(day=1), following - timedelta(days=1))
    return Span(day - timedelta(days=SAME_DAY_SLACK), day + timedelta(days=SAME_DAY_SLACK))


@lru_cache(maxsize=65536)
def _coordinates(key: str, country: str | None) -> tuple[float, float] | None:
    """A place's coordinates, when the gazetteer's place of that name is in the event's country."""
    place = lookup(key)
    if place is None or place.is_country or place.country_code != country:
        return None
    return (place.latitude, place.longitude)


def _contains(a: str, b: str) -> bool:
    """Whether the words of one place key are a run of the other's ("hodeida" in "hodeida port")."""
    x, y = f" {a} ", f" {b} "
    return x in y or y in x


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, h)))


def share_place(a: frozenset[str], b: frozenset[str], country: str | None = None) -> bool:
    """A name of one contains a name of the other (whole words), or, in ``country``, two are near each other."""
    if any(_contains(x, y) for x in a for y in b):
        return True
    if country is None:
        return False
    points_a = [p for p in (_coordinates(k, country) for k in a) if p]
    points_b = [p for p in (_coordinates(k, country) for k in b) if p]
    return any(_km(p, q) <= NEAR_KM for p in points_a for q in points_b)


@dataclass(frozen=True)
class Profile:
    """What identifies an event, computed once per event."""

    kind: str | None
    country: str | None
    span: Span
    places: frozenset[str]
    names: frozenset[str]
    running: bool
    day: date | None  # a day-precise event date


def profile(event: Event) -> Profile:
    when = event.when
    day = when[0] if when and when[1] == "day" else None
    return Profile(event.kind, event.country, span(event), event.places, event.names, event.running, day)


def same_incident(a: Profile, b: Profile) -> bool:
    """Whether two events of different articles are one incident (see the module's docstring)."""
    if a.running != b.running or not compatible(a.kind, b.kind):
        return False
    if a.span.low > b.span.high or b.span.low > a.span.high:
        return False
    # a place both name, or that one names in its sentences: the countries may have been misread
    if a.places & b.names or b.places & a.names or (a.places and b.places and share_place(a.places, b.places)):
        return True
    if a.country is None or a.country != b.country:
        return False
    if a.places and b.places and share_place(a.places, b.places, a.country):
        return True
    shared = a.names & b.names
    if len(shared) >= 2 or (shared and a.kind is not None and a.kind == b.kind):
        return True
    # the same kind on the same day in the same country (attacks on two sites of one city, one morning)
    same_day = a.day is not None and b.day is not None and abs((a.day - b.day).days) <= 1
    return same_day and a.kind is not None and a.kind == b.kind


class _Components:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _pairs(profiles: Sequence[Profile], articles: Sequence[str]) -> Iterable[tuple[int, int]]:
    """Candidate pairs: events of different articles that share a block (a country, a place or a
    name) and whose date spans overlap."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        keys = {("country", p.country or "")} | {("name", k) for k in p.places | p.names}
        for key in keys:
            blocks[key].append(i)
    for (kind, _), members in blocks.items():
        if kind == "name" and len(members) > COMMON_NAME_EVENTS:
            continue  # a name this common (a city's, an agency's) identifies no one event; countries still block
        if len(members) > 1:
            yield from _sweep(sorted(members, key=lambda i: profiles[i].span.low), profiles, articles)


def _sweep(order: Sequence[int], profiles: Sequence[Profile], articles: Sequence[str]) -> Iterable[tuple[int, int]]:
    active: list[int] = []
    for i in order:
        low = profiles[i].span.low
        active = [j for j in active if profiles[j].span.high >= low]
        for j in active:
            if articles[i] != articles[j]:
                yield (j, i)
        active.append(i)


def components(events: Sequence[Event]) -> list[list[int]]:
    """The incidents: lists of indices into ``events``, each list in index order."""
    profiles = [profile(e) for e in events]
    articles = [e.article_id for e in events]
    found = _Components(len(events))
    for i, j in _pairs(profiles, articles):
        if found.find(i) != found.find(j) and same_incident(profiles[i], profiles[j]):
            found.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[found.find(i)].append(i)
    return list(groups.values())
