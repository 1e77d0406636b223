"""Extraction: the extractors over a spaCy ``Doc``, and a batch entry point that runs them all.

Which extractors run, in which order, is the registry's (``newsmine.extractors``); the functions
below adapt each built-in extractor to the registry's call, ``function(doc, article, found)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from newsmine.extract.dates import dates
from newsmine.extract.entities import entities
from newsmine.extract.figures import figures
from newsmine.extract.links import link_figures
from newsmine.extract.quotes import quotes
from newsmine.extract.records import DateMention, Entity, Figure, Quote
from newsmine.ingest.article import Article

__all__ = ["Extraction", "dates", "entities", "extract_batch", "figures", "quotes"]


class Extraction(dict[str, list[Any]]):
    """Every record extracted from a batch of articles, by table name (``found["figures"]``,
    or ``found.figures``)."""

    def __getattr__(self, name: str) -> list[Any]:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def article_dates(doc: Doc, article: Article, found: dict[str, list[Any]]) -> list[DateMention]:
    return dates(doc, article.article_id, article.published_date)


def article_entities(doc: Doc, article: Article, found: dict[str, list[Any]]) -> list[Entity]:
    return entities(doc, article.article_id)


def linked_figures(doc: Doc, article: Article, found: dict[str, list[Any]]) -> list[Figure]:
    """Figures, with their place, date and source linked from the article's entities and dates."""
    own = figures(doc, article.article_id, article.published_date)
    return link_figures(doc, own, found["entities"], found["dates"])


def article_quotes(doc: Doc, article: Article, found: dict[str, list[Any]]) -> list[Quote]:
    return quotes(doc, article.article_id)


def extract_batch(nlp: Language, articles: Sequence[Article], n_process: int = 1) -> Extraction:
    """Parse a batch of articles with one ``nlp.pipe`` and run every registered extractor on each."""
    from newsmine.extractors import REGISTRY, run_order

    order = [(e.name, e.load()) for e in run_order()]
    result = Extraction({name: [] for name in REGISTRY})
    texts = (a.text for a in articles)
    for article, doc in zip(articles, nlp.pipe(texts, n_process=n_process, batch_size=32), strict=True):
        found: dict[str, list[Any]] = {}
        for name, function in order:
            found[name] = function(doc, article, found)
        for name, records in found.items():
            result[name].extend(records)
    return result
