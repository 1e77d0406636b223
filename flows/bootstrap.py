"""The start-up of ``newsmine run``: its steps in the one order that works, each refused out of it.

The order matters because Prefect reads its settings when it is imported (its log and event
threads keep them: set later, ``PREFECT_API_URL`` would make Prefect start a second temporary
server of its own), because forking the model workers is safe only while this process has one
thread (Prefect starts threads), and because the temporary server should boot while the rest loads.
A run starts with :class:`Startup`, whose steps are, in order:

1. ``lock``: the output folder's lock, taken first so that of two runs the first one started wins;
2. ``server``: the temporary server launched (:mod:`flows.temporary_server`), when there is no
   ``PREFECT_API_URL``;
3. ``environment``: the variables Prefect reads at import (:func:`prefect_environment`);
4. ``workers``: the model workers forked with the model loaded (:mod:`newsmine.workers`);
5. ``flows``: Prefect and the flows imported (:func:`import_flows`), the only way the command
   line gets them.

:meth:`Startup.step` raises :class:`StartupOrderError` for a step after a later one, or before
the step it needs; steps 2 to 4, and the program's exit handler (:func:`exit_last`), also when
Prefect is imported already. A process that imported Prefect on purpose before running the
command in-process (the tests, under ``prefect_test_harness``) says so with :func:`embedded`:
the steps then run after the import, Prefect's settings are refreshed from the environment, and
the workers are spawned rather than forked. ``tests/test_bootstrap.py`` breaks the order and
expects the refusal.

This module imports only the standard library: importing it imports no Prefect.
"""

from __future__ import annotations

import atexit
import importlib
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

STEPS = ("lock", "server", "environment", "workers", "flows")
NEEDS = {"server": "lock", "environment": "lock", "workers": "environment", "flows": "environment"}
# what breaks when a step runs once Prefect is imported
BEFORE_PREFECT = {
    "server": "it boots while Prefect imports, and its exit handler must run after those Prefect registers",
    "environment": "Prefect reads PREFECT_API_URL, DO_NOT_TRACK and the analytics setting when it is imported",
    "workers": "the model workers are forked while this process has one thread, and Prefect starts threads",
}
_embedded: list[bool] = []


class StartupOrderError(RuntimeError):
    """A start-up step of ``newsmine run`` ran out of order: a bug in the code that called it."""


def prefect_imported() -> bool:
    return "prefect" in sys.modules


def before_prefect(what: str, why: str) -> None:
    """Raise :class:`StartupOrderError` when Prefect is imported already, unless :func:`embedded`."""
    if prefect_imported() and not _embedded:
        raise StartupOrderError(
            f"{what} must come before Prefect is imported ({why}), but Prefect is imported already:"
            " import it only through flows.bootstrap.import_flows(), after the steps of flows.bootstrap.Startup;"
            " a process that imported Prefect on purpose runs the command inside flows.bootstrap.embedded()"
        )


@contextmanager
def embedded() -> Iterator[None]:
    """Run the command in a process that imported Prefect itself (the tests): the steps that come
    before Prefect's import run after it, and Prefect's settings are refreshed from the environment."""
    _embedded.append(True)
    try:
        yield
    finally:
        _embedded.pop()


class Startup:
    """The start-up steps of one run, in :data:`STEPS` order."""

    def __init__(self) -> None:
        self.done: list[str] = []

    def step(self, name: str) -> None:
        """Record step ``name``; raise :class:`StartupOrderError` when it is out of order."""
        if name not in STEPS:
            raise ValueError(f"unknown start-up step {name!r}: one of {', '.join(STEPS)}")
        later = [s for s in self.done if STEPS.index(s) >= STEPS.index(name)]
        if later:
            raise StartupOrderError(f"start-up step {name!r} after {later[0]!r}: the order is {' < '.join(STEPS)}")
        need = NEEDS.get(name)
        if need is not None and need not in self.done:
            raise StartupOrderError(f"start-up step {name!r} before {need!r}: the order is {' < '.join(STEPS)}")
        if name in BEFORE_PREFECT:
            before_prefect(f"start-up step {name!r}", BEFORE_PREFECT[name])
        self.done.append(name)


def _refresh_prefect_settings() -> None:
    """Let an imported Prefect see the environment again (embedded, or after a run)."""
    if "prefect.context" in sys.modules:
        sys.modules["prefect.context"].refresh_global_settings_context()


@contextmanager
def prefect_environment(startup: Startup, api_url: str | None = None) -> Iterator[None]:
    """Step ``environment``: telemetry off unless set, and ``api_url`` (the temporary server's) as
    ``PREFECT_API_URL`` while the run lasts; the URL is removed after it."""
    startup.step("environment")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if api_url is not None:
        os.environ["PREFECT_API_URL"] = api_url
    _refresh_prefect_settings()
    try:
        yield
    finally:
        if api_url is not None:
            os.environ.pop("PREFECT_API_URL", None)
            _refresh_prefect_settings()


def import_flows(startup: Startup) -> ModuleType:
    """Step ``flows``: import Prefect and the pipeline flow; returns :mod:`flows.pipeline`."""
    startup.step("flows")
    return importlib.import_module("flows.pipeline")


def exit_last(code: list[int]) -> None:
    """Register the program's last exit handler: once the others ran (model workers stopped,
    Prefect's logs sent, the temporary server stopped), end the process with ``code[0]`` at once.

    Handlers run last registered first: this one must be registered before Prefect's (which it
    registers as its log and event workers start), so before Prefect is imported. Freeing Prefect's, Great Expectations' and spaCy's objects one by one at
    interpreter exit takes over a second and changes nothing.
    """
    before_prefect("the program's exit handler", "it must run after the exit handlers Prefect registers once imported")

    def _exit() -> None:
        import logging

        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code[0])

    atexit.register(_exit)
