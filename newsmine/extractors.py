"""The registry of extractors: each names its table, its function and its record type.

Everything that lists extractors iterates this registry: extraction (``extract.extract_batch``), the
staged rows (``pipeline``), the ``runs`` counts, validation, the run report, ``docs/tables.md`` and
the tests. Adding an extractor is one module (a function over a parsed article returning frozen
records, and a ``Table``) plus one :func:`register` call below; ``docs/extending.md`` walks through it.

The table dicts here (``EXTRACTED``, ``VALIDATED``, ``ALL``) are the ones ``newsmine.tables`` exports;
:func:`register` and :func:`unregister` update them in place.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any

from newsmine.extract.records import DateMention, Entity, Figure, Quote
from newsmine.tables import articles, dates, entities, figures, incidents, quotes
from newsmine.tables.base import PARTITION_COLUMN, Table
from newsmine.tables.operational import QUARANTINE, REJECTS, VALIDATION_RESULTS, runs_table

# Columns the pipeline adds to every extracted row: they are not fields of the records.
LINEAGE = ("run_id", "pipeline_version", PARTITION_COLUMN)


@dataclass(frozen=True)
class Extractor:
    """One extractor: the table it fills, the record type it returns, and its function.

    Attributes:
        table: the published table (schema, column docs, checks).
        record: the frozen record type; its fields are the table's columns, lineage aside.
        function: ``"module:attribute"`` of ``function(doc, article, found) -> list[record]``, where
            ``found`` holds the records of the extractors named in ``needs`` for the same article.
            Imported when first called, so that listing extractors never loads spaCy.
        needs: names of extractors whose records this one reads.
    """

    table: Table
    record: type
    function: str
    needs: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.table.name

    def load(self) -> Callable[..., list[Any]]:
        module, _, attribute = self.function.partition(":")
        fn: Callable[..., list[Any]] = getattr(importlib.import_module(module), attribute)
        return fn


REGISTRY: dict[str, Extractor] = {}
EXTRACTED: dict[str, Table] = {}
VALIDATED: dict[str, Table] = {}
ALL: dict[str, Table] = {}


def _refresh() -> None:
    """Rebuild the table dicts in place: articles, the extracted tables, then the run tables."""
    EXTRACTED.clear()
    EXTRACTED.update({name: e.table for name, e in REGISTRY.items()})
    VALIDATED.clear()
    VALIDATED.update({"articles": articles.TABLE, **EXTRACTED, **incidents.DERIVED})
    ALL.clear()
    ALL.update({**VALIDATED, **{t.name: t for t in (REJECTS, QUARANTINE, VALIDATION_RESULTS)}})
    runs = runs_table(list(VALIDATED))
    ALL[runs.name] = runs


def register(extractor: Extractor) -> Extractor:
    """Add an extractor (and its table) to every place that lists them.

    Raises:
        ValueError: a table of that name exists, or the record's fields are not the table's
            columns (lineage aside), in the same order.
    """
    name = extractor.name
    reserved = {"articles", "rejects", "quarantine", "validation_results", "runs", *incidents.DERIVED}
    if name in REGISTRY or name in reserved:
        raise ValueError(f"a table named {name!r} is already registered")
    columns = [c for c in extractor.table.column_names if c not in LINEAGE]
    record_fields = [f.name for f in fields(extractor.record)]
    if record_fields != columns:
        raise ValueError(
            f"{extractor.record.__name__} fields {record_fields} are not the columns of {name!r} "
            f"(lineage aside): {columns}"
        )
    REGISTRY[name] = extractor
    _refresh()
    return extractor


def unregister(name: str) -> None:
    """Remove an extractor (tests, plugins)."""
    del REGISTRY[name]
    _refresh()


@contextmanager
def registered(extractor: Extractor) -> Iterator[Extractor]:
    """An extractor registered for the duration of a ``with`` block."""
    register(extractor)
    try:
        yield extractor
    finally:
        unregister(extractor.name)


def run_order() -> list[Extractor]:
    """The extractors in an order where each runs after those it needs.

    Raises:
        ValueError: an extractor needs one that is not registered, or needs form a cycle.
    """
    done: dict[str, Extractor] = {}
    pending = list(REGISTRY.values())
    while pending:
        ready = [e for e in pending if all(n in done for n in e.needs)]
        if not ready:
            missing = {n for e in pending for n in e.needs if n not in REGISTRY}
            raise ValueError(f"extractors need {sorted(missing) or 'each other (a cycle)'}")
        for e in ready:
            done[e.name] = e
            pending.remove(e)
    return list(done.values())


register(
    Extractor(figures.TABLE, Figure, "newsmine.extract.batch:linked_figures", needs=("entities", "dates", "quotes"))
)
register(Extractor(dates.TABLE, DateMention, "newsmine.extract.batch:article_dates"))
register(Extractor(entities.TABLE, Entity, "newsmine.extract.batch:article_entities"))
register(Extractor(quotes.TABLE, Quote, "newsmine.extract.batch:article_quotes"))
