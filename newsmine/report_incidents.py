"""The run report's incidents page: the incidents a run created or updated, with their toll timelines.

A run touches an incident when one of the incident's figures was published by the run (its
``figures.run_id`` is the run's): every incident whose tolls gained a row from one of the run's
articles, and those the run's figures joined without giving a toll (a subset, say). Each is shown
with its label, dates and counts, one hand-written SVG chart per toll category (x: the reporting
article's publication date ``as_of``, y: the value; the latest toll ringed) and a table of the
tolls with the sentence each came from and its article; a category reported more than
:data:`MAX_TOLLS` times shows its latest reports (the latest toll always among them) and says how
many there are, so that a war reported for months keeps the page, and the run's memory, small. The page is standalone: no script, no
stylesheet or image to load, and every text from an article is HTML-escaped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from html import escape
from pathlib import Path
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from newsmine import store
from newsmine.report import CSS as REPORT_CSS
from newsmine.report import highlight
from newsmine.store import Where

# A first run over a large archive touches every incident: the page lists the most recently reported.
MAX_LISTED = 300
# ... and an incident reported for months has thousands of tolls: each category's chart and table
# show its latest reports (the latest toll always among them); `incident_tolls` holds every one.
MAX_TOLLS = 60

CSS = """
.incident{border-top:2px solid #ccc;margin-top:1.5rem}.chart{margin:.3rem 0}tr.latest{background:#fdeee8}
svg text{font:11px system-ui,sans-serif;fill:#444}
"""

# Chart geometry (px): the plot area sits inside the margins.
WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 420, 140, 56, 16, 14, 26


@dataclass
class Toll:
    """One report of an incident's toll, with the sentence and article it came from."""

    category: str
    value: int
    value_low: int | None
    value_high: int | None
    qualifier: str
    as_of: date
    is_latest: bool
    figure_id: str
    article_id: str
    attributed_to: str | None = None
    text: str | None = None  # the figure's matched text, highlighted in its sentence
    sentence: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass
class Incident:
    """An incident as the page shows it (the ``incidents`` row's columns) and its tolls."""

    incident_id: str
    label: str
    kind: str | None = None
    country_code: str | None = None
    location: str | None = None
    event_date: date | None = None
    event_date_granularity: str | None = None
    running_total: bool = False
    first_reported: date | None = None
    last_reported: date | None = None
    articles: int = 0
    figures: int = 0
    created: bool = False  # every figure of it is the run's
    tolls: list[Toll] = field(default_factory=list)
    reported: dict[str, int] = field(default_factory=dict)  # reports per category, when more than shown


@dataclass
class Touched:
    """The incidents a run created or updated: the first :data:`MAX_LISTED` of them, and how many."""

    incidents: list[Incident] = field(default_factory=list)
    total: int = 0


T = TypeVar("T")


def newest(items: list[T], latest: Callable[[T], bool], order: Callable[[T], Any]) -> list[T]:
    """The :data:`MAX_TOLLS` newest of one category's ``items`` by ``order``, the latest toll always
    among them, in that order."""
    ranked = sorted(items, key=order)
    if len(ranked) <= MAX_TOLLS:
        return ranked
    kept = [t for t in ranked if latest(t)][:MAX_TOLLS]
    room = MAX_TOLLS - len(kept)
    others = [t for t in ranked if not latest(t)]
    return sorted(kept + (others[-room:] if room else []), key=order)


def _is_in(table: pa.Table, column: str, values: set[str]) -> pa.Table:
    return table.filter(pc.is_in(table.column(column), value_set=pa.array(sorted(values), pa.string())))


def _known(cls: type, row: dict[str, Any]) -> dict[str, Any]:
    """The values of ``row`` that are fields of ``cls`` (a table may gain columns the page does not show)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in row.items() if k in names}


def touched(out_dir: Where, run_id: str) -> Touched:
    """The published incidents ``run_id`` created or updated, most recently reported first."""
    from newsmine.tables import ALL

    figures = store.read_table(out_dir, ALL["figures"], ["incident_id", "run_id"])
    runs: dict[str, set[str]] = defaultdict(set)
    for incident_id, run in zip(figures["incident_id"].to_pylist(), figures["run_id"].to_pylist(), strict=True):
        if incident_id is not None:
            runs[incident_id].add(run)
    ids = {i for i, seen in runs.items() if run_id in seen}
    if not ids:
        return Touched()
    rows = _is_in(store.read_table(out_dir, ALL["incidents"]), "incident_id", ids).to_pylist()
    rows.sort(key=lambda r: (r["last_reported"], r["incident_id"]), reverse=True)
    incidents = {
        r["incident_id"]: Incident(**_known(Incident, r), created=runs[r["incident_id"]] == {run_id})
        for r in rows[:MAX_LISTED]
    }
    every = _is_in(store.read_table(out_dir, ALL["incident_tolls"]), "incident_id", set(incidents)).to_pylist()
    by_category: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for t in every:
        by_category[(t["incident_id"], t["category"])].append(t)
    tolls = []
    for (incident_id, category), reports in by_category.items():
        if len(reports) > MAX_TOLLS:
            incidents[incident_id].reported[category] = len(reports)
        tolls += newest(reports, lambda r: bool(r["is_latest"]), lambda r: (r["as_of"], r["figure_id"]))
    del every
    wanted = {t["figure_id"] for t in tolls}
    sentences = {
        f["figure_id"]: f
        for f in _is_in(
            store.read_table(out_dir, ALL["figures"], ["figure_id", "text", "sentence"]), "figure_id", wanted
        ).to_pylist()
    }
    articles = {
        a["article_id"]: a
        for a in _is_in(
            store.read_table(out_dir, ALL["articles"], ["article_id", "title", "url", "source"]),
            "article_id",
            {t["article_id"] for t in tolls},
        ).to_pylist()
    }
    for t in tolls:
        figure, article = sentences.get(t["figure_id"], {}), articles.get(t["article_id"], {})
        incidents[t["incident_id"]].tolls.append(
            Toll(
                **_known(Toll, t),
                text=figure.get("text"),
                sentence=figure.get("sentence"),
                title=article.get("title"),
                url=article.get("url"),
                source=article.get("source"),
            )
        )
    return Touched(list(incidents.values()), len(rows))


def _value(t: Toll) -> str:
    words = {"exact": "", "at_least": "at least ", "more_than": "more than ", "about": "about ", "nearly": "nearly "}
    words |= {"up_to": "up to ", "less_than": "less than "}
    ranged = t.value_low is not None and t.value_high is not None and t.value_low != t.value_high
    number = f"{t.value_low}–{t.value_high}" if ranged else str(t.value)
    return words.get(t.qualifier, f"{t.qualifier} ") + number


def _anchor(figure_id: str) -> str:
    return escape("toll-" + figure_id)


def chart(category: str, tolls: list[Toll]) -> str:
    """One category's timeline as inline SVG: a point per toll at (as_of, value), the latest ringed."""
    days = [t.as_of.toordinal() for t in tolls]
    first, last = min(days), max(days)
    top = max(max(t.value for t in tolls), 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: int) -> float:
        return LEFT + (plot_w / 2 if last == first else plot_w * (day - first) / (last - first))

    def y(value: int) -> float:
        return TOP + plot_h * (1 - value / top)

    name = escape(category)
    parts = [
        f"<svg class='chart' width='{WIDTH}' height='{HEIGHT}' viewBox='0 0 {WIDTH} {HEIGHT}' role='img' "
        f"aria-label='{name} reported over time' xmlns='http://www.w3.org/2000/svg'>",
        f"<title>{name}: {len(tolls)} reports</title>",
        f"<line x1='{LEFT}' y1='{TOP + plot_h}' x2='{LEFT + plot_w}' y2='{TOP + plot_h}' stroke='#999'/>",
        f"<line x1='{LEFT}' y1='{TOP}' x2='{LEFT}' y2='{TOP + plot_h}' stroke='#999'/>",
        f"<text x='{LEFT - 6}' y='{TOP + 4}' text-anchor='end'>{top}</text>",
        f"<text x='{LEFT - 6}' y='{TOP + plot_h}' text-anchor='end'>0</text>",
    ]
    ends = {first: "middle"} if first == last else {first: "start", last: "end"}
    for day, anchor in ends.items():
        label = date.fromordinal(day).isoformat()
        parts.append(f"<text x='{x(day):.1f}' y='{HEIGHT - 8}' text-anchor='{anchor}'>{label}</text>")
    steps = sorted(tolls, key=lambda t: (t.as_of, t.figure_id))
    path = " ".join(f"{x(t.as_of.toordinal()):.1f},{y(t.value):.1f}" for t in steps)
    parts.append(f"<polyline points='{path}' fill='none' stroke='#9bb' stroke-dasharray='3 3'/>")
    for t in steps:
        cx, cy = f"{x(t.as_of.toordinal()):.1f}", f"{y(t.value):.1f}"
        tip = escape(f"{t.as_of.isoformat()}: {_value(t)}" + (" (latest)" if t.is_latest else ""))
        parts.append(f"<a href='#{_anchor(t.figure_id)}'><title>{tip}</title>")
        if t.is_latest:
            parts.append(
                f"<circle class='latest' cx='{cx}' cy='{cy}' r='8' fill='none' stroke='#c30' stroke-width='2'/>"
            )
        parts.append(f"<circle cx='{cx}' cy='{cy}' r='4' fill='{'#c30' if t.is_latest else '#357'}'/></a>")
    latest = next((t for t in steps if t.is_latest), None)
    if latest is not None:
        lx, ly = x(latest.as_of.toordinal()), y(latest.value)
        anchor = "end" if lx > LEFT + plot_w / 2 else "start"
        shift = -12 if anchor == "end" else 12
        parts.append(
            f"<text x='{lx + shift:.1f}' y='{max(ly, TOP + 8):.1f}' text-anchor='{anchor}' fill='#c30'>"
            f"latest {escape(_value(latest))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _article(t: Toll) -> str:
    """The article's title (else its source file), a link when its URL is a web address."""
    name = escape(t.title or t.source or t.article_id)
    url = t.url or ""
    if url.lower().startswith(("http://", "https://")):
        return f"<a href='{escape(url)}' rel='noreferrer noopener'>{name}</a>"
    return name


def _incident(incident: Incident) -> str:
    when = "running total" if incident.running_total else "date unknown"
    if incident.event_date is not None:
        when = f"{incident.event_date.isoformat()} ({escape(incident.event_date_granularity or 'day')})"
    facts = [
        ("incident", escape(incident.incident_id)),
        ("in this run", "created" if incident.created else "updated"),
        ("kind", escape(incident.kind or "")),
        ("place", escape(", ".join(p for p in (incident.location, incident.country_code) if p))),
        ("event date", when),
        ("reported", f"{incident.first_reported} to {incident.last_reported}"),
        ("articles", str(incident.articles)),
        ("figures", str(incident.figures)),
    ]
    parts = [
        f"<section class='incident' id='{escape(incident.incident_id)}'><h2>{escape(incident.label)}</h2>",
        "<table class='facts'>" + "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in facts) + "</table>",
    ]
    by_category: dict[str, list[Toll]] = defaultdict(list)
    for t in incident.tolls:
        by_category[t.category].append(t)
    if not by_category:
        parts.append("<p>No toll: its figures are subsets or other counts.</p>")
    for category in sorted(by_category):
        tolls = newest(by_category[category], lambda t: t.is_latest, lambda t: (t.as_of, t.figure_id))
        parts.append(f"<h3>{escape(category)}</h3>{chart(category, tolls)}")
        reports = max(incident.reported.get(category, 0), len(by_category[category]))
        if reports > len(tolls):
            parts.append(
                f"<p>The latest {len(tolls)} of {reports} reports: the <code>incident_tolls</code> table holds every one.</p>"
            )
        parts.append(
            "<table class='tolls'><tr><th>as of</th><th>toll</th><th>given by</th><th>article</th><th>sentence</th></tr>"
        )
        for t in tolls:
            parts.append(
                f"<tr id='{_anchor(t.figure_id)}'{' class=latest' if t.is_latest else ''}>"
                f"<td>{t.as_of.isoformat()}</td><td>{escape(_value(t))}{' (latest)' if t.is_latest else ''}</td>"
                f"<td>{escape(t.attributed_to or '')}</td><td>{_article(t)}</td>"
                f"<td>{highlight(t.sentence, {'text': t.text})}</td></tr>"
            )
        parts.append("</table>")
    parts.append("</section>")
    return "".join(parts)


def render(run_id: str, touched: Touched, back: str, sections: str | None = None) -> str:
    """The page (``back``: the address of the run's report page, relative to this one); ``sections``:
    the incidents' sections, when already rendered (:func:`write` renders them once for both pages)."""
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>newsmine run {escape(run_id)}: incidents</title>",
        f"<style>{REPORT_CSS}{CSS}</style></head><body>",
        f"<h1>Incidents of run {escape(run_id)}</h1>",
        f"<p><a href='{escape(back)}'>Back to the run report</a>. The incidents this run created or updated: "
        "those with a figure the run published (a new toll, or a count that joined the incident). Each chart "
        "plots a category's reported tolls by the publication date of the reporting article; the ringed "
        "point is the latest toll. Points link to their sentences.</p>",
    ]
    if not touched.total:
        parts.append("<p>This run created or updated no incident.</p>")
    else:
        many = "incident" if touched.total == 1 else "incidents"
        parts.append(f"<p>{touched.total} {many}, most recently reported first.</p>")
    if touched.total > len(touched.incidents):
        shown = len(touched.incidents)
        parts.append(f"<p>Only the first {shown} are shown: query the <code>incident_latest</code> view for all.</p>")
    parts.append(sections if sections is not None else "".join(_incident(i) for i in touched.incidents))
    parts.append("</body></html>")
    return "".join(parts)


def write(reports_dir: Path, run_id: str, touched: Touched) -> Path:
    """Write ``runs/<run_id>-incidents.html`` and ``incidents.html`` (beside ``latest.html``); returns the first."""
    page = reports_dir / "runs" / f"{run_id}-incidents.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    sections = "".join(_incident(i) for i in touched.incidents)  # the same on both pages
    page.write_text(render(run_id, touched, f"{run_id}.html", sections), encoding="utf-8")
    (reports_dir / "incidents.html").write_text(render(run_id, touched, "latest.html", sections), encoding="utf-8")
    return page
