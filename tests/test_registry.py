"""The extractor registry: a toy extractor added by one entry is extracted, published, checked and reported."""

from __future__ import annotations

import dataclasses

import pytest

from newsmine import store
from newsmine.extract.records import Quote
from newsmine.extractors import REGISTRY, Extractor, register, registered, run_order
from newsmine.tables import ALL, EXTRACTED, VALIDATED
from tests import toy

TOY = Extractor(toy.TABLE, toy.SentenceLength, "tests.toy:sentence_lengths")


def test_registry_refuses_records_that_do_not_match_their_table():
    with pytest.raises(ValueError, match="fields .* are not the columns of 'sentence_lengths'"):
        register(dataclasses.replace(TOY, record=Quote))
    assert "sentence_lengths" not in EXTRACTED


def test_registry_refuses_a_second_table_of_a_name():
    with pytest.raises(ValueError, match="already registered"):
        register(REGISTRY["quotes"])


def test_registry_orders_by_needs_and_names_what_is_missing():
    order = [e.name for e in run_order()]
    assert order.index("figures") > order.index("entities") and order.index("figures") > order.index("dates")
    with registered(dataclasses.replace(TOY, needs=("weather",))), pytest.raises(ValueError, match="weather"):
        run_order()
    assert "sentence_lengths" not in ALL


def test_registry_entry_adds_table_everywhere():
    with registered(TOY):
        assert EXTRACTED["sentence_lengths"] is toy.TABLE and VALIDATED["sentence_lengths"] is toy.TABLE
        assert "rows_sentence_lengths" in ALL["runs"].column_names
        assert list(ALL)[-1] == "runs"
    assert "rows_sentence_lengths" not in ALL["runs"].column_names
    assert "sentence_lengths" not in ALL


@pytest.mark.slow
def test_registry_toy_extractor_is_published_checked_and_reported(harness, sample_raw, tmp_path, memory):
    from flows.pipeline import pipeline

    reports = tmp_path / "reports"
    with registered(TOY):
        summary = pipeline(
            raw_dir=str(sample_raw), out_dir="memory://toy/out", reports_dir=str(reports), max_critical_share=0.9
        )
        published = store.read_table("memory://toy/out", toy.TABLE).to_pylist()
        quarantine = store.read_table("memory://toy/out", ALL["quarantine"]).to_pylist()
        results = store.read_table("memory://toy/out", ALL["validation_results"]).to_pylist()
        runs = store.read_table("memory://toy/out", ALL["runs"]).to_pylist()
    long = [q for q in quarantine if q["table"] == "sentence_lengths"]
    assert published and long, "the samples have short and long sentences"
    assert all(1 <= r["tokens"] <= toy.MAX_TOKENS for r in published)
    assert {q["expectation"] for q in long} == {"sentence_short"}
    assert summary.rows["sentence_lengths"] == len(published)
    assert summary.quarantined["sentence_lengths"] == len(long)
    assert runs[-1]["rows_sentence_lengths"] == len(published)
    (check,) = [r for r in results if r["table"] == "sentence_lengths"]
    assert check["expectation"] == "sentence_short" and not check["success"]
    assert check["unexpected_count"] == len(long)
    assert "sentence_lengths" in summary.text()
    assert "sentence_short" in (reports / "latest.html").read_text(encoding="utf-8")
    assert "sentence_lengths" not in REGISTRY
