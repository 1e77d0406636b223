"""The newsmine command: exit statuses and one-line messages a user can act on."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "raw"


def test_cli_missing_raw_folder_is_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"newsmine: E001: raw folder {tmp_path / 'nope'} does not exist"]
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_cli_no_articles_exits_2(harness, tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "notes.md").write_text("not an article")
    assert (
        main(["run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "o"), "--reports", str(tmp_path / "r")])
        == 2
    )
    assert "E002: no .txt, .json or .jsonl files under" in capsys.readouterr().err


@pytest.mark.slow
def test_cli_validation_failure_exits_1_with_summary(harness, tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES, raw)
    args = [
        "run",
        "--raw",
        str(raw),
        "--out",
        str(tmp_path / "o"),
        "--reports",
        str(tmp_path / "r"),
        "--max-critical-share",
        "0",
    ]
    assert main(args) == 1
    captured = capsys.readouterr()
    assert "validation           failed" in captured.out
    assert "figures              " in captured.out and "1 quarantined" in captured.out
    assert captured.err.strip().endswith("over the allowed 0%")
    assert (tmp_path / "r" / "latest.html").exists()


@pytest.mark.slow
def test_cli_rerun_with_nothing_new_answers_without_prefect(tmp_path):
    """A real command-line run on two worker processes, then a rerun with nothing new.

    The first run uses one temporary server for everything (Prefect does not start one of its own
    for its log and event threads); the second is recorded in ``runs`` but starts no flow run.
    """
    import sqlite3

    from newsmine import store
    from newsmine.tables import ALL

    raw, out, home = tmp_path / "raw", tmp_path / "out", tmp_path / "prefect"
    raw.mkdir()
    shutil.copy(FIXTURES / "2023-12-09-port-blast.txt", raw)
    shutil.copy(Path(__file__).resolve().parents[1] / "data" / "raw" / "2023-12-02-gaza-truce-collapse.txt", raw)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false")
    command = [sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--out", str(out)]
    command += ["--reports", str(tmp_path / "r")]
    first = subprocess.run(
        [*command, "--batch-size", "1", "--workers", "2"], capture_output=True, text=True, timeout=300, env=env
    )
    assert first.returncode == 0, first.stderr
    assert "extracted 2/2 articles" in first.stderr
    assert "Starting temporary server" not in first.stderr + first.stdout
    second = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert second.returncode == 0, second.stderr
    assert "articles             0" in second.stdout and "skipped (unchanged)  2" in second.stdout
    runs = sorted(store.read_table(out, ALL["runs"]).to_pylist(), key=lambda r: r["started_at"])
    assert [(r["status"], r["articles_new"], r["articles_skipped"]) for r in runs] == [
        ("passed", 2, 0),
        ("passed", 0, 2),
    ]
    with sqlite3.connect(home / "prefect.db") as db:
        names = sorted(name for (name,) in db.execute("select flow.name from flow_run join flow on flow.id = flow_id"))
    assert names == ["newsmine-extract", "newsmine-ingest", "newsmine-pipeline", "newsmine-validate"]
