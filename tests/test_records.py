"""Each extractor's record type has exactly its table's columns, lineage and partition aside."""

from __future__ import annotations

from dataclasses import fields

import pytest

from newsmine.extractors import LINEAGE, REGISTRY
from newsmine.tables import EXTRACTED


@pytest.mark.parametrize("name", sorted(REGISTRY))
def test_records_fields_equal_table_columns(name):
    extractor = REGISTRY[name]
    columns = [c for c in EXTRACTED[name].column_names if c not in LINEAGE]
    assert [f.name for f in fields(extractor.record)] == columns


def test_records_every_extracted_table_is_an_extractor_with_a_function():
    assert list(REGISTRY) == list(EXTRACTED) == ["figures", "dates", "entities", "quotes"]
    for extractor in REGISTRY.values():
        assert callable(extractor.load())
