"""The run timeline: off by default, one line per event from any process, stages summed up."""

import json
import multiprocessing

from newsmine import timeline


def _worker_marks(path: str) -> None:
    import os

    os.environ[timeline.VARIABLE] = path
    for part in range(50):
        with timeline.span("extract batch", part=part):
            pass


def test_timeline_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(timeline.VARIABLE, raising=False)
    monkeypatch.chdir(tmp_path)
    with timeline.span("validate"):
        timeline.mark("flow", "start")
    assert list(tmp_path.iterdir()) == []


def test_timeline_lines_from_processes_stay_whole(tmp_path, monkeypatch):
    path = tmp_path / "t.jsonl"
    monkeypatch.setenv(timeline.VARIABLE, str(path))
    workers = [multiprocessing.get_context("spawn").Process(target=_worker_marks, args=(str(path),)) for _ in range(2)]
    for w in workers:
        w.start()
    for part in range(50):
        timeline.mark("ingest batch", "start", part=part)
    for w in workers:
        w.join()
    lines = path.read_text().splitlines()
    assert len(lines) == 250 and all(json.loads(line)["stage"] for line in lines)


def test_timeline_stages_first_start_last_end_and_busy_time():
    events = [
        {"t": 100.0, "stage": "launch", "event": "point", "pid": 0},
        {"t": 101.0, "stage": "extract batch", "event": "start", "pid": 1, "part": 1},
        {"t": 101.5, "stage": "extract batch", "event": "start", "pid": 2, "part": 2},
        {"t": 104.0, "stage": "extract batch", "event": "end", "pid": 1, "part": 1},
        {"t": 105.5, "stage": "extract batch", "event": "end", "pid": 2, "part": 2},
        {"t": 106.0, "stage": "publish", "event": "start", "pid": 3},
    ]
    rows = timeline.stages(events)
    assert rows[0] == ("launch", 1, 0.0, 0.0, 0.0)
    assert rows[1] == ("extract batch", 2, 1.0, 5.5, 7.0)  # 3 s and 4 s side by side
    assert rows[2][:3] == ("publish", 1, 6.0)  # started, never ended: no busy time
    assert "| extract batch | 2 | 1.0 | 5.5 | 7.0 |" in timeline.render(rows)
