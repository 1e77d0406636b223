"""Who a title stands for: "the minister said" is the person the article named as its minister.

A speaker or a source given by a common noun ("the minister", "the soldier", "a spokesman") is
resolved to the last person named before it with that noun as their title: written before the name
("Energy Minister Taner Yildiz") or in apposition to it ("Ann Lee, the mayor,", "a soldier, Tom Li,").
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

_NAMED = "newsmine.titled_persons"


def _titles_of(person: Span) -> set[str]:
    """The lemmas of the nouns the text gives a person as title."""
    doc = person.doc
    out: set[str] = set()
    k = person.start - 1
    while k >= 0 and doc[k].pos_ in {"PROPN", "NOUN"} and doc[k].ent_type_ != "PERSON":
        out.add(doc[k].lemma_.lower())  # "Energy Minister Taner Yildiz", "army spokesman Li Wei"
        k -= 1
    root = person.root
    out |= {c.lemma_.lower() for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        out.add(root.head.lemma_.lower())  # "a soldier, Tom Li, said"
    return out


def titled_persons(doc: Doc) -> list[tuple[int, str, frozenset[str]]]:
    """Every person the article names, by offset, with the titles it gives them (computed once)."""
    if _NAMED not in doc.user_data:
        found = [(e.start_char, e.text, frozenset(_titles_of(e))) for e in doc.ents if e.label_ == "PERSON"]
        doc.user_data[_NAMED] = found
    persons: list[tuple[int, str, frozenset[str]]] = doc.user_data[_NAMED]
    return persons


def person_titled(noun: Token) -> str | None:
    """The name of the last person before ``noun`` whom the article gives ``noun`` as title, if any."""
    if noun.pos_ != "NOUN" and not noun.is_lower:  # a lower-case word, whatever its tag
        return None
    lemma = noun.lemma_.lower()
    named = [name for at, name, titles in titled_persons(noun.doc) if at < noun.idx and lemma in titles]
    return named[-1] if named else None
