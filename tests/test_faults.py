"""Nothing lost on bad input or faults: rejects with reasons, locks, disk errors, killed runs."""

from __future__ import annotations

import errno
import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from flows.cli import main
from newsmine import store
from newsmine.extract import extract_batch
from newsmine.ingest import Article
from newsmine.location import Location
from newsmine.lock import run_lock
from newsmine.tables import ALL
from tests.conftest import prefect_free_env, table_snapshot

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
GOOD = (ROOT / "tests" / "fixtures" / "raw" / "2023-12-09-port-blast.txt").read_text(encoding="utf-8")


def _dirty_folder(raw: Path) -> dict[str, str | None]:
    """Write every kind of bad input beside good ones; returns file -> expected reject reason (None: article)."""
    raw.mkdir(parents=True)
    files: dict[str, bytes | str] = {
        "good.txt": GOOD,
        "empty.txt": "",
        "blank.txt": " \n\n\t",
        "binary.txt": bytes(range(256)) * 8,
        "latin.txt": "date 2023-05-01 A café fire in Lyon injured 12 people, the préfecture said.".encode("cp1252"),
        "noheader.txt": "Fire in Lyon injured 12 people.",
        "impossible.txt": "date 2023-02-30 Storm kills 4.",
        "future.txt": "date 2099-01-01 Storm kills 4.",
        "feed.jsonl": "\n".join(
            [
                json.dumps({"text": "Floods displaced 300 families in Recife on Monday.", "published": "2024-02-05"}),
                "{broken",
                json.dumps({"text": "Police detained 14 protesters in Quito.", "published": "2024-02-06"}),
            ]
        ),
        "notext.json": json.dumps({"published": "2024-01-01", "title": "x"}),
        "huge.txt": "date 2024-01-01 " + "word " * 300_000,
        "good2.txt": GOOD,
        "markup.txt": "date 2024-01-02 <html><body><p>Gunmen <b>killed</b> 5 villagers.</p><script>x()</script></body></html>",
        "control.txt": "date 2024-01-03 Shelling\x00 killed 9 people\x07 in Kharkiv.",
        "long.txt": "date 2024-01-04 "
        + " ".join(
            random.Random(2).choice(
                "troops said 12 people were killed in Gaza and 30 houses destroyed while officials reported".split()
            )
            for _ in range(20_000)
        ),
        "locked.txt": "date 2024-01-05 Locked file.",
    }
    for name, data in files.items():
        (raw / name).write_bytes(data.encode() if isinstance(data, str) else data)
    outside = raw.parent / "outside.txt"
    outside.write_text("date 2024-01-01 Outside.")
    os.symlink(outside, raw / "link.txt")
    return {
        "good.txt": None,
        "empty.txt": "empty",
        "blank.txt": "empty",
        "binary.txt": "binary",
        "latin.txt": None,
        "noheader.txt": "no_date_header",
        "impossible.txt": "bad_date",
        "future.txt": "future_date",
        "feed.jsonl#L1": None,
        "feed.jsonl#L2": "bad_json",
        "feed.jsonl#L3": None,
        "notext.json": "missing_field",
        "huge.txt": "too_large",
        "good2.txt": "duplicate",
        "markup.txt": None,
        "control.txt": None,
        "long.txt": None,
        "locked.txt": "unreadable",
        "link.txt": "outside_raw",
    }


def test_faults_every_bad_input_accounted_for(cli_harness, tmp_path, monkeypatch, capsys):
    raw = tmp_path / "raw"
    expected = _dirty_folder(raw)
    real_read = Location.read_bytes

    def read_bytes(self: Location) -> bytes:  # root ignores file modes, so deny the read here
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Location, "read_bytes", read_bytes)
    monkeypatch.setenv("NEWSMINE_MAX_FILE_BYTES", "1000000")
    out = tmp_path / "out"
    started = time.monotonic()
    code = main(["run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "reports")])
    assert code == 0, capsys.readouterr().err
    assert time.monotonic() - started < 180
    articles = {a["source"]: a for a in store.read_table(out, ALL["articles"]).to_pylist()}
    rejects = {r["source"]: r["reason"] for r in store.read_table(out, ALL["rejects"]).to_pylist()}
    assert set(articles) & set(rejects) == set()
    assert {**{s: None for s in articles}, **rejects} == expected
    assert "cp1252" in articles["latin.txt"]["warning"]
    assert articles["markup.txt"]["text"] == "Gunmen killed 5 villagers."
    assert "\x00" not in articles["control.txt"]["text"]
    figures = store.read_table(out, ALL["figures"]).to_pylist()
    by_source = {a["article_id"]: s for s, a in articles.items()}
    facts = {(by_source[f["article_id"]], f["value"], f["category"]) for f in figures}
    assert {
        ("good.txt", 14, "killed"),
        ("feed.jsonl#L1", 300, "displaced"),
        ("feed.jsonl#L3", 14, "arrested"),
        ("markup.txt", 5, "killed"),
        ("control.txt", 9, "killed"),
    } <= facts


def test_faults_extractors_bounded_on_unpunctuated_article(nlp):
    text = " ".join(
        random.Random(3).choice("police said 7 people died in Lima and 20 homes burned".split()) for _ in range(20_000)
    )
    started = time.monotonic()
    found = extract_batch(nlp, [Article("x", "x.txt", date(2024, 1, 1), text)])
    assert time.monotonic() - started < 60
    for f in found.figures:
        assert text[f.start_char : f.end_char] == f.text


def test_faults_second_run_refuses_while_locked(cli_harness, tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(GOOD)
    with run_lock(tmp_path / "out"):
        assert main(["run", "--raw", str(raw), "--out", str(tmp_path / "out"), "--reports", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "E006" in err and "is in use by pid" in err
    assert not (tmp_path / "out" / "articles").exists()


def _files(out: Path) -> dict[str, bytes]:
    """The published partition files (not the staging folder of a run that failed)."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*.parquet"))
        if "=" in p.parent.name and store.STAGING not in p.parts
    }


def test_faults_disk_full_while_publishing_publishes_nothing(cli_harness, tmp_path, monkeypatch, capsys):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a.txt").write_text(GOOD)
    assert main(["run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "r")]) == 0
    before = _files(out)
    (raw / "b.json").write_text(json.dumps({"text": "Floods killed 8 people in Recife.", "published": "2023-12-20"}))
    real_write = pq.write_table
    calls = {"n": 0}

    def full_disk(table, where, *args, **kwargs):
        if ".data.parquet." in str(getattr(where, "path", where)):
            calls["n"] += 1
            if calls["n"] >= 3:  # from the third partition file on: the disk stays full
                raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(table, where, *args, **kwargs)

    monkeypatch.setattr(pq, "write_table", full_disk)
    assert main(["run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "E004: cannot write" in err and "No space left on device" in err
    assert "Traceback" not in err and err.strip().splitlines()[-1].startswith("newsmine: E004: cannot write")
    assert _files(out) == before
    assert list(out.rglob("*.tmp")) == []
    monkeypatch.setattr(pq, "write_table", real_write)
    assert main(["run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "r")]) == 0
    sources = {a["source"] for a in store.read_table(out, ALL["articles"]).to_pylist()}
    assert sources == {"a.txt", "b.json"}


def test_faults_killed_run_leaves_tables_then_next_run_completes(cli_harness, tmp_path):
    raw, out, reports = tmp_path / "raw", tmp_path / "out", tmp_path / "reports"
    raw.mkdir()
    (raw / "first.txt").write_text(GOOD)
    assert main(["run", "--raw", str(raw), "--out", str(out), "--reports", str(reports)]) == 0
    before = _files(out)
    places = ["Lima", "Quito", "Recife", "Mombasa", "Kharkiv", "Cusco", "Mosul", "Aleppo"]
    for i in range(40):
        body = (
            f"Floods in {places[i % 8]} killed {i + 3} people and displaced {100 + i} families on Monday, "
            f"officials said. Rescuers freed {i + 1} villagers trapped in {i + 2} houses. "
        ) * 6
        (raw / f"wire-{i:02d}.json").write_text(json.dumps({"text": body, "published": f"2024-03-{(i % 27) + 1:02d}"}))
    env = prefect_free_env(tmp_path / "prefect", NEWSMINE_BATCH_SIZE="2")
    proc = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--raw", str(raw), "--out", str(out), "--reports", str(reports)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 150
    while not list(out.glob("_staging/*/figures/part-*.parquet")):
        assert proc.poll() is None, "the run ended before extraction was seen"
        assert time.monotonic() < deadline, "extraction never started"
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert _files(out) == before, "a killed run changed the published tables"
    assert main(["run", "--raw", str(raw), "--out", str(out), "--reports", str(reports)]) == 0
    assert not (out / "_staging").exists()
    clean = tmp_path / "clean"
    assert main(["run", "--raw", str(raw), "--out", str(clean), "--reports", str(tmp_path / "r2")]) == 0
    assert table_snapshot(out) == table_snapshot(clean)


def test_faults_json_fields_never_choose_paths(cli_harness, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    evil = {
        "id": "../../escaped",
        "title": "../../escaped",
        "url": "file:///etc/passwd",
        "text": "Gunmen killed 3 people in Lagos.",
        "published": "2024-01-01",
    }
    (raw / "evil.json").write_text(json.dumps(evil))
    assert main(["run", "--raw", str(raw), "--out", str(out), "--reports", str(tmp_path / "r")]) == 0
    assert not any("escaped" in str(p) for p in tmp_path.rglob("*"))
