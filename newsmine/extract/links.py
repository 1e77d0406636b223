"""Linking figures to their context: the place, the event date and the reporting source."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsmine.extract.lexicon import REPORTING_VERBS
from newsmine.extract.phrases import noun_phrase
from newsmine.extract.records import DateMention, Entity, Figure

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def main_place(ents: list[Entity]) -> str | None:
    """The article's most mentioned place (ties go to the earliest mentioned)."""
    counts = Counter(e.normalized for e in ents if e.label in PLACE_LABELS)
    if not counts:
        return None
    top = max(counts.values())
    return next(e.normalized for e in ents if e.label in PLACE_LABELS and counts[e.normalized] == top)


def _nearest(items: list, start: int) -> object | None:
    return min(items, key=lambda item: abs(item.start_char - start)) if items else None


def _reporter(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ == "nsubj" and child.pos_ in {"NOUN", "PROPN"}:
            return noun_phrase(child)
    return None


def attribution(sent: Span, figure: Token) -> str | None:
    """Who reported the figure: the subject of a reporting verb that governs it ("officials said
    ... killed 14"), else the object of "according to" in the sentence."""
    tok = figure
    while tok.head.i != tok.i:
        tok = tok.head
        if tok.lemma_.lower() in REPORTING_VERBS and tok.pos_ == "VERB":
            found = _reporter(tok)
            if found:
                return found
    for tok in sent:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "to":
            for pobj in tok.doc[tok.i + 1].children:
                if pobj.dep_ == "pobj":
                    return noun_phrase(pobj)
    # "..., 14 people were killed, police said": the reporting verb is the sentence's root.
    root = sent.root
    if root.lemma_.lower() in REPORTING_VERBS and root.pos_ == "VERB" and root.i > figure.i:
        return _reporter(root)
    return None


def _token_at(doc: Doc, start: int, end: int) -> Token:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else doc[0]


def link_figures(doc: Doc, found: list[Figure], ents: list[Entity], mentions: list[DateMention]) -> list[Figure]:
    """Fill ``location``, ``event_date`` and ``attributed_to`` on each figure.

    Location is the nearest place in the sentence, else the article's main place; the event date is
    the nearest day-precise date in the sentence; the source is the sentence's reporter.
    """
    if not found:
        return found
    fallback = main_place(ents)
    sents = list(doc.sents)
    linked = []
    for fig in found:
        places = [e for e in ents if e.label in PLACE_LABELS and e.sentence_index == fig.sentence_index]
        days = [d for d in mentions if d.sentence_index == fig.sentence_index and d.granularity == "day"]
        place = _nearest(places, fig.start_char)
        day = _nearest(days, fig.start_char)
        event_date: date | None = day.resolved_date if isinstance(day, DateMention) else None
        linked.append(
            replace(
                fig,
                location=place.normalized if isinstance(place, Entity) else fallback,
                event_date=event_date,
                attributed_to=attribution(sents[fig.sentence_index], _token_at(doc, fig.start_char, fig.end_char)),
            )
        )
    return linked
