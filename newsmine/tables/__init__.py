"""Every published table, by name: the single source of schemas, column docs and checks."""

from newsmine.tables import articles, dates, entities, figures, quotes
from newsmine.tables.base import CRITICAL, PARTITION_COLUMN, SCHEMA_VERSION, WARNING, Check, Column, Table
from newsmine.tables.operational import QUARANTINE, REJECTS, RUNS, VALIDATION_RESULTS

EXTRACTED: dict[str, Table] = {t.name: t for t in (figures.TABLE, dates.TABLE, entities.TABLE, quotes.TABLE)}
VALIDATED: dict[str, Table] = {"articles": articles.TABLE, **EXTRACTED}
ALL: dict[str, Table] = {**VALIDATED, **{t.name: t for t in (REJECTS, QUARANTINE, VALIDATION_RESULTS, RUNS)}}

__all__ = [
    "ALL",
    "CRITICAL",
    "EXTRACTED",
    "PARTITION_COLUMN",
    "QUARANTINE",
    "REJECTS",
    "RUNS",
    "SCHEMA_VERSION",
    "VALIDATED",
    "VALIDATION_RESULTS",
    "WARNING",
    "Check",
    "Column",
    "Table",
]
