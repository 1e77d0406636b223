"""Counts of the sick: people in hospital in an article about an illness or a poisoning.

SCHEME counts "hospitalised with injuries" as ``injured`` and disease cases as ``affected``. The
trigger lexicon reads "hospitalised", "admitted" or "treated" as ``injured``, which is right after a
blast and wrong after a food poisoning: where the article's lead names an illness (``ILLNESS_WORDS``)
and the count's clause speaks of care but of no bodily harm, no death and no discharge, the count is
``affected``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsmine.extract.event_words import CARE_WORDS, HARM_WORDS, ILLNESS_WORDS
from newsmine.extract.views import LEAD_SENTENCES, sentences

_ILLNESS = "newsmine.illness_lead"
# What the clause may say besides care without the count being a case: dead, freed or discharged.
_OTHER_OUTCOMES = frozenset({"killed", "released"})


def _words(tok: Token) -> tuple[str, str]:
    return tok.lemma_.lower(), tok.lower_


def illness_lead(doc: Doc) -> bool:
    """Whether the article's first sentences name an illness, an infection or a poisoning."""
    if _ILLNESS not in doc.user_data:
        doc.user_data[_ILLNESS] = any(
            not ILLNESS_WORDS.isdisjoint(_words(tok)) for sent in sentences(doc)[:LEAD_SENTENCES] for tok in sent
        )
    return bool(doc.user_data[_ILLNESS])


def is_sick_in_care(doc: Doc, clause: list[Token], clause_categories: set[str]) -> bool:
    """Whether a count whose clause is ``clause`` counts the sick in care (see the module's docstring)."""
    if not illness_lead(doc) or not clause_categories.isdisjoint(_OTHER_OUTCOMES):
        return False
    words = [_words(tok) for tok in clause]
    if any(not HARM_WORDS.isdisjoint(w) for w in words):
        return False
    return any(not CARE_WORDS.isdisjoint(w) for w in words)
