"""Extraction: the extractors over a spaCy ``Doc``, and a batch entry point that runs them all.

The package imports lazily: ``newsmine.extract.records`` (the record types, which the registry and
the tables read) must not load spaCy; ``extract_batch`` and the extractors load it on first use.
"""

from typing import Any

__all__ = ["Extraction", "dates", "entities", "extract_batch", "figures", "quotes"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsmine.extract import batch

        return getattr(batch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
