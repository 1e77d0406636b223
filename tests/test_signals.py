"""A stopped run leaves nothing behind: SIGTERM and SIGINT end it with its workers and server,
and after SIGKILL its children notice the parent is gone and exit."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import psutil
import pytest

from newsmine import store
from newsmine.tables import ALL
from tests.conftest import prefect_free_env

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "raw"


def _gone(pids: list[int], within: float) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(psutil.pid_exists(p) and psutil.Process(p).status() != psutil.STATUS_ZOMBIE for p in pids):
            return True
        time.sleep(0.2)
    return False


def test_signals_child_exits_when_its_parent_is_killed(tmp_path):
    child = "from newsmine.lifelines import watch_parent; import sys, time; watch_parent(0.1, int(sys.argv[1])); time.sleep(60)"
    parent = textwrap.dedent(
        f"""
        import os, subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", {child!r}, str(os.getpid())])
        print(child.pid, flush=True)
        time.sleep(60)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", parent], stdout=subprocess.PIPE, text=True)
    child_pid = int(proc.stdout.readline())
    assert psutil.pid_exists(child_pid)
    proc.kill()  # SIGKILL: the parent runs no handler
    proc.wait()
    assert _gone([child_pid], within=5), "the child outlived its killed parent"


@pytest.mark.slow
@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_signals_stop_a_run_with_its_workers_and_server(tmp_path, signum, code):
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(SAMPLES, raw)
    env = prefect_free_env(tmp_path / "prefect", PYTHONIOENCODING="utf-8")
    program = str(Path(sys.executable).parent / "newsmine")
    args = [program, "run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "r"), "--workers", "1"]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    children: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None:  # wait until the run is staging its rows
        children = [c.pid for c in psutil.Process(proc.pid).children(recursive=True)]
        if (out / store.STAGING).is_dir() and len(children) >= 2:
            break
        time.sleep(0.2)
    assert proc.poll() is None, "the run ended before it could be stopped"
    proc.send_signal(signum)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == code, err
    assert err.strip().splitlines()[-1].startswith("newsmine: ")
    assert _gone(children, within=10), "a worker or the server outlived the run"
    runs = store.read_table(out, ALL["runs"]).to_pylist()
    assert [r["status"] for r in runs] == ["interrupted"]
    assert store.read_table(out, ALL["articles"]).num_rows == 0
    assert not any((out / store.STAGING).iterdir()) if (out / store.STAGING).exists() else True


@pytest.mark.slow
def test_signals_of_two_runs_started_together_the_first_wins(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(SAMPLES, raw)
    env = prefect_free_env(tmp_path / "prefect", PYTHONIOENCODING="utf-8")
    program = str(Path(sys.executable).parent / "newsmine")
    args = [program, "run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "r"), "--workers", "1"]
    first = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lock = out / ".newsmine.lock"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (lock.exists() and lock.read_text()):
        time.sleep(0.05)  # the first run's lock, taken before its server boots
    second = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120)
    assert second.returncode == 2
    assert second.stderr.strip().startswith(f"newsmine: E006: {out} is in use by pid {first.pid}")
    _out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err


# A run whose flow is stopped by SIGTERM before the flow's body runs (as while Prefect creates the
# flow run, after the head start began staging): the command line, not the flow, records the run.
_STOPPED_AS_IT_STARTS = """
import sys
from flows import bootstrap, cli

class StoppedAsItStarts:
    class RunFailed(Exception):
        pass

    @staticmethod
    def pipeline(**kwargs):
        raise cli.Terminated()

flows_step = bootstrap.import_flows
def stopped_flow(startup):
    flows_step(startup)
    return StoppedAsItStarts

bootstrap.import_flows = stopped_flow
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_signals_a_run_stopped_before_its_flow_body_is_recorded_interrupted(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    shutil.copytree(SAMPLES, raw)
    env = prefect_free_env(tmp_path / "prefect", PREFECT_API_URL="http://127.0.0.1:9/api")  # no server launched
    args = ["run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "r"), "--workers", "1"]
    proc = subprocess.run([sys.executable, "-c", _STOPPED_AS_IT_STARTS, *args], env=env, capture_output=True, text=True)
    assert proc.returncode == 143, proc.stderr
    runs = store.read_table(out, ALL["runs"]).to_pylist()
    assert [(r["status"], r["message"]) for r in runs] == [("interrupted", "stopped by a signal")]
    assert store.read_table(out, ALL["articles"]).num_rows == 0
    assert not any((out / store.STAGING).iterdir()) if (out / store.STAGING).exists() else True
