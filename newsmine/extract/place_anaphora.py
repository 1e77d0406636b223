"""Places a count's clause names by their kind only, referring back to one the text named before:
"the city's death toll rose to 210" after "in the city of Yaan"; "there" after a place."""

from __future__ import annotations

from spacy.tokens import Token

from newsmine.extract.place_names import called
from newsmine.extract.place_words import EVENT_PREPOSITIONS, SAYING_VERBS, SETTLEMENTS
from newsmine.extract.places import REGION, specificity
from newsmine.extract.records import Entity
from newsmine.extract.views import sentence_span

# Kinds of place a clause may refer back to ("the city", "the county's total"); not "the area",
# which names no kind, nor "the country" (read by :mod:`newsmine.extract.nationwide`).
SETTLEMENT_NOUNS = SETTLEMENTS | {"camp", "neighbourhood", "neighborhood"}
KIND_NOUNS = SETTLEMENT_NOUNS | {"district", "county", "province", "state"}
# Determiners that refer back ("the city", "its province").
_BACK = frozenset({"the", "this", "that", "its", "their"})


def _kind_word(t: Token) -> bool:
    """A kind of place, said definitely, that does not name its place itself ("the city", not "the
    city of X" or "the X district")."""
    if t.lower_ not in KIND_NOUNS or not any(c.dep_ in {"det", "poss"} and c.lower_ in _BACK for c in t.children):
        return False
    return not any(
        (c.dep_ == "prep" and c.lower_ == "of") or (c.dep_ in {"compound", "appos", "nmod"} and c.pos_ == "PROPN")
        for c in t.children
    )


def _clause(count: Token) -> list[Token]:
    """The count and the words it hangs on, up to a verb of saying (whose dependents are the reporter's)."""
    out = [count]
    tok = count
    while tok.head.i != tok.i and not (tok.head.pos_ == "VERB" and tok.head.lemma_.lower() in SAYING_VERBS):
        tok = tok.head
        out.append(tok)
    return out


def _tied(kind: Token, clause: set[int]) -> bool:
    """The kind word belongs to the count's clause: it owns the count, its subject or its object ("the
    city's death toll rose to 210") or stands under an event preposition of it ("in the city")."""
    head = kind.head
    if kind.dep_ == "poss":
        return head.i in clause or (head.dep_ in {"nsubj", "nsubjpass", "dobj"} and head.head.i in clause)
    return kind.dep_ == "pobj" and head.lower_ in EVENT_PREPOSITIONS and head.head.i in clause


def referred_place(count: Token, places: list[Entity]) -> Entity | None:
    """The place the count's clause refers back to: for "there", the last place named before its
    sentence; for a kind ("the city's death toll"), the last place before the count that the text
    called that kind ("the city of X", "X, a village") or whose name says it ("X County"), where a
    town, a city or a village is never a region or a country."""
    clause = {t.i for t in _clause(count)}
    before = [e for e in places if e.end_char <= count.idx]
    start = sentence_span(count).start_char
    earlier = [e for e in before if e.end_char <= start]
    if earlier and any(t.lower_ == "there" and t.dep_ == "advmod" and t.head.i in clause for t in sentence_span(count)):
        return earlier[-1]  # "40 houses were flattened there" after "Rescuers reached Sullana"
    for t in sentence_span(count):
        if not _kind_word(t) or not _tied(t, clause):
            continue
        named = called(count.doc, before, frozenset({t.lower_}))
        match = [
            e
            for e in before
            if (e.normalized in named or e.normalized.lower().split()[-1] == t.lower_)
            and not (t.lower_ in SETTLEMENT_NOUNS and specificity(e) <= REGION)
        ]
        if match:
            return match[-1]
    return None
