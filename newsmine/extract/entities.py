"""Entities: spaCy's NER, corrected for news (places the gazetteer knows, titles off names)."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsmine.extract.gazetteer import lookup
from newsmine.extract.lexicon import PERSON_TITLES
from newsmine.extract.place_words import PLACE_LABELS
from newsmine.extract.records import Entity
from newsmine.extract.views import sentence_of

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"})
# Places the small model often mislabels as people or organisations are relabelled only when the
# gazetteer entry is this populous (so that a surname that is also a small town stays a person).
_RELABEL_MIN_POPULATION = 100_000


def _strip_titles(span: Span) -> Span:
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in PERSON_TITLES:
        start += 1
    return span.doc[start : span.end]


def _label(span: Span, label: str) -> str:
    if label in {"PERSON", "ORG", "NORP"}:
        place = lookup(span.text)
        big = place is not None and (place.is_country or place.population >= _RELABEL_MIN_POPULATION)
        if big and label != "NORP":
            return "GPE"
    return label


def _normalized(text: str, label: str, people: list[str]) -> str:
    if label == "PERSON":
        last = text.split()[-1]
        longer = [p for p in people if p.split()[-1] == last and len(p) >= len(text)]
        return max(longer, key=len) if longer else text
    return text[4:] if text.lower().startswith("the ") else text


def entities(doc: Doc, article_id: str) -> list[Entity]:
    """Extract named entities; places get country code and coordinates from the gazetteer.

    Within an article a short name ("Netanyahu") shares ``normalized`` with the longest full name
    ending in it ("Benjamin Netanyahu").
    """
    spans: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ not in KEPT_LABELS:
            continue
        span = _strip_titles(ent) if ent.label_ == "PERSON" else ent
        if span.text.endswith("'s") or span.text.endswith("’s"):
            span = span.doc[span.start : span.end - 1]
        if not span.text.strip():
            continue
        spans.append((span, _label(span, ent.label_)))
    people = [s.text for s, label in spans if label == "PERSON"]
    out = []
    for span, label in spans:
        place = lookup(span.text) if label in PLACE_LABELS else None
        out.append(
            Entity(
                article_id=article_id,
                text=span.text,
                label=label,
                normalized=_normalized(span.text, label, people),
                sentence_index=sentence_of(doc, span.start),
                start_char=span.start_char,
                end_char=span.end_char,
                country_code=place.country_code if place else None,
                latitude=round(place.latitude, 5) if place else None,
                longitude=round(place.longitude, 5) if place else None,
            )
        )
    return out
