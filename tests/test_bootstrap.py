"""The start-up order of ``newsmine run`` is kept by code: each step out of order is refused."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from flows import bootstrap
from tests.conftest import prefect_free_env

ROOT = Path(__file__).resolve().parents[1]
BLAST = ROOT / "tests" / "fixtures" / "raw" / "2023-12-09-port-blast.txt"


def _python(code: str, tmp_path: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter, from the repository, with the tests' Prefect isolation."""
    env = prefect_free_env(tmp_path / "prefect", PYTHONIOENCODING="utf-8")
    command = [sys.executable, "-c", textwrap.dedent(code)]
    return subprocess.run(command, capture_output=True, encoding="utf-8", timeout=timeout, env=env, cwd=ROOT)


def test_bootstrap_command_line_modules_import_no_prefect(tmp_path):
    """Importing the command (and building its parser) leaves Prefect unimported: the bootstrap can run."""
    proc = _python(
        """
        import sys
        import flows.cli, flows.bootstrap, flows.options, flows.temporary_server
        import newsmine.lifelines, newsmine.lock, newsmine.preflight, newsmine.settings, newsmine.workers
        flows.cli.parser().parse_args(["run", "--raw", "r"])
        print(sorted(m for m in sys.modules if m.split(".")[0] in {"prefect", "great_expectations", "spacy"}))
        """,
        tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def test_bootstrap_refuses_once_prefect_is_imported_unless_embedded(tmp_path):
    """One innocent import of Prefect first: the environment step refuses it (embedded, it runs and
    Prefect's settings follow), and so does the program, naming the step, before it does anything.

    One interpreter for both: importing Prefect takes seconds."""
    proc = _python(
        f"""
        import os, sys
        import prefect  # the innocent import
        from flows import bootstrap
        from flows.cli import entry
        startup = bootstrap.Startup()
        startup.step("lock")
        try:
            with bootstrap.prefect_environment(startup, "http://127.0.0.1:9/api"):
                pass
        except bootstrap.StartupOrderError as exc:
            print(exc)
        assert "PREFECT_API_URL" not in os.environ
        with bootstrap.embedded(), bootstrap.prefect_environment(startup, "http://127.0.0.1:9/api"):
            from prefect.settings import PREFECT_API_URL
            print(PREFECT_API_URL.value())
        print(os.environ.get("PREFECT_API_URL"), flush=True)
        sys.argv = ["newsmine", "run", "--raw", {str(tmp_path)!r}, "--out", {str(tmp_path / "out")!r}]
        entry()
        """,
        tmp_path,
    )
    refused, embedded, after = proc.stdout.strip().splitlines()
    assert refused.startswith("start-up step 'environment' must come before Prefect is imported (Prefect reads")
    assert embedded == "http://127.0.0.1:9/api"  # embedded: Prefect's settings follow the environment
    assert after == "None"  # the run's URL is gone after it
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "flows.bootstrap.StartupOrderError: the program's exit handler must come before Prefect is imported"
    ), proc.stderr
    assert "import it only through flows.bootstrap.import_flows()" in last
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        (["server"], "start-up step 'server' before 'lock'"),
        (["lock", "workers"], "start-up step 'workers' before 'environment'"),
        (["lock", "flows"], "start-up step 'flows' before 'environment'"),
        (["lock", "environment", "server"], "start-up step 'server' after 'environment'"),
        (["lock", "environment", "flows", "workers"], "start-up step 'workers' after 'flows'"),
        (["lock", "lock"], "start-up step 'lock' after 'lock'"),
    ],
)
def test_bootstrap_steps_out_of_order_are_refused(steps, message):
    startup = bootstrap.Startup()
    with bootstrap.embedded():  # Prefect may be imported in this test process: only the order is checked
        for name in steps[:-1]:
            startup.step(name)
        with pytest.raises(bootstrap.StartupOrderError, match=message):
            startup.step(steps[-1])


def test_bootstrap_steps_in_order_pass_and_a_typo_is_an_error():
    startup = bootstrap.Startup()
    with bootstrap.embedded():
        for name in bootstrap.STEPS:
            startup.step(name)
    assert startup.done == list(bootstrap.STEPS)
    with pytest.raises(ValueError, match="unknown start-up step 'wokers'"):
        bootstrap.Startup().step("wokers")


@pytest.mark.slow
def test_bootstrap_run_starts_in_order_before_prefect_is_imported(tmp_path):
    """``newsmine run``: when Prefect is first imported, the lock, the server, the environment and
    the forked model workers are there already; the flow itself is replaced by a stub."""
    import spacy

    raw, model = tmp_path / "raw", tmp_path / "blank-model"  # the order is under test, not the model
    raw.mkdir()
    shutil.copy(BLAST, raw)
    spacy.blank("en").to_disk(model)
    proc = _python(
        f"""
        import importlib.abc, json, os, sys, threading
        from flows import bootstrap, cli
        from newsmine import workers

        steps, seen = [], {{}}
        step = bootstrap.Startup.step
        bootstrap.Startup.step = lambda self, name: (step(self, name), steps.append(name))[0]

        class FirstPrefectImport(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name == "prefect" and not seen:
                    pool = workers._pool
                    seen.update(
                        steps=list(steps),
                        api_url=os.environ.get("PREFECT_API_URL"),
                        do_not_track=os.environ.get("DO_NOT_TRACK"),
                        workers=None if pool is None else [pool.workers, pool.forked],
                        lock=os.path.exists({str(tmp_path / "out" / ".newsmine.lock")!r}),
                    )
                return None

        sys.meta_path.insert(0, FirstPrefectImport())
        cli._use_server = lambda server: None
        cli._run_pipeline = lambda args, settings, flow_module, run_id=None, temporary_server=False: (
            print(flow_module.__name__), seen.update(temporary_server=temporary_server))[0] or 0
        code = cli.main(["run", "--raw", {str(raw)!r}, "--out", {str(tmp_path / "out")!r},
                         "--reports", {str(tmp_path / "r")!r}, "--workers", "1", "--model", {str(model)!r}])
        from flows.temporary_server import launch
        seen["server"] = launch().api_url
        print(json.dumps(seen))
        workers.shutdown()
        sys.exit(code)
        """,
        tmp_path,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    module, seen = proc.stdout.strip().splitlines()
    assert module == "flows.pipeline"
    state = json.loads(seen)
    assert state["steps"] == ["lock", "server", "environment", "workers", "flows"]
    assert state["lock"] and state["do_not_track"] == "1"
    assert state["api_url"] == state["server"]  # the temporary server's URL, in time for Prefect's import
    assert state["temporary_server"] is True  # its flows send no heartbeats (cli._heartbeats)
    assert state["workers"] == [1, True]  # forked with the model, while the process had one thread
