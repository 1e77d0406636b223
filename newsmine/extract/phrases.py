"""Noun phrases for speakers and sources: "Jens Laerke", "Netanyahu's office", "health officials"."""

from __future__ import annotations

from spacy.tokens import Token

from newsmine.extract.lexicon import PERSON_TITLES

# Documents someone issued: "a statement from X" speaks for X, and a bare "the statement" is cited.
DOCUMENTS = frozenset({"statement", "release", "communique", "post", "tweet", "message", "report", "letter"})
# ... and the tallies that speak for who made them ("data from X", "a Reuters count").
CONTAINERS = DOCUMENTS | frozenset({"figure", "data", "tally", "count"})
_CUT = frozenset({"appos", "relcl", "acl", "prep", "punct", "cc", "conj"})


def _under_cut(tok: Token, top: Token) -> bool:
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in _CUT:
            return True
        tok = tok.head
    return False


def _named_before(tok: Token) -> Token | None:
    """The earlier mention that a bare "the agency" or "the director" takes up: the last noun before
    it with the same lemma and a name in it ("the SABA news agency"), or set beside a name ("Ana
    Ruiz, the director of the clinic", "the director, Ana Ruiz", "a group, the X Observatory")."""
    left = [c for c in tok.children if c.i < tok.i]
    if not (len(left) == 1 and left[0].lower_ == "the"):
        return None
    for earlier in reversed(tok.doc[: tok.i]):
        if earlier.lemma_ != tok.lemma_ or earlier.pos_ != "NOUN":
            continue
        if any(_names(c) and c.i < earlier.i for c in earlier.children):
            return earlier
        if earlier.dep_ == "appos" and earlier.head.pos_ == "PROPN":
            return earlier.head
        beside = next((c for c in earlier.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if beside is not None:
            return beside
    return None


def _names(tok: Token) -> bool:
    """A name in a noun ("the SABA news agency", "Reuters' reporter"), not a nationality ("a Thai soldier")."""
    return tok.pos_ == "PROPN" and tok.dep_ in {"compound", "poss"} and tok.ent_type_ != "NORP"


def noun_phrase(tok: Token) -> str:
    """The phrase headed by ``tok``: its left modifiers up to the head, titles and articles dropped."""
    if tok.lemma_.lower() in CONTAINERS:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return noun_phrase(pobj)
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return noun_phrase(child)  # "the mayor, Ana Ruiz," is Ana Ruiz
        after = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if after is not None and after.pos_ == "PROPN" and after.head.i == tok.head.i and after.dep_ == tok.dep_:
            return noun_phrase(after)  # "the news agency ANI", parsed as two subjects
        named = _named_before(tok)
        if named is not None:
            return noun_phrase(named)
    keep = [t for t in tok.subtree if t.i <= tok.i and not _under_cut(t, tok)]
    while len(keep) > 1 and (keep[0].dep_ in {"det", "punct"} or keep[0].lower_ in PERSON_TITLES):
        keep = keep[1:]
    if not keep:
        return tok.text
    phrase = tok.doc[keep[0].i : tok.i + 1]
    # "health officials in the coastal strip": keep a place ("officials in Gaza") only when named.
    return phrase.text
