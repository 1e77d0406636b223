"""A batch of articles through every registered extractor (:func:`extract_batch`).

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


class Extraction(dict[str, list[Any]]):
    """Every record extracted from a batch of articles, by table name (``found["figures"]``,
    or ``found.figures``); ``failed`` holds the articles that could not be extracted, with why."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.failed: dict[str, str] = {}

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
    """Figures, with their place, date and source linked from the article's entities, dates and quotes."""
    own = figures(doc, article.article_id, article.published_date)
    return link_figures(doc, own, found["entities"], found["dates"], found["quotes"])


def article_quotes(doc: Doc, article: Article, found: dict[str, list[Any]]) -> list[Quote]:
    return quotes(doc, article.article_id)


def _failure(exc: BaseException) -> str:
    """An exception as one line: its type and message."""
    message = " ".join(str(exc).split())[:500]
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def extract_batch(nlp: Language, articles: Sequence[Article], n_process: int = 1) -> Extraction:
    """Parse a batch of articles with one ``nlp.pipe`` and run every registered extractor on each.

    An article whose parse or extraction raises is left out, with its error, in
    ``Extraction.failed`` (article id -> one line); the others are extracted as usual. When the
    batch's parse itself fails, the batch is parsed again one article at a time to find the culprit.
    """
    from newsmine.extractors import REGISTRY, run_order

    order = [(e.name, e.load()) for e in run_order()]
    result = Extraction({name: [] for name in REGISTRY})

    def extract_one(article: Article, doc: Doc) -> None:
        try:
            found: dict[str, list[Any]] = {}
            for name, function in order:
                found[name] = function(doc, article, found)
        except Exception as exc:  # one article's failure must not stop the batch
            result.failed[article.article_id] = _failure(exc)
            return
        for name, records in found.items():
            result[name].extend(records)

    try:
        docs = list(nlp.pipe((a.text for a in articles), n_process=n_process, batch_size=32))
    except Exception:
        docs = None
    if docs is not None:
        for article, doc in zip(articles, docs, strict=True):
            extract_one(article, doc)
        return result
    for article in articles:
        try:
            doc = nlp(article.text)
        except Exception as exc:
            result.failed[article.article_id] = _failure(exc)
            continue
        extract_one(article, doc)
    return result
