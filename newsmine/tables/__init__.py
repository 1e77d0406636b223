"""Every published table, by name: the single source of schemas, column docs and checks.

``EXTRACTED``, ``VALIDATED`` and ``ALL`` are the dicts of the extractor registry
(``newsmine.extractors``), which adds each extractor's table to them (``ALL["runs"]`` counts the
rows of each). They are looked up on first use, so that the table modules import first.
"""

from typing import Any

from newsmine.tables.base import CRITICAL, PARTITION_COLUMN, SCHEMA_VERSION, WARNING, Check, Column, Table
from newsmine.tables.operational import QUARANTINE, REJECTS, VALIDATION_RESULTS

_FROM_REGISTRY = ("EXTRACTED", "VALIDATED", "ALL")


def __getattr__(name: str) -> Any:
    from newsmine import extractors

    if name in _FROM_REGISTRY:
        return getattr(extractors, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "ALL",
    "CRITICAL",
    "EXTRACTED",
    "PARTITION_COLUMN",
    "QUARANTINE",
    "REJECTS",
    "SCHEMA_VERSION",
    "VALIDATED",
    "VALIDATION_RESULTS",
    "WARNING",
    "Check",
    "Column",
    "Table",
]
