"""The run report's incidents page: one SVG timeline per incident and category, article text escaped,
nothing loaded from the network; built from hand-made incidents and from two real library runs."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from newsmine import store
from newsmine.report import RunSummary, write
from newsmine.report_incidents import Incident, Toll, Touched
from newsmine.tables import ALL
from tests.incident_samples import HOSTILE_TITLE, IncidentRuns, incident_runs  # noqa: F401
from tests.test_data_docs_offline import REMOTE, _References

EVIL_SENTENCE = "Officials said <img src=x onerror=alert(1)> that 12 people died."


def _toll(figure_id: str, category: str, value: int, as_of: date, latest: bool, **extra) -> Toll:
    return Toll(category, value, value, value, "exact", as_of, latest, figure_id, figure_id.split("-")[0], **extra)


def _touched() -> Touched:
    quake = Incident(
        "inc-a-f001",
        "earthquake, Amatrice, IT, 2016-08-24",
        kind="earthquake",
        event_date=date(2016, 8, 24),
        event_date_granularity="day",
        first_reported=date(2016, 8, 24),
        last_reported=date(2016, 8, 26),
        articles=3,
        figures=4,
        tolls=[
            _toll("a-f001", "killed", 38, date(2016, 8, 24), False, title="Day one", url="https://example.org/1"),
            _toll("b-f001", "killed", 159, date(2016, 8, 25), False, title=HOSTILE_TITLE, url="javascript:alert(1)"),
            _toll("c-f001", "killed", 267, date(2016, 8, 26), True, sentence="The toll rose to 267.", text="267"),
            _toll("b-f002", "injured", 368, date(2016, 8, 25), True, sentence=EVIL_SENTENCE, text="12"),
        ],
    )
    flood = Incident(
        "inc-d-f001",
        "flood <i>Swat</i>",
        running_total=True,
        first_reported=date(2016, 8, 20),
        last_reported=date(2016, 8, 20),
        articles=1,
        figures=2,
        created=True,
        tolls=[_toll("d-f001", "killed", 12, date(2016, 8, 20), True, source="feed.jsonl#L1")],
    )
    empty = Incident("inc-e-f001", "incident, Lima", first_reported=date(2016, 8, 1), last_reported=date(2016, 8, 1))
    return Touched([quake, flood, empty], 3)


def remote_loads(html: str) -> list[str]:
    """The scripts, stylesheets and images the page loads from another host."""
    refs = _References()
    refs.feed(html)
    return [r for r in refs.loads if REMOTE.match(r)] + [c for c in refs.css if "url(" in c or "@import" in c]


def _write(reports: Path, touched: Touched) -> Path:
    summary = RunSummary("r1", "passed", 1, 3, 0, 0, {"figures": 5}, {})
    write(reports, summary, None, {}, touched)
    return reports / "incidents.html"


def test_incidents_page_from_hand_made_incidents(tmp_path):
    page = _write(tmp_path, _touched())
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 3  # quake killed and injured, flood killed; none for the incident without tolls
    assert html.count("<circle class='latest'") == 3
    assert "<script" not in html and "<img" not in html and "<i>Swat" not in html
    assert "Quake toll rises &lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt; &amp;" in html
    assert "Officials said &lt;img src=x onerror=alert(1)&gt; that <mark>12</mark> people died." in html
    assert "javascript:" not in html and "href='https://example.org/1'" in html
    assert "feed.jsonl#L1" in html and "No toll" in html
    for figure in ("a-f001", "b-f001", "c-f001", "b-f002", "d-f001"):
        assert f"href='#toll-{figure}'" in html and f"id='toll-{figure}'" in html
    assert remote_loads(html) == []
    assert "href='incidents.html'" in (tmp_path / "latest.html").read_text(encoding="utf-8")
    assert "href='r1-incidents.html'" in (tmp_path / "runs" / "r1.html").read_text(encoding="utf-8")
    assert "href='r1.html'" in (tmp_path / "runs" / "r1-incidents.html").read_text(encoding="utf-8")
    assert "href='latest.html'" in html
    run_page = (tmp_path / "runs" / "r1-incidents.html").read_text(encoding="utf-8")
    assert _sections(run_page) == _sections(html) and len(_sections(html)) == 3  # rendered once for both


def test_incidents_page_of_a_run_with_nothing_new(tmp_path):
    write(tmp_path, RunSummary("r2", "passed", 0, 0, 1, 0, {}, {}), None, {})
    html = (tmp_path / "incidents.html").read_text(encoding="utf-8")
    assert "This run created or updated no incident." in html and "<svg" not in html
    assert "href='incidents.html'" in (tmp_path / "latest.html").read_text(encoding="utf-8")


def _sections(html: str) -> dict[str, str]:
    """Each incident's section by its id."""
    return dict(re.findall(r"<section class='incident' id='([^']+)'>(.*?)</section>", html, re.S))


@pytest.mark.slow
def test_incidents_page_of_real_runs(incident_runs: IncidentRuns):  # noqa: F811
    out, reports, (first, second) = incident_runs.out, incident_runs.reports, incident_runs.run_ids
    figures = store.read_table(out, ALL["figures"], ["figure_id", "incident_id", "run_id"]).to_pylist()
    tolls = store.read_table(out, ALL["incident_tolls"]).to_pylist()
    labels = {r["incident_id"]: r["label"] for r in store.read_table(out, ALL["incidents"]).to_pylist()}
    assert "href='incidents.html'" in (reports / "latest.html").read_text(encoding="utf-8")
    # the second run's page, against the tables it published
    html = (reports / "incidents.html").read_text(encoding="utf-8")
    touched = {f["incident_id"] for f in figures if f["run_id"] == second}
    sections = _sections(html)
    assert set(sections) == touched
    assert [labels[i] for i in sections] == ["earthquake, Amatrice, IT, 2016-08-24"]  # not the flood
    for incident_id, section in sections.items():
        assert f"<h2>{labels[incident_id]}</h2>" in section and "<td>updated</td>" in section
        categories = {t["category"] for t in tolls if t["incident_id"] == incident_id}
        assert section.count("<svg") == len(categories) >= 1
        assert section.count("<circle class='latest'") == len(categories)
        for t in tolls:
            if t["incident_id"] == incident_id:
                assert f"id='toll-{t['figure_id']}'" in section
    assert html.count("<svg") == len({(t["incident_id"], t["category"]) for t in tolls if t["incident_id"] in touched})
    # the first run's page, as it was written: the earthquake's first two days and the flood, both new
    first_page = (reports / "runs" / f"{first}-incidents.html").read_text(encoding="utf-8")
    headings = re.findall(r"<h2>(.*?)</h2>", first_page)
    assert len(headings) == 2 and {h.split(",")[0] for h in headings} == {"earthquake", "flood"}
    assert first_page.count("<td>created</td>") == 2
    assert "Quake toll rises &lt;script&gt;document.title=&#x27;pwned&#x27;&lt;/script&gt;" in first_page
    for page in (html, first_page):
        assert remote_loads(page) == [] and "<script" not in page


@pytest.mark.slow
def test_incidents_page_in_headless_chromium(tmp_path, chromium):
    from selenium.webdriver.common.by import By

    page = _write(tmp_path / "reports", _touched())
    chromium.get(page.as_uri())
    assert chromium.title == "newsmine run r1: incidents"
    charts = chromium.find_elements(By.CSS_SELECTOR, "svg.chart")
    assert len(charts) == 3 and all(c.size["width"] > 300 and c.size["height"] > 100 for c in charts)
    assert len(chromium.find_elements(By.CSS_SELECTOR, "svg.chart circle.latest")) == 3
    cells = chromium.find_elements(By.CSS_SELECTOR, "tr[id='toll-b-f001'] td")
    assert cells[3].text == HOSTILE_TITLE
    assert chromium.find_elements(By.TAG_NAME, "img") == []
    chromium.find_element(By.CSS_SELECTOR, "svg.chart a[href='#toll-c-f001']").click()
    assert chromium.current_url.endswith("#toll-c-f001")
    chromium.find_element(By.LINK_TEXT, "Back to the run report").click()
    assert chromium.current_url.endswith("/latest.html")


def test_an_incident_with_many_reports_shows_its_latest_ones(tmp_path):
    """Each category's chart and table show the MAX_TOLLS newest reports, the latest toll always
    among them (here an early report that the newer ones did not supersede), and say how many there are."""
    from newsmine.report_incidents import MAX_TOLLS

    many = MAX_TOLLS + 15
    tolls = [_toll(f"a{i:03d}-f001", "missing", 100 + i, date.fromordinal(737425 + i), i == 3) for i in range(many)]
    war = Incident("inc-a000-f001", "war, Somewhere", first_reported=date(2020, 1, 1), tolls=tolls)
    html = _write(tmp_path, Touched([war], 1)).read_text(encoding="utf-8")
    shown = re.findall(r"<tr id='toll-(a\d+)-f001'", html)
    assert len(shown) == MAX_TOLLS and "a003" in shown  # the latest toll, though old
    assert shown[1:] == [f"a{i:03d}" for i in range(many - MAX_TOLLS + 1, many)]  # then the newest
    assert html.count("<circle cx=") == MAX_TOLLS and html.count("<circle class='latest'") == 1
    assert f"The latest {MAX_TOLLS} of {many} reports" in html


@pytest.mark.slow
def test_touched_reads_the_latest_reports_of_each_category(incident_runs: IncidentRuns, monkeypatch):  # noqa: F811
    from newsmine import report_incidents

    monkeypatch.setattr(report_incidents, "MAX_TOLLS", 1)
    out, (_, second) = incident_runs.out, incident_runs.run_ids
    tolls = store.read_table(out, ALL["incident_tolls"]).to_pylist()
    found = report_incidents.touched(out, second)
    assert found.incidents
    for incident in found.incidents:
        mine = [t for t in tolls if t["incident_id"] == incident.incident_id]
        for category in {t["category"] for t in mine}:
            reports = [t for t in mine if t["category"] == category]
            kept = [t for t in incident.tolls if t.category == category]
            assert len(kept) == 1 and kept[0].is_latest and kept[0].sentence
            assert incident.reported.get(category, 1) == len(reports)
    assert any(incident.reported for incident in found.incidents)  # a category with more reports than shown
