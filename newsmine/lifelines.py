"""Child processes that end with their parent: a killed run leaves no model worker or server behind.

A child calls :func:`watch_parent` at start: a daemon thread checks every half second that the
process that started it is still its parent, and ends the child when it is not (the parent died,
even by SIGKILL, and the child was handed to init). Portable where ``os.getppid`` is, and unlike a
parent-death signal it does not depend on which thread of the parent started the child.
"""

from __future__ import annotations

import os
import threading
import time

POLL_SECONDS = 0.5


def watch_parent(poll: float = POLL_SECONDS, parent: int | None = None) -> None:
    """End this process (exit status 143) once its parent is gone.

    ``parent``: the pid of the process that started this one, when it passed it (the parent may
    die before this line runs: then it ends at once); else the current parent.
    """
    parent = os.getppid() if parent is None else parent

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll)
        os._exit(143)

    threading.Thread(target=watch, name="newsmine-watch-parent", daemon=True).start()


def run_module_watched(module: str, argv: list[str], parent: int | None = None) -> None:
    """Run ``python -m module argv...`` in this process, ended when the parent (``parent``) is gone."""
    import runpy
    import sys

    watch_parent(parent=parent)
    sys.argv = [module, *argv]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
