"""A real Prefect server on a loopback port runs the served pipeline on its schedule."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from flows.serve import deployment_spec
from newsmine import store
from newsmine.tables import ALL

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(predicate, seconds: float, what: str, procs: list[subprocess.Popen]) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        for proc in procs:
            assert proc.poll() is None, f"{proc.args[:3]} exited with {proc.returncode} while waiting for {what}"
        assert time.monotonic() < deadline, f"timed out after {seconds} s waiting for {what}"
        time.sleep(1)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def test_schedule_deployment_matches_prefect_yaml():
    spec = deployment_spec("daily")
    assert spec["entrypoint"] == "flows/pipeline.py:pipeline"
    assert spec["schedules"][0]["cron"] == "0 6 * * *" and spec["schedules"][0]["timezone"]
    assert {"raw_dir", "out_dir", "reports_dir"} <= set(spec["parameters"])


def test_schedule_real_server_runs_served_pipeline(tmp_path):
    raw, out, reports = tmp_path / "raw", tmp_path / "out", tmp_path / "reports"
    raw.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "raw" / "2023-12-09-port-blast.txt", raw)
    port = _free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS": "2",
        "PREFECT_RUNNER_POLL_FREQUENCY": "2",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    logs = (tmp_path / "server.log").open("w"), (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=logs[0],
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    procs = [server]
    try:
        _wait(lambda: _healthy(f"http://127.0.0.1:{port}/api/health"), 120, "the Prefect server", procs)
        served = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "flows.serve",
                "--interval",
                "5",
                "--raw",
                str(raw),
                "--out",
                str(out),
                "--reports",
                str(reports),
            ],
            cwd=ROOT,
            env=env,
            stdout=logs[1],
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        procs.append(served)
        _wait(
            lambda: bool(list((out / "runs").glob("*.parquet"))) if (out / "runs").exists() else False,
            240,
            "a scheduled run to finish",
            procs,
        )
        runs = sorted(store.read_table(out, ALL["runs"]).to_pylist(), key=lambda r: r["started_at"])
        assert runs[0]["status"] == "passed" and runs[0]["articles_new"] == 1
        figures = store.read_table(out, ALL["figures"]).to_pylist()
        assert (14, "killed") in {(f["value"], f["category"]) for f in figures}
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait(timeout=10)
        for log in logs:
            log.close()
