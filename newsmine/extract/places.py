"""Places of figures: which named place a count is tied to, and that place's country.

A count's place is read from the syntax first (a place under "in", "at", "near" ... of the count, of
the event verb or noun that governs it, or of that verb's subject), else it is the place of the
article's main event (:mod:`newsmine.extract.main_places`). Nationalities ("Israeli strikes") and
governments named for their country ("Moscow said") are never the place of a count.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsmine.extract.event_words import NOUN_CLASS
from newsmine.extract.gazetteer import countries_named, lookup, region_country
from newsmine.extract.place_words import (
    DIRECTIONS,
    EVENT_PREPOSITIONS,
    HOSPITAL_WORDS,
    PLACE_NOUNS,
    REGION_WORDS,
    SAYING_VERBS,
    SETTLEMENTS,
    SITE_NOUNS,
    SUFFERING_VERBS,
    WORLD_REGIONS,
)
from newsmine.extract.records import Entity

# How specific a place is: a country, a region, a large city or natural feature, a town or site.
WORLD, COUNTRY, REGION, LARGE, LOCAL = -1, 0, 1, 2, 3
_LARGE_CITY = 1_000_000


def specificity(ent: Entity, regions: frozenset[str] = frozenset()) -> int:
    """WORLD, COUNTRY, REGION, LARGE (a city over a million, a river, a facility) or LOCAL.

    ``regions`` holds names the article calls regions ("the state of Bavaria").
    """
    if ent.normalized.lower() in WORLD_REGIONS:
        return WORLD
    place = lookup(ent.normalized)
    if place is not None and place.is_country:
        return COUNTRY
    words = ent.normalized.lower().split()
    if (words and words[-1] in REGION_WORDS) or region_country(ent.normalized) or ent.normalized in regions:
        return REGION
    if ent.label != "GPE" or (place is not None and place.population >= _LARGE_CITY):
        return LARGE
    return LOCAL


def _place_token(tok: Token, by_token: dict[int, Entity]) -> Entity | None:
    """The place named by a preposition's object ("in Gaza", "in the city of Ostrava", "in Gaza's south")."""
    if tok.i in by_token:
        return by_token[tok.i]
    for child in tok.children:
        if child.dep_ in {"compound", "nmod"} and child.i in by_token:
            return by_token[child.i]  # "at the Piura old market" (a name before an adjective)
    for child in tok.children:
        if child.dep_ == "poss" and child.i in by_token:
            return by_token[child.i]
        if child.dep_ == "prep" and child.lower_ == "of" and tok.lower_ in PLACE_NOUNS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in by_token:
                    return by_token[pobj.i]
    return None


def containers(doc: Doc, places: list[Entity], by_token: dict[int, Entity]) -> set[str]:
    """Places that the text names as holding another ("Mati, near Athens", "Madrid's Barajas airport")."""
    return {outer for held in holders(doc, places, by_token).values() for outer in held}


def holders(doc: Doc, places: list[Entity], by_token: dict[int, Entity]) -> dict[str, set[str]]:
    """Each place name mapped to the names the text gives as holding it ("Mati, near Athens":
    Mati -> Athens; "Madrid's Barajas airport": Barajas airport -> Madrid); a place a direction
    is given from ("communities east of Athens") holds what the text does not name, under ``""``."""
    out: dict[str, set[str]] = {}
    for ent in places:
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
        if span is None:
            continue
        if span.root.head.lower_ == "of" and span.root.head.head.lower_ in DIRECTIONS:
            out.setdefault("", set()).add(ent.normalized)  # "communities east of Athens"
        root = span.root
        heads = [root] + [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "compound" and root.head.lower_ in SITE_NOUNS:
            heads.append(root.head)  # "Tamil Nadu's Kallakurichi district"
        for tok in heads:
            for child in tok.children:
                outer = None
                if child.dep_ == "poss":
                    outer = by_token.get(child.i)
                elif child.dep_ == "prep" and child.lower_ in {"in", "near", "outside", "of"}:
                    if tok is not root and child.lower_ == "of" and tok.lower_ in SETTLEMENTS:
                        continue  # "the Nebraska town of Schuyler": the town's name, not what holds Nebraska
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    outer = _place_token(pobj, by_token) if pobj is not None else None
                if outer is not None and outer.normalized != ent.normalized:
                    out.setdefault(ent.normalized, set()).add(outer.normalized)
    return out


def country_of(ent: Entity) -> str | None:
    """The ISO alpha-2 code of a named place, when the gazetteer knows it."""
    return place_country(ent.normalized)


def place_country(name: str, named: frozenset[str] = frozenset()) -> str | None:
    """The country code of ``name``, also for "Hodeida province" or "the Gaza Strip".

    A town name that several countries have goes to the one among ``named`` (the countries the
    article names), else to its most populous bearer.
    """
    place = lookup(name)
    if place is not None:
        if not place.is_country and named and place.country_code not in named:
            local = sorted(countries_named(name) & named)
            if local:
                return local[0]
        return place.country_code
    region = region_country(name)
    if region:
        return region
    words = name.split()
    if len(words) > 1 and words[-1].lower() in PLACE_NOUNS | REGION_WORDS | {"strip", "governorate"}:
        return place_country(" ".join(words[:-1]), named)
    return None


def is_hospital(ent: Entity) -> bool:
    """The place is a hospital or a clinic ("Karen Hospital")."""
    return ent.normalized.split()[-1].lower() in HOSPITAL_WORDS


def number_before(prep: Token) -> Token | None:
    """The number right before a preposition, whose phrase it is whatever the parse hangs it on:
    "31 to Mater Hospital" in a list of the hospitals that took the injured."""
    if prep.i == 0:
        return None
    before = prep.doc[prep.i - 1]
    return before if before.like_num else None


def _hospital_to(prep: Token, by_token: dict[int, Entity]) -> Entity | None:
    """The hospital a "to" phrase names ("taken to Karen Hospital"); "to" names no other place
    of a count ("fled to Chad")."""
    if prep.lower_ != "to":
        return None
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        found = _place_token(pobj, by_token)
        if found is not None and is_hospital(found):
            return found
    return None


def _incident_place(noun: Token, by_token: dict[int, Entity]) -> Entity | None:
    """The place of the incident a count happened in: "killed in the fires in X", "hurt in a blast at X"."""
    if NOUN_CLASS.get(noun.lemma_.lower()) != "incident":
        return None
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in EVENT_PREPOSITIONS - {"on"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found = _place_token(pobj, by_token)
            if found is not None:
                return found
    return None


def attached(tok: Token, by_token: dict[int, Entity]) -> Entity | None:
    """The place a word's own dependents name: under an event preposition ("killed in X", also
    through the incident it names: "killed in the fires in X"), a hospital under "to", or a name that
    modifies it ("X's market", "the X attack")."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "to" and number_before(child) is None:
            found = _hospital_to(child, by_token)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in EVENT_PREPOSITIONS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _place_token(pobj, by_token) or _incident_place(pobj, by_token)
                    if found is not None:
                        return found
        if child.dep_ in {"poss", "compound", "npadvmod"} and child.i in by_token:
            return by_token[child.i]
    return None


def _recording_place(verb: Token, by_token: dict[int, Entity]) -> Entity | None:
    """The place that is itself the subject of a verb of recording ("Brazil has recorded 52 deaths")."""
    if verb.lemma_.lower() not in SUFFERING_VERBS:
        return None
    return next((by_token[c.i] for c in verb.children if c.dep_ == "nsubj" and c.i in by_token), None)


def _hospital_clause(verb: Token, by_token: dict[int, Entity]) -> bool:
    """``verb`` heads a relative clause whose subject is a hospital ("X Hospital, which treated 26")."""
    if verb.dep_ != "relcl" or verb.head.i not in by_token or not is_hospital(by_token[verb.head.i]):
        return False
    return any(c.dep_ == "nsubj" and c.tag_ == "WDT" for c in verb.children)


def syntactic_place(figure: Token, by_token: dict[int, Entity]) -> Entity | None:
    """The place tied to the count by the parse, climbing from it to the verb of its clause.

    At each step the count's word, the governing noun or verb, and the subject of a governing verb
    are searched for a place; a reporting verb ends the climb (its places are the reporter's),
    but a place that records its own count is the count's ("Nigeria has recorded 4,915 cases").
    """
    doc = figure.doc
    counted = [figure, figure.head] if figure.dep_ == "nummod" else [figure]
    for word in (w for w in counted if w.i + 1 < len(doc)):
        # "40 to Komfo Anokye Hospital, 31 to ...", "and 12 others to X Hospital": the
        # hospital right after the count, whatever the parse hangs "to" on
        found = _hospital_to(doc[word.i + 1], by_token)
        if found is not None:
            return found
    tok = figure
    for _ in range(8):
        if tok.lemma_.lower() in SAYING_VERBS and tok.pos_ == "VERB":
            # "Nigeria has recorded 4,915 cases": a place that records its own count is its place
            return _recording_place(tok, by_token)
        found = attached(tok, by_token)
        if found is not None:
            return found
        if tok.pos_ in {"NOUN", "NUM", "PROPN"}:
            # the counted noun's own participle: "the 27 deaths recorded in Bosnia"
            for child in tok.children:
                if child.dep_ == "acl" and child.tag_ == "VBN":
                    found = attached(child, by_token)
                    if found is not None:
                        return found
        if tok.dep_ == "pobj" and tok.head.lower_ == "with":
            # a tally by place: "Spain with 6,645, France with 3,646" (the name right before "with"
            # or its comma, whatever the parse hangs "with" on)
            before = tok.head.i - 1
            if before > 0 and tok.doc[before].text == ",":
                before -= 1
            if before >= 0 and before in by_token and tok.doc[before].dep_ != "dobj":
                return by_token[before]  # (not "left Tuscany with 30 ambulances")
            if tok.head.head.i in by_token:
                return by_token[tok.head.head.i]
        if _hospital_clause(tok, by_token):
            return by_token[tok.head.i]  # "Kijabe Mission Hospital, which treated 26 of the injured"
        if tok.pos_ in {"VERB", "AUX"}:
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i != figure.i:
                    found = attached(child, by_token)
                    if found is not None:
                        return found
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None
