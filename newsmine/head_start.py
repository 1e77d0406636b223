"""A run's head start: its batches ingested and extracted while Prefect starts.

``newsmine run`` forks the model workers before it imports Prefect and while the temporary server
boots (:mod:`flows.bootstrap`). With a head start they do not wait for the flow: a thread here
stages the run's batches one after another in discovery order (:func:`newsmine.pipeline.stage_ingest`,
the function and arguments the ingest flow's tasks use, so duplicates are decided the same way) and
hands each staged batch to a model worker (:func:`newsmine.pipeline.stage_extract`).

When the flow starts, its tasks take this work instead of doing it again: the ingest task of a
batch takes the batch's outcome (:meth:`HeadStart.take_ingest`) and the extract task waits on the
batch's extraction (:meth:`HeadStart.take_extraction`). A task's state is its batch's state: it
fails with the batch's error, and its retry does the batch again, in the task. A batch whose
files or preceding duplicates differ from what the flow sees (the raw folder changed meanwhile)
is not taken: the flow stages it again and extracts it itself. The thread stops at the first
batch that fails; the flow does the rest.

This module never imports Prefect.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime

from newsmine import timeline
from newsmine.pipeline import StagedBatch, batches, published_versions, stage_extract, stage_ingest
from newsmine.settings import Settings
from newsmine.workers import ModelPool

_lock = threading.Lock()
_current: HeadStart | None = None


@dataclass(frozen=True)
class _Staged:
    """One batch as the head start staged it."""

    sources: tuple[str, ...]
    seen_before: dict[str, str]
    outcome: tuple[StagedBatch, int, int, dict[str, str]]  # what the ingest task returns


class HeadStart:
    """The run ``run_id``'s batches of ``files``, staged here (their pages parsed in ``pool``, as
    the ingest flow parses them) and extracted in ``pool``."""

    def __init__(
        self,
        settings: Settings,
        run_id: str,
        files: Sequence[str],
        full_refresh: bool,
        started: datetime,
        pool: ModelPool,
    ) -> None:
        self.settings = settings
        self.run_id = run_id
        self.started = started
        self.done = {} if full_refresh else published_versions(settings.out_dir)
        self._files = list(files)
        self._full_refresh = full_refresh
        self._today = started.date()
        self._pool = pool
        self._batches = dict(enumerate(batches(self._files, settings.batch_size), start=1))
        self._staged: dict[int, Future[_Staged | None]] = {part: Future() for part in self._batches}
        self._extractions: dict[int, Future[dict[str, int]]] = {}
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="newsmine-head-start", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        # the flow's tasks take (pop) the futures: the thread keeps its own references
        futures = list(self._staged.values())
        try:
            self._stage_all(futures)
        finally:  # whatever happened, no task waits for ever: an unstaged batch is the flow's
            for future in futures:
                if not future.done():
                    future.set_result(None)
            timeline.mark("head start", "staged", batches=len(self._batches))

    def _stage_all(self, futures: list[Future[_Staged | None]]) -> None:
        seen: dict[str, str] = {}
        for (part, sources), future in zip(self._batches.items(), futures, strict=True):
            if self._stopped.is_set():
                return
            before = dict(seen)
            try:
                args = (self.settings, self.run_id, part, self._today, seen, self.done, self._full_refresh, self._pool)
                result, skipped = stage_ingest(sources, *args)
                if result.articles:
                    self._extractions[part] = self._pool.submit(stage_extract, self.settings, self.run_id, part)
            except BaseException as exc:  # the task raises it (and its retry stages the batch again)
                future.set_exception(exc)
                self._stopped.set()
                return
            outcome = (StagedBatch(part, len(result.articles)), len(result.rejects), skipped, dict(seen))
            future.set_result(_Staged(tuple(sources), before, outcome))

    def take_ingest(
        self, part: int, sources: Sequence[str], seen: dict[str, str]
    ) -> tuple[StagedBatch, int, int, dict[str, str]] | None:
        """The ingest task's outcome for batch ``part``, once staged; None when the flow must stage
        it (the head start stopped before it, or its files or the duplicates before it differ).

        Raises what staging the batch raised; the batch is then the task's to stage again.
        """
        future = self._staged.pop(part, None)
        if future is None:
            return None
        staged = future.result()  # raises the batch's error
        if staged is None:
            return None
        if staged.sources != tuple(sources) or staged.seen_before != seen:
            self._stopped.set()  # what follows was staged on another listing: the flow redoes it
            self._drop_extraction(part)
            return None
        return staged.outcome

    def take_extraction(self, part: int) -> Future[dict[str, int]] | None:
        """The extraction of batch ``part`` the head start began, or None (the task extracts it)."""
        return self._extractions.pop(part, None)

    def _drop_extraction(self, part: int) -> None:
        future = self._extractions.pop(part, None)
        if future is not None and not future.cancel():
            future.exception()  # let it finish before the flow stages the batch again

    def stop(self) -> None:
        """Stage nothing more, and wait for the thread; extractions already begun finish."""
        self._stopped.set()
        self._thread.join()
        for part in list(self._extractions):
            self._drop_extraction(part)


def begin(
    settings: Settings,
    run_id: str,
    files: Sequence[str],
    full_refresh: bool,
    started: datetime,
    pool: ModelPool,
) -> HeadStart:
    """Start the head start of run ``run_id`` (one per process at a time)."""
    global _current
    with _lock:
        if _current is not None:
            _current.stop()
        _current = HeadStart(settings, run_id, files, full_refresh, started, pool)
        return _current


def current(run_id: str) -> HeadStart | None:
    """The head start of run ``run_id`` in this process, if any."""
    head = _current
    return head if head is not None and head.run_id == run_id else None


def end(run_id: str) -> None:
    """Forget run ``run_id``'s head start (the flow took what it needed, or the run ended)."""
    global _current
    with _lock:
        if _current is not None and _current.run_id == run_id:
            _current.stop()
            _current = None
