"""Places of figures: which named place a count is tied to, and that place's country.

A count's place is read from the syntax first (a place under "in", "at", "near" ... of the count, of
the event verb or noun that governs it, or of that verb's subject), else it is the place of the
article's main event. Nationalities ("Israeli strikes") and governments named for their country
("Moscow said") are never the place of a count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from newsmine.extract.gazetteer import countries_named, lookup, nationality_country, region_country
from newsmine.extract.lexicon import REPORTING_VERBS, SPEECH_VERBS
from newsmine.extract.records import Entity
from newsmine.extract.views import sentence_of

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that tie an event to where it happened.
EVENT_PREPOSITIONS = frozenset({"in", "at", "near", "on", "outside", "off", "across", "inside", "around", "into"})
# Nouns that introduce a named place ("the city of Mangaf", "the village of Kuriga").
PLACE_NOUNS = frozenset(
    {"city", "town", "village", "province", "region", "district", "state", "county", "area", "capital", "island"}
)
# Common nouns a place's name stands before or after ("the Itaewon area", "Zamzam camp").
SITE_NOUNS = PLACE_NOUNS | frozenset(
    {
        "governorate",
        "neighbourhood",
        "neighborhood",
        "enclave",
        "camp",
        "airport",
        "volcano",
        "delta",
        "valley",
        "river",
        "crossing",
        "favela",
        "peak",
        "department",
        "suburb",
        "prefecture",
        "oblast",
        "municipality",
        "township",
        "commune",
    }
)
# Words inside a proper name that make it a place ("Mount Merapi", "Lake Chad").
GEOGRAPHIC_WORDS = frozenset({"mount", "mt", "lake", "river", "bay", "gulf", "sea", "desert", "peninsula", "islands"})
# Words that make a place a point of reference ("east of Athens"), not where the event was.
DIRECTIONS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts"}
)
# Proper names ending in these are sites ("Mama Lucy Hospital"), whatever NER calls them.
FACILITY_WORDS = frozenset({"hospital", "school", "airport", "bridge", "mosque", "market", "camp", "station", "mall"})
# Nouns that call a name a settlement ("the spa town of X"): the most precise place a lead names.
TOWN_WORDS = frozenset({"town", "village", "neighbourhood", "neighborhood", "suburb", "hamlet", "camp"})
# A trailing word that makes a name a region rather than a town ("Enga province").
REGION_WORDS = frozenset({"province", "state", "region", "governorate", "oblast", "county", "prefecture"})
_SAYING = REPORTING_VERBS | SPEECH_VERBS
# A place that is the subject of a verb acts as its government or army ("Israel launched strikes",
# "Moscow said"), except of these, which say what happened there ("Brazil has recorded 52 deaths").
SUFFERING_VERBS = frozenset({"be", "have", "record", "report", "register", "see", "suffer", "count", "experience"})
# How specific a place is: a country, a region, a large city or natural feature, a town or site.
WORLD, COUNTRY, REGION, LARGE, LOCAL = -1, 0, 1, 2, 3
# Continents and regions of several countries: a count there has no one country.
WORLD_REGIONS = frozenset(
    {
        "europe",
        "africa",
        "asia",
        "americas",
        "latin america",
        "middle east",
        "the middle east",
        "west africa",
        "east africa",
        "southern africa",
        "central asia",
        "south asia",
        "southeast asia",
        "caribbean",
        "the caribbean",
        "the west",
        "west",
        "sahel",
        "the sahel",
        "balkans",
        "the balkans",
    }
)
_LARGE_CITY = 1_000_000
# The article's main event is looked for in its first sentences.
LEAD_SENTENCES = 3
# A lead that names only a country or a region is made precise by a town of the next sentences.
TOWN_SENTENCES = 5


def token_index(doc: Doc, places: list[Entity]) -> dict[int, Entity]:
    """Each token of a place entity mapped to the entity."""
    out: dict[int, Entity] = {}
    for ent in places:
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
        if span is not None:
            for tok in span:
                out[tok.i] = ent
    return out


def _is_nationality(doc: Doc, ent: Entity) -> bool:
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None:
        return True
    root = span.root
    mistagged = root.dep_ in {"pobj", "dobj", "nsubj", "appos", "conj"}  # "near Bakhmut" tagged JJ
    if (root.tag_ == "JJ" and not mistagged) or root.dep_ == "amod" or not ent.text[:1].isupper():
        return True
    return lookup(ent.normalized) is None and nationality_country(ent.normalized) is not None


def _acts(doc: Doc, ent: Entity) -> bool:
    """The place names a government or a side that acts ("Moscow said", "Israel launched strikes")."""
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    return tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" and tok.head.lemma_.lower() not in SUFFERING_VERBS


def in_reporter(doc: Doc, ent: Entity) -> bool:
    """The place stands in the subject of a reporting verb ("officials in Kyiv said")."""
    span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    while tok.head.i != tok.i:
        if tok.dep_ in {"nsubj", "nsubjpass"} and tok.head.lemma_.lower() in _SAYING:
            return True
        if tok.dep_ in {"nsubj", "nsubjpass", "dobj", "ROOT"}:
            return False
        tok = tok.head
    return False


def _name_start(tok: Token) -> int:
    """The first token of the proper name ending at ``tok`` ("al-Safra", "Kher Khanna")."""
    start = tok.i
    while start > tok.left_edge.i:
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
    if tok.dep_ == "compound" and head.pos_ == "NOUN" and head.lower_ in SITE_NOUNS:
        return True
    if tok.dep_ != "pobj":
        return any(c.dep_ == "appos" and c.lemma_.lower() in SITE_NOUNS for c in tok.children)
    if head.lower_ in EVENT_PREPOSITIONS - {"on", "into"}:
        return True
    return head.lower_ == "of" and head.head.lower_ in SITE_NOUNS


def site_phrases(doc: Doc, article_id: str, taken: set[int]) -> list[Entity]:
    """Places the NER missed, read from the syntax: "in Morbi", "the town of Yingxiu", "Enga province"."""
    out = []
    for tok in doc:
        if tok.pos_ != "PROPN" or tok.i in taken or not tok.text[:1].isupper():
            continue
        if tok.dep_ == "compound" and tok.head.pos_ == "PROPN":
            continue  # not the last word of its name
        named_site = tok.lower_ in FACILITY_WORDS or (tok.dep_ == "compound" and tok.head.lower_ in SITE_NOUNS)
        if tok.ent_type_ in {"PERSON", "DATE", "TIME", "MONEY", "CARDINAL"} and not named_site:
            continue
        if not _is_site_phrase(tok):
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


def _called(doc: Doc, places: list[Entity], nouns: frozenset[str]) -> frozenset[str]:
    """Names the text calls one of ``nouns``: "the state of Bavaria", "Bavaria state", "X, a town"."""
    out = set()
    for ent in places:
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        of_noun = root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in nouns
        before_noun = root.dep_ == "compound" and root.head.lower_ in nouns
        if of_noun or before_noun or any(c.dep_ == "appos" and c.lower_ in nouns for c in root.children):
            out.add(ent.normalized)
    return frozenset(out)


def named_regions(doc: Doc, places: list[Entity]) -> frozenset[str]:
    """Names the text calls regions: "the state of Bavaria", "Bavaria state"."""
    return _called(doc, places, REGION_WORDS)


def named_towns(doc: Doc, places: list[Entity]) -> frozenset[str]:
    """Names the text calls towns or villages: "the spa town of Bad Aibling", "Kuriga, a village"."""
    return _called(doc, places, TOWN_WORDS)


def _placed(tok: Token) -> bool:
    """The syntax treats the name as a place: "in X", "near X", "X province", "X, a town"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in EVENT_PREPOSITIONS | {"from", "to", "of", "across", "through"}:
        return True
    if tok.dep_ in {"compound", "poss"} and head.lower_ in SITE_NOUNS:
        return True
    return any(c.dep_ == "appos" and c.lemma_.lower() in SITE_NOUNS for c in tok.children)


def _has_evidence(doc: Doc, ent: Entity, mentions: list[Entity]) -> bool:
    """A name the gazetteer does not know is a place only if one of its mentions stands like one
    (so "Ebola" or a storm's name tagged as a place is dropped)."""
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


def candidates(doc: Doc, ents: Iterable[Entity]) -> list[Entity]:
    """The entities that can be the place of a count: places (also those the NER missed), minus
    nationalities and governments or reporters named for their place."""
    ents = list(ents)
    found = [e for e in ents if e.label in PLACE_LABELS]
    found = [e for e in found if _has_evidence(doc, e, found)]
    taken = {i for i, _ in token_index(doc, found).items()}
    found += site_phrases(doc, ents[0].article_id if ents else "", taken)
    found.sort(key=lambda e: e.start_char)
    return [e for e in found if not _is_nationality(doc, e) and not _acts(doc, e)]


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


def _containers(doc: Doc, places: list[Entity], by_token: dict[int, Entity]) -> set[str]:
    """Places that the text names as holding another ("Mati, near Athens", "Madrid's Barajas airport")."""
    out: set[str] = set()
    for ent in places:
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand")
        if span is None:
            continue
        if span.root.head.lower_ == "of" and span.root.head.head.lower_ in DIRECTIONS:
            out.add(ent.normalized)  # "communities east of Athens"
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
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    outer = _place_token(pobj, by_token) if pobj is not None else None
                if outer is not None and outer.normalized != ent.normalized:
                    out.add(outer.normalized)
    return out


def main_place(doc: Doc, places: list[Entity], by_token: dict[int, Entity]) -> Entity | None:
    """The place of the article's main event: the most specific place of its first sentences.

    A place the text names as holding another is not the most specific; ties go to the most
    mentioned place, then the earliest.
    """
    if not places:
        return None
    # a reporter's place ("officials in Kharkiv said") only when the text names no other
    places = [e for e in places if not in_reporter(doc, e)] or places
    counts = Counter(e.normalized for e in places)
    outer = _containers(doc, places, by_token)
    regions = named_regions(doc, places)
    towns = named_towns(doc, places)

    def rank(e: Entity) -> int:
        return LOCAL + 1 if e.normalized in towns else specificity(e, regions)

    lead = [e for e in places if e.sentence_index < LEAD_SENTENCES and e.normalized not in outer] or places[:1]
    first = [e for e in lead if e.sentence_index == lead[0].sentence_index]

    def best(pool: list[Entity]) -> Entity:
        return max(pool, key=lambda e: (rank(e), counts[e.normalized], -e.start_char))

    top = best(first)
    if rank(top) <= LOCAL:
        wider = [e for e in places if e.sentence_index < TOWN_SENTENCES and e.normalized not in outer]
        code = country_of(top)
        finer = [e for e in wider if rank(e) > rank(top) and country_of(e) in {None, code}]
        if finer:
            return best(finer)
    return top


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


def _place_token(tok: Token, by_token: dict[int, Entity]) -> Entity | None:
    """The place named by a preposition's object ("in Gaza", "in the city of Mangaf", "in Gaza's south")."""
    if tok.i in by_token:
        return by_token[tok.i]
    for child in tok.children:
        if child.dep_ == "compound" and child.i in by_token:
            return by_token[child.i]
    for child in tok.children:
        if child.dep_ == "poss" and child.i in by_token:
            return by_token[child.i]
        if child.dep_ == "prep" and child.lower_ == "of" and tok.lower_ in PLACE_NOUNS:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.i in by_token:
                    return by_token[pobj.i]
    return None


def _attached(tok: Token, by_token: dict[int, Entity]) -> Entity | None:
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in EVENT_PREPOSITIONS:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = _place_token(pobj, by_token)
                    if found is not None:
                        return found
        if child.dep_ in {"poss", "compound", "npadvmod"} and child.i in by_token:
            return by_token[child.i]
    return None


def syntactic_place(figure: Token, by_token: dict[int, Entity]) -> Entity | None:
    """The place tied to the count by the parse, climbing from it to the verb of its clause.

    At each step the count's word, the governing noun or verb, and the subject of a governing verb
    are searched for a place; a reporting verb ends the climb (its places are the reporter's).
    """
    tok = figure
    for _ in range(8):
        if tok.lemma_.lower() in _SAYING and tok.pos_ == "VERB":
            return None
        found = _attached(tok, by_token)
        if found is not None:
            return found
        if tok.pos_ in {"VERB", "AUX"}:
            for child in tok.children:
                if child.dep_ in {"nsubj", "nsubjpass"} and child.i != figure.i:
                    found = _attached(child, by_token)
                    if found is not None:
                        return found
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None
