"""Sentences that speak of a whole country instead of naming it: "across the country", "nationwide"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsmine.extract.place_words import DIRECTIONS

# Words that name the whole country of the article's event, in place of its name.
NATIONWIDE = frozenset({"nationwide", "countrywide"})
# Words for a part of the country ("the southwest of the country", "parts of the country").
_COUNTRY_PARTS = DIRECTIONS | {"part", "centre", "center", "middle", "interior", "coast"}


def _the_country(t: Token) -> bool:
    """ "the country", not a part of it ("in the southwest of the country")."""
    if t.lemma_.lower() != "country" or not any(c.lower_ == "the" for c in t.children):
        return False
    return not (t.head.lower_ == "of" and t.head.head.lemma_.lower() in _COUNTRY_PARTS)


def says_the_country(sent: Span) -> bool:
    """Whether a sentence counts over "the country" ("across the country", "nationwide")."""
    return any(t.lower_ in NATIONWIDE or _the_country(t) for t in sent)
