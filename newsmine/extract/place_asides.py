"""Places a text names in passing: not where the story's event happened, though they are in its lead.

The main place of an article is refined to a more specific place of its first sentences ("floods in
Bangladesh ... in Sylhet district"); a place named as an aside must not refine it: someone's origin
("a man from X"), one of several places ("the X and Y regions"), where a report was given ("officials
in X said", "told a briefing in X"), a place of part of the toll ("71 of the dead were in X") or of
other places hit as well ("X was also hit"), and a sea or an ocean.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsmine.extract.lexicon import PEOPLE_NOUNS
from newsmine.extract.place_words import BRIEFING_NOUNS, DIRECTIONS, REPORTER_NOUNS, SAYING_VERBS, reports
from newsmine.extract.records import Entity

# Words for "part of" the toll ("half of the dead", "71 of them"), besides numbers.
_PART_WORDS = frozenset({"half", "most", "some", "many"})
_WATERS = frozenset({"ocean", "sea"})
# Words for the counted people or their toll ("71 of the dead", "half of them", "half of the toll").
# Dependents of a verb that are clauses of their own.
_OTHER_CLAUSES = frozenset({"conj", "ccomp", "advcl", "parataxis"})
_COUNTED = frozenset({"dead", "injured", "wounded", "missing", "them", "those", "victim", "body", "death", "toll"})


def _root(doc: Doc, ent: Entity) -> Token | None:
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head  # "the Sylhet district": the phrase's head
    return tok


def _saying(tok: Token) -> bool:
    return tok.pos_ == "VERB" and tok.lemma_.lower() in SAYING_VERBS


def _reported_from(pobj: Token) -> bool:
    """The place is where a report was given: its preposition hangs on a saying verb, on the subject
    or object of one, on a noun a saying clause describes, on a briefing, or on a reporter
    ("officials in X", "a spokesman in X")."""
    word = pobj.head.head
    if _saying(word) or (_saying(word.head) and (word.dep_ == "dobj" or reports(word))):
        return True
    if any(c.dep_ == "relcl" and _saying(c) for c in word.children):
        return True
    return word.lower_ in BRIEFING_NOUNS or word.lemma_.lower() in REPORTER_NOUNS


def reported_from(doc: Doc, ent: Entity) -> bool:
    """The place is where a report was given ("told reporters in X", "a briefing in X")."""
    tok = _root(doc, ent)
    return tok is not None and tok.dep_ == "pobj" and _reported_from(tok)


def aside(doc: Doc, ent: Entity, by_token: dict[int, Entity]) -> bool:
    """Whether the text names the place in passing (see the module's docstring)."""
    if set(ent.normalized.lower().split()) & _WATERS:
        return True
    tok = _root(doc, ent)
    if tok is None:
        return False
    named = tok.head if tok.dep_ == "appos" else tok
    if named.dep_ == "pobj" and named.head.lower_ == "from":
        return True  # "the man, from X"
    if any(c.dep_ == "conj" and c.i in by_token for c in tok.children) or (
        tok.dep_ == "conj" and tok.head.i in by_token
    ):
        return True  # "in the Bicol and Eastern Visayas regions"
    if tok.dep_ == "pobj" and _reported_from(tok):
        return True
    verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    if any(c.lower_ == "also" for c in verb.children):
        return True  # "the nearby towns of X were also hit"
    # "71 of the dead were in X", in the clause itself (not "and officials said some of them ...")
    own = [c for c in verb.children if c.dep_ not in _OTHER_CLAUSES]
    return any(_part_of_toll(t) for c in own for t in c.subtree)


def _part_of_toll(tok: Token) -> bool:
    """ "71 of the dead", "half of them", "most of the victims": a part of the counted people."""
    if not (tok.like_num or tok.lower_ in _PART_WORDS):
        return False
    whole = [p for c in tok.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    return any(p.lower_ in _COUNTED or p.lemma_.lower() in _COUNTED | PEOPLE_NOUNS for p in whole)


# Nouns of distance ("100 km northwest of X", "20 miles from X").
_DISTANCES = frozenset({"km", "kilometre", "kilometer", "kilometres", "kilometers", "mile", "miles", "kms"})


def _distance(tok: Token) -> bool:
    return tok.lower_ in _DISTANCES or tok.lemma_.lower() in _DISTANCES


def reference_point(doc: Doc, ent: Entity) -> bool:
    """The place is a point of reference at a distance ("the mine, about 100 km northwest of X",
    "a village 20 miles from X"), not where anything happened."""
    tok = _root(doc, ent)
    if tok is None or tok.dep_ != "pobj" or tok.head.lower_ not in {"of", "from"}:
        return False
    prep, word = tok.head, tok.head.head
    if _distance(word) or any(_distance(c) for c in prep.children):
        return True  # "20 miles from X" (the distance on the noun or on "from")
    return word.lower_ in DIRECTIONS and any(_distance(c) for c in word.children)
