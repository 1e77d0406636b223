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
        [fig("a", 40), fig("b", 85, published=date(2021, 3, 9), event_date=date(2021, 3, 9))],
        {frozenset({40, 85})},
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
    assert list(by_articles) == [3]
    quake = by_articles[3]
    assert (quake["kind"], quake["country_code"], quake["event_date"]) == ("earthquake", "IR", date(2021, 3, 1))
    tolls = store.read_table(one_run / "out", VALIDATED["incident_tolls"]).to_pylist()
    latest = {t["category"]: t["value"] for t in tolls if t["is_latest"] and t["incident_id"] == quake["incident_id"]}
    assert latest == {"killed": 79, "injured": 500}
    others = {i["label"] for i in incidents if i["articles"] == 1}
    assert any(label.startswith("crash") and "KE" in label for label in others)


@pytest.mark.slow
@pytest.mark.parametrize(
    "first",
    [
        ["2021-03-05-tabriz-search-ends.txt", "2021-03-03-kenya-bus.txt"],
        ["2021-03-02-tabriz-quake.txt"],
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
