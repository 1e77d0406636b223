"""The newsmine command: exit statuses and one-line messages a user can act on."""

from __future__ import annotations

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
