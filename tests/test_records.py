"""Each extractor's record type has exactly its table's columns, lineage and partition aside."""

from __future__ import annotations

from dataclasses import fields

import pytest

from newsmine.extract import Extraction
from newsmine.extract.records import DateMention, Entity, Figure, Quote
from newsmine.tables import EXTRACTED, PARTITION_COLUMN

LINEAGE = {"run_id", "pipeline_version", PARTITION_COLUMN}
RECORDS = {"figures": Figure, "dates": DateMention, "entities": Entity, "quotes": Quote}


@pytest.mark.parametrize("table", sorted(EXTRACTED))
def test_records_fields_equal_table_columns(table):
    record = RECORDS[table]
    columns = [c for c in EXTRACTED[table].column_names if c not in LINEAGE]
    assert [f.name for f in fields(record)] == columns


def test_records_every_extracted_table_has_a_record_and_a_batch_field():
    assert set(RECORDS) == set(EXTRACTED)
    assert {f.name for f in fields(Extraction)} == set(EXTRACTED)
