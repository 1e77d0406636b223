"""Sources of figures: who the text says gave a count."""

from __future__ import annotations

from spacy.tokens import Span, Token

from newsmine.extract.lexicon import REPORTING_VERBS
from newsmine.extract.phrases import noun_phrase


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
