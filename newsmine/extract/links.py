"""Linking figures to their context: the place and its country, the event date and the source."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Doc, Token

from newsmine.extract.event_dates import after_main, clause_date, date_index, main_date
from newsmine.extract.event_kinds import figure_kind, lead_kind
from newsmine.extract.gazetteer import countries_named, nationality_country
from newsmine.extract.main_places import main_place
from newsmine.extract.nationwide import says_the_country
from newsmine.extract.place_anaphora import referred_place
from newsmine.extract.place_asides import reference_point, reported_from
from newsmine.extract.place_names import candidates, in_reporter, token_index
from newsmine.extract.place_phrases import in_tally
from newsmine.extract.places import (
    COUNTRY,
    LARGE,
    LOCAL,
    REGION,
    WORLD,
    country_of,
    holders,
    number_before,
    place_country,
    specificity,
    syntactic_place,
)
from newsmine.extract.records import DateMention, Entity, Figure, Quote
from newsmine.extract.sources import attribution, context
from newsmine.extract.views import LEAD_SENTENCES, sentence_span


def _token_at(doc: Doc, start: int, end: int) -> Token:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else doc[0]


def _article_country(
    places: list[Entity], main: Entity | None, ents: list[Entity], named: frozenset[str]
) -> str | None:
    """The country of the article's main event: its place's (a name several countries have goes to
    the one the article names), else the most named country."""
    code = place_country(main.normalized, named) if main is not None else None
    if code:
        return code
    codes = Counter(c for c in (place_country(e.normalized, named) for e in places) if c)
    codes.update(c for c in (nationality_country(e.normalized) for e in ents if e.label == "NORP") if c)
    return codes.most_common(1)[0][0] if codes else None


@dataclass(frozen=True)
class _Places:
    """An article's places as the linking reads them, computed once per article."""

    by_token: dict[int, Entity]
    by_sentence: dict[int, list[Entity]]
    reporters: frozenset[Entity]  # places in the subject of a reporting verb ("officials in Kyiv")
    holders: dict[str, set[str]]  # each place's holders, as the text names them (:func:`holders`)
    references: frozenset[Entity]  # points of reference ("100 km northwest of Johannesburg")
    all: list[Entity]  # in text order
    told_in: frozenset[Entity]  # where a report was given ("told reporters in Bangkok")

    @classmethod
    def of(cls, doc: Doc, places: list[Entity]) -> _Places:
        by_sentence: dict[int, list[Entity]] = {}
        for e in places:
            by_sentence.setdefault(e.sentence_index, []).append(e)
        reporters = frozenset(e for e in places if in_reporter(doc, e))
        index = token_index(doc, places)
        references = frozenset(e for e in places if reference_point(doc, e))
        told_in = frozenset(e for e in places if reported_from(doc, e))
        return cls(index, by_sentence, reporters, holders(doc, places, index), references, places, told_in)

    @cached_property
    def outer(self) -> frozenset[str]:
        """Places the text names as holding another ("Istanbul's Ataturk Airport")."""
        return frozenset(o for names in self.holders.values() for o in names)


# Words that make a sentence's count a total over the world.
WORLDWIDE = frozenset({"worldwide", "globally"})
# ... or over several countries ("in 11 countries", "across both nations").
_SEVERAL = frozenset({"both", "several", "many"})


def _over_several_places(tok: Token, found: Entity | None, by_token: dict[int, Entity]) -> bool:
    """The count is a total over several places, so it has none: the place the parse ties to it is
    joined to another with no count between them ("in Spain and Portugal", not "12 in Spain and 5
    in Portugal"), or, when the parse ties it to none, its sentence counts worldwide or in a
    number of countries ("across 11 African countries")."""
    if found is not None:
        for i in (i for i, e in by_token.items() if e is found):
            for other in (c for c in tok.doc[i].children if c.dep_ == "conj" and c.i in by_token):
                between = tok.doc[min(i, other.i) : max(i, other.i)]
                if by_token[other.i].normalized != found.normalized and not any(t.like_num for t in between):
                    return True
        return False
    for t in sentence_span(tok):
        if t.lower_ in WORLDWIDE:
            return True
        plural = t.lemma_.lower() in {"country", "nation"} and t.tag_ == "NNS"
        placed = plural and t.dep_ == "pobj" and t.head.lower_ in {"in", "across"}
        if placed and any(c.like_num or c.lower_ in _SEVERAL for c in t.children):
            return True
    return False


def _part_places(tok: Token, beside: list[Entity]) -> list[Entity]:
    """The places of the count's own parts, numbers in apposition to it ("three more deaths, two in X
    and one in Y")."""
    noun = tok.head if tok.dep_ == "nummod" else tok
    # numbers set beside the counted noun or its verb ("deaths were recorded, three in X")
    parts = {c.i for w in (noun, noun.head) for c in w.children if c.dep_ in {"appos", "npadvmod"} and c.like_num} - {
        tok.i
    }
    parts |= {c.i for p in list(parts) for c in tok.doc[p].children if c.dep_ == "conj" and c.like_num}
    placed = []
    for e in beside:
        span = tok.doc.char_span(e.start_char, e.end_char, alignment_mode="expand")
        if span is not None and span.root.dep_ == "pobj" and span.root.head.head.i in parts:
            placed.append(e)
    return placed


def _split_over_places(tok: Token, beside: list[Entity]) -> bool:
    """The count's parts are placed in two places or more, so the total has no one place."""
    return len({e.normalized for e in _part_places(tok, beside)}) >= 2


def _another_counts(tok: Token, place: Entity) -> bool:
    """The place is another count's of the sentence, under a preposition of that number ("95 were
    hurt: 40 to Komfo Anokye Hospital, 31 to ..."), so not the place of the count at ``tok``."""
    span = tok.doc.char_span(place.start_char, place.end_char, alignment_mode="expand")
    if span is None or span.root.dep_ != "pobj":
        return False
    prep = span.root.head
    number = prep.head if prep.head.like_num else number_before(prep)
    return number is not None and number.i != tok.i


def _place(tok: Token, fig: Figure, known: _Places, main: Entity | None, country: str | None) -> Entity | None:
    """The place of the count at ``tok``; ``country`` is the article's (for a main place the
    gazetteer cannot place)."""
    by_token = known.by_token
    found = syntactic_place(tok, by_token)
    if _over_several_places(tok, found, by_token):
        return None
    if found is None:
        beside = known.by_sentence.get(fig.sentence_index, [])
        if _split_over_places(tok, beside):
            return None  # "three more deaths, two in X and one in Y": the total has no one place
        # "officials in Rafah said 67 were killed" in a story about talks in Cairo: the count is Rafah's
        # (a main place the gazetteer cannot place is taken to be in the article's country)
        told = [e for e in beside if e in known.reporters]
        if told and main is not None and country_of(told[0]) not in {None, country_of(main) or country}:
            return told[0]
        # a place the sentence names beside the count, though the parse ties it to none: the most
        # specific, the nearest on a tie
        named = [
            e
            for e in beside
            if e not in known.reporters
            and e not in known.references
            and not (e in known.told_in and country_of(e) not in {None, country})  # told abroad
            and not _another_counts(tok, e)
        ]
        if named:
            best = max(
                named,
                key=lambda e: (specificity(e), e.normalized not in known.outer, -abs(e.start_char - fig.start_char)),
            )
            return main if main is not None and _lead_refined(best, fig, main) else best
        referred = referred_place(tok, known.all)
        if referred is not None:
            return referred  # "The city's death toll rose to 210" after "In the city of Yaan"
        if main is not None and says_the_country(sentence_span(tok)):
            # "106 fires have broken out across the country": the count is the country's (the
            # article's country when the gazetteer does not know the main place's)
            code = country_of(main) or country
            return next((e for e in by_token.values() if specificity(e) == COUNTRY and country_of(e) == code), main)
        return main
    # "a strike on a village in Sudan killed 100": the lead's town is more precise than its country
    # (not a tally's item, whose count is its own: "Sokoto with 287")
    if (
        main is not None
        and not in_tally(tok.doc, found)
        and (
            (specificity(found) <= REGION < specificity(main) and main.sentence_index == fig.sentence_index)
            or _lead_refined(found, fig, main)
        )
    ):
        return main if _within(main, found) else found
    return found


def _within(main: Entity, place: Entity) -> bool:
    """The main place may lie in ``place``: same country (or one the gazetteer cannot tell), or a
    town name that country has."""
    return country_of(main) in {None, country_of(place)} or country_of(place) in countries_named(main.normalized)


def _lead_refined(place: Entity, fig: Figure, main: Entity) -> bool:
    """A count of the lead, up to the main place's sentence, placed in a country, a region or a
    large city the main town lies in ("a train crash in Bavaria ... near Holzkirchen"), or in a
    country the main region lies in ("a bus crash in Peru ... through Apurimac region"): the main
    place is the more precise."""
    if fig.sentence_index >= LEAD_SENTENCES or fig.sentence_index > main.sentence_index:
        return False
    coarse = specificity(place) <= REGION or (specificity(place) == LARGE and place.label == "GPE")
    finer = specificity(main) >= LOCAL or (specificity(place) == COUNTRY and specificity(main) == REGION)
    return coarse and finer and _within(main, place)


def named_countries(places: list[Entity], ents: list[Entity]) -> frozenset[str]:
    """The countries an article names, as places or as nationalities ("Greek firefighters")."""
    codes = {country_of(e) for e in places if specificity(e) == COUNTRY}
    codes |= {nationality_country(e.normalized) for e in ents if e.label == "NORP"}
    return frozenset(c for c in codes if c)


def _country(place: Entity | None, known: _Places, named: frozenset[str], fallback: str | None) -> str | None:
    if place is None:
        return None
    places = known.all
    code = place_country(place.normalized, named)
    if code and code not in named and specificity(place) > COUNTRY:
        # the gazetteer's bearer of the name lies in a country the article does not name: a place
        # the text gives as holding it says which ("Florence, a township near Cape Town")
        held = sorted({c for c in (place_country(o, named) for o in known.holders.get(place.normalized, ())) if c})
        if held and code not in held:
            return next((c for c in held if c in named), held[0])
    if code:
        return code
    near = [
        c for c in (place_country(e.normalized, named) for e in places if e.sentence_index == place.sentence_index) if c
    ]
    if fallback in near or not near:
        return fallback
    return near[0]


def _parts_country(tok: Token, fig: Figure, known: _Places, named: frozenset[str], article: str | None) -> str | None:
    """The country of the places a total is split over ("two in X and one in Y", both in Spain): the
    article's when one of them is in it, else their one country."""
    parts = _part_places(tok, known.by_sentence.get(fig.sentence_index, []))
    if len(parts) < 2:
        return None
    codes = {place_country(e.normalized, named) for e in parts}
    if article in codes:
        return article
    return codes.pop() if len(codes) == 1 else None


def link_figures(
    doc: Doc, found: list[Figure], ents: list[Entity], mentions: list[DateMention], said: list[Quote] | None = None
) -> list[Figure]:
    """Fill ``location``, ``country_code``, ``event_date``, ``attributed_to`` and ``event_kind`` on each figure.

    The location is the place the parse ties to the count, else a place its sentence names, else
    the place of the article's main event (never a world region, nor one of several places a total
    spans: "in Spain and Portugal", "across 11 countries"); its country comes from the
    gazetteer, else from the places named beside it, else from the article's main country.
    """
    if not found:
        return found
    places = candidates(doc, ents)
    known = _Places.of(doc, places)
    main = main_place(doc, places, known.by_token)
    named = named_countries(places, ents)
    fallback = _article_country(places, main, ents, named)
    dates_by_token = date_index(doc, mentions)
    main_day = main_date(doc, mentions)
    ctx = context(doc, said or [])
    lead = lead_kind(doc)
    linked = []
    for fig in found:
        tok = _token_at(doc, fig.start_char, fig.end_char)
        place = _place(tok, fig, known, main, fallback)
        if place is not None and specificity(place) == WORLD:
            place = None  # "62 killed across western Europe": a total over countries has no place
        when, period = clause_date(tok, dates_by_token, main_day)
        if when is None and not period and not after_main(fig.category, main_day):
            when = main_day
        linked.append(
            replace(
                fig,
                location=place.text if place is not None else None,
                country_code=_country(place, known, named, fallback)
                or _parts_country(tok, fig, known, named, fallback),
                event_date=when.resolved_date if when is not None else None,
                event_date_granularity=when.granularity if when is not None else None,
                attributed_to=attribution(fig.sentence_index, tok, ctx),
                event_kind=figure_kind(tok, lead),
            )
        )
    return linked
