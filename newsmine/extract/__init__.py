"""Extraction: the extractors over a spaCy ``Doc``, and a batch entry point that runs them all.

The package imports lazily: ``newsmine.extract.records`` (the record types, which the registry and
the tables read) must not load spaCy; ``extract_batch`` loads it on first use. Each extractor is
imported from its module (``from newsmine.extract.figures import figures``): a package attribute
of the same name as a module would be the module or the function depending on import order.
"""

from typing import Any

__all__ = ["Extraction", "extract_batch"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from newsmine.extract import batch

        return getattr(batch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
