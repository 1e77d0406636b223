"""The place of an article's main event: the most specific place of its opening sentences,
refined to a town of the next ones.

Counts that the syntax ties to no place of their own take this place (:mod:`newsmine.extract.links`).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Token

from newsmine.extract.nationwide import says_the_country
from newsmine.extract.place_asides import aside
from newsmine.extract.place_names import in_reporter, named_regions, named_towns
from newsmine.extract.place_words import (
    GEOGRAPHIC_WORDS,
    LOCATING_VERBS,
    OTHER_EVENT_WORDS,
    SITE_NOUNS,
)
from newsmine.extract.places import COUNTRY, LOCAL, attached, containers, country_of, specificity
from newsmine.extract.records import Entity
from newsmine.extract.views import LEAD_SENTENCES, sentences

# A lead that names only a country or a region is made precise by a town of the next sentences,
TOWN_SENTENCES = 5
# or by the place where a sentence up to this one says the event happened.
LOCATING_SENTENCES = 8


def main_place(doc: Doc, places: list[Entity], by_token: dict[int, Entity]) -> Entity | None:
    """The place of the article's main event: the most specific place of its first sentences.

    A place the text names as holding another in its opening sentences is not the most specific; ties go to the most
    mentioned place, then the earliest. The place where an opening sentence says the event happened
    ("the crash happened in X") wins over the lead's when it is as specific and in the same country;
    a lead that names only a country or a region gives way to a town of the next sentences, unless
    the text first names that town in passing (:mod:`newsmine.extract.place_asides`) or the lead's
    event spans many parts of the place ("floods across 12 provinces of Vietnam") or, for a country,
    the whole of it ("across the country", "nationwide"); a lead's river or
    lake gives way to a site as specific by it ("into the X River ... near the Y Bridge").
    """
    if not places:
        return None
    # a reporter's place ("officials in Kharkiv said") only when the text names no other
    places = [e for e in places if not in_reporter(doc, e)] or places
    counts = Counter(e.normalized for e in places)
    outer = containers(doc, [e for e in places if e.sentence_index < TOWN_SENTENCES], by_token)
    regions = named_regions(doc, places)
    towns = named_towns(doc, places)

    def rank(e: Entity) -> int:
        return LOCAL + 1 if e.normalized in towns else specificity(e, regions)

    def best(pool: list[Entity]) -> Entity:
        return max(pool, key=lambda e: (rank(e), counts[e.normalized], -e.start_char))

    if places[0].sentence_index >= LEAD_SENTENCES:
        # a lead that names no place ("The night had been quiet."): the first place named after it
        # that holds no other ("Madrid's Barajas airport"), as the text names it
        later = [e for e in places if e.sentence_index == places[0].sentence_index]
        return next((e for e in later if e.normalized not in outer), places[0])
    lead = [e for e in places if e.sentence_index < LEAD_SENTENCES and e.normalized not in outer] or places[:1]
    first = [e for e in lead if e.sentence_index == lead[0].sentence_index]
    top = best(first)
    located = _event_located(doc, by_token)
    if located is not None and rank(located) >= rank(top) and country_of(located) in {None, country_of(top)}:
        return located
    nationwide = rank(top) == COUNTRY and says_the_country(sentences(doc)[top.sentence_index])
    if rank(top) <= LOCAL and not _spread_over(doc, top) and not nationwide:
        wider = [e for e in places if e.sentence_index < TOWN_SENTENCES and e.normalized not in outer]
        code = country_of(top)
        # a lead name the gazetteer cannot place ("in Bavaria") gives way to a place the text calls a
        # town ("the market town of Holzkirchen"), whatever its country
        unknown = code is None and rank(top) == LOCAL
        first_mention: dict[str, Entity] = {}
        for e in places:
            first_mention.setdefault(e.normalized, e)
        finer = [
            e
            for e in wider
            if (rank(e) > rank(top) or (_natural(top) and rank(e) == rank(top) and not _natural(e)))
            and (country_of(e) in {None, code} or (unknown and e.normalized in towns))
            and not aside(doc, first_mention[e.normalized], by_token)
        ]
        if finer:
            return best(finer)
    return top


# Words that make a lead's event span many parts of a place ("across Bangladesh", "12 provinces of Vietnam").
_SPANNING = frozenset({"across", "throughout"})
_SEVERAL_WORDS = frozenset({"several", "many", "dozens", "numerous", "various"})


def _spread_over(doc: Doc, ent: Entity) -> bool:
    """The lead's event spans many parts of the place ("floods that swept through 12 provinces of
    central Vietnam", "storms across Bangladesh"), so no one town of the next sentences is its place."""
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    if prep.lower_ in _SPANNING:
        return True
    parts = prep.head
    several = any(c.like_num or c.lower_ in _SEVERAL_WORDS for c in parts.children)
    return prep.lower_ == "of" and parts.tag_ == "NNS" and parts.lemma_.lower() in SITE_NOUNS and several


def _natural(ent: Entity) -> bool:
    """A river, a lake, a sea: a lead's natural feature is less precise than a site by it ("buses
    swept into the X River ... near Y")."""
    return bool(set(ent.normalized.lower().split()) & GEOGRAPHIC_WORDS)


def _the_event(subject: Token) -> bool:
    """The subject refers back to the story's event: "the crash", "it", "the attack on the market";
    not "a similar attack" or "another blast", which are other events."""
    if subject.dep_ != "nsubj":
        return False
    if subject.lower_ in {"it", "this"}:
        return True
    words = {c.lower_ for c in subject.children if c.dep_ in {"det", "amod"}}
    return "the" in words and not words & OTHER_EVENT_WORDS


def _event_located(doc: Doc, by_token: dict[int, Entity]) -> Entity | None:
    """The place a sentence of the story's opening says its event happened at: "the crash happened in
    the Swat Valley", "the blast took place near Hilla"."""
    for sent in sentences(doc)[:LOCATING_SENTENCES]:
        for tok in sent:
            lemma = tok.lemma_.lower()
            locating = lemma in LOCATING_VERBS or (lemma == "take" and any(c.lower_ == "place" for c in tok.children))
            if not locating or tok.pos_ != "VERB" or not any(_the_event(c) for c in tok.children):
                continue
            found = attached(tok, by_token)
            if found is not None:
                return found
    return None
