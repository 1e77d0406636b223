"""The output folder's lock: one run at a time, released by the system when a run dies.

Locally an ``flock`` on ``<out>/.newsmine.lock``; on object storage a lock object created only if
absent, taken over when the run that left it died on this machine.
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime

from newsmine.errors import E_LOCKED, NewsmineError
from newsmine.location import Location, as_location

LOCK = ".newsmine.lock"
_HELD: set[str] = set()  # output folders whose lock this process holds and shares: taking it again is a no-op
_FDS: set[int] = set()  # the files of the locks this process holds


def forget_inherited() -> None:
    """In a forked child: close the lock files inherited from the parent.

    The lock belongs to the run's process; a child that kept the file open would keep the folder
    locked for as long as it outlives a killed run.
    """
    for fd in list(_FDS):
        with suppress(OSError):
            os.close(fd)
    _FDS.clear()
    _HELD.clear()


Where = Location | str | os.PathLike[str]


def _holder() -> str:
    return f"pid {os.getpid()} on {socket.gethostname()} since {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"


def _locked(out: Location, holder: str, hint: str = "") -> NewsmineError:
    return NewsmineError(E_LOCKED, f"{out} is in use by {holder or 'another run'}", f"wait for it to finish{hint}")


@contextmanager
def _flock(out: Location, folder: os.PathLike[str]) -> Iterator[None]:
    """A local lock: an ``flock``, which the system releases when the process dies."""
    with open(os.path.join(folder, LOCK), "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            raise _locked(out, handle.read().strip()) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(_holder())
        handle.flush()
        _FDS.add(handle.fileno())
        try:
            yield
        finally:
            _FDS.discard(handle.fileno())
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def _dead_here(holder: str) -> bool:
    """Whether a lock's holder was a process on this machine that no longer runs."""
    parts = holder.split()
    if len(parts) < 4 or parts[0] != "pid" or parts[2] != "on" or parts[3] != socket.gethostname():
        return False
    try:
        os.kill(int(parts[1]), 0)
    except ProcessLookupError:
        return True
    except (OSError, ValueError):
        return False
    return False


@contextmanager
def _object_lock(out: Location) -> Iterator[None]:
    """A remote lock: a lock object created only if absent (fsspec's exclusive ``xb`` mode).

    A lock left by a killed run on this machine is taken over; one left by another machine names
    its holder, and the user deletes it once sure that no run is active.
    """
    lock = out / LOCK
    for _ in range(2):
        try:
            with lock.open("xb") as handle:
                handle.write(_holder().encode())
            break
        except FileExistsError as exc:
            holder = lock.read_bytes().decode(errors="replace").strip()
            if not _dead_here(holder):
                raise _locked(out, holder, f" (if no run is active, delete {lock})") from exc
            lock.unlink()
    try:
        yield
    finally:
        lock.unlink()


@contextmanager
def run_lock(out_dir: Where, share: bool = False) -> Iterator[None]:
    """Hold the output folder's lock for a run; a second run refuses at once with a clear message.

    Locally the lock is an ``flock`` on ``<out>/.newsmine.lock``, released by the system when the
    process dies, so a killed run never leaves the folder locked. On object storage it is a lock
    object created exclusively (see :func:`_object_lock`). With ``share``, later calls in this
    process go through while it is held: the command takes the lock first of all, and the flow it
    runs in the same process takes it again freely.
    """
    out = as_location(out_dir)
    key = str(out)
    if key in _HELD:  # this process holds it already (the command took it first; its flow runs here)
        yield
        return
    out.mkdir()
    lock = _flock(out, out.local) if out.local is not None else _object_lock(out)
    with lock:
        if share:
            _HELD.add(key)
        try:
            yield
        finally:
            _HELD.discard(key)
