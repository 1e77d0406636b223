"""Run reports a data steward reads: an HTML page per run and a markdown summary.

Every piece of article text is HTML-escaped; failing rows show the article title, the sentence with
the failing span highlighted, and the value; rejected inputs show their file and reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsmine.tables import EXTRACTED

if TYPE_CHECKING:  # not imported at run time: a run with nothing new writes its report without it
    from newsmine.report_incidents import Touched
    from newsmine.validation import Outcome

CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}
.failed{color:#a00}.passed{color:#070}mark{background:#ffe08a}.warning{color:#a60}
"""


@dataclass
class RunSummary:
    """The numbers printed at the end of a run and published as a Prefect artifact."""

    run_id: str
    status: str
    files: int
    articles: int
    skipped: int
    rejected: int
    rows: dict[str, int]
    quarantined: dict[str, int]
    failed_reason: str | None = None
    rejects: list[dict[str, str]] = field(default_factory=list)  # source, reason, message

    def lines(self) -> list[tuple[str, str]]:
        out = [
            ("run", self.run_id),
            ("files", str(self.files)),
            ("articles", str(self.articles)),
            ("skipped (unchanged)", str(self.skipped)),
            ("rejected", str(self.rejected)),
        ]
        tables = [*EXTRACTED, *(n for n in self.rows if n not in EXTRACTED and n != "articles")]
        for name in tables:
            out.append((name, f"{self.rows.get(name, 0)} published, {self.quarantined.get(name, 0)} quarantined"))
        out.append(("validation", self.status + (f": {self.failed_reason}" if self.failed_reason else "")))
        return out

    def text(self) -> str:
        width = max(len(k) for k, _ in self.lines())
        return "\n".join(f"{k:<{width}}  {v}" for k, v in self.lines())

    def markdown(self) -> str:
        rows = "\n".join(f"| {k} | {_cell(v)} |" for k, v in self.lines())
        out = f"# newsmine run {self.run_id}\n\n| | |\n|---|---|\n{rows}\n"
        if self.rejects:
            listed = "\n".join(
                f"| {_cell(r['source'])} | {_cell(r['reason'])} | {_cell(r['message'])} |" for r in self.rejects
            )
            out += f"\n## Rejected inputs\n\n| file | reason | detail |\n|---|---|---|\n{listed}\n"
        return out


def nothing_usable(published_articles: int, skipped: int, rejected: int) -> str | None:
    """The reason a run failed when it has nothing usable, or None.

    Nothing usable: no article was published by the run, none was already published (unchanged),
    and some inputs were rejected: every input was bad.
    """
    if rejected and not published_articles and not skipped:
        return f"nothing usable: every input was rejected ({rejected})"
    return None


def _cell(text: str) -> str:
    """Text safe in a markdown table cell: one line, no cell break, no markup (file names are anyone's)."""
    return escape(text).replace("|", "\\|").replace("\n", " ")


def highlight(sentence: str | None, row: dict[str, Any]) -> str:
    if not sentence:
        return ""
    text = str(row.get("text") or "")
    at = sentence.find(text) if text else -1
    if at < 0:
        return escape(sentence)
    return escape(sentence[:at]) + "<mark>" + escape(text) + "</mark>" + escape(sentence[at + len(text) :])


def render(summary: RunSummary, outcome: Outcome | None, titles: dict[str, str]) -> str:
    """The run report as a standalone HTML page (``outcome``: None for a run with nothing new)."""
    parts = [
        f"<!doctype html><html><head><meta charset='utf-8'><title>newsmine run {escape(summary.run_id)}</title>",
        f"<style>{CSS}</style></head><body>",
        f"<h1>Run {escape(summary.run_id)} <span class='{escape(summary.status)}'>{escape(summary.status)}</span></h1>",
    ]
    if summary.failed_reason:
        parts.append(f"<p class='failed'>{escape(summary.failed_reason)}</p>")
    parts.append("<h2>Totals</h2><table><tr><th>table</th><th>published</th><th>quarantined</th></tr>")
    for name, published in summary.rows.items():
        parts.append(f"<tr><td>{escape(name)}</td><td>{published}</td><td>{summary.quarantined.get(name, 0)}</td></tr>")
    parts.append("</table><p>" + "".join(f"{escape(k)}: {escape(v)}<br>" for k, v in summary.lines()) + "</p>")
    parts.append(f"<h2>Rejected inputs ({len(summary.rejects)})</h2>")
    if summary.rejects:
        parts.append("<table class='rejects'><tr><th>file</th><th>reason</th><th>detail</th></tr>")
        for reject in summary.rejects:
            cells = (escape(reject[k]) for k in ("source", "reason", "message"))
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append("</table>")
    parts.append("<h2>Failing expectations</h2>")
    failing = [r for r in outcome.results if not r.success] if outcome else []
    quarantine = outcome.quarantine if outcome else []
    if outcome is None:
        parts.append("<p>Nothing new was validated.</p>")
    elif not failing:
        parts.append("<p class='passed'>Every expectation held.</p>")
    for r in failing:
        parts.append(
            f"<h3 class='{'failed' if r.severity == 'critical' else 'warning'}'>{escape(r.table)}: "
            f"{escape(r.name)} ({escape(r.severity)}) on <code>{escape(r.column)}</code>, "
            f"{len(r.unexpected_index)} of {r.element_count} rows</h3>"
        )
        rows = [q for q in quarantine if q["table"] == r.table and q["expectation"] == r.name]
        if not rows:
            continue
        parts.append("<table class='quarantine'><tr><th>article</th><th>sentence</th><th>value</th></tr>")
        for q in rows[:200]:
            row = json.loads(q["row_json"])
            title = titles.get(str(q.get("article_id")), str(q.get("article_id")))
            parts.append(
                f"<tr><td>{escape(title)}</td><td>{highlight(q.get('sentence'), row)}</td>"
                f"<td>{escape(str(q.get('observed_value')))}</td></tr>"
            )
        parts.append("</table>")
    parts.append(
        f"<p><a href='{escape(_incidents_page(summary.run_id))}'>Incidents this run created or updated</a> · "
        "<a href='../data_docs/index.html'>Great Expectations Data Docs</a></p></body></html>"
    )
    return "".join(parts)


def _incidents_page(run_id: str) -> str:
    return f"{run_id}-incidents.html"


def write(
    reports_dir: Path,
    summary: RunSummary,
    outcome: Outcome | None,
    titles: dict[str, str],
    incidents: Touched | None = None,
) -> Path:
    """Write ``runs/<run_id>.html`` and copy it to ``latest.html``; returns the run page.

    Also writes the run's incidents page (``runs/<run_id>-incidents.html``, copied to
    ``incidents.html``) listing ``incidents``, the incidents the run created or updated (none when
    not given: a run with nothing new).
    """
    from newsmine import report_incidents  # it draws on this module's style and highlighting

    runs = reports_dir / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    page = runs / f"{summary.run_id}.html"
    page.write_text(render(summary, outcome, titles), encoding="utf-8")
    report_incidents.write(reports_dir, summary.run_id, incidents or report_incidents.Touched())
    latest = reports_dir / "latest.html"
    # latest.html sits one folder up: its Data Docs link must not go up a level, its incidents link
    # is to the copy beside it.
    html = page.read_text(encoding="utf-8").replace("../data_docs/", "data_docs/")
    latest.write_text(html.replace(f"href='{_incidents_page(summary.run_id)}'", "href='incidents.html'"), "utf-8")
    return page
