"""Place names in an article: the NER's places, places it missed read from the syntax
(:mod:`newsmine.extract.place_phrases`), and the filters that drop nationalities ("Israeli
strikes") and governments named for their place ("Moscow said")."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsmine.extract.gazetteer import NOT_PLACES, lookup, nationality_country, region_country
from newsmine.extract.lexicon import PEOPLE_NOUNS
from newsmine.extract.place_phrases import site_phrases
from newsmine.extract.place_words import (
    EVENT_NAME_WORDS,
    EVENT_PREPOSITIONS,
    GEOGRAPHIC_WORDS,
    PLACE_LABELS,
    REGION_WORDS,
    SITE_NOUNS,
    STORM_WORDS,
    SUFFERING_VERBS,
    TOWN_WORDS,
    WORLD_REGIONS,
    reports,
)
from newsmine.extract.records import Entity
from newsmine.extract.views import by_token
from newsmine.extract.views import text as doc_text


def token_index(doc: Doc, places: list[Entity]) -> dict[int, Entity]:
    """Each token of a place entity mapped to the entity."""
    return by_token(doc, places)


def _is_nationality(doc: Doc, ent: Entity) -> bool:
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    mistagged = root.dep_ in {"pobj", "dobj", "nsubj", "appos", "conj"}  # "near Bakhmut" tagged JJ
    if (root.tag_ == "JJ" and not mistagged) or root.dep_ == "amod" or not ent.normalized[:1].isupper():
        return True
    place = lookup(ent.normalized)
    if place is not None and place.is_country and _describes_people(root):
        return True  # "12 UK citizens", "7 U.S. workers": who they are, not where it happened
    return place is None and nationality_country(ent.normalized) is not None


def _describes_people(root: Token) -> bool:
    """The name modifies a noun of people ("U.S. citizens", "Israel soldiers"), as a nationality does."""
    return root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head.lemma_.lower() in PEOPLE_NOUNS


def _acts(doc: Doc, ent: Entity) -> bool:
    """The place names a government or a side that acts ("Moscow said", "Israel launched strikes")."""
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    return tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() not in SUFFERING_VERBS


def in_reporter(doc: Doc, ent: Entity) -> bool:
    """The place stands in the subject of a reporting verb ("officials in Kyiv said"); not of a
    passive one, whose subject is told or described ("people in Toledo were told not to drink")."""
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SUFFERING_VERBS:
        return False  # the place records its own toll: "Nigeria has recorded 4,915 cases"
    while tok.head.i != tok.i:
        if reports(tok):
            return True
        if tok.dep_ in {"nsubj", "nsubjpass", "dobj", "ROOT"}:
            return False
        tok = tok.head
    return False


def called(doc: Doc, places: list[Entity], nouns: frozenset[str]) -> frozenset[str]:
    """Names the text calls one of ``nouns``: "the state of Bavaria", "Bavaria state", "X, a town",
    "the town, X"."""
    out = set()
    for ent in places:
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        of_noun = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in nouns
        # "X town", "the town, X"; not "the Nebraska town of Schuyler", which names the town after "of"
        beside_noun = (
            root.dep_ in {"compound", "appos"}
            and root.head.lower_ in nouns
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in root.head.children)
        )
        if of_noun or beside_noun or any(c.dep_ == "appos" and c.lemma_.lower() in nouns for c in root.children):
            out.add(ent.normalized)
    return frozenset(out)


def named_regions(doc: Doc, places: list[Entity]) -> frozenset[str]:
    """Names the text calls regions: "the state of Bavaria", "Bavaria state"."""
    return called(doc, places, REGION_WORDS)


def named_towns(doc: Doc, places: list[Entity]) -> frozenset[str]:
    """Names the text calls towns or villages: "the market town of Holzkirchen", "Maru, a village"."""
    return called(doc, places, TOWN_WORDS)


def _placed(tok: Token) -> bool:
    """The syntax treats the name as a place: "in X", "near X", "X province", "X, a town"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in EVENT_PREPOSITIONS | {"from", "to", "of", "across", "through"}:
        return True
    if tok.dep_ in {"compound", "poss"} and head.lower_ in SITE_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in SITE_NOUNS for c in tok.children)


def is_event_name(name: str) -> bool:
    """The name is an event's: "Hurricane Eta", "Tropical Storm Alberto", "the Pan American Games",
    "the Camp Fire"."""
    words = name.lower().split()
    return len(words) > 1 and (bool(set(words[:-1]) & STORM_WORDS) or words[-1] in EVENT_NAME_WORDS)


def _has_evidence(doc: Doc, ent: Entity, mentions: list[Entity]) -> bool:
    """A name the gazetteer does not know is a place only if one of its mentions stands like one
    (so "Ebola" or a storm's name tagged as a place is dropped); a name news uses for an
    organisation (a news agency, a group) never is."""
    if ent.normalized.lower() in NOT_PLACES:
        return False
    if lookup(ent.normalized) is not None or region_country(ent.normalized) or ent.label != "GPE":
        return True
    if ent.normalized.lower() in WORLD_REGIONS or ent.normalized.split()[-1].lower() in SITE_NOUNS:
        return True
    for other in mentions:
        if other.normalized != ent.normalized:
            continue
        span = doc.char_span(other.start_char, other.end_char, alignment_mode="expand")
        if span is not None and _placed(span.root):
            return True
    return False


# Last words that make a name a place whatever the NER tagged it ("Ukerewe Island", "Fuego volcano"),
# besides the geographic words that may also come first ("Mount Ontake", "Lake Kivu").
_NATURAL_LAST = GEOGRAPHIC_WORDS | {"island", "volcano"}


def _mistagged_places(doc: Doc, ents: list[Entity]) -> list[Entity]:
    """Names tagged as a person or an organisation that the text calls a place ("X, a village",
    "the village of X", "X volcano", "Mount X"), with their other mentions, as places (with the
    place word after them: "Barajas airport"); not one that gives a report ("the Mount Sinai Health
    System said")."""
    tagged = [e for e in ents if e.label in {"PERSON", "ORG"}]
    named = [e for e in tagged if not in_reporter(doc, e)]
    names = set(called(doc, named, SITE_NOUNS))
    for e in named:
        words = e.normalized.lower().split()
        if len(words) > 1 and (words[0] in GEOGRAPHIC_WORDS or words[-1] in _NATURAL_LAST):
            names.add(e.normalized)
    return [_as_place(doc, e) for e in tagged if e.normalized in names]


def _as_place(doc: Doc, ent: Entity) -> Entity:
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is not None and span.end < len(doc):
        word = doc[span.end]
        if span.root.dep_ == "compound" and span.root.head.i == word.i and word.lower_ in SITE_NOUNS:
            end = word.idx + len(word)
            text = doc_text(doc)[ent.start_char : end]
            return replace(ent, text=text, label="GPE", normalized=text, end_char=end)
    return replace(ent, label="GPE")


# A dateline: the city, in capitals, and the country or state the story was filed from ("NAQURA, Lebanon —").
_DATELINE = re.compile(
    r"\A\s*(?P<city>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+)*), (?P<where>[A-Z][\w.]*(?: [A-Z][\w.]*)*) *(?:--|—|–)"
)


def _dateline(doc: Doc, article_id: str, places: list[Entity]) -> tuple[Entity | None, int]:
    """The dateline's city as a place of the lead, and where the dateline ends (0: none). A story
    filed from a city in another country than the lead's places (Geneva, about Sudan) has no city."""
    m = _DATELINE.match(doc_text(doc))
    if m is None:
        return None, 0
    city = m["city"]
    known = lookup(m["where"]) or lookup(city)
    lead = [e for e in places if e.sentence_index == 0 and e.start_char >= m.end()]
    codes = {p.country_code for e in lead if (p := lookup(e.normalized)) is not None}
    if known is not None and codes and known.country_code not in codes:
        return None, m.end()
    return Entity(article_id, city, "GPE", city.title(), 0, m.start("city"), m.end("city")), m.end()


def candidates(doc: Doc, ents: Iterable[Entity]) -> list[Entity]:
    """The entities that can be the place of a count: places (also those the NER missed or tagged
    as a person or an organisation, and a dateline's city), minus nationalities and governments or
    reporters named for their place, and events' names ("Hurricane Eta" at "the rains of Hurricane Eta")."""
    ents = list(ents)
    article_id = ents[0].article_id if ents else ""
    found = [e for e in ents if e.label in PLACE_LABELS]
    found = [e for e in found if _has_evidence(doc, e, found)]
    mistagged = _mistagged_places(doc, ents)
    found += mistagged
    taken = {i for i, _ in token_index(doc, found).items()}
    found += site_phrases(doc, article_id, taken)
    city, end = _dateline(doc, article_id, found)
    if city is not None:
        found = [e for e in found if e.end_char <= city.start_char or e.start_char >= city.end_char] + [city]
        mistagged.append(city)
    elif end:
        found = [e for e in found if e.start_char >= end]  # where it was filed is not where it happened
    found.sort(key=lambda e: e.start_char)
    found = [e for e in found if not is_event_name(e.normalized)]
    # the text calls those places: "Mount Merapi erupted" is the place, not a side that acts
    return [e for e in found if not _is_nationality(doc, e) and (e in mistagged or not _acts(doc, e))]
