"""A small raw folder of one earthquake reported on three days, and a flood elsewhere, for the
incidents page and the BI queries (written by the tests, so they never read a shared dataset)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

HOSTILE_TITLE = "Quake toll rises <script>document.title='pwned'</script> & <b>more</b>"

QUAKE = [
    {
        "title": "Earthquake strikes central Italy",
        "url": "https://example.org/quake-day-1",
        "published": "2016-08-24",
        "text": "A magnitude 6.2 earthquake struck the town of Amatrice in central Italy on Wednesday, "
        "and at least 38 people were killed, the civil protection agency said.\n\n"
        "Rescuers searched the rubble through the night.",
    },
    {
        "title": HOSTILE_TITLE,
        "url": "javascript:alert(1)",
        "published": "2016-08-25",
        "text": "The earthquake that struck Amatrice, Italy, on Wednesday killed 159 people and injured 368, "
        "the civil protection agency said on Thursday.\n\n"
        "Aftershocks shook the region overnight.",
    },
    {
        "title": "Italy mourns earthquake victims",
        "url": "https://example.org/quake-day-3",
        "published": "2016-08-26",
        "text": "The number of people killed in Wednesday's earthquake in Amatrice, Italy, rose to 267 "
        "on Friday, the civil protection agency said.\n\nThe government declared a state of emergency.",
    },
]

FLOOD = {
    "title": "Floods hit Swat valley",
    "published": "2016-08-20",
    "text": "Flash floods swept through the Swat valley in northern Pakistan on Friday, and at least 12 "
    "people were killed, officials said.",
}


def write_raw(folder: Path, articles: list[dict]) -> Path:
    """Write ``articles`` as one JSON Lines feed in ``folder`` (created); returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = "\n".join(json.dumps(a) for a in articles) + "\n"
    (folder / f"feed-{len(list(folder.iterdir())):02d}.jsonl").write_text(lines, encoding="utf-8")
    return folder


@dataclass
class IncidentRuns:
    """Two library runs on :func:`write_raw` folders: the earthquake's first two days and the flood,
    then its third day; each run's report written as the validate flow writes it."""

    out: Path
    reports: Path
    run_ids: list[str]


def _run_ids(out: Path) -> set[str]:
    from newsmine import store
    from newsmine.tables import ALL

    return set(store.read_table(out, ALL["figures"], ["run_id"]).column("run_id").to_pylist())


@pytest.fixture(scope="session")
def incident_runs(tmp_path_factory) -> IncidentRuns:
    from newsmine import report, report_incidents
    from newsmine.pipeline import IngestSummary, run_summary
    from tests.conftest import run_library

    root = tmp_path_factory.mktemp("incidents")
    raw, out, reports = root / "raw", root / "out", root / "reports"
    run_ids: list[str] = []
    for articles in ([QUAKE[0], QUAKE[1], FLOOD], [QUAKE[2]]):
        write_raw(raw, articles)
        outcome = run_library(raw, out, reports)
        (run_id,) = _run_ids(out) - set(run_ids)
        run_ids.append(run_id)
        summary = run_summary(run_id, IngestSummary(files=1, articles=len(articles)), outcome)
        report.write(reports, summary, outcome, {}, report_incidents.touched(out, run_id))
    return IncidentRuns(out, reports, run_ids)
