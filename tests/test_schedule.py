"""A real Prefect server on a loopback port runs the served pipeline on its schedule."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from flows.serve import deployment_spec
from newsmine import store
from newsmine.tables import ALL
from tests.conftest import prefect_free_env

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


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


def test_schedule_deployment_matches_prefect_yaml():
    spec = deployment_spec("daily")
    assert spec["entrypoint"] == "flows/pipeline.py:pipeline"
    assert spec["schedules"][0]["cron"] == "0 6 * * *" and spec["schedules"][0]["timezone"]
    assert {"raw_dir", "out_dir", "reports_dir"} <= set(spec["parameters"])


def _api(port: int, path: str, body: dict | None = None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}", data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)


def _finished_runs(port: int) -> list[dict]:
    """The pipeline's flow runs that completed, oldest first."""
    body = {
        "flows": {"name": {"any_": ["newsmine-pipeline"]}},
        "flow_runs": {"state": {"type": {"any_": ["COMPLETED"]}}},
        "sort": "START_TIME_ASC",
    }
    try:
        return list(_api(port, "/api/flow_runs/filter", body))
    except OSError:
        return []


def _subflows_in_chromium(driver, port: int, run_id: str) -> str:
    """The text of a flow run's Subflow Runs tab in the Prefect UI, once it lists its subflows."""
    from selenium.webdriver.common.by import By

    driver.get(f"http://127.0.0.1:{port}/runs/flow-run/{run_id}?tab=Subflow+Runs")
    deadline = time.monotonic() + 120  # the UI is slow to start on a busy machine
    while "newsmine-validate" not in (body := driver.find_element(By.TAG_NAME, "body").text):
        assert "Something went wrong" not in body, body
        assert time.monotonic() < deadline, f"no subflows listed: {body[-800:]}"
        for tab in driver.find_elements(By.ID, "subflow-runs"):  # in case the page opened on another tab
            if "p-tab__active" not in (tab.get_attribute("class") or ""):
                tab.click()
        time.sleep(1)
    return body


def test_schedule_make_serve_runs_on_the_work_pool_and_the_ui_shows_subflows(tmp_path, chromium):
    """``make serve`` on a port of its own: the deployment is on prefect.yaml's work pool, a run is
    scheduled and finishes, the UI's API URL follows the port, and Chromium shows the run's subflows."""
    raw, out, reports = tmp_path / "raw", tmp_path / "out", tmp_path / "reports"
    raw.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "raw" / "2023-12-09-port-blast.txt", raw)
    port = _free_port()
    env = prefect_free_env(
        tmp_path / "prefect", PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="2", PREFECT_WORKER_QUERY_SECONDS="2"
    )
    serve_args = f"--interval 10 --raw {raw} --out {out} --reports {reports}"
    log = (tmp_path / "serve.log").open("w")
    served = subprocess.Popen(
        ["make", "--no-print-directory", "serve", f"PREFECT_PORT={port}", f"SERVE_ARGS={serve_args}"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        _wait(lambda: bool(_finished_runs(port)), 300, "a scheduled run to finish", [served])
        assert _api(port, "/ui-settings")["api_url"] == f"http://127.0.0.1:{port}/api"
        deployment = _api(port, "/api/deployments/name/newsmine-pipeline/daily")
        assert deployment["work_pool_name"] == deployment_spec("daily")["work_pool"]["name"] == "newsmine-process"
        runs = sorted(store.read_table(out, ALL["runs"]).to_pylist(), key=lambda r: r["started_at"])
        assert runs[0]["status"] == "passed" and runs[0]["articles_new"] == 1
        figures = store.read_table(out, ALL["figures"]).to_pylist()
        assert (14, "killed") in {(f["value"], f["category"]) for f in figures}
        run = _finished_runs(port)[0]
        subflows = _api(port, "/api/flow_runs/filter", {"flow_runs": {"parent_flow_run_id": {"any_": [run["id"]]}}})
        assert len(subflows) == 3
        page = _subflows_in_chromium(chromium, port, run["id"])
        for name in ("newsmine-ingest", "newsmine-extract", "newsmine-validate"):
            assert name in page
        for subflow in subflows:
            assert subflow["name"] in page
    finally:
        if served.poll() is None:
            os.killpg(served.pid, signal.SIGTERM)
            try:
                served.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(served.pid, signal.SIGKILL)
                served.wait(timeout=10)
        log.close()
