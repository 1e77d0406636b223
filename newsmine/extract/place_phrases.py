"""Places the NER missed, read from the syntax and the text's own words (:func:`site_phrases`):
"in X", "the town of X", "X province", "Mount X", the hospital the hurt were taken to, a name set off
by commas in a named region ("X, in Y state,"), and the items of a tally by place ("X with 433")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsmine.extract.gazetteer import lookup, region_country
from newsmine.extract.place_words import (
    EVENT_PREPOSITIONS,
    FACILITY_WORDS,
    GEOGRAPHIC_WORDS,
    HOSPITAL_WORDS,
    REGION_WORDS,
    SITE_NOUNS,
)
from newsmine.extract.records import Entity
from newsmine.extract.views import sentence_of


def _name_start(tok: Token) -> int:
    """The first token of the proper name ending at ``tok`` ("al-Safra", "Kher Khanna")."""
    start = tok.i
    # a name before a common noun is the noun's compounds ("Moi Teaching hospital")
    edge = tok.head.left_edge.i if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" else tok.left_edge.i
    while start > edge:
        prev = tok.doc[start - 1]
        if prev.pos_ != "PROPN" and prev.text not in {"-", "al", "el"}:
            break
        start -= 1
    return start


def _is_site_phrase(tok: Token) -> bool:
    """A proper name that the syntax or its own words show to be a place."""
    if any(t.lower_ in GEOGRAPHIC_WORDS for t in tok.doc[_name_start(tok) : tok.i + 1]):
        return True  # "Mount Merapi", "Lake Chad"
    head = tok.head
    if tok.dep_ == "compound" and head.pos_ == "NOUN" and head.lower_ in SITE_NOUNS | HOSPITAL_WORDS:
        return True  # "Enga province", "Moi Teaching hospital"
    if tok.lower_ in HOSPITAL_WORDS and (
        (tok.dep_ == "pobj" and head.lower_ == "to") or any(c.dep_ == "relcl" for c in tok.children)
    ):
        return True  # "taken to Karen Hospital", "Kijabe Mission Hospital, which treated 26"
    if tok.dep_ != "pobj":
        return any(c.dep_ == "appos" and c.lemma_.lower() in SITE_NOUNS for c in tok.children)
    if head.lower_ in EVENT_PREPOSITIONS - {"on", "into"}:
        return True
    return head.lower_ == "of" and head.head.lower_ in SITE_NOUNS


def _known_in(tok: Token) -> bool:
    """A name the NER took for a person that stands where a place does ("in eastern Ladakh") and
    that the gazetteer knows as a region or a country, so the text means the place."""
    if tok.dep_ != "pobj" or tok.head.lower_ not in EVENT_PREPOSITIONS - {"on", "into"}:
        return False
    name = tok.doc[_name_start(tok) : tok.i + 1].text
    place = lookup(name)
    return bool(region_country(name)) or (place is not None and place.is_country)


def _set_in_region(tok: Token) -> bool:
    """The name is set off by a comma and placed in a named region, as a settlement is ("Kurmi, in
    Zamfara state, ..."), whatever the NER tagged it."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text != "," or doc[tok.i + 2].lower_ != "in":
        return False
    objects = [c for c in doc[tok.i + 2].children if c.dep_ == "pobj"]
    return any(
        o.lower_ in REGION_WORDS | {"district"} and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in o.children)
        for o in objects
    )


def _tally_with(tok: Token) -> Token | None:
    """The "with" of a tally that follows the name at ``tok`` ("Kebbi with 433", "Zamfara, with 1,204
    cases"): a "with" right after it (or after its comma) whose object is or holds a number."""
    doc = tok.doc
    nxt = tok.i + 1
    if nxt < len(doc) and doc[nxt].text == ",":
        nxt += 1
    if nxt >= len(doc) or doc[nxt].lower_ != "with":
        return None
    objects = [c for c in doc[nxt].children if c.dep_ == "pobj"]
    if any(o.like_num or any(c.like_num for c in o.children) for o in objects):
        return doc[nxt]
    return None


def _tallied(tok: Token) -> bool:
    """A name the gazetteer knows that heads an item of a tally by place, whatever the tagger made
    of it ("Kwara with 140" tagged as a person, "Zamfara, with 1,204 cases" as well)."""
    if not tok.text[:1].isupper() or tok.dep_ == "dobj" or _tally_with(tok) is None:
        return False  # (not "left Tuscany with 30 ambulances")
    name = tok.doc[_name_start(tok) : tok.i + 1].text
    return lookup(name) is not None or bool(region_country(name))


def in_tally(doc: Doc, ent: Entity) -> bool:
    """The place heads an item of a tally by place ("Sokoto with 287"): the item's count is its own."""
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    return span is not None and _tally_with(span[-1]) is not None


def site_phrases(doc: Doc, article_id: str, taken: set[int]) -> list[Entity]:
    """Places the NER missed, read from the syntax: "in Morbi", "the town of Yingxiu", "Enga province",
    "Kebbi with 433"."""
    out = []
    for tok in doc:
        if tok.i in taken or not tok.text[:1].isupper():
            continue
        tallied = _tallied(tok) or _set_in_region(tok)  # placed by the text itself
        if tok.pos_ != "PROPN" and not tallied:
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            continue  # not the last word of its name
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if after is not None and after.pos_ == "PROPN" and after.dep_ == "compound" and after.head == tok.head:
            continue  # ... nor where the name stands before a common noun ("Moi Teaching hospital")
        named_site = tok.lower_ in FACILITY_WORDS or (
            tok.dep_ == "compound" and tok.head.lower_ in SITE_NOUNS | HOSPITAL_WORDS
        )
        if tok.ent_type_ in {"PERSON", "DATE", "TIME", "MONEY", "CARDINAL"} and not (
            named_site or tallied or _known_in(tok)
        ):
            continue
        if not (tallied or _is_site_phrase(tok)):
            continue
        start = _name_start(tok)
        end = tok.i + 1
        if tok.dep_ == "compound" and tok.head.i == end:
            end += 1  # "Enga province" keeps its place word
        if any(i in taken for i in range(start, end)):
            continue
        span = doc[start:end]
        label = "FAC" if span[-1].lower_ in FACILITY_WORDS else "GPE"
        out.append(
            Entity(article_id, span.text, label, span.text, sentence_of(doc, start), span.start_char, span.end_char)
        )
        taken.update(range(start, end))
    return out
