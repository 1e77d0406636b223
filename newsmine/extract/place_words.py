"""Word lists the place rules read: prepositions, place nouns, and names of world regions."""

from __future__ import annotations

import re
from collections.abc import Collection

from spacy.tokens import Token

from newsmine.extract.lexicon import REPORTING_VERBS, SPEECH_VERBS

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that tie an event to where it happened.
EVENT_PREPOSITIONS = frozenset(
    {"in", "at", "near", "on", "outside", "off", "across", "inside", "around", "into", "through"}
)
# Nouns that introduce a named place ("the city of Ostrava", "the village of Maru").
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
# Places that receive the hurt: a count taken "to" one is that place's ("24 to Karen Hospital").
HOSPITAL_WORDS = frozenset({"hospital", "clinic", "infirmary"})
# Words that make a proper name an event, not a place, whatever the NER tagged it: a storm's name
# has one before its last word ("Hurricane Eta", "Tropical Storm Alberto"), a gathering's or a
# fire's ends with one ("the Pan American Games", "the Camp Fire", "the Cannes Film Festival").
STORM_WORDS = frozenset({"hurricane", "typhoon", "cyclone", "storm"})
EVENT_NAME_WORDS = frozenset(
    {"games", "olympics", "cup", "championship", "championships", "festival", "fire", "summit", "marathon"}
)
# Nouns that call a name a settlement ("the spa town of X"): the most precise place a lead names.
TOWN_WORDS = frozenset({"town", "village", "neighbourhood", "neighborhood", "suburb", "hamlet", "camp"})
# Settlements: "the X town of Y" names the town Y, where "the X district of Y" names the district X in Y.
SETTLEMENTS = frozenset({"town", "city", "village", "hamlet"})
# A trailing word that makes a name a region rather than a town ("Enga province").
REGION_WORDS = frozenset({"province", "state", "region", "governorate", "oblast", "county", "prefecture"})
# A place that is the subject of a verb acts as its government or army ("Israel launched strikes",
# "Moscow said"), except of these, which say what happened there ("Brazil has recorded 52 deaths").
SUFFERING_VERBS = frozenset(
    {"be", "have", "record", "report", "register", "see", "suffer", "count", "experience", "account"}
)
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

# Verbs of saying: their subject's place is the reporter's, not the event's ("officials in Kyiv said").
SAYING_VERBS = REPORTING_VERBS | SPEECH_VERBS
# ... of which the passive's subject is told or described, not the reporter ("people in Toledo were
# told not to drink the water", "the fires in X are described as the deadliest").
ADDRESSED_VERBS = frozenset({"tell", "warn", "urge", "ask", "describe", "call"})


def reports(tok: Token) -> bool:
    """``tok`` is the subject of a saying verb, so a place in it is the reporter's: "officials in X
    said", "deaths were recorded in X"; not "people in X were told"."""
    lemma = tok.head.lemma_.lower()
    if tok.dep_ == "nsubjpass":
        return lemma in SAYING_VERBS - ADDRESSED_VERBS
    return tok.dep_ == "nsubj" and lemma in SAYING_VERBS


# Who gives a report, and where: a place after them is the report's ("officials in Kyiv", "a briefing in Geneva").
REPORTER_NOUNS = frozenset(
    {
        "official",
        "authority",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "diplomat",
        "office",
        "mission",
        "agency",
        "ministry",
    }
)
BRIEFING_NOUNS = frozenset({"briefing", "conference", "statement"})

# Verbs that say where an event happened ("the crash happened in X"; "take place" is read from "take").
LOCATING_VERBS = frozenset({"happen", "occur"})
# ... whose subject must be the story's event, not another one ("a similar attack happened in X").
OTHER_EVENT_WORDS = frozenset({"another", "similar", "earlier", "previous", "separate", "other"})

_NOT_WORD = re.compile(r"[^\w\s]")


def place_key(name: str, dropped: Collection[str]) -> str:
    """A place name compared without case, punctuation, a leading "the" and the words of ``dropped``
    (place types: "the Hodeida province" -> "hodeida")."""
    words = _NOT_WORD.sub(" ", name.lower()).split()
    if words[:1] == ["the"]:
        words = words[1:]
    return " ".join(w for w in words if w not in dropped)
