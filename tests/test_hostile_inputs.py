"""No single input stops a run, and no article still in the raw folder leaves the tables.

Each hostile input becomes an article (repaired, with a warning) or a reject with its reason, beside
good articles that are published as usual. Inputs are our own.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import date
from pathlib import Path

import pytest

from newsmine import store
from newsmine.extract import extract_batch
from newsmine.extractors import Extractor, registered
from newsmine.ingest import Article, discover
from newsmine.ingest.readers import read_file
from newsmine.tables import ALL
from tests import toy
from tests.conftest import run_library

TODAY = date(2026, 1, 1)
GOOD = "date 2024-03-05\nFloods killed 12 people in the valley on Monday."


def _read(tmp_path: Path, name: str, content: str, max_chars: int = 300_000):
    (tmp_path / name).write_text(content, encoding="utf-8", errors="surrogatepass")
    return list(read_file(tmp_path, name, TODAY, 5_000_000, max_chars))


def test_hostile_json_nested_deep_and_huge_integers_are_bad_json(tmp_path):
    (nested,) = _read(tmp_path, "deep.json", "[" * 10_000 + "]" * 10_000)
    assert (nested.reason, nested.message) == ("bad_json", "invalid JSON: nested too deeply")
    (huge,) = _read(tmp_path, "huge.json", '{"text": "x", "published": "2024-01-01", "n": ' + "9" * 5000 + "}")
    assert huge.reason == "bad_json" and "digits" in huge.message


def test_hostile_lone_surrogates_are_replaced_with_a_warning(tmp_path):
    raw = json.dumps(
        {"text": "Floods killed 12 people \ud800 here.", "title": "Bad \udfff title", "published": "2024-03-05"}
    )
    (article,) = _read(tmp_path, "s.json", raw)
    assert isinstance(article, Article)
    assert article.text == "Floods killed 12 people \ufffd here." and article.title == "Bad \ufffd title"
    assert "lone surrogates replaced" in (article.warning or "")
    article.text.encode("utf-8")  # storable


@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31"])
def test_hostile_publication_dates_before_1900_are_rejects(tmp_path, day):
    (reject,) = _read(tmp_path, "old.txt", f"date {day}\nSome text.")
    assert reject.reason == "bad_date" and "before 1900" in reject.message


def test_hostile_jsonl_lines_split_on_newline_only(tmp_path):
    lines = [
        {"text": "Floods killed 12 people.\u2028Rescuers searched.", "published": "2024-03-05"},
        {"text": "A storm injured 3 people.\u0085More rain came.", "published": "2024-03-06"},
    ]
    found = _read(tmp_path, "f.jsonl", "\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n")
    assert [a.source for a in found] == ["f.jsonl#L1", "f.jsonl#L2"]
    assert all(isinstance(a, Article) for a in found)


def test_hostile_invisible_characters_removed_with_a_warning(tmp_path):
    (article,) = _read(tmp_path, "z.txt", "date 2024-03-05\nFloods killed\u200b 1\u200e2 people\u2066.")
    assert article.text == "Floods killed 12 people." and "invisible formatting" in (article.warning or "")


def test_hostile_text_over_the_limit_is_too_long(tmp_path):
    (reject,) = _read(tmp_path, "long.txt", "date 2024-03-05\n" + "word " * 400, max_chars=1000)
    assert reject.reason == "too_long" and "over the limit of 1,000" in reject.message


def test_hostile_every_directory_entry_is_read_or_rejected(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.md").write_text("# notes", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock.txt"))
    try:
        files, rejects = discover(tmp_path)
    finally:
        sock.close()
    assert files == ["good.txt"]
    assert sorted((r.source, r.reason) for r in rejects) == [
        (".hidden.txt", "hidden"),
        ("dangling.txt", "unreadable"),
        ("notes.md", "unsupported"),
        ("pipe.txt", "not_a_file"),
        ("sock.txt", "not_a_file"),
    ]


def _boom(doc, article, found):
    if "boom" in article.text:
        raise RuntimeError("the toy extractor\nfailed")
    return toy.sentence_lengths(doc, article, found)


def test_hostile_failing_article_is_left_out_of_its_batch(nlp):
    articles = [
        Article("a", "a.txt", date(2024, 3, 5), "Floods killed 12 people."),
        Article("b", "b.txt", date(2024, 3, 5), "A boom killed 99999999999999999999 people and 4 others."),
    ]
    with registered(Extractor(toy.TABLE, toy.SentenceLength, "tests.test_hostile_inputs:_boom")):
        found = extract_batch(nlp, articles)
    assert found.failed == {"b": "RuntimeError: the toy extractor failed"}
    assert [(f.article_id, f.value) for f in found.figures] == [("a", 12)]
    plain = extract_batch(nlp, articles[1:])
    assert plain.failed == {} and [f.value for f in plain.figures] == [4]  # beyond int64: not a count


@pytest.mark.slow
def test_hostile_failing_article_is_a_reject_and_the_run_goes_on(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "good.txt").write_text(GOOD, encoding="utf-8")
    (raw / "bad.txt").write_text("date 2024-03-05\nA boom shook the town.", encoding="utf-8")
    out = tmp_path / "out"
    with registered(Extractor(toy.TABLE, toy.SentenceLength, "tests.test_hostile_inputs:_boom")):
        outcome = run_library(raw, out, tmp_path / "reports", max_critical_share=1.0)
        assert outcome.status == "passed"
        articles = store.read_table(out, ALL["articles"]).column("source").to_pylist()
        rejects = store.read_table(out, ALL["rejects"]).to_pylist()
    assert articles == ["good.txt"]
    assert [(r["source"], r["reason"], r["message"]) for r in rejects] == [
        ("bad.txt", "extraction_error", "RuntimeError: the toy extractor failed")
    ]
    assert store.read_table(out, ALL["figures"]).column("value").to_pylist() == [12]


@pytest.fixture
def folders(tmp_path):
    """A raw folder (made), an output folder and a reports folder."""
    (tmp_path / "raw").mkdir()
    return tmp_path / "raw", tmp_path / "out", tmp_path / "reports"


def _sources(out: Path) -> list[tuple[str, str]]:
    rows = store.read_table(out, ALL["articles"], ["source", "text"]).to_pylist()
    return sorted((r["source"], r["text"][:12]) for r in rows)


@pytest.mark.slow
def test_hostile_rename_plus_new_file_under_the_old_name_keeps_both(folders):
    raw, out, reports = folders
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    run_library(raw, out, reports)
    (raw / "a.txt").rename(raw / "b.txt")
    (raw / "a.txt").write_text("date 2024-03-06\nA storm injured 3 people.", encoding="utf-8")
    run_library(raw, out, reports)
    assert _sources(out) == [("a.txt", "A storm inju"), ("b.txt", "Floods kille")]
    assert sorted(store.read_table(out, ALL["figures"]).column("value").to_pylist()) == [3, 12]


@pytest.mark.slow
def test_hostile_line_inserted_at_the_top_of_jsonl_drops_nothing(folders):
    raw, out, reports = folders
    first = {"text": "Floods killed 12 people.", "published": "2024-03-05"}
    second = {"text": "A storm injured 3 people.", "published": "2024-03-06"}
    top = {"text": "A fire destroyed 7 homes.", "published": "2024-03-07"}
    (raw / "f.jsonl").write_text(f"{json.dumps(first)}\n{json.dumps(second)}\n", encoding="utf-8")
    run_library(raw, out, reports)
    (raw / "f.jsonl").write_text(f"{json.dumps(top)}\n{json.dumps(first)}\n{json.dumps(second)}\n", encoding="utf-8")
    for _ in range(2):
        run_library(raw, out, reports)
        assert _sources(out) == [
            ("f.jsonl#L1", "A fire destr"),
            ("f.jsonl#L2", "Floods kille"),
            ("f.jsonl#L3", "A storm inju"),
        ]
    assert sorted(store.read_table(out, ALL["figures"]).column("value").to_pylist()) == [3, 7, 12]


@pytest.mark.slow
def test_hostile_corrected_file_replaces_its_earlier_version(folders):
    raw, out, reports = folders
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    run_library(raw, out, reports)
    (raw / "a.txt").write_text(GOOD.replace("12", "13"), encoding="utf-8")
    run_library(raw, out, reports)
    assert _sources(out) == [("a.txt", "Floods kille")]
    assert store.read_table(out, ALL["figures"]).column("value").to_pylist() == [13]


@pytest.mark.slow
def test_hostile_failed_run_publishes_nothing_and_the_next_retries(folders):
    raw, out, reports = folders
    (raw / "a.txt").write_text(GOOD + " Strikes killed 500 million people.", encoding="utf-8")
    failed = run_library(raw, out, reports, max_critical_share=0.0)
    assert failed.status == "failed" and "nothing was published" in (failed.failed_reason or "")
    assert store.read_table(out, ALL["articles"]).num_rows == 0
    assert store.read_table(out, ALL["figures"]).num_rows == 0
    assert [q["expectation"] for q in store.read_table(out, ALL["quarantine"]).to_pylist()] == ["value_plausible"]
    (review,) = (reports / "failed").iterdir()
    assert {"articles", "figures", "_seen"} <= {p.name for p in review.iterdir()}
    assert not (out / store.STAGING).exists() or not any((out / store.STAGING).iterdir())
    passed = run_library(raw, out, reports, max_critical_share=1.0)
    assert passed.status == "passed"
    assert store.read_table(out, ALL["articles"]).num_rows == 1
    assert store.read_table(out, ALL["figures"]).column("value").to_pylist() == [12]


@pytest.mark.slow
def test_hostile_same_rejects_as_the_last_run_is_still_nothing_new(folders):
    from datetime import UTC, datetime

    from newsmine.ingest import Reject
    from newsmine.pipeline import IngestSummary, nothing_new, reject_rows, run_row
    from newsmine.settings import Settings

    raw, out, reports = folders
    (raw / "a.txt").write_text(GOOD, encoding="utf-8")
    (raw / "notes.md").write_text("# how we collect", encoding="utf-8")
    settings = Settings.from_env(raw_dir=str(raw), out_dir=str(out), reports_dir=reports)
    run_library(raw, out, reports)
    now = datetime.now(UTC)
    assert nothing_new(settings, now.date()) is None  # no run has recorded that reject yet
    store.append_run(out, ALL["rejects"], "r1", reject_rows([Reject("notes.md", "unsupported", "x")], "r1", now))
    store.append_run(out, ALL["runs"], "r1", [run_row("r1", now, "passed", None, IngestSummary(), {}, 0)])
    summary = nothing_new(settings, now.date())
    assert summary is not None and (summary.files, summary.skipped, summary.rejected) == (2, 1, 1)
    assert [(r.source, r.reason) for r in summary.rejects] == [("notes.md", "unsupported")]
    (raw / "b.md").write_text("another", encoding="utf-8")
    assert nothing_new(settings, now.date()) is None  # a new reject is news
