"""The head start: a run's batches staged and extracted before its flow, taken by the flow's tasks.

The library tests run the head start with a pool that works in this process; the slow test runs
``newsmine run`` itself and checks, on its timeline, that extraction began before the flow, and
that it published exactly what a flow run without a head start publishes.
"""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import Future
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsmine import head_start, store, timeline
from newsmine.ingest import discover
from newsmine.pipeline import StagedBatch, batches, stage_extract, stage_ingest
from newsmine.settings import Settings
from newsmine.tables import VALIDATED
from tests.conftest import copy_samples, prefect_free_env, table_snapshot


class InlinePool:
    """A pool that runs each call here, at once (the head start's logic, without processes)."""

    workers = 1

    def __init__(self) -> None:
        self.calls: list[str] = []

    def submit(self, fn: Any, *args: Any) -> Future:
        self.calls.append(fn.__name__)
        future: Future = Future()
        try:
            future.set_result(fn(*args))
        except BaseException as exc:
            future.set_exception(exc)
        return future


def _settings(tmp_path: Path, name: str, raw: Path) -> Settings:
    out = str(tmp_path / name)
    return Settings(raw_dir=str(raw), out_dir=out, reports_dir=tmp_path / f"{name}-r", batch_size=2, workers=1)


def _serial(settings: Settings, run_id: str, files: list[str], today) -> list[tuple[StagedBatch, int, int, dict]]:
    """What the ingest flow's tasks return, batch after batch, staged without a head start."""
    seen: dict[str, str] = {}
    out = []
    for part, sources in enumerate(batches(files, settings.batch_size), start=1):
        result, skipped = stage_ingest(sources, settings, run_id, part, today, seen, {}, False)
        out.append((StagedBatch(part, len(result.articles)), len(result.rejects), skipped, dict(seen)))
        if result.articles:
            stage_extract(settings, run_id, part)
    return out


def test_head_start_stages_and_extracts_what_the_flow_would(tmp_path):
    raw = copy_samples(tmp_path / "raw")
    files, _ = discover(str(raw))
    started = datetime.now(UTC)
    serial = _settings(tmp_path, "serial", raw)
    expected = _serial(serial, "run-1", files, started.date())

    settings = _settings(tmp_path, "head", raw)
    pool = InlinePool()
    head = head_start.begin(settings, "run-1", files, False, started, pool)
    try:
        assert head_start.current("run-1") is head and head_start.current("run-2") is None
        seen: dict[str, str] = {}
        for part, sources in enumerate(batches(files, 2), start=1):
            taken = head.take_ingest(part, sources, seen)
            assert taken == expected[part - 1]
            seen = taken[3]
            extraction = head.take_extraction(part)
            assert (extraction is not None) == (taken[0].articles > 0)
            assert head.take_extraction(part) is None  # taken once
        assert head.take_ingest(1, files[:2], {}) is None  # taken once
    finally:
        head_start.end("run-1")
    assert head_start.current("run-1") is None
    assert pool.calls.count("stage_extract") == sum(1 for b, *_ in expected if b.articles)
    for name, table in VALIDATED.items():
        if name in {"incidents", "incident_tolls"}:  # derived at publishing, never staged
            continue
        ours, theirs = (store.read_parts(store.staging_dir(s.out_dir, "run-1"), table) for s in (settings, serial))
        drop = [c for c in ("ingested_at",) if c in table.column_names]
        assert ours.num_rows and ours.drop_columns(drop).to_pylist() == theirs.drop_columns(drop).to_pylist(), name


@pytest.mark.parametrize(
    ("files", "size", "sizes"),
    [(0, 64, []), (5, 2, [2, 2, 1]), (8, 2, [2, 2, 2, 2]), (1500, 64, [63] * 12 + [62] * 12), (3, 64, [3])],
)
def test_head_start_batches_are_few_and_even(files, size, sizes):
    names = [f"a{i:04d}.txt" for i in range(files)]
    got = batches(names, size)
    assert [len(b) for b in got] == sizes
    assert [n for b in got for n in b] == names  # discovery order, every file once


def test_head_start_leaves_a_batch_to_the_flow_when_the_folder_changed(tmp_path):
    raw = copy_samples(tmp_path / "raw")
    files, _ = discover(str(raw))
    head = head_start.begin(_settings(tmp_path, "out", raw), "run-1", files, False, datetime.now(UTC), InlinePool())
    try:
        assert head.take_ingest(1, files[:1], {}) is None  # the flow listed other files for batch 1
        assert head.take_extraction(1) is None  # its extraction, of the other files, is dropped
        assert head.take_ingest(2, files[2:4], {"x": "y"}) is None  # and nothing after it is taken
    finally:
        head_start.end("run-1")


def test_head_start_error_is_the_tasks_and_its_retry_stages_again(tmp_path, monkeypatch):
    raw = copy_samples(tmp_path / "raw")
    files, _ = discover(str(raw))

    def failing(sources, settings, run_id, part, *rest):
        if part == 2:
            raise OSError("disk full")
        return stage_ingest(sources, settings, run_id, part, *rest)

    monkeypatch.setattr(head_start, "stage_ingest", failing)
    head = head_start.begin(_settings(tmp_path, "out", raw), "run-1", files, False, datetime.now(UTC), InlinePool())
    try:
        first = head.take_ingest(1, files[:2], {})
        assert first is not None and first[0] == StagedBatch(1, first[0].articles)
        with pytest.raises(OSError, match="disk full"):
            head.take_ingest(2, files[2:4], first[3])
        assert head.take_ingest(2, files[2:4], first[3]) is None  # the retry stages it in the task
        assert head.take_ingest(3, files[4:6], first[3]) is None  # the head start stopped at the error
    finally:
        head_start.end("run-1")


@pytest.mark.slow
def test_head_start_command_extracts_before_the_flow_and_publishes_the_same(tmp_path, sample_run):
    """``newsmine run`` (batches of 2, 2 workers, as ``sample_run``'s flow run without a head start)."""
    raw = copy_samples(tmp_path / "raw")
    events = tmp_path / "timeline.jsonl"
    env = {**prefect_free_env(tmp_path / "prefect"), timeline.VARIABLE: str(events)}
    program = str(Path(sys.executable).parent / "newsmine")
    args = ["run", "--raw", str(raw), "--out", str(tmp_path / "out"), "--reports", str(tmp_path / "r")]
    args += ["--batch-size", "2", "--workers", "2", "--max-critical-share", "0.5"]
    proc = subprocess.run([program, *args], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr
    assert table_snapshot(tmp_path / "out") == table_snapshot(sample_run.out)
    first: dict[tuple[str, str], float] = {}
    for e in timeline.read(events):
        first.setdefault((e["stage"], e["event"]), e["t"])
    assert first[("extract batch", "start")] < first[("prefect import", "end")] < first[("flow", "start")]
    assert first[("validate", "start")] < first[("link incidents", "start")]
    assert not (tmp_path / "out" / store.STAGING).exists()
