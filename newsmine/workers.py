"""Model workers: processes that load the spaCy model once and then extract batch after batch.

One pool per process, shared by every run in it. It can be started before it is needed (the
command line starts it while the Prefect server boots), so that loading the model overlaps other
work instead of delaying the first batch. The workers import newsmine and spaCy only; whoever
orchestrates them (a Prefect task) waits on the returned futures.

While this process runs a single thread (the command line, before Prefect is imported), the model
is loaded here once and the workers are forked with it: one load instead of one per worker. Once
other threads run (Prefect's), forking is unsafe, and workers are spawned and load the model
themselves.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")

_lock = threading.Lock()
_pool: ModelPool | None = None
_here = threading.Lock()


def _warm(model: str) -> None:
    """Load the model, the gazetteer's tables and the category model (here, before forking; or in
    a worker, before its first batch)."""
    from newsmine.errors import NewsmineError
    from newsmine.extract import gazetteer_cache
    from newsmine.extract.category_model import shipped
    from newsmine.nlp import load
    from newsmine.settings import cache_dir

    try:
        load(model)
    except NewsmineError:
        return  # the first batch raises it again, with the message, to the caller
    gazetteer_cache.warm(cache_dir())
    shipped()


def _worker_start(model: str, parent: int) -> None:
    """A worker's start-up: let go of the run's lock, end with the run's process (``parent``), warm up."""
    from newsmine.lifelines import watch_parent
    from newsmine.lock import forget_inherited

    forget_inherited()
    watch_parent(parent=parent)
    _warm(model)


def _fork_is_safe() -> bool:
    """Forking copies only the calling thread: safe while it is the only one, where fork exists."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _started() -> None:
    """A no-op whose submission makes the executor start one more process."""


class ModelPool:
    """``workers`` processes, each with ``model`` loaded, started at once (``forked``: with the
    model loaded here first; else spawned, each loading it)."""

    def __init__(self, model: str, workers: int) -> None:
        self.model = model
        self.workers = workers
        self.forked = forked = _fork_is_safe()
        if forked:
            _warm(model)  # the workers inherit the loaded model
        context = multiprocessing.get_context("fork" if forked else "spawn")
        self._executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_worker_start, initargs=(model, os.getpid())
        )
        # executors start their processes on submission: start them all now
        for _ in range(workers):
            self._executor.submit(_started)

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``fn(*args)`` in a worker (``fn`` and its arguments must pickle)."""
        return self._executor.submit(fn, *args)

    @property
    def broken(self) -> bool:
        """True when a worker died (killed, out of memory): the pool cannot run anything more."""
        return bool(getattr(self._executor, "_broken", False))

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


def model_pool(model: str, workers: int) -> ModelPool:
    """This process's pool for ``model`` with at least ``workers`` processes, started if needed.

    A pool that is broken, has another model or fewer processes is shut down and replaced.
    """
    global _pool
    with _lock:
        if _pool is not None and (_pool.broken or _pool.model != model or _pool.workers < workers):
            _pool.shutdown()
            _pool = None
        if _pool is None:
            _pool = ModelPool(model, workers)
        return _pool


def shutdown() -> None:
    """Stop this process's pool, if any (its workers exit after their current batch)."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.shutdown()
            _pool = None


def run_here(fn: Callable[..., T], *args: Any) -> T:
    """Run ``fn(*args)`` in this process, one call at a time: threads share one spaCy pipeline."""
    with _here:
        return fn(*args)
