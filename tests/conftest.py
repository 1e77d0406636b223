"""Shared fixtures: the spaCy model (loaded once per test session) and Prefect isolation."""

from __future__ import annotations

import fcntl
import functools
import inspect
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from newsmine.report import RunSummary

# Never the user's Prefect: not their PREFECT_HOME (``make`` exports the repository's .prefect, whose
# database their UI shows), profile or server. Set before anything imports Prefect.
_PREFECT_HOME = os.environ["PREFECT_HOME"] = tempfile.mkdtemp(prefix="newsmine-prefect-")
for _name in ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_PROFILES_PATH", "PREFECT_PROFILE"):
    os.environ.pop(_name, None)
os.environ["DO_NOT_TRACK"] = "1"
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "raw"


# A folder shared by the test processes of one session (pytest-xdist's workers inherit it).
_OWN_SHARED = "TESTS_NEWSMINE_SHARED" not in os.environ
if _OWN_SHARED:
    os.environ["TESTS_NEWSMINE_SHARED"] = tempfile.mkdtemp(prefix="newsmine-tests-")
SHARED = Path(os.environ["TESTS_NEWSMINE_SHARED"])
# Never the user's cache folder either: the session's own, shared by its processes.
os.environ["NEWSMINE_CACHE_DIR"] = str(SHARED / "cache")


def pytest_sessionfinish() -> None:
    """Remove this process's Prefect home and, in the process that made it, the shared folder."""
    shutil.rmtree(_PREFECT_HOME, ignore_errors=True)
    if _OWN_SHARED:
        shutil.rmtree(SHARED, ignore_errors=True)


@functools.cache
def migrated_prefect_database() -> Path:
    """A Prefect database with every migration applied, made once per test session.

    A Prefect server migrates an empty database before it serves (about 10 s of CPU): the programs
    the tests launch start from a copy of this one instead, as every run after a user's first does.
    (``make run`` on a fresh clone, the README's proof, migrates its own.)
    """
    database = SHARED / "prefect.db"
    with (SHARED / "prefect.db.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one test process migrates, the others wait for it
        if not database.exists():
            home = SHARED / "migrating"
            command = [sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"]
            subprocess.run(command, env=_child_env(home), check=True, capture_output=True, timeout=300)
            (home / "prefect.db").rename(database)
    return database


def prefect_free_env(home: Path, **extra: str) -> dict[str, str]:
    """This environment for a child process, less its PREFECT_* variables: a PREFECT_HOME of its own
    (``home``, holding a copy of :func:`migrated_prefect_database`), telemetry off, and ``extra``."""
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(migrated_prefect_database(), home / "prefect.db")
    return _child_env(home, **extra)


def _child_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home), DO_NOT_TRACK="1", PREFECT_SERVER_ANALYTICS_ENABLED="false", **extra)
    return env


def _tree(folder: Path) -> dict[str, float]:
    return {str(p.relative_to(folder)): p.stat().st_mtime for p in sorted(folder.rglob("*"))}


@pytest.fixture(scope="session", autouse=True)
def user_data_untouched():
    """The tests write only to temporary folders: the repository's data/ is the same after them."""
    before = _tree(ROOT / "data")
    yield
    assert _tree(ROOT / "data") == before, "a test wrote into the repository's data/ folder"


@pytest.fixture(scope="session", autouse=True)
def prefect_logging_on_the_session_stream():
    """Import Prefect before any test's own fixtures: importing it configures its console log
    handler on the ``sys.stderr`` of that moment, which inside a test using ``capsys`` is a stream
    closed when the test ends (every later log record then prints "--- Logging error ---" into
    whichever test captures stderr next). Imported here, it is pytest's stream for the session."""
    import prefect.main  # noqa: F401 - configures its logging


def table_snapshot(out: Path) -> dict[str, list[str]]:
    """The published article tables as sorted JSON rows, without the columns that differ per run."""
    from newsmine import store
    from newsmine.tables import ALL, VALIDATED

    drop = {"run_id", "ingested_at"}
    return {
        name: sorted(
            json.dumps({k: v for k, v in row.items() if k not in drop}, default=str, sort_keys=True)
            for row in store.read_table(out, ALL[name]).to_pylist()
        )
        for name in VALIDATED
    }


CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture
def chromium(tmp_path: Path):
    """Debian's headless Chromium under Selenium; skips, saying why, without it (``make browser``)."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("Debian chromium and chromium-driver are not installed (make browser installs them)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,3000",  # long lists (the Prefect UI's) render only the rows in view
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def harness():
    """One Prefect test server (temporary database) for every flow of the test session: starting
    one takes seconds, and no test needs a server to itself (each run has its own folders)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture
def cli_harness(harness, monkeypatch):
    """The ``newsmine`` command run in this process (``main``), against the test server.

    The tests imported Prefect before the command starts: the command says so to the start-up
    order's guard (:func:`flows.bootstrap.embedded`), which would otherwise refuse it. The test
    server is the command's running server (``PREFECT_API_URL``), so it launches no temporary
    server of its own; the programs run by ``tests/test_cli.py``, ``tests/test_signals.py`` and
    ``tests/test_faults.py`` (a killed run) launch theirs.
    """
    from prefect.settings import PREFECT_API_URL

    from flows import bootstrap

    monkeypatch.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))
    with bootstrap.embedded():
        yield


def copy_samples(folder: Path) -> Path:
    """Make ``folder`` a raw folder with the project's sample articles and the test fixtures."""
    shutil.copytree(SAMPLES, folder)
    shutil.copytree(FIXTURES / "raw", folder / "fixtures")
    return folder


@pytest.fixture
def sample_raw(tmp_path: Path) -> Path:
    """A raw folder with the project's sample articles and the test fixtures (8 articles, 1 reject)."""
    return copy_samples(tmp_path / "raw")


@dataclass(frozen=True)
class SampleRun:
    summary: RunSummary
    raw: Path
    out: Path


@pytest.fixture(scope="session")
def sample_run(harness, tmp_path_factory) -> SampleRun:
    """One pipeline flow run over the samples (``sample_raw``; 2 articles to a batch, 2 workers),
    for the tests that compare another run with it. They only read its folders: none writes there."""
    from flows.pipeline import pipeline

    root = tmp_path_factory.mktemp("sample-run")
    raw, out = copy_samples(root / "raw"), root / "out"
    summary = pipeline(
        raw_dir=str(raw),
        out_dir=str(out),
        reports_dir=str(root / "reports"),
        batch_size=2,
        workers=2,
        max_critical_share=0.5,
    )
    return SampleRun(summary, raw, out)


def publish_rows(out, table, rows: list[dict], replaced: list[str]) -> None:
    """Publish rows as a run does (staged by month, then published all or nothing), for fixtures."""
    from newsmine import store

    checked = store.staging_dir(out, "fixture") / "_checked"
    store.write_months(checked, table, 0, store.to_arrow(table, rows))
    store.publish_months(out, [table], checked, replaced, "fixture")
    store.discard_staging(out, "fixture")


def run_library(raw, out, reports, **overrides):
    """One run without Prefect: the library steps in the order the flows call them (one batch).

    Returns the validation outcome.
    """
    from datetime import UTC, datetime

    from newsmine import store
    from newsmine.ingest import discover
    from newsmine.pipeline import (
        check_and_publish,
        new_run_id,
        published_versions,
        reject_rows,
        stage_extract,
        stage_ingest,
    )
    from newsmine.settings import Settings
    from newsmine.tables import REJECTS

    settings = Settings.from_env(raw_dir=str(raw), out_dir=str(out), reports_dir=Path(reports), **overrides)
    run_id, now = new_run_id(), datetime.now(UTC)
    files, rejects = discover(settings.raw_dir)
    store.write_part(store.staging_dir(settings.out_dir, run_id), REJECTS, 0, reject_rows(rejects, run_id, now))
    done = published_versions(settings.out_dir)
    result, _skipped = stage_ingest(files, settings, run_id, 1, now.date(), {}, done, False)
    if result.articles:
        stage_extract(settings, run_id, 1)
    return check_and_publish(settings, run_id, now.date())


@pytest.fixture
def memory():
    """fsspec's in-memory filesystem, emptied before and after the test."""
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.rm("/", recursive=True) if fs.ls("/") else None
    yield fs
    fs.store.clear()
    fs.pseudo_dirs[:] = [""]


@pytest.fixture(scope="session")
def nlp():
    from newsmine.nlp import load
    from newsmine.settings import Settings

    return load(Settings.from_env().model)


@pytest.fixture(scope="session")
def stock_nlp():
    """The model as spaCy loads it, without newsmine's faster equivalents of its components."""
    import spacy

    from newsmine.settings import Settings

    return spacy.load(Settings.from_env().model)


@pytest.fixture(scope="session")
def stock_and_ours(stock_nlp, nlp):
    """The stock pipeline and newsmine's (with its equivalent components), for comparing tokens."""
    return stock_nlp, nlp


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a text and run one extractor over it: ``parse(figures, text, published)``."""

    def run(extractor, text: str, published: date = date(2023, 12, 2)):
        doc = nlp(text)
        if "published" in inspect.signature(extractor).parameters:
            return extractor(doc, "a1", published)
        return extractor(doc, "a1")

    return run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow tests first, in collection order otherwise. On several processes (``make test`` runs
    pytest-xdist's ``-n 2 --dist worksteal``), each worker takes a half of this order and an idle one
    steals from the other's tail: the suite ends on quick tests that balance the workers, instead of
    one long run starting last and keeping the suite waiting."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
