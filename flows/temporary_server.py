"""Prefect's temporary API server for a command-line run, launched before Prefect is imported.

With no ``PREFECT_API_URL``, Prefect starts a temporary server itself (``SubprocessASGIServer``),
but only after importing the whole server application into the client process first: 5 s of the
client's time (measured, 2 cores) before the server process is even launched. Launching the same
server command (uvicorn over ``prefect.server.api.server:create_app``, UI off, ephemeral mode, on
127.0.0.1) before Prefect is imported (the start-up step ``server`` of :mod:`flows.bootstrap`)
lets it boot on the other core while the pipeline's modules import. One server per process; it stops at exit, after Prefect's log and event workers flushed.
"""

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from newsmine import timeline
from newsmine.errors import E_NO_SERVER, NewsmineError

_HINT = "set PREFECT_API_URL to a running server, or raise PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"
PORT_TAKEN = 3  # uvicorn's exit code when the port was taken between choosing and binding it


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TemporaryServer:
    """A Prefect API server in a child process on a free loopback port."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.process = self._launch()
        atexit.register(self.stop)  # registered before Prefect's workers: runs after they flush

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    def _launch(self) -> subprocess.Popen[bytes]:
        env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
        # A run registers no block types: at start-up, the server would import every installed
        # Prefect collection to register theirs (prefect-dask imports distributed: 0.8 s).
        env.update(PREFECT_SERVER_REGISTER_BLOCKS_ON_START="0", PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION="0")
        env.pop("PREFECT_API_URL", None)
        # uvicorn, run by a launcher that ends it when this process dies (even by SIGKILL)
        options = ["--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1"]
        options += ["--port", str(self.port), "--log-level", "error", "--lifespan", "on"]
        launcher = f"from newsmine.lifelines import run_module_watched; run_module_watched('uvicorn', {options!r}, {os.getpid()})"
        return subprocess.Popen([sys.executable, "-c", launcher], env=env)

    def wait(self, timeout: float | None = None) -> str:
        """Block until the server answers its health check; returns its API URL."""
        limit = timeout or float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS") or 60)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            code = self.process.poll()
            if code == PORT_TAKEN:
                self.port = _free_port()
                self.process = self._launch()
            elif code is not None:
                raise NewsmineError(E_NO_SERVER, f"Prefect's temporary server exited with code {code}", _HINT)
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return self.api_url
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.1)
        self.stop()
        raise NewsmineError(E_NO_SERVER, f"Prefect's temporary server did not answer within {limit:.0f} s", _HINT)

    def stop(self) -> None:
        if self.process.poll() is None:
            timeline.mark("server stop", "point")
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


_server: TemporaryServer | None = None


def launch() -> TemporaryServer:
    """This process's temporary server, launched on first use."""
    global _server
    if _server is None or _server.process.poll() is not None:
        _server = TemporaryServer()
    return _server
