"""Readers: every input becomes an article or a reject with a reason; nothing raises."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from newsmine.ingest import article_id_for, discover, read_batch
from newsmine.ingest.readers import parse_published

TODAY = date(2024, 6, 1)


def _read(tmp_path: Path, name: str, data: bytes | str, max_bytes: int = 5_000_000):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    files, _ = discover(tmp_path)
    return read_batch(tmp_path, [f for f in files if f == name], TODAY, max_bytes, {})


def test_readers_txt_header_is_not_text(tmp_path):
    result = _read(tmp_path, "a.txt", " date 2023-12-02 Truce talks collapsed on Friday.\n\nMore text.")
    (article,) = result.articles
    assert article.published_date == date(2023, 12, 2)
    assert article.text == "Truce talks collapsed on Friday.\n\nMore text."
    assert article.source == "a.txt"
    assert article.word_count == 7


def test_readers_json_with_datetime_and_title(tmp_path):
    obj = {"text": "Ten people died.", "published": "2023-07-21T09:30:00+08:00", "title": "T", "url": "u"}
    (article,) = _read(tmp_path, "sub/x.json", json.dumps(obj)).articles
    assert (article.published_date, article.title, article.url, article.source) == (
        date(2023, 7, 21),
        "T",
        "u",
        "sub/x.json",
    )


def test_readers_jsonl_bad_line_rejected_others_kept(tmp_path):
    lines = [
        json.dumps({"text": "One.", "published": "2024-01-01"}),
        "{not json",
        json.dumps({"text": "Two.", "published": "2024-01-02"}),
    ]
    result = _read(tmp_path, "f.jsonl", "\n".join(lines))
    assert [a.text for a in result.articles] == ["One.", "Two."]
    assert [(r.source, r.reason) for r in result.rejects] == [("f.jsonl#L2", "bad_json")]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "  \n\t ", "empty"),
        ("nodate.txt", "Just text without a header.", "no_date_header"),
        ("baddate.txt", "date 2023-02-30 Text.", "bad_date"),
        ("future.txt", "date 2099-01-01 Text.", "future_date"),
        ("missing.json", json.dumps({"text": "x"}), "missing_field"),
        ("broken.json", "{", "bad_json"),
        ("bin.txt", b"\x00\x01\x02\xff" * 100, "binary"),
    ],
)
def test_readers_bad_input_is_a_reject(tmp_path, name, data, reason):
    result = _read(tmp_path, name, data)
    assert result.articles == []
    assert [r.reason for r in result.rejects] == [reason]


def test_readers_size_limit(tmp_path):
    result = _read(tmp_path, "big.txt", "date 2023-01-01 " + "word " * 100, max_bytes=50)
    assert [r.reason for r in result.rejects] == ["too_large"]


def test_readers_cp1252_decoded_with_warning(tmp_path):
    (article,) = _read(tmp_path, "w.txt", "date 2023-01-01 The café’s owner said.".encode("cp1252")).articles
    assert article.text == "The café’s owner said."
    assert "cp1252" in (article.warning or "")


def test_readers_html_stripped(tmp_path):
    data = "date 2023-01-01 <p>Five people <b>died</b>.</p><script>alert(1)</script><p>Second.</p>"
    (article,) = _read(tmp_path, "h.txt", data).articles
    assert "<" not in article.text and "alert" not in article.text
    assert article.text.startswith("Five people died.")


def test_readers_duplicate_article_read_once(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("date 2023-01-01 Same text.")
    files, _ = discover(tmp_path)
    result = read_batch(tmp_path, files, TODAY, 10_000, {})
    assert [a.source for a in result.articles] == ["a.txt"]
    assert [(r.source, r.reason) for r in result.rejects] == [("b.txt", "duplicate")]


def test_readers_link_outside_raw_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("date 2023-01-01 Secret.")
    raw = tmp_path / "raw"
    raw.mkdir()
    os.symlink(outside, raw / "link.txt")
    os.symlink(tmp_path, raw / "up")  # linked folders are not searched
    (raw / "in.txt").write_text("date 2023-01-01 Public.")
    os.symlink(raw / "in.txt", raw / "alias.txt")  # a link inside the folder is fine
    files, rejects = discover(raw)
    assert files == ["alias.txt", "in.txt"]
    assert [(r.source, r.reason) for r in rejects] == [("link.txt", "outside_raw"), ("up", "outside_raw")]


def test_readers_article_id_is_stable():
    assert article_id_for(date(2023, 12, 2), "x") == article_id_for(date(2023, 12, 2), "x")
    assert article_id_for(date(2023, 12, 2), "x") != article_id_for(date(2023, 12, 3), "x")
    assert len(article_id_for(date(2023, 12, 2), "x")) == 16


def test_readers_parse_published_forms():
    assert parse_published("2023-12-02") == date(2023, 12, 2)
    assert parse_published("2023-12-02T23:00:00Z") == date(2023, 12, 2)
    with pytest.raises(ValueError):
        parse_published(20231202)
