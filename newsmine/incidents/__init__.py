"""Incidents: one per real-world event, linked across articles, with its latest toll and its timeline.

:func:`link` is a pure function of a set of figure rows (the ``figures`` table's columns): the
same figures give the same incidents, ids included, however the articles were split across runs.
The steps live in their own modules: ``events`` (within an article), ``linking`` (across articles),
``tolls`` (which figures report the toll, and the latest). The rules are in docs/incidents.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from newsmine.incidents.events import Event, article_events, most_common
from newsmine.incidents.linking import components
from newsmine.incidents.tolls import latest, toll_figures

# The figures columns linking reads.
COLUMNS = (
    "article_id",
    "figure_id",
    "value",
    "value_low",
    "value_high",
    "qualifier",
    "category",
    "text",
    "sentence",
    "sentence_index",
    "start_char",
    "published_date",
    "location",
    "country_code",
    "event_date",
    "event_date_granularity",
    "attributed_to",
    "event_kind",
)


@dataclass
class Linked:
    """The incident of every figure, and the rows of the ``incidents`` and ``incident_tolls`` tables."""

    incident_of: dict[str, str] = field(default_factory=dict)  # figure_id -> incident_id
    incidents: list[dict[str, Any]] = field(default_factory=list)
    tolls: list[dict[str, Any]] = field(default_factory=list)


def _label(kind: str | None, location: str | None, country: str | None, when: str | None, running: bool) -> str:
    parts = [kind or "incident"] + [p for p in (location, country) if p]
    parts.append(f"running total to {when}" if running else (when or "date unknown"))
    return ", ".join(parts)


def _when(events: list[Event]) -> tuple[Any, str | None]:
    """The incident's date: the most precise date its events give, the most reported on a tie."""
    rank = {"day": 0, "month": 1, "year": 2}
    dated = Counter(e.when for e in events if e.when is not None)
    if not dated:
        return None, None
    day, granularity = min(dated, key=lambda w: (rank.get(w[1], 3), -dated[w], w[0]))
    return day, granularity


def _incident(incident_id: str, events: list[Event]) -> dict[str, Any]:
    figures = [f for e in events for f in e.figures]
    running = all(e.running for e in events)
    day, granularity = (None, None) if running else _when(events)
    last = max(f["published_date"] for f in figures)
    period = {"year": "%Y", "month": "%Y-%m"}.get(granularity or "", "%Y-%m-%d")
    when = last.isoformat() if running else (day.strftime(period) if day else None)
    values = {
        "kind": most_common(e.kind for e in events),
        "country_code": most_common(e.country for e in events),
        "location": most_common(e.location for e in events),
    }
    return {
        "incident_id": incident_id,
        "label": _label(values["kind"], values["location"], values["country_code"], when, running),
        **values,
        "event_date": day,
        "event_date_granularity": granularity,
        "running_total": running,
        "first_reported": min(f["published_date"] for f in figures),
        "last_reported": last,
        "articles": len({f["article_id"] for f in figures}),
        "figures": len(figures),
    }


def _toll_row(incident_id: str, f: dict[str, Any], is_latest: bool) -> dict[str, Any]:
    return {
        "incident_id": incident_id,
        "category": f["category"],
        "value": f["value"],
        "value_low": f["value_low"],
        "value_high": f["value_high"],
        "qualifier": f["qualifier"],
        "as_of": f["published_date"],
        "article_id": f["article_id"],
        "figure_id": f["figure_id"],
        "attributed_to": f["attributed_to"],
        "is_latest": is_latest,
    }


def _figure_order(f: dict[str, Any]) -> tuple[Any, ...]:
    return (f["published_date"], f["article_id"], f["start_char"], f["figure_id"])


def link(figures: Iterable[dict[str, Any]]) -> Linked:
    """Link figures (rows with :data:`COLUMNS`) into incidents.

    An incident's id is derived from its earliest figure (earliest published article, then text
    order): ``inc-<figure_id>``.
    """
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in figures:
        by_article[f["article_id"]].append(f)
    events: list[Event] = []
    for article_id in sorted(by_article):
        events += article_events(sorted(by_article[article_id], key=_figure_order))
    groups = [[events[i] for i in group] for group in components(events)]
    groups.sort(key=lambda g: min(_figure_order(f) for e in g for f in e.figures))
    out = Linked()
    for group in groups:
        incident_id = "inc-" + min((f for e in group for f in e.figures), key=_figure_order)["figure_id"]
        tolls = [t for e in group for t in toll_figures(e.figures)]
        newest = latest(tolls)
        for e in group:
            for f in e.figures:
                out.incident_of[f["figure_id"]] = incident_id
        out.incidents.append(_incident(incident_id, group))
        out.tolls += [_toll_row(incident_id, t, t["figure_id"] in newest) for t in sorted(tolls, key=_figure_order)]
    return out


__all__ = ["COLUMNS", "Linked", "link"]
