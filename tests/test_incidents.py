"""Incidents: linking within and across articles, tolls and the latest, ids stable across run splits.

The linking tests use hand-made figure rows (the ``figures`` table's columns); the run tests use
articles written here, about invented events.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsmine import store
from newsmine.incidents import link
from newsmine.tables import VALIDATED
from tests.conftest import run_library

_counter = {"n": 0}


def fig(
    article: str,
    value: int,
    category: str = "killed",
    *,
    published: date = date(2021, 3, 2),
    location: str | None = "Tabriz",
    country: str | None = "IR",
    event_date: date | None = date(2021, 3, 1),
    granularity: str | None = "day",
    kind: str | None = "earthquake",
    sentence: str | None = None,
    text: str | None = None,
) -> dict:
    """A figure row; its sentence says the value unless given."""
    _counter["n"] += 1
    n = _counter["n"]
    text = text or str(value)
    return {
        "article_id": article,
        "figure_id": f"{article}-f{n:03d}",
        "value": value,
        "value_low": value,
        "value_high": value,
        "qualifier": "exact",
        "category": category,
        "text": text,
        "sentence": sentence or f"The quake killed {text} people.",
        "sentence_index": n,
        "start_char": n * 100,
        "published_date": published,
        "location": location,
        "country_code": country,
        "event_date": event_date if granularity else None,
        "event_date_granularity": granularity if event_date else None,
        "attributed_to": None,
        "event_kind": kind,
    }


def incident_sets(figures: list[dict]) -> set[frozenset[int]]:
    """The incidents as sets of figure values (the tests give each figure a distinct value)."""
    linked = link(figures)
    by_incident: dict[str, set[int]] = {}
    for f in figures:
        by_incident.setdefault(linked.incident_of[f["figure_id"]], set()).add(f["value"])
    return {frozenset(v) for v in by_incident.values()}


def latest_of(figures: list[dict]) -> dict[tuple[str, str], int]:
    linked = link(figures)
    labels = {i["incident_id"]: i["label"] for i in linked.incidents}
    return {(labels[t["incident_id"]], t["category"]): t["value"] for t in linked.tolls if t["is_latest"]}


LINKING = [
    (
        "reports of one quake on three days are one incident",
        [
            fig("a", 40),
            fig("b", 85, published=date(2021, 3, 3)),
            fig("c", 79, published=date(2021, 3, 5), event_date=date(2021, 3, 5)),
        ],
        {frozenset({40, 85, 79})},
    ),
    (
        "a toll update dated on its own day still joins the event it updates",
        [
            fig("a", 40),
            fig(
                "b",
                85,
                published=date(2021, 3, 9),
                event_date=date(2021, 3, 9),
                sentence="The death toll rose to 85 on Tuesday.",
            ),
        ],
        {frozenset({40, 85})},
    ),
    (
        "strikes on one place days apart, each reported on its day, are separate incidents",
        [
            fig("a", 12, kind="airstrike", location="Gaza City", country="PS"),
            fig(
                "b",
                9,
                kind="airstrike",
                location="Gaza City",
                country="PS",
                published=date(2021, 3, 9),
                event_date=date(2021, 3, 9),
            ),
        ],
        {frozenset({12}), frozenset({9})},
    ),
    (
        "an agency that gives both figures does not make two crashes three days apart one",
        [
            {
                **fig("a", 14, kind="crash", location="Mombasa", country="KE"),
                "sentence": "A bus crash near Mombasa killed 14 people, the Kenya Red Cross said.",
                "attributed_to": "the Kenya Red Cross",
            },
            {
                **fig("b", 6, kind="crash", location="Kisumu", country="KE", published=date(2021, 3, 5)),
                "event_date": date(2021, 3, 4),
                "sentence": "A lorry crash outside Kisumu killed 6 people, the Kenya Red Cross said.",
                "attributed_to": "the Kenya Red Cross",
            },
        ],
        {frozenset({14}), frozenset({6})},
    ),
    (
        "two proper names shared in one country link reports whose places differ",
        [
            {
                **fig("a", 30, kind="sinking", location="Jindo", country="KR"),
                "sentence": "The ferry Sewol sank near Jindo with Danwon students aboard, and 30 died.",
            },
            {
                **fig("b", 60, kind="sinking", location="Mokpo", country="KR", published=date(2021, 3, 3)),
                "sentence": "Relatives of Danwon students waited in Mokpo as the Sewol toll reached 60.",
            },
        ],
        {frozenset({30, 60})},
    ),
    (
        "a place name inside another word is no shared place",
        [
            fig("a", 21, kind="flood", location="Ra", country="PK"),
            fig("b", 22, kind="flood", location="Karachi", country="PK", event_date=date(2021, 3, 4)),
        ],
        {frozenset({21}), frozenset({22})},
    ),
    (
        "a year-old background toll in an article is an incident of its own, shared across articles",
        [
            fig("a", 40),
            fig("a", 306, location="Ahar", event_date=date(2012, 1, 1), granularity="year"),
            fig("b", 85, published=date(2021, 3, 3)),
            fig("b", 305, location="Ahar", published=date(2021, 3, 3), event_date=date(2012, 1, 1), granularity="year"),
        ],
        {frozenset({40, 85}), frozenset({306, 305})},
    ),
    (
        "a running total since a war began is not the day's strike",
        [
            fig("a", 31, kind="airstrike", location="Rafah", country="PS"),
            fig(
                "a",
                20000,
                kind="war",
                location="Gaza",
                country="PS",
                event_date=None,
                sentence="More than 20000 people have been killed since the war began.",
                text="More than 20000",
            ),
        ],
        {frozenset({31}), frozenset({20000})},
    ),
    (
        "the same value in the same country on another day and place is another incident",
        [
            fig("a", 12, location="Tabriz"),
            fig("b", 13, location="Shiraz", published=date(2021, 3, 21), event_date=date(2021, 3, 20)),
        ],
        {frozenset({12}), frozenset({13})},
    ),
    (
        "the same place months apart is another incident",
        [fig("a", 40), fig("b", 41, published=date(2021, 9, 2), event_date=date(2021, 9, 1))],
        {frozenset({40}), frozenset({41})},
    ),
    (
        "kinds that cannot be one event do not link",
        [fig("a", 40), fig("b", 41, kind="kidnapping")],
        {frozenset({40}), frozenset({41})},
    ),
    (
        "a misread country does not split an event whose place both name",
        [fig("a", 40), fig("b", 85, country="AZ", published=date(2021, 3, 3))],
        {frozenset({40, 85})},
    ),
    (
        "places a short distance apart are one event's",
        [fig("a", 40, location="Tabriz"), fig("b", 85, location="Marand", published=date(2021, 3, 3))],
        {frozenset({40, 85})},
    ),
]


@pytest.mark.parametrize(("case", "figures", "expected"), LINKING, ids=[c[0] for c in LINKING])
def test_linking(case, figures, expected):
    assert incident_sets(figures) == expected


def test_latest_toll_is_the_newest_report_even_when_it_revises_down():
    figures = [
        fig("a", 40),
        fig("a", 300, "injured"),
        fig("b", 85, published=date(2021, 3, 3)),
        fig("c", 79, published=date(2021, 3, 5)),
    ]
    assert latest_of(figures) == {
        ("earthquake, Tabriz, IR, 2021-03-01", "killed"): 79,
        ("earthquake, Tabriz, IR, 2021-03-01", "injured"): 300,
    }


@pytest.mark.parametrize(
    ("sentence", "figures", "tolls"),
    [
        ("The quake killed 40 people, four of them children.", ["40", "four"], [40]),
        ("The quake killed 40 people, including 12 children.", ["40", "12"], [40]),
        ("The toll rose to 934 from 863 on Tuesday.", ["934", "863"], [934]),
        ("The quake killed 40 people and injured 863.", ["40", "863"], [40, 863]),
    ],
)
def test_subsets_and_old_values_are_not_the_toll(sentence, figures, tolls):
    values = {"four": 4}
    rows = [fig("a", values.get(t) or int(t), sentence=sentence, text=t) for t in figures]
    for row in rows:
        row["sentence_index"] = 0  # one sentence
    if "injured" in sentence:
        rows[1]["category"] = "injured"
    assert [t["value"] for t in link(rows).tolls] == tolls


def test_incident_ids_come_from_the_earliest_figure_whatever_the_order():
    figures = [fig("b", 85, published=date(2021, 3, 3)), fig("a", 40), fig("c", 79, published=date(2021, 3, 5))]
    first = link(figures)
    shuffled = figures[:]
    random.Random(7).shuffle(shuffled)
    again = link(shuffled)
    assert set(first.incident_of.values()) == {f"inc-{figures[1]['figure_id']}"}
    assert again.incident_of == first.incident_of
    assert again.incidents == first.incidents


# --- Runs ---------------------------------------------------------------------------------------

ARTICLES = {
    "2021-03-02-tabriz-quake.txt": (
        "An earthquake struck the city of Tabriz in north-western Iran on Monday, killing at least 40 people "
        "and injuring 300 others, officials said.\n\nRescue teams searched collapsed buildings through the night."
    ),
    "2021-03-03-tabriz-toll.txt": (
        "The death toll from Monday's earthquake in Tabriz rose to 85, the Iranian Red Crescent said on "
        "Wednesday.\n\nIn 2012, twin earthquakes near Ahar killed 306 people."
    ),
    "2021-03-05-tabriz-search-ends.txt": (
        "Rescuers in Tabriz ended their search on Friday. Officials said the earthquake had killed 79 people "
        "after some victims were counted twice.\n\nMore than 500 people were injured in the quake."
    ),
    "2021-04-02-tabriz-a-month-on.txt": (
        "The death toll from the March 1 earthquake in Tabriz has reached 81, officials said on Friday, "
        "after two of the injured died in hospital.\n\nMany of the survivors still live in tents."
    ),
    "2021-03-03-kenya-bus.txt": (
        "A bus crashed into a river near Nakuru in Kenya on Tuesday, killing 12 passengers, police said."
    ),
}


def _write(raw: Path, names: list[str]) -> None:
    raw.mkdir(parents=True, exist_ok=True)
    for name in names:
        (raw / name).write_text(f"date {name[:10]}\n\n{ARTICLES[name]}", encoding="utf-8")


def _published(out: Path) -> tuple[list[dict], dict[str, str | None]]:
    incidents = store.read_table(out, VALIDATED["incidents"]).to_pylist()
    figures = store.read_table(out, VALIDATED["figures"], ["figure_id", "incident_id"]).to_pylist()
    return sorted(incidents, key=lambda r: r["incident_id"]), {f["figure_id"]: f["incident_id"] for f in figures}


@pytest.fixture(scope="module")
def one_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("one")
    _write(base / "raw", list(ARTICLES))
    outcome = run_library(base / "raw", base / "out", base / "reports")
    assert outcome.failed_reason is None
    return base


@pytest.mark.slow
def test_one_run_links_the_articles_of_one_event(one_run):
    incidents, figures = _published(one_run / "out")
    assert figures and all(figures.values())
    assert set(figures.values()) == {i["incident_id"] for i in incidents}
    by_articles = {i["articles"]: i for i in incidents if i["articles"] >= 2}
    assert list(by_articles) == [4]
    quake = by_articles[4]
    assert (quake["kind"], quake["country_code"], quake["event_date"]) == ("earthquake", "IR", date(2021, 3, 1))
    tolls = store.read_table(one_run / "out", VALIDATED["incident_tolls"]).to_pylist()
    latest = {t["category"]: t["value"] for t in tolls if t["is_latest"] and t["incident_id"] == quake["incident_id"]}
    assert latest == {"killed": 81, "injured": 500}  # the April report is the newest on the killed
    others = {i["label"] for i in incidents if i["articles"] == 1}
    assert any(label.startswith("crash") and "KE" in label for label in others)


@pytest.mark.slow
@pytest.mark.parametrize(
    "first",
    [
        ["2021-03-05-tabriz-search-ends.txt", "2021-03-03-kenya-bus.txt"],
        ["2021-03-02-tabriz-quake.txt"],
        # the April report first: the earlier March reports change the incident's id, so the
        # April partition of figures is rewritten
        ["2021-04-02-tabriz-a-month-on.txt"],
    ],
)
def test_two_runs_in_any_split_give_the_incidents_of_one_run(one_run, tmp_path, first):
    rest = [name for name in ARTICLES if name not in first]
    _write(tmp_path / "raw", first)
    run_library(tmp_path / "raw", tmp_path / "out", tmp_path / "reports")
    _write(tmp_path / "raw", rest)
    run_library(tmp_path / "raw", tmp_path / "out", tmp_path / "reports")
    assert _published(tmp_path / "out") == _published(one_run / "out")
    rerun_ids = _published(tmp_path / "out")
    run_library(tmp_path / "raw", tmp_path / "out", tmp_path / "reports")  # nothing new
    assert _published(tmp_path / "out") == rerun_ids
    tolls = pq.read_table(tmp_path / "out" / "incident_tolls" / "data.parquet")
    assert tolls.num_rows == pq.read_table(one_run / "out" / "incident_tolls" / "data.parquet").num_rows


@pytest.mark.slow
def test_a_derived_incident_row_failing_a_check_fails_the_run_and_counts_no_share(tmp_path):
    from newsmine.settings import Settings
    from newsmine.validation import Validation

    figures = [fig("a", 40), fig("b", 85, published=date(2021, 3, 3))]
    linked = link(figures)
    tolls = [dict(t, is_latest=True) for t in linked.tolls]  # two latest tolls of one category
    validation = Validation(Settings(), "r", date(2021, 3, 4), tmp_path, {})
    validation.incident_ids = frozenset(i["incident_id"] for i in linked.incidents)
    validation.check("incident_tolls", store.to_arrow(VALIDATED["incident_tolls"], tolls))
    outcome = validation.finish()
    assert {q["expectation"] for q in outcome.quarantine} == {"one_latest_per_category"}
    assert (
        outcome.failed_reason == "2 rows of incident_tolls, derived from the published figures, failed critical checks"
    )
    assert (outcome.checked_rows, outcome.quarantined_rows) == (0, 0)
