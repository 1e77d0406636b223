"""End to end: the pipeline flow under prefect_test_harness on the tests' own articles."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from newsmine import store
from newsmine.tables import ALL

FIXTURES = Path(__file__).parent / "fixtures" / "raw"
SEED = Path(__file__).resolve().parents[1] / "data" / "raw" / "2023-12-02-gaza-truce-collapse.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def first_run(harness, tmp_path_factory):
    from flows.pipeline import pipeline

    root = tmp_path_factory.mktemp("run")
    raw = root / "raw"
    shutil.copytree(FIXTURES, raw)
    shutil.copy(SEED, raw / SEED.name)
    out, reports = root / "parquet", root / "reports"
    summary = pipeline(raw_dir=str(raw), out_dir=str(out), reports_dir=str(reports), max_critical_share=0.5)
    return summary, raw, out, reports


def _read(out: Path, name: str) -> list[dict]:
    return store.read_table(out, ALL[name]).to_pylist()


def test_pipeline_flow_writes_tables_with_seed_values(first_run):
    summary, _raw, out, _reports = first_run
    assert summary.status == "passed"
    assert summary.articles == 4 and summary.files == 4
    figures = _read(out, "figures")
    seed = {(f["value"], f["category"], f["qualifier"]) for f in figures if f["published_date"] == date(2023, 12, 2)}
    for fact in [
        (1200, "killed", "exact"),
        (240, "kidnapped", "exact"),
        (15000, "killed", "more_than"),
        (200, "struck", "more_than"),
        (184, "killed", "exact"),
        (589, "injured", "at_least"),
        (20, "struck", "more_than"),
    ]:
        assert fact in seed, fact
    seed_dates = {
        (d["text"], d["resolved_date"]) for d in _read(out, "dates") if d["published_date"] == date(2023, 12, 2)
    }
    assert {
        ("7 October", date(2023, 10, 7)),
        ("24 November", date(2023, 11, 24)),
        ("Friday", date(2023, 12, 1)),
    } <= seed_dates
    assert not any(text.startswith("2023-12-02") for text, _ in seed_dates)
    mombasa = [f for f in figures if f["value"] == 14]
    assert [(f["category"], f["location"], f["event_date"]) for f in mombasa] == [
        ("killed", "Mombasa", date(2023, 12, 7))
    ]


def test_pipeline_flow_rejects_and_quarantine(first_run):
    _summary, _raw, out, _reports = first_run
    rejects = sorted((r["source"], r["reason"]) for r in _read(out, "rejects"))
    assert rejects == [("empty.txt", "empty"), ("wire/feed.jsonl#L2", "missing_field")]
    quarantine = _read(out, "quarantine")
    assert [(q["table"], q["expectation"], q["observed_value"]) for q in quarantine] == [
        ("figures", "value_plausible", "500000000")
    ]
    assert "killed 500 million people" in quarantine[0]["sentence"]


def test_pipeline_flow_tables_are_consistent(first_run):
    _summary, _raw, out, _reports = first_run
    articles = {a["article_id"]: a for a in _read(out, "articles")}
    assert {a["source"] for a in articles.values()} == {
        "2023-12-02-gaza-truce-collapse.txt",
        "2023-12-09-port-blast.txt",
        "wire/feed.jsonl#L1",
        "wire/feed.jsonl#L3",
    }
    for name in ("figures", "dates", "entities", "quotes"):
        for row in _read(out, name):
            text = articles[row["article_id"]]["text"]
            assert 0 <= row["start_char"] < row["end_char"] <= len(text)
            if name in {"figures", "dates", "entities"}:
                assert text[row["start_char"] : row["end_char"]] == row["text"]
    assert (out / "figures" / "published_month=2023-12" / "data.parquet").exists()
    assert (out / "figures" / "published_month=2024-01" / "data.parquet").exists()
    results = _read(out, "validation_results")
    assert any(r["expectation"] == "value_plausible" and r["unexpected_count"] == 1 for r in results)


def test_pipeline_flow_reports_written(first_run):
    _summary, _raw, _out, reports = first_run
    latest = (reports / "latest.html").read_text(encoding="utf-8")
    assert "value_plausible" in latest and "<mark>500 million</mark>" in latest
    assert "<script>" not in latest and "&lt;script&gt;" in latest
    assert (reports / "data_docs" / "index.html").exists()
    assert "files: 4<br>articles: 4<br>skipped (unchanged): 0<br>rejected: 2<br>" in latest
    assert "Rejected inputs (2)" in latest and "<td>wire/feed.jsonl#L2</td><td>missing_field</td>" in latest


def test_pipeline_flow_small_batches_and_chunks_publish_the_same(first_run, tmp_path, monkeypatch):
    """One article per batch and one row per validation chunk: the same tables and quarantine."""
    from flows.pipeline import pipeline
    from tests.conftest import table_snapshot

    _summary, raw, out, _reports = first_run
    monkeypatch.setenv("NEWSMINE_VALIDATE_ROWS", "1")
    small = tmp_path / "parquet"
    summary = pipeline(
        raw_dir=str(raw), out_dir=str(small), reports_dir=str(tmp_path / "r"), batch_size=1, max_critical_share=0.5
    )
    assert summary.status == "passed" and summary.articles == 4
    assert table_snapshot(small) == table_snapshot(out)
    quarantined = [(q["table"], q["row_key"], q["expectation"]) for q in _read(small, "quarantine")]
    assert sorted(quarantined) == sorted((q["table"], q["row_key"], q["expectation"]) for q in _read(out, "quarantine"))


def test_pipeline_flow_second_run_adds_nothing(first_run):
    from flows.pipeline import pipeline

    summary, raw, out, reports = first_run
    before = {
        name: sorted(map(str, _read(out, name))) for name in ("articles", "figures", "dates", "entities", "quotes")
    }
    again = pipeline(raw_dir=str(raw), out_dir=str(out), reports_dir=str(reports), max_critical_share=0.5)
    assert again.articles == 0 and again.skipped == 4
    after = {name: sorted(map(str, _read(out, name))) for name in before}
    assert after == before
    assert _last_run(out, again.run_id) == ("passed", 0, 4)


def test_pipeline_flow_publishes_summary_artifact(first_run):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    summary, *_ = first_run
    key = ArtifactFilter(key=ArtifactFilterKey(any_=["newsmine-run-summary"]))
    with get_client(sync_client=True) as client:  # every version: other tests of this process run flows too
        versions = [str(a.data) for a in client.read_artifacts(artifact_filter=key)]
    (data,) = [d for d in versions if summary.run_id in d]
    assert "| validation | passed |" in data and "| figures |" in data
    assert "| files | 4 |" in data and "| rejected | 2 |" in data
    assert "| empty.txt | empty |" in data and "| wire/feed.jsonl#L2 | missing_field |" in data


def test_pipeline_flow_changed_file_replaces_its_article(first_run):
    from flows.pipeline import pipeline

    _summary, raw, out, reports = first_run
    path = raw / "2023-12-09-port-blast.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("killed 14 people", "killed 16 people"), encoding="utf-8")
    again = pipeline(raw_dir=str(raw), out_dir=str(out), reports_dir=str(reports), max_critical_share=0.5)
    assert (again.articles, again.skipped) == (1, 3)
    assert _last_run(out, again.run_id) == ("passed", 1, 3)
    articles = _read(out, "articles")
    assert len(articles) == 4
    blast = [a for a in articles if a["source"] == "2023-12-09-port-blast.txt"]
    assert len(blast) == 1 and "killed 16 people" in blast[0]["text"]
    ids = {a["article_id"] for a in articles}
    for name in ("figures", "dates", "entities", "quotes"):
        assert {r["article_id"] for r in _read(out, name)} <= ids, name
    values = {f["value"] for f in _read(out, "figures") if f["article_id"] == blast[0]["article_id"]}
    assert 16 in values and 14 not in values


def _last_run(out: Path, run_id: str) -> tuple[str, int, int]:
    """The ``runs`` row of run ``run_id``, which is the latest: (status, articles new, skipped)."""
    runs = sorted(_read(out, "runs"), key=lambda r: r["started_at"])
    assert runs[-1]["run_id"] == run_id
    return runs[-1]["status"], runs[-1]["articles_new"], runs[-1]["articles_skipped"]


def test_pipeline_flow_runs_table(first_run):
    """The first run's row; the rows of the later runs over the same folders are checked by the
    tests that make them (on several test processes, they need not run in this process)."""
    summary, _raw, out, _reports = first_run
    runs = sorted(_read(out, "runs"), key=lambda r: r["started_at"])
    first = runs[0]
    assert (first["run_id"], first["status"], first["articles_new"], first["articles_skipped"]) == (
        summary.run_id,
        "passed",
        4,
        0,
    )
    assert first["files"] == 4 and first["inputs_rejected"] == 2 and first["rows_quarantined"] == 1
    assert first["rows_figures"] > 0 and first["finished_at"] >= first["started_at"]
