"""Store: write, check the path, read back; publishing replaces an article's rows, never duplicates."""

from __future__ import annotations

from datetime import date

import pyarrow.parquet as pq

from newsmine import store
from newsmine.tables import QUARANTINE, SCHEMA_VERSION, VALIDATED
from tests.conftest import publish_rows

DATES = VALIDATED["dates"]


def _row(article_id: str, start: int, month: str = "2023-12", text: str = "Friday") -> dict:
    return {
        "article_id": article_id,
        "text": text,
        "resolved_date": date(2023, 12, 1),
        "granularity": "day",
        "method": "weekday",
        "sentence_index": 0,
        "start_char": start,
        "end_char": start + len(text),
        "sentence": "s",
        "published_date": date(2023, 12, 2),
        "run_id": "r1",
        "pipeline_version": "0",
        "published_month": month,
    }


def test_store_publish_round_trip_partitioned(tmp_path):
    publish_rows(tmp_path, DATES, [_row("a", 0), _row("b", 5, month="2024-01")], ["a", "b"])
    path = tmp_path / "dates" / "published_month=2023-12" / "data.parquet"
    assert path.exists() and (tmp_path / "dates" / "published_month=2024-01" / "data.parquet").exists()
    meta = pq.read_schema(path).metadata
    assert meta[b"newsmine.schema_version"] == SCHEMA_VERSION.encode()
    assert pq.read_metadata(path).row_group(0).column(0).compression == "ZSTD"
    back = store.read_table(tmp_path, DATES)
    assert sorted(back.column("article_id").to_pylist()) == ["a", "b"]
    assert back.schema.field("resolved_date").type == DATES.schema.field("resolved_date").type


def test_store_publish_twice_replaces_rows(tmp_path):
    publish_rows(tmp_path, DATES, [_row("a", 0), _row("b", 5)], ["a", "b"])
    publish_rows(tmp_path, DATES, [_row("a", 0, text="Monday")], ["a"])
    back = store.read_table(tmp_path, DATES).to_pylist()
    assert sorted((r["article_id"], r["text"]) for r in back) == [("a", "Monday"), ("b", "Friday")]


def test_store_staging_parts_and_discard(tmp_path):
    stage = store.staging_dir(tmp_path, "run1")
    assert store.write_part(stage, DATES, 1, [_row("a", 0)]) == 1
    assert store.write_part(stage, DATES, 2, [_row("b", 0), _row("b", 9)]) == 2
    assert store.read_parts(stage, DATES).num_rows == 3
    store.discard_staging(tmp_path, "run1")
    assert not (tmp_path / store.STAGING).exists()


def test_store_append_run_and_empty_read(tmp_path):
    assert store.read_table(tmp_path, QUARANTINE).num_rows == 0
    row = {
        "run_id": "r",
        "table": "figures",
        "row_key": "a/f1",
        "expectation": "x",
        "column": "value",
        "observed_value": "1",
        "article_id": "a",
        "sentence": "s",
        "row_json": "{}",
    }
    store.append_run(tmp_path, QUARANTINE, "r", [row])
    assert (tmp_path / "quarantine" / "run=r.parquet").exists()
    assert store.read_table(tmp_path, QUARANTINE).to_pylist() == [row]
