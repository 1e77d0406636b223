"""Extraction: the extractors over a spaCy ``Doc``, and a batch entry point that runs them all."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language

from newsmine.extract.dates import dates
from newsmine.extract.entities import entities
from newsmine.extract.figures import figures
from newsmine.extract.links import link_figures
from newsmine.extract.quotes import quotes
from newsmine.extract.records import DateMention, Entity, Figure, Quote
from newsmine.ingest.article import Article

__all__ = ["Extraction", "dates", "entities", "extract_batch", "figures", "quotes"]


@dataclass
class Extraction:
    """Every record extracted from a batch of articles, by table."""

    figures: list[Figure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)


def extract_batch(nlp: Language, articles: Sequence[Article], n_process: int = 1) -> Extraction:
    """Parse a batch of articles with one ``nlp.pipe`` and run every extractor on each."""
    result = Extraction()
    texts = (a.text for a in articles)
    for article, doc in zip(articles, nlp.pipe(texts, n_process=n_process, batch_size=32), strict=True):
        aid, day = article.article_id, article.published_date
        ents = entities(doc, aid)
        mentions = dates(doc, aid, day)
        said = quotes(doc, aid)
        result.figures.extend(link_figures(doc, figures(doc, aid, day), ents, mentions, said))
        result.dates.extend(mentions)
        result.entities.extend(ents)
        result.quotes.extend(said)
    return result
