"""Raw and output folders as fsspec URLs: ``file://`` and a non-local filesystem (``memory://``)."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from newsmine import store
from newsmine.errors import NewsmineError
from newsmine.location import Location
from newsmine.lock import run_lock
from newsmine.tables import ALL
from tests.conftest import table_snapshot

pytestmark = pytest.mark.slow


def _run(raw: str, out: str, reports: Path, **options):
    from flows.pipeline import pipeline

    return pipeline(raw_dir=raw, out_dir=out, reports_dir=str(reports), max_critical_share=0.5, **options)


def test_locations_file_urls_give_the_same_tables_as_paths(sample_run, tmp_path):
    """The run of ``sample_run`` (by paths) again, by file:// URLs."""
    by_path, raw = sample_run.summary, sample_run.raw
    by_url = _run(f"file://{raw}", f"file://{tmp_path / 'b'}", tmp_path / "r2", batch_size=2, workers=2)
    assert by_path.articles == by_url.articles == 8
    assert by_url.rows == by_path.rows
    assert table_snapshot(tmp_path / "b") == table_snapshot(sample_run.out)
    months = sorted(p.name for p in (tmp_path / "b" / "figures").iterdir())
    assert months == sorted(p.name for p in (sample_run.out / "figures").iterdir())
    assert "published_month=2023-12" in months
    again = _run(f"file://{raw}", f"file://{tmp_path / 'b'}", tmp_path / "r2")
    assert (again.articles, again.skipped) == (0, 8)


def test_locations_memory_filesystem_end_to_end(sample_run, tmp_path, memory):
    """The samples of ``sample_run`` (a local run) again, from and to fsspec's memory filesystem."""
    memory.put(str(sample_run.raw), "/news/raw", recursive=True)
    local = sample_run.summary
    remote = _run("memory://news/raw", "memory://news/out", tmp_path / "r2", workers=1)
    assert (remote.articles, remote.rejected, remote.rows) == (local.articles, local.rejected, local.rows)
    assert table_snapshot("memory://news/out") == table_snapshot(sample_run.out)
    assert not memory.exists("/news/out/_staging")
    assert not memory.exists("/news/out/.newsmine.lock")
    figures = store.read_table("memory://news/out", ALL["figures"]).num_rows
    assert figures == local.rows["figures"] > 0

    # a changed file replaces its article's rows; nothing is duplicated
    changed = "/news/raw/2024/2024-03-14-swat-floods.txt"
    memory.pipe(changed, memory.cat(changed) + b"\n\nPolice arrested 12 people.")
    again = _run("memory://news/raw", "memory://news/out", tmp_path / "r2", workers=1)
    assert (again.articles, again.skipped) == (1, local.articles - 1)
    articles = store.read_table("memory://news/out", ALL["articles"]).to_pylist()
    assert len(articles) == local.articles
    assert len({a["source"] for a in articles}) == local.articles
    assert store.read_table("memory://news/out", ALL["figures"]).num_rows == figures + 1


def test_locations_object_lock_refuses_then_is_released(memory):
    with run_lock("memory://locked/out"):
        with pytest.raises(NewsmineError) as second, run_lock("memory://locked/out"):
            pass
        assert second.value.code == "E006"
        assert f"on {socket.gethostname()}" in second.value.message
        assert (
            second.value.hint
            == "wait for it to finish (if no run is active, delete memory:///locked/out/.newsmine.lock)"
        )
    assert not memory.exists("/locked/out/.newsmine.lock")


def test_locations_object_lock_of_a_dead_local_run_is_taken_over(memory):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True)
    pid = int(dead.stdout)
    memory.pipe("/stale/out/.newsmine.lock", f"pid {pid} on {socket.gethostname()} since 2026-01-01T00:00:00Z".encode())
    with run_lock("memory://stale/out"):
        assert memory.cat("/stale/out/.newsmine.lock").startswith(b"pid ")
        assert f"pid {pid} " not in memory.cat("/stale/out/.newsmine.lock").decode()
    memory.pipe("/other/out/.newsmine.lock", b"pid 1 on another-host since 2026-01-01T00:00:00Z")
    with pytest.raises(NewsmineError, match="in use by pid 1 on another-host"), run_lock("memory://other/out"):
        pass


def test_locations_unusable_urls_are_one_line_errors(tmp_path, capsys):
    from flows.cli import main

    assert main(["run", "--raw", "nosuchprotocol://bucket/raw", "--out", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("newsmine: E009: cannot use 'nosuchprotocol://bucket/raw'") and err.count("\n") == 1
    assert main(["run", "--raw", "memory://nothing/here", "--out", str(tmp_path / "o")]) == 2
    assert "E001: raw folder memory://nothing/here does not exist" in capsys.readouterr().err
    assert main(["bi", "--out", "memory://news/out", "--db", str(tmp_path / "x.duckdb")]) == 2
    assert "E009: newsmine bi needs a local output folder" in capsys.readouterr().err


def test_locations_paths_and_urls_name_the_same_folder(tmp_path):
    assert Location(f"file://{tmp_path}").local == Location(str(tmp_path)).local == tmp_path
    assert Location("memory://a/b").local is None
    assert str(Location("memory://a/b") / "c" / "d.txt") == "memory:///a/b/c/d.txt"
    assert (Location("memory://a/b") / "c").parent == Location("memory://a/b")
