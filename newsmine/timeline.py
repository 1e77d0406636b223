"""A run's timeline: when each of its stages starts and ends, in every process of the run.

Off unless ``NEWSMINE_TIMELINE`` names a file: then every stage appends one JSON line when it starts
and one when it ends (``{"t": <unix seconds>, "stage": ..., "event": "start"|"end", "pid": ...}``,
plus the stage's own fields, such as a batch's ``part``). Lines are appended with ``O_APPEND`` and
written whole, so the run's process and its model workers can share the file. ``make bench`` reads
it back (:func:`read`, :func:`stages`) to show where a run's time goes; anyone can::

    NEWSMINE_TIMELINE=/tmp/run.jsonl newsmine run ...
    python -m newsmine.timeline /tmp/run.jsonl

The variable is read on every call (the workers inherit it), and costs nothing when unset.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsmine.settings import TIMELINE_VARIABLE, timeline_file

VARIABLE = TIMELINE_VARIABLE


def mark(stage: str, event: str, **fields: Any) -> None:
    """Record that ``stage`` had ``event`` now (nothing when the timeline is off)."""
    path = timeline_file()
    if not path:
        return
    line = json.dumps({"t": time.time(), "stage": stage, "event": event, "pid": os.getpid(), **fields}) + "\n"
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line.encode("utf-8"))
    finally:
        os.close(fd)


@contextmanager
def span(stage: str, **fields: Any) -> Iterator[None]:
    """Mark ``stage``'s start, then its end (also when it raises)."""
    mark(stage, "start", **fields)
    try:
        yield
    finally:
        mark(stage, "end", **fields)


def read(path: str | Path) -> list[dict[str, Any]]:
    """The events of a timeline file, in time order."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return sorted((json.loads(line) for line in lines if line.strip()), key=lambda e: e["t"])


def stages(events: list[dict[str, Any]], origin: float | None = None) -> list[tuple[str, int, float, float, float]]:
    """Per stage, in order of first start: (stage, times run, first start, last end, busy seconds).

    Times are seconds after ``origin`` (default: the first event). Busy seconds add up each start
    and its end (matched per process and fields), so batches running side by side count each.
    """
    if not events:
        return []
    origin = events[0]["t"] if origin is None else origin
    open_spans: dict[tuple[Any, ...], float] = {}
    rows: dict[str, list[float]] = {}
    for e in events:
        key = (e["stage"], e["pid"], *sorted((k, str(v)) for k, v in e.items() if k not in {"t", "event", "pid"}))
        t = e["t"] - origin
        row = rows.setdefault(e["stage"], [0, t, t, 0.0])
        if e["event"] == "start":
            open_spans[key] = t
            row[0] += 1
            row[1] = min(row[1], t)
        elif e["event"] == "end":
            row[2] = max(row[2], t)
            if key in open_spans:
                row[3] += t - open_spans.pop(key)
        else:  # a point in time
            row[0] += 1
            row[2] = max(row[2], t)
    ordered = sorted(rows.items(), key=lambda item: item[1][1])
    return [(name, int(n), first, last, busy) for name, (n, first, last, busy) in ordered]


def render(rows: list[tuple[str, int, float, float, float]]) -> str:
    """The rows of :func:`stages` as a Markdown table."""
    out = ["| stage | times | starts (s) | ends (s) | busy (s) |", "|---|---|---|---|---|"]
    for name, n, first, last, busy in rows:
        out.append(f"| {name} | {n} | {first:.1f} | {last:.1f} | {busy:.1f} |")
    return "\n".join(out)


if __name__ == "__main__":
    print(render(stages(read(sys.argv[1]))))
