"""The DuckDB views and the example queries of docs/bi.md, run on a small known dataset."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import pytest

from newsmine import store
from newsmine.bi import write_database
from newsmine.tables import ALL, QUARANTINE
from tests.conftest import publish_rows
from tests.incident_samples import IncidentRuns, incident_runs  # noqa: F401

DOC = Path(__file__).resolve().parents[1] / "docs" / "bi.md"


def _queries() -> dict[str, str]:
    blocks = re.findall(r"```sql\n-- (\w+)\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    return {name: sql for name, sql in blocks}


def _figure(aid: str, n: int, value: int, category: str, location: str, published: date, event: date | None) -> dict:
    return {
        "article_id": aid,
        "figure_id": f"{aid}-f{n:03d}",
        "value": value,
        "value_low": value,
        "value_high": value,
        "qualifier": "exact",
        "category": category,
        "subject": "people",
        "text": str(value),
        "sentence_index": 0,
        "start_char": 0,
        "end_char": 2,
        "sentence": "s",
        "published_date": published,
        "location": location,
        "event_date": event,
        "attributed_to": None,
        "run_id": "r",
        "pipeline_version": "0",
        "published_month": published.strftime("%Y-%m"),
    }


def _date(aid: str, start: int, method: str) -> dict:
    return {
        "article_id": aid,
        "text": "Friday",
        "resolved_date": date(2024, 1, 5),
        "granularity": "day",
        "method": method,
        "sentence_index": 0,
        "start_char": start,
        "end_char": start + 6,
        "sentence": "s",
        "published_date": date(2024, 1, 6),
        "run_id": "r",
        "pipeline_version": "0",
        "published_month": "2024-01",
    }


@pytest.fixture
def database(tmp_path):
    out = tmp_path / "parquet"
    rows = [
        _figure("a", 1, 10, "killed", "Gaza", date(2024, 1, 6), date(2024, 1, 5)),
        _figure("a", 2, 30, "injured", "Gaza", date(2024, 1, 6), date(2024, 1, 5)),
        _figure("b", 1, 12, "killed", "Gaza", date(2024, 1, 8), None),
        _figure("b", 2, 4, "killed", "Gaza", date(2024, 1, 8), None),
        _figure("c", 1, 7, "killed", "Lima", date(2024, 2, 1), date(2024, 1, 31)),
    ]
    publish_rows(out, ALL["figures"], rows, ["a", "b", "c"])
    publish_rows(
        out,
        ALL["dates"],
        [_date("a", 0, "weekday"), _date("a", 9, "explicit"), _date("b", 0, "weekday"), _date("b", 9, "relative")],
        ["a", "b"],
    )
    q = {
        "run_id": "r",
        "row_key": "k",
        "column": "value",
        "observed_value": "1",
        "article_id": "a",
        "sentence": "s",
        "row_json": "{}",
    }
    store.append_run(
        out,
        QUARANTINE,
        "r",
        [
            {**q, "table": "figures", "expectation": "value_plausible"},
            {**q, "table": "figures", "expectation": "value_plausible", "row_key": "k2"},
            {**q, "table": "dates", "expectation": "resolved_not_far_future"},
        ],
    )
    db = tmp_path / "newsmine.duckdb"
    assert write_database(out, db) == [*ALL, "incident_latest"]
    with duckdb.connect(str(db), read_only=True) as con:
        yield con


def test_bi_every_table_is_a_view_even_when_empty(database):
    views = {r[0] for r in database.sql("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    assert views == {*ALL, "incident_latest"}
    assert database.sql("SELECT count(*) FROM rejects").fetchall() == [(0,)]
    assert database.sql("SELECT count(*) FROM incident_latest").fetchall() == [(0,)]
    types = dict(database.sql("SELECT column_name, column_type FROM (DESCRIBE figures)").fetchall())
    assert types["published_date"] == "DATE" and types["value"] == "BIGINT"


INCIDENT_QUERIES = {"deadliest_incidents_this_month", "toll_timeline"}


def test_bi_doc_queries_answer(database):
    queries = _queries()
    assert set(queries) == {
        "killed_per_place_per_day",
        "latest_toll_per_place",
        "quarantined_by_rule",
        "inferred_dates",
        *INCIDENT_QUERIES,
    }
    assert database.sql(queries["killed_per_place_per_day"]).fetchall() == [
        ("Gaza", date(2024, 1, 5), 10),
        ("Gaza", date(2024, 1, 8), 16),
        ("Lima", date(2024, 1, 31), 7),
    ]
    assert database.sql(queries["latest_toll_per_place"]).fetchall() == [
        ("Gaza", date(2024, 1, 8), 12),
        ("Lima", date(2024, 2, 1), 7),
    ]
    assert database.sql(queries["quarantined_by_rule"]).fetchall() == [
        ("figures", "value_plausible", 2),
        ("dates", "resolved_not_far_future", 1),
    ]
    assert database.sql(queries["inferred_dates"]).fetchall() == [("weekday", 2), ("relative", 1)]


@pytest.mark.slow
def test_bi_incident_views_and_queries_on_pipeline_output(incident_runs: IncidentRuns, tmp_path):  # noqa: F811
    db = tmp_path / "newsmine.duckdb"
    write_database(incident_runs.out, db)
    queries = _queries()
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.sql("SELECT count(*) FROM incidents").fetchall() == [(2,)]
        quake, flood = "earthquake, Amatrice, IT, 2016-08-24", "flood, Swat valley, PK, 2016-08-19"
        latest = "SELECT label, category, value, as_of FROM incident_latest ORDER BY label, category"
        assert con.sql(latest).fetchall() == [
            (quake, "injured", 368, date(2016, 8, 25)),
            (quake, "killed", 267, date(2016, 8, 26)),
            (flood, "killed", 12, date(2016, 8, 20)),
        ]
        deadliest = queries["deadliest_incidents_this_month"]
        assert con.sql(deadliest.replace("current_date", "DATE '2016-08-26'")).fetchall() == [
            (quake, 267, "exact", date(2016, 8, 26)),
            (flood, 12, "at_least", date(2016, 8, 20)),
        ]
        assert con.sql(deadliest.replace("current_date", "DATE '2016-09-03'")).fetchall() == []
        timeline = [r[:5] + (r[5].split(" <")[0],) for r in con.sql(queries["toll_timeline"]).fetchall()]
        assert timeline == [
            ("injured", date(2016, 8, 25), 368, "exact", True, "Quake toll rises"),
            ("killed", date(2016, 8, 24), 38, "at_least", False, "Earthquake strikes central Italy"),
            ("killed", date(2016, 8, 25), 159, "exact", False, "Quake toll rises"),
            ("killed", date(2016, 8, 26), 267, "exact", True, "Italy mourns earthquake victims"),
        ]
        assert all(r[6] for r in con.sql(queries["toll_timeline"]).fetchall())  # each with its sentence
