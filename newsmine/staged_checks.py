"""The checks of a run's staged batches: each batch as soon as it is extracted, the rest at the end.

A run's :class:`StagedChecks` validates staged parts (a part is a batch of whole articles) with
:class:`newsmine.validation.Validation` and stages the rows that pass under ``<staging>/_checked``,
by month; :func:`newsmine.pipeline.check_and_publish` then checks whatever part is left, links
incidents, checks the derived tables and publishes. There is one path: a run checked batch by batch
and a run checked at the end check the same rows with the same checks, in the same order of parts
or another (their results are merged, and uniqueness holds across parts).

While the model extracts, :meth:`StagedChecks.extracted` is told of each extracted part. A pass
runs in a background thread when a core is free of model work: with fewer model workers busy than
the machine has cores (fewer workers than cores, a Dask cluster elsewhere, or the last batches of a
run), and it takes every part extracted and not checked yet. With a worker per core and batches
waiting, parts wait: a Great Expectations run costs about 0.3 s per table whatever its rows, so a
pass per batch would cost the model more than it saves, and the thread runs at normal priority (a
thread of lower priority would hold Python's lock while descheduled, and stall the flow's
threads). A pass that fails leaves the checks broken; the publishing step then starts over from
the staged parts (its retry does the same).
"""

from __future__ import annotations

import os
import queue
import threading
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from newsmine import store, timeline
from newsmine.settings import Settings
from newsmine.tables import EXTRACTED, VALIDATED
from newsmine.validation import Validation, text_lengths

ARTICLES = VALIDATED["articles"]
CHECKED = "_checked"

_lock = threading.Lock()
_open: dict[str, StagedChecks] = {}


class StagedChecks:
    """The checks of run ``run_id``'s staged parts, one pass at a time."""

    def __init__(self, settings: Settings, run_id: str, ingested_on: date) -> None:
        self.settings = settings
        self.run_id = run_id
        self.stage = store.staging_dir(settings.out_dir, run_id)
        self.checked = self.stage / CHECKED
        if self.checked.is_dir():  # left by an attempt that failed part-way
            self.checked.rmtree()
        self.validation = Validation(settings, run_id, ingested_on, settings.reports_dir, {})
        self.done: set[int] = set()
        self.passes = 0
        self.broken: BaseException | None = None
        self._chunks: dict[str, int] = {}
        self._waiting: set[int] = set()
        self._pass = threading.Lock()
        self._queue: queue.SimpleQueue[list[int] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def staged_parts(self) -> list[int]:
        """Every part the run staged articles for."""
        return [store.part_number(f) for f in store.part_files(self.stage, ARTICLES)]

    def check(self, parts: list[int]) -> None:
        """Validate staged ``parts`` not checked yet, and stage the rows that pass."""
        with self._pass:
            if self.broken is not None:
                raise RuntimeError("the run's checks failed part-way; start over") from self.broken
            parts = sorted(set(parts) - self.done)
            if not parts:
                return
            try:
                with timeline.span("validate", parts=len(parts)):
                    self._check(parts)
            except BaseException as exc:
                self.broken = exc
                raise
            self.done.update(parts)
            self.passes += 1

    def _check(self, parts: list[int]) -> None:
        files = {store.part_number(f): f for f in store.part_files(self.stage, ARTICLES)}
        chosen = [(p, files[p]) for p in parts if p in files]
        without_text = [ARTICLES.schema.empty_table().drop_columns(["text"])]
        for _, f in chosen:  # one part's text in memory at a time
            part = store.read_file(f, ARTICLES)
            self.validation.lengths.update(text_lengths(part))
            without_text.append(part.drop_columns(["text"]))
        kept = self.validation.check("articles", pa.concat_tables(without_text)).column("article_id")
        for p, f in chosen:
            part = store.read_file(f, ARTICLES)
            store.write_months(self.checked, ARTICLES, p, part.filter(pc.is_in(part.column("article_id"), kept)))
        for name, table in EXTRACTED.items():
            for chunk in store.part_chunks(self.stage, table, self.settings.validate_rows, parts=set(parts)):
                i = self._chunks.get(name, 0)
                store.write_months(self.checked, table, i, self.validation.check(name, chunk))
                self._chunks[name] = i + 1

    def extracted(self, parts: list[int], busy_workers: int, cores: int | None = None) -> None:
        """``parts`` are extracted, and ``busy_workers`` model workers still have batches: check
        every waiting part in the background when a core is free of model work."""
        self._waiting.update(parts)
        if busy_workers < (cores or os.cpu_count() or 1):
            self.submit(sorted(self._waiting))
            self._waiting.clear()

    def submit(self, parts: list[int]) -> None:
        """Check ``parts`` in the background, in one pass with any submitted before it started."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._background, name="newsmine-checks", daemon=True)
            self._thread.start()
        self._queue.put(list(parts))

    def _background(self) -> None:
        while True:
            parts = self._queue.get()
            if parts is None:
                return
            while True:  # every part submitted meanwhile, in the same pass
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)
                    break
                parts += more
            try:
                self.check(parts)
            except BaseException:  # noqa: S112 - kept in self.broken; the publishing step starts over
                continue

    def wait(self) -> None:
        """Wait for the background passes to end (their errors are in :attr:`broken`)."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None


def start(settings: Settings, run_id: str, ingested_on: date) -> StagedChecks:
    """Open run ``run_id``'s checks in this process, so that its extraction can hand it parts."""
    with _lock:
        checks = StagedChecks(settings, run_id, ingested_on)
        _open[run_id] = checks
        return checks


def current(run_id: str) -> StagedChecks | None:
    """Run ``run_id``'s open checks in this process, if any."""
    return _open.get(run_id)


def take(settings: Settings, run_id: str, ingested_on: date) -> StagedChecks:
    """Run ``run_id``'s checks for publishing: the open ones, once their background passes ended,
    unless they broke or were opened with other folders; else new ones. The run's every staged
    part is checked on return."""
    with _lock:
        checks = _open.pop(run_id, None)
    if checks is not None:
        checks.wait()
        same = (checks.settings.out_dir, checks.settings.reports_dir) == (settings.out_dir, settings.reports_dir)
        if checks.broken is not None or not same:
            checks = None
    if checks is None:
        checks = StagedChecks(settings, run_id, ingested_on)
    checks.check(checks.staged_parts())
    return checks


def close(run_id: str) -> None:
    """Forget run ``run_id``'s open checks (the run ended without publishing)."""
    with _lock:
        checks = _open.pop(run_id, None)
    if checks is not None:
        checks.wait()
