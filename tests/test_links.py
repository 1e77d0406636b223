"""Figure links: where (location, country_code), when (event_date) and who (attributed_to)."""

from __future__ import annotations

from datetime import date

import pytest

from newsmine.extract.dates import dates
from newsmine.extract.entities import entities
from newsmine.extract.figures import figures
from newsmine.extract.gazetteer import countries_named, lookup, nationality_country, region_country
from newsmine.extract.links import link_figures
from newsmine.extract.places import place_country
from newsmine.extract.quotes import quotes
from newsmine.extract.records import Figure


@pytest.fixture(scope="module")
def linked(nlp):
    def run(text: str, published: date) -> dict[int, Figure]:
        doc = nlp(text)
        found = figures(doc, "a1", published)
        out = link_figures(doc, found, entities(doc, "a1"), dates(doc, "a1", published), quotes(doc, "a1"))
        return {f.value: f for f in out}

    return run


# text, publication date, value -> event_date: the main event's date when the count's clause has none
MAIN_EVENT_DATES = [
    # a lead that dates its mourning; a later sentence dates the event of the lead's kind
    (
        "Villagers buried their dead on Tuesday after a fire destroyed the market, killing 31 traders.\n\n"
        "Neighbours brought food to the families. The local council met to plan the rebuilding.\n\n"
        "The fire broke out on Sunday night in a row of wooden stalls.",
        date(2021, 3, 10),
        31,
        date(2021, 3, 7),
    ),
    # "began" for a lasting kind of event starts a period: no event date for what is counted since
    (
        "The cholera outbreak began on Monday in the port district. It has killed 14 people, doctors said.",
        date(2019, 5, 9),
        14,
        None,
    ),
    # ... but a fire that started on a day is that day's event
    (
        "The fire started on Saturday evening in a warehouse. Firefighters said 12 workers died in the blaze.",
        date(2019, 5, 13),
        12,
        date(2019, 5, 11),
    ),
    # a lead that names no kind of event: a later sentence's date of any event word
    (
        "The number of people killed jumped to 900 on Tuesday, officials said.\n\n"
        "Hospitals were full. Aid arrived from abroad.\n\n"
        "Sunday's volcanic eruption buried three villages.",
        date(2021, 3, 10),
        900,
        date(2021, 3, 7),
    ),
    # the clause that says what happened to the counted dates them, also through an event's day
    (
        "Floods hit the coast on Sunday. Roads were closed. Schools shut. Firefighters said 12 people"
        " who died in Friday's blaze had been identified.",
        date(2024, 3, 11),
        12,
        date(2024, 3, 8),
    ),
    # distractor: a state that still held on a day is when it was told
    (
        "A landslide buried a village on Monday. Police counted 40 people who were still missing on Thursday.",
        date(2024, 3, 8),
        40,
        date(2024, 3, 4),
    ),
    # a belief's day is when it was held: "presumed dead on Sunday" died in the main event
    (
        "A volcano erupted on Saturday. Twenty climbers were presumed dead on Sunday, police said.",
        date(2024, 3, 11),
        20,
        date(2024, 3, 9),
    ),
    # a month or a year a report covers dates its counts; a running total of a report has no date
    (
        "Road crashes killed many. The agency recorded 535 deaths in 2021, it said.",
        date(2024, 3, 8),
        535,
        date(2021, 1, 1),
    ),
    # "so far" alone is the toll of the story's event until now; "so far this year" a running total
    (
        "Storms hit the coast on Monday. The agency has recorded 40 deaths so far, it said.",
        date(2024, 3, 8),
        40,
        date(2024, 3, 4),
    ),
    (
        "Storms hit the coast on Monday. The agency has recorded 40 deaths so far this year, it said.",
        date(2024, 3, 8),
        40,
        None,
    ),
    (
        "Storms hit the coast on Monday. The agency has recorded 40 deaths so far in 2023, it said.",
        date(2024, 3, 8),
        40,
        None,
    ),
    # a toll over the whole of a war or an epidemic has no event date
    (
        "Shelling hit the northern city on Monday. At least 300 people have died in the war, officials said.",
        date(2024, 3, 8),
        300,
        None,
    ),
    # distractor: a day's clashes are one event
    (
        "Police fired tear gas at protesters on Monday. Officials said 40 people were hurt in the clashes.",
        date(2024, 3, 8),
        40,
        date(2024, 3, 4),
    ),
    # a count in a clause that "since" introduces is an earlier event's, not the story's
    (
        "Gunmen stormed a market on Monday, killing 12 traders. It was the deadliest attack in the"
        " region since gunmen killed 20 people.",
        date(2024, 3, 8),
        20,
        None,
    ),
    # distractor: the story's own count takes the story's date
    (
        "Gunmen stormed a market on Monday, killing 12 traders. It was the deadliest attack in the"
        " region since gunmen killed 20 people.",
        date(2024, 3, 8),
        12,
        date(2024, 3, 4),
    ),
    # a background event of the lead's kind in a later sentence, long before publication, is not it
    (
        "Rescuers pulled 20 survivors from the rubble of the building, officials said on Friday.\n\n"
        "Hundreds of volunteers joined the search. Cranes arrived from the capital.\n\n"
        "A similar building collapsed on 3 March 2015 in the same district.",
        date(2020, 6, 12),
        20,
        None,
    ),
    # a named event's date dates a toll of it, though the toll was told on another day
    (
        "The death toll from the Jan. 3 Harbour Fire reached 40 on Tuesday, officials said.",
        date(2024, 1, 10),
        40,
        date(2024, 1, 3),
    ),
    # a count in a "when" clause of a date, or in the participle that goes on from it, is of that day
    (
        "The attack on Monday was the deadliest since 4 March, when police said a car bomb had killed 22 people.",
        date(2024, 3, 20),
        22,
        date(2024, 3, 4),
    ),
    (
        "The blast on Monday was the worst since 4 March, when a bomber struck a cafe, leaving 22 people dead.",
        date(2024, 3, 20),
        22,
        date(2024, 3, 4),
    ),
    # a clause "N days after" another is that many days before it
    (
        "A drone strike on Monday came three days after a missile hit a school, killing 10 pupils.",
        date(2024, 3, 20),
        10,
        date(2024, 3, 15),
    ),
    # distractor: a count after a "when" clause that it is not part of
    (
        "Gunmen attacked the market on Monday. The army said on Tuesday, when it sent more troops, that 22"
        " people died.",
        date(2024, 3, 20),
        22,
        date(2024, 3, 18),
    ),
    # a count over a span of days has none, and an end of the span is not the main event's day
    ("Floods between 10 July and 18 July killed 510 people in the province.", date(2023, 7, 20), 510, None),
    ("Floods from 3 July to 9 July killed 40 people in the province.", date(2023, 7, 20), 40, None),
    (
        "Heavy rain fell across the province from 3 July to 9 July. Officials said 40 people died.",
        date(2023, 7, 20),
        40,
        None,
    ),
    (
        "Twenty-three soldiers were killed in attacks on Tuesday and Wednesday, the army said.",
        date(2023, 7, 21),
        23,
        None,
    ),
    # a month the clause is about dates its counts, also as the subject of "was" or a period's part
    ("September was the deadliest month of the year, with 396 deaths.", date(2023, 11, 10), 396, date(2023, 9, 1)),
    ("Floods killed 11 people in the first half of 2022, the agency said.", date(2023, 11, 10), 11, date(2022, 1, 1)),
    # no event date in the lead: a later sentence's day, the day before publication, is the story's
    (
        "Officials said on Monday that 12 people had died. Dozens were hurt. Roads were closed.\n\n"
        "The streets of the town were empty on Sunday morning.",
        date(2023, 11, 13),
        12,
        date(2023, 11, 12),
    ),
    # distractor: ... not a day further back
    (
        "Officials said on Monday that 12 people had died. Dozens were hurt. Roads were closed.\n\n"
        "The streets of the town were empty on Wednesday morning.",
        date(2023, 11, 13),
        12,
        None,
    ),
    # what followed an event is not dated as the event
    (
        "Thousands fled their homes on Sunday after floods swept the valley. The floods killed 44 people,"
        " officials said.",
        date(2023, 11, 16),
        44,
        None,
    ),
    # an event that broke out days before publication still goes on: its toll is over its course
    (
        "The fire broke out on Thursday in the hills. It has killed 42 people, officials said on Monday.",
        date(2023, 11, 13),
        42,
        None,
    ),
    # distractor: ... not one the story tells as over
    (
        "A fire broke out on Thursday in the market. It killed 42 people before it was put out on Friday.",
        date(2023, 11, 13),
        42,
        date(2023, 11, 9),
    ),
    # distractor: one that broke out the day before is the day's event
    (
        "A fire broke out on Sunday in the market. It killed 42 people, officials said on Monday.",
        date(2023, 11, 13),
        42,
        date(2023, 11, 12),
    ),
    # a state that still holds on a day is told that day; the count takes the main event's date
    (
        "A landslide buried a village on Monday. Forty people were still missing on Thursday, police said.",
        date(2022, 8, 18),
        40,
        date(2022, 8, 15),
    ),
    # a follow-up told days later: a later sentence names the event's own day, as a date of its noun,
    # of a verb that names it, or of a clause that describes it
    (
        "Officials said on Thursday that 150 people had now died in the earthquake, as the search went on.\n\n"
        "Aid workers said 80 people remained in hospital on Thursday. Roads were reopened.\n\n"
        "Many of the houses toppled by the March 3 quake were built of mud brick.",
        date(2022, 3, 12),
        150,
        date(2022, 3, 3),
    ),
    (
        "The number of passengers confirmed dead rose to 61 on Monday night, the coast guard said.\n\n"
        "Divers searched the cabins on Monday. Families waited at the port.\n\n"
        "Relatives demanded answers from the operator. Some blamed the weather.\n\n"
        "Others blamed the crew. The government promised an inquiry.\n\n"
        "The ferry capsized off the island on April 2 while carrying 300 people.",
        date(2019, 4, 16),
        61,
        date(2019, 4, 2),
    ),
    (
        "Officials said on Tuesday that no more bodies had been found, leaving the toll at 19.\n\n"
        "Crews went back to work on Tuesday morning. Engineers checked the walls.\n\n"
        "Families gathered at a church. A vigil was held. Flowers were laid at the gate.\n\n"
        "Investigators will now turn to the fire, which swept through the warehouse late Friday.",
        date(2018, 12, 11),
        19,
        date(2018, 12, 7),
    ),
    # distractor: a day of a lasting event (protests, a war) is not the event's day
    (
        "Rights groups said on Thursday that 30 people had been killed in the protests.\n\n"
        "Police denied the claims. Many were arrested.\n\n"
        "The protests came to a head on March 2, when crowds marched on parliament.",
        date(2021, 3, 11),
        30,
        None,
    ),
    # distractor: nor the day of an event of another kind, nor one more than a month before publication
    (
        "Officials said on Thursday that 150 people had now died in the earthquake.\n\n"
        "Aid workers said 80 people remained in hospital on Thursday. Roads were reopened.\n\n"
        "The March 3 flood had already damaged many of the houses.",
        date(2022, 3, 12),
        150,
        date(2022, 3, 10),
    ),
    (
        "Officials said on Thursday that 150 people had now died in the earthquake.\n\n"
        "Aid workers said 80 people remained in hospital on Thursday. Roads were reopened.\n\n"
        "The January 3 quake had already damaged many of the houses.",
        date(2022, 3, 12),
        150,
        date(2022, 3, 10),
    ),
    # the lead tells its event as N days before one of its dates (a report's too)
    (
        "Officials on Friday raised the toll of the mine explosion to 52, four days after a blast tore"
        " through the shaft.\n\nRescuers said 30 miners were still in hospital on Friday.",
        date(2021, 6, 11),
        52,
        date(2021, 6, 7),
    ),
    (
        "The army said on Thursday that 14 soldiers had died, three days after gunmen ambushed a convoy near the border.",
        date(2021, 6, 10),
        14,
        date(2021, 6, 7),
    ),
    # distractor: an "after" clause that names no event, and an offset in a later sentence
    (
        "Officials on Friday raised the number of people hurt to 52, four days after the talks ended.\n\n"
        "Rescuers said 30 people were still in hospital on Friday.",
        date(2021, 6, 11),
        52,
        date(2021, 6, 11),
    ),
    (
        "Officials said on Friday that 52 people had died in the flood.\n\n"
        "Roads were closed. Schools shut. Aid arrived.\n\n"
        "The vote came four days after a storm hit the coast.",
        date(2021, 6, 11),
        52,
        None,
    ),
    # arrests told days after the event were made since, on days the text does not give
    (
        "Police have arrested six people as part of the inquiry into the market bombing, officials said.\n\n"
        "The bomb exploded on Tuesday. The number of people killed rose to 30, the ministry said.",
        date(2019, 5, 10),
        6,
        None,
    ),
    # distractor: the follow-up's other undated counts are of the event's day
    (
        "Police have arrested six people as part of the inquiry into the market bombing, officials said.\n\n"
        "The bomb exploded on Tuesday. The number of people killed rose to 30, the ministry said.",
        date(2019, 5, 10),
        30,
        date(2019, 5, 7),
    ),
    # distractor: in the day's news, arrests are of the event's day
    (
        "A bomb exploded at the market on Thursday, killing 12 people. Police said they had arrested four suspects.",
        date(2019, 5, 10),
        4,
        date(2019, 5, 9),
    ),
    # a count that happened "earlier", on no day the text gives, is not of the story's event
    (
        "Floods swept the valley on Monday, killing 20 people. Two others had died earlier in the north, officials said.",
        date(2021, 9, 7),
        2,
        None,
    ),
    # distractor: an earlier day the text gives, and an earlier report of the story's toll
    (
        "Floods swept the valley on Monday, killing 20 people. Two others had died earlier on Sunday, officials said.",
        date(2021, 9, 7),
        2,
        date(2021, 9, 5),
    ),
    (
        "Floods swept the valley on Monday. Earlier in the day officials had given a toll of 73 dead.",
        date(2021, 9, 7),
        73,
        date(2021, 9, 6),
    ),
]


@pytest.mark.parametrize(("text", "published", "value", "expected"), MAIN_EVENT_DATES)
def test_links_event_date_of_the_main_event(linked, text, published, value, expected):
    assert linked(text, published)[value].event_date == expected


# text, publication date, value -> (location, country_code, event_date, granularity)
PLACES_AND_DATES = [
    (
        "Syrian shelling killed 12 people in Aleppo on Monday, the Observatory said.",
        date(2023, 3, 8),
        12,
        ("Aleppo", "SY", date(2023, 3, 6), "day"),
    ),
    (
        "Israeli strikes killed 40 people in Khan Younis overnight, health officials in Gaza said on Saturday.",
        date(2023, 12, 2),
        40,
        ("Khan Younis", "PS", None, None),
    ),
    (
        "A fire swept through a market in Lagos on Friday. Firefighters said 9 traders died and 14 were injured.",
        date(2022, 6, 5),
        14,
        ("Lagos", "NG", date(2022, 6, 3), "day"),
    ),
    (
        "Floods have killed 230 people in Pakistan since June, according to the disaster agency.",
        date(2022, 8, 20),
        230,
        ("Pakistan", "PK", None, None),
    ),
    (
        "The bus plunged into a gorge near Shimla on Sunday. At least 17 passengers died, the district magistrate said.",
        date(2021, 4, 12),
        17,
        ("Shimla", "IN", date(2021, 4, 11), "day"),
    ),
    (
        "An explosion hit a mosque in the Kher Bala area of Kabul on Friday, killing 8 worshippers.",
        date(2022, 9, 3),
        8,
        ("Kher Bala area", "AF", date(2022, 9, 2), "day"),
    ),
    (
        "The earthquake struck eastern Turkey on 6 February, killing more than 4,000 people.",
        date(2023, 2, 10),
        4000,
        ("Turkey", "TR", date(2023, 2, 6), "day"),
    ),
    (
        "Brazil has recorded 52 dengue deaths this month, the Ministry of Health said on Thursday.",
        date(2024, 3, 8),
        52,
        ("Brazil", "BR", None, None),
    ),
    (
        "Officials in Kharkiv said 3 people were killed when a missile hit a hotel.",
        date(2024, 1, 1),
        3,
        ("Kharkiv", "UA", None, None),
    ),
    (
        "The eruptions of Mount Merapi, which began last month, have killed 135 people, officials said on Sunday.",
        date(2010, 11, 7),
        135,
        ("Mount Merapi", None, None, None),
    ),
    (
        "Moscow said 50 Ukrainian soldiers were captured near Bakhmut.",
        date(2023, 5, 20),
        50,
        ("Bakhmut", "UA", None, None),
    ),
    # a place the gazetteer does not know takes the article's country: of a town name several
    # countries have, the one the article names; else the most populous bearer's
    (
        "Floods swept through Valencia, Spain, on Tuesday. Officials said two more people died in Torrejoncillo del Sur.",
        date(2024, 3, 8),
        2,
        ("Torrejoncillo del Sur", "ES", date(2024, 3, 5), "day"),
    ),
    (
        "Floods swept through Valencia on Tuesday. Officials said two more people died in Torrejoncillo del Sur.",
        date(2024, 3, 8),
        2,
        ("Torrejoncillo del Sur", "VE", date(2024, 3, 5), "day"),
    ),
]


@pytest.mark.parametrize(("text", "published", "value", "expected"), PLACES_AND_DATES)
def test_links_place_country_and_event_date(linked, text, published, value, expected):
    fig = linked(text, published)[value]
    assert (fig.location, fig.country_code, fig.event_date, fig.event_date_granularity) == expected


@pytest.mark.parametrize(
    ("text", "published", "value", "not_place"),
    [
        ("Israeli strikes killed 40 people in Khan Younis overnight.", date(2023, 12, 2), 40, "Israeli"),
        ("Moscow said 50 Ukrainian soldiers were captured near Bakhmut.", date(2023, 5, 20), 50, "Moscow"),
        ("Police arrested 15 Kenyan students on Tuesday.", date(2024, 6, 27), 15, "Kenyan"),
    ],
)
def test_links_nationalities_and_acting_governments_are_not_places(linked, text, published, value, not_place):
    assert linked(text, published)[value].location != not_place


# text, value -> location: the place of the article's main event, for a count whose clause names none
MAIN_PLACES = [
    # a town named in passing does not refine the lead's country: a place of part of the toll,
    # someone's origin
    (
        "Floods hit Bangladesh on Monday. Eleven of the dead were in Sylhet. Rescuers said 30 people were missing.",
        30,
        "Bangladesh",
    ),
    (
        "Floods hit Bangladesh on Monday. A man from Sylhet was among the dead. Rescuers said 30 people were missing.",
        30,
        "Bangladesh",
    ),
    # distractor: a town where the event itself is told refines it
    (
        "Floods hit Bangladesh on Monday. The water rose fastest in Sylhet. Rescuers said 30 people were missing.",
        30,
        "Sylhet",
    ),
    # ... also when another clause of its sentence counts a part of something else ("some of them")
    (
        "Wildfires that tore through central Chile killed 131 people on Tuesday. The fires in the Valparaiso region"
        " are the deadliest in decades, and officials said some of them may have been set on purpose.",
        131,
        "Valparaiso",
    ),
    # distractor: a part of the toll in the clause of the place itself
    (
        "Floods hit Bangladesh on Monday, killing 40 people. Half of the dead were in Sylhet district, officials said.",
        40,
        "Bangladesh",
    ),
    # a lead's count placed in a region takes the town the lead's event is placed in next
    (
        "A train crash in Bavaria killed 10 people on Tuesday. The trains collided near the market town of Holzkirchen.",
        10,
        "Holzkirchen",
    ),
    # a name the NER tags as a person that the text calls a village or a mountain is a place
    ("Gunmen stormed Tal Hamid, a village in the north, on Sunday, killing 14 people.", 14, "Tal Hamid"),
    ("Mount Merapi erupted on Sunday, killing 14 people.", 14, "Mount Merapi"),
    # a dateline's city is the story's place, though the NER missed it or took it for a person
    ("PORT ELLEN, Scotland — A ferry ran aground on Monday. Rescuers said 3 passengers died.", 3, "PORT ELLEN"),
    ("KALMAR, Sweden — A ferry ran aground on Monday. Rescuers said 3 passengers died.", 3, "KALMAR"),
    # distractor: a story filed from another country than its lead's is neither the city's nor that country's
    ("GENEVA, Switzerland — Fighting in Sudan has worsened. Aid groups said 300 people died last week.", 300, "Sudan"),
    # a total over several places has none
    ("Heat waves killed 1,169 people in Spain and Portugal last month.", 1169, None),
    ("Cholera has killed 524 people worldwide, including many in Nigeria.", 524, None),
    # distractors: a count the parse places keeps its place, whatever else its sentence counts over
    ("A plane crashed near Bishoftu on Sunday, killing all 157 people from 35 countries on board.", 157, "Bishoftu"),
    ("The virus, which has spread worldwide, killed 12 people in Lagos on Monday.", 12, "Lagos"),
    # distractor: "one of" a thing that is not the toll is no part of the toll
    (
        "Floods hit Bangladesh on Monday. One of the worst storms in years struck Sylhet. Rescuers said 30 people"
        " were missing.",
        30,
        "Sylhet",
    ),
    # distractor: an organisation named like a mountain that gives a report is no place
    ("The Mount Sinai Health System said on Sunday that 3 patients died.", 3, None),
    # distractor: counts of each place keep their place
    ("Floods killed 12 people in Spain and 5 in Portugal last month.", 5, "Portugal"),
    # a lead name the gazetteer cannot place gives way to the town the text names it in
    (
        "Two freight trains collided in Bavaria on Tuesday. The crash happened near the small spa town"
        " of Kolbermoor, south of Munich. Police said 12 people died.",
        12,
        "Kolbermoor",
    ),
    # a sentence of the opening that says where the event happened makes that place the event's
    (
        "Floods swept through northern Pakistan on Monday, reaching the outskirts of Peshawar. Officials"
        " said 12 people died. The disaster happened in the Swat Valley, police said.",
        12,
        "the Swat Valley",
    ),
    # distractor: what happened elsewhere, in another country, is another event
    (
        "Floods swept through northern Pakistan on Monday, reaching the outskirts of Peshawar. Officials"
        " said 12 people died. A similar disaster happened in Kabul last year.",
        12,
        "Pakistan",
    ),
    # distractor: "a similar attack" in the same country is another event
    (
        "A bomb exploded at a market in Peshawar on Monday. Officials said 12 people died. Two days"
        " earlier a similar attack took place in Quetta.",
        12,
        "Peshawar",
    ),
    # a place whose name begins with "the" is a place, not a nationality
    ("Floods swept through the Swat Valley on Monday. Officials said 12 people died.", 12, "the Swat Valley"),
    # distractor: a city not called a town does not replace the lead's region
    ("Two freight trains collided in Bavaria on Tuesday, south of Munich. Police said 12 people died.", 12, "Bavaria"),
    # a lead without a place: the first place named after it, not the city that holds it
    (
        "It was a quiet morning for the passengers. Nobody expected trouble. Everyone was calm. Then their"
        " plane skidded off the runway at Lisbon's Humberto Delgado airport on Monday. Officials said 40 people died.",
        40,
        "Humberto Delgado airport",
    ),
    # distractor: the city itself when it holds nothing
    (
        "It was a quiet morning for the passengers. Nobody expected trouble. Everyone was calm. Then their"
        " plane skidded off the runway in Lisbon on Monday. Officials said 40 people died.",
        40,
        "Lisbon",
    ),
    # a place its sentence names beside the count, though not tied to it by the parse, beats the lead's
    (
        "Floods hit homes in Kandahar on Monday. Nobody was hurt there. Rescuers who reached Herat counted 40 collapsed houses.",
        40,
        "Herat",
    ),
    # a count over "the country" is the country's, not the lead's town
    (
        "A fire destroyed a market in Kano, Nigeria, on Monday. Officials said 320 fires had broken out"
        " across the country this year.",
        320,
        "Nigeria",
    ),
    # ... also when the gazetteer does not know the lead's town: the article's country
    (
        "A fuel tanker exploded in the town of Tsangarwa in Nigeria on Monday, killing 30 people. Officials said"
        " the country recorded 400 such accidents last year.",
        400,
        "Nigeria",
    ),
    # distractor: a part of the country is not the country
    (
        "Gunmen attacked the village of Tsangarwa in Nigeria on Monday, killing 30 people. Officials said 12 more"
        " people died in the southwest of the country.",
        12,
        "Tsangarwa",
    ),
    # a total over a world region has no place
    ("The storm reached Kyiv on Monday. Nearly 60 people have died across Europe, officials said.", 60, None),
]


# text, value -> location: a tally by place ("Kaduna with 230")
TALLIES = [
    ("The worst-hit states were Kaduna with 230 cases and Sokoto with 119, the agency said.", 230, "Kaduna"),
    ("The worst-hit states were Kaduna with 230 cases and Sokoto with 119, the agency said.", 119, "Sokoto"),
    # ... also when the parse hangs "with" on another word of the list
    *(
        (
            "Kenya recorded the most cases with 900, followed by Uganda with 640, Rwanda with 420, Burundi with 330"
            " and Tanzania with 310.",
            value,
            place,
        )
        for value, place in [(640, "Uganda"), (420, "Rwanda"), (330, "Burundi"), (310, "Tanzania")]
    ),
    # distractor: "with" under a verb is not a tally, and the place it left is not the count's
    ("The convoy left Tuscany with 30 ambulances on Monday.", 30, None),
    # items the tagger takes for a person, a title or a verb are places when the gazetteer knows
    # them, also with a comma before "with"; in the lead, a tally's item is not refined to a town
    # of its sentence
    *(
        (
            "Cholera has spread fast this year. The hardest-hit states are Zamfara, with 1,204 suspected"
            " cases, followed by Kebbi with 433, Sokoto with 287 and Taraba with 154.",
            value,
            place,
        )
        for value, place in [(1204, "Zamfara"), (433, "Kebbi"), (287, "Sokoto"), (154, "Taraba")]
    ),
    *(
        (
            "The hardest-hit provinces were Ekiti, with 812 cases, then Nasarawa with 391 and Kwara with 140,"
            " the agency said.",
            value,
            place,
        )
        for value, place in [(812, "Ekiti"), (391, "Nasarawa"), (140, "Kwara")]
    ),
    # distractors: a person or a day before "with" is no tally's place
    (
        "A bus crashed near Kaduna on Tuesday. The driver, Ibrahim Garba, with 14 passengers, was taken to hospital.",
        14,
        "Kaduna",
    ),
    ("A bus crashed near Kaduna on Monday, with 14 people killed.", 14, "Kaduna"),
]


# text, value -> location: an event's name is no place, whatever the NER tags it
EVENT_NAMES = [
    (
        "Soldiers pulled 12 bodies from a landslide in Honduras on Friday, set off by the rains of Hurricane Zelda.",
        12,
        "Honduras",
    ),
    (
        "Wildfires killed 14 people in the Valparaiso region on Monday. The president said furniture used at the"
        " Winter Games that Santiago hosted would go to the 300 families who lost their homes.",
        300,
        "Valparaiso",
    ),
    # distractors: a storm word or a place word that ends the name leaves a place
    ("Storms hit Tropical Bay on Monday, killing 12 people.", 12, "Tropical Bay"),
    ("Floods swept through the town of Korvak on Monday. Rescuers at Mount Aspen found 12 bodies.", 12, "Mount Aspen"),
]


# text, value -> location: a place in the subject of a passive saying verb is told or described,
# not the reporter's; in an active one's, or where deaths "were recorded", it is the report's
REPORTED_PLACES = [
    (
        "About 5,000 people in and around Korvale, the region's largest town, were told on Saturday not to drink"
        " tap water after algae bloomed on Lake Vell. Shops ran out of bottled water. Some 50 people queued at a"
        " pharmacy.",
        50,
        "Korvale",
    ),
    # distractors
    ("Fighting shook the capital on Monday. Officials in Korvale said 30 people were killed.", 30, "Korvale"),
    (
        "A boat capsized in Bangladesh on Monday, killing 40 people. Deaths were also recorded in the town of Sylhet.",
        40,
        "Bangladesh",
    ),
]


# text, value -> location: a place that records its own count is the count's place
RECORDING_PLACES = [
    *(
        (
            "Malawi has recorded 600 cholera cases and 20 deaths this season, the health agency said on Wednesday."
            " Its director told a briefing in Lilongwe that the outbreak was spreading.",
            value,
            "Malawi",
        )
        for value in (600, 20)
    ),
    # ... or accounts for part of a wider toll (which keeps no place)
    (
        "The outbreak has killed 900 people in East Africa this year. Uganda accounts for 300 of the deaths.",
        300,
        "Uganda",
    ),
    ("The outbreak has killed 900 people in East Africa this year. Uganda accounts for 300 of the deaths.", 900, None),
    # distractors: a place of its own in the reported clause, a place in the subject, a place that acts
    ("Malawi said on Wednesday that 600 people had died in floods in Blantyre.", 600, "Blantyre"),
    ("The outbreak has killed 900 people in East Africa this year. Uganda launched 30 vaccination drives.", 30, None),
    ("Zambia reported 45 new cases on Monday, its health ministry said.", 45, "Zambia"),
]


# text, value -> location: a place at a distance is a point of reference, not the count's place
REFERENCE_POINTS = [
    (
        "Police opened fire on striking workers outside a platinum mine near the town of Lemba on Thursday. The"
        " minister said 30 people had died in the clash at the mine, about 100 km northwest of Pretoria.",
        30,
        "Lemba",
    ),
    (
        "A dam burst near the village of Korvale on Monday. Officials said 40 homes were swept away in the valley,"
        " some 20 miles from Harare.",
        40,
        "Korvale",
    ),
    # distractors: the place itself, or a direction without a distance
    (
        "A dam burst near the village of Korvale on Monday. Officials said 40 homes were swept away in Harare.",
        40,
        "Harare",
    ),
    (
        "A dam burst near the village of Korvale on Monday. Officials said 40 homes were swept away north of Harare.",
        40,
        "Harare",
    ),
]


# text, value -> location: the counted noun's own participle places it ("the 40 deaths recorded in X")
PARTICIPLE_PLACES = [
    (
        "Floods hit the Balkans on Sunday. Twelve of the 40 deaths recorded in Serbia were in the town of Kraljevo.",
        40,
        "Serbia",
    ),
    # distractors: the part keeps its own place; without a participle the whole takes the clause's
    (
        "Floods hit the Balkans on Sunday. Twelve of the 40 deaths recorded in Serbia were in the town of Kraljevo.",
        12,
        "Kraljevo",
    ),
    ("Floods hit the Balkans on Sunday. Twelve of the 40 deaths were in the town of Kraljevo.", 40, "Kraljevo"),
    ("Floods hit the Balkans on Sunday. Rescuers counted 40 bodies found near Kraljevo.", 40, "Kraljevo"),
]


# text, value -> attributed_to
SOURCES = [
    # the subject of a verb that revises a toll gives it; of any other verb, not
    ("The coast guard raised its toll to 41 on Tuesday.", 41, "coast guard"),
    ("Investigators cut the number of dead to 17 after a recount.", 17, "Investigators"),
    ("The coast guard raised 41 flags on Tuesday.", 41, None),
    # a document the text cites is the source; a bare tally word is the toll, not who gave it
    ("Two bridges were destroyed in the storm, the statement said.", 2, "statement"),
    ("Government data show that 40 miners died last year.", 40, "Government data"),
    ("The figures show that 35 people died in the floods.", 35, None),
    ("The latest figures show that 35 people died in the floods.", 35, None),
    ("The ministry's statement said 12 people died in the floods.", 12, "ministry"),
    ("A tally compiled by local officials put the number of dead at 65.", 65, "local officials"),
    # a closing attribution gives the sentence's counts, however the parser attached it
    (
        "A missile fired by the rebels killed 5 people and wounded 22 in the port city, which is held by the"
        " government of the president, the state news agency reported on Tuesday.",
        5,
        "state news agency",
    ),
    # distractor: a closing telling verb with no comma before its subject belongs to a noun's clause
    ("Floods destroyed 40 homes that the agency reported.", 40, None),
    # the subject of a verb of belief or warning gives what it believes
    ("The army believes that 60 fighters were killed in the raid.", 60, "army"),
    # a source its sentence names, though the parse ties it to another clause
    (
        "Roughly 90 people were still missing on Friday after the mudslides that buried the hamlets,"
        " a fire official said, as crews dug on.",
        90,
        "fire official",
    ),
    ("Syrian shelling killed 12 people in Aleppo on Monday, the Observatory said.", 12, "Observatory"),
    ("Officials in Kharkiv said 3 people were killed when a missile hit a hotel.", 3, "Officials in Kharkiv"),
    ("Brazil has recorded 52 dengue deaths this month, the Ministry of Health said.", 52, "Ministry of Health"),
    # a body introduced with its abbreviation is named by both, whichever the count cites
    (
        "The Disaster Management Authority (DMA) met on Monday. Floods killed 230 people, the DMA said.",
        230,
        "Disaster Management Authority (DMA)",
    ),
    (
        "The Office of Civil Protection (OCP) met on Monday. Landslides buried 40 homes, the Office of"
        " Civil Protection said.",
        40,
        "Office of Civil Protection (OCP)",
    ),
    # ... also when the name opens the sentence with "The"
    (
        "The Regional Emergency Coordination Service (RECSA) met on Monday. Floods killed 30 people, RECSA said.",
        30,
        "Regional Emergency Coordination Service (RECSA)",
    ),
    # capitals in parentheses that abbreviate nothing before them are no abbreviation
    ("Storms killed 12 people (BST), the Weather Office said.", 12, "Weather Office"),
    (
        "Maria Lopez, the mayor, visited the site. She said 14 people were killed in the blast.",
        14,
        "Maria Lopez",
    ),
    (
        '"We found 20 wounded people inside the building," said Omar Haidari, a police spokesman.',
        20,
        "Omar Haidari",
    ),
    (
        "The storm hit the coast on Monday. Medics said 9 people died. Another 30 were injured.",
        30,
        "Medics",
    ),
    ("The earthquake struck eastern Turkey on 6 February, killing more than 4,000 people.", 4000, None),
    (
        "The health ministry said the outbreak was spreading.\n\nIt said 45 people had died of cholera.",
        45,
        "health ministry",
    ),
    # whoever writes or posts a count gives it, as whoever says it does
    ("The mayor wrote on Facebook that 16 homes were destroyed by the fire.", 16, "mayor"),
    ("The governor posted on social media that 25 people were injured in the crash.", 25, "governor"),
    # a closing attribution whose subject the parser tied to the object names the first of its sources
    ("Three days of storms killed 30 people in the valley, rescuers and local officials said.", 30, "rescuers"),
    ("The storms destroyed 30 homes, civil defence and police said.", 30, "civil defence"),
    # a bare "the agency" is the agency the article named before
    (
        "The Tanjug news agency reported the blast on Monday. The agency said 7 workers were hurt.",
        7,
        "Tanjug news agency",
    ),
    # distractor: an earlier agency of another name is not this one
    ("The farm ministry said 40 cattle drowned. The agency said 7 workers were hurt.", 7, "agency"),
    # a count that opens a paragraph is not given by a source across the break, though the
    # parser runs the two paragraphs into one sentence
    ("The health office said the clinics were full\n\n19 people died in the heat.", 19, None),
    # a bare "the director" or "the charity" is the name an earlier mention set it beside
    (
        "Ana Ruiz, the director of the Santa Lucia clinic, said 14 patients were hurt in the fire."
        " Later the director said three more had died.",
        3,
        "Ana Ruiz",
    ),
    (
        "The clinic's director, Ana Ruiz, said 14 patients were hurt in the fire. Later the director said"
        " three more had died.",
        3,
        "Ana Ruiz",
    ),
    (
        "Rescuers were helped by the Red Valley Trust, a charity. Hours later the charity said 40 families"
        " had been displaced by the floods.",
        40,
        "Red Valley Trust",
    ),
    # distractor: an earlier mention with no name beside it names no one
    (
        "A director of the clinic said 14 patients were hurt in the fire. Later the director said three more had died.",
        3,
        "director",
    ),
]


@pytest.mark.parametrize(("text", "value", "source"), SOURCES)
def test_links_attributed_to(linked, text, value, source):
    assert linked(text, date(2024, 3, 8))[value].attributed_to == source


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Kuwaiti", "KW"),
        ("Afghan", "AF"),
        ("Palestinians", "PS"),
        ("Israelis", "IL"),
        ("Nairobi", None),
        ("Essen", None),
        # demonyms unlike their country's name, or like another's
        ("Greek", "GR"),
        ("Filipino", "PH"),
        ("Spanish", "ES"),
        ("Nigerien", "NE"),
        ("Nigerian", "NG"),
        ("Sri Lankan", "LK"),
        # the country is the demonym and "stan"
        ("Kazakh", "KZ"),
        ("Kyrgyz", "KG"),
        ("Tajik", "TJ"),
        ("Uzbek", "UZ"),
        ("Stan", None),
        ("Lankan", None),
    ],
)
def test_gazetteer_nationality_country(word, code):
    assert nationality_country(word) == code


def test_gazetteer_regions_and_towns_of_several_countries():
    assert region_country("California") == "US"
    assert {"ES", "VE"} <= countries_named("Valencia")
    assert place_country("Valencia", frozenset({"ES"})) == "ES"
    assert place_country("Valencia", frozenset({"VE"})) == "VE"
    assert place_country("Kandahar province") == "AF"
    assert place_country("the Gaza Strip") == "PS"


@pytest.mark.parametrize(
    ("name", "code"),
    [("Kerala", "IN"), ("Bavaria", "DE"), ("Sichuan", "CN"), ("Badakhshan", "AF"), ("Texas", "US"), ("Atlantis", None)],
)
def test_first_level_regions_of_iso_3166_2_have_their_country(name: str, code: str | None) -> None:
    assert region_country(name) == code


def test_a_region_named_like_a_town_is_the_town() -> None:
    # ISO 3166-2 has provinces called Kabul and Lagos; news means the cities
    assert region_country("Kabul") is None and place_country("Kabul") == "AF"
    assert region_country("Lagos") is None and place_country("Lagos") == "NG"


def test_an_acronym_is_a_country_or_no_place() -> None:
    assert lookup("NIM") is None  # not the town "Nim"
    assert lookup("UAE") is not None and lookup("UAE").country_code == "AE"
    assert lookup("Democratic Republic of Congo").country_code == "CD"
    assert lookup("Netherlands").country_code == "NL"


def test_a_place_named_as_holding_another_loses_the_tie_in_its_sentence(linked):
    # the parse ties neither place to the count; both are large (Lagos and a facility): the one Lagos holds wins
    found = linked(
        "Gunmen killed 14 people and wounded dozens more at Lagos's Murtala Muhammed Airport.", date(2022, 5, 2)
    )
    assert found[14].location == "Murtala Muhammed Airport"
    assert found[14].country_code == "NG"


def test_a_place_the_gazetteer_does_not_know_takes_the_article_country_its_sentence_names(linked):
    # "Qorvand" is unknown; its sentence names Iraq first (a distractor), then Iran, the story's country
    found = linked(
        "A landslide buried a village in Iran on Monday.\n\n"
        "At least 12 people died in Qorvand district, close to Iraq, rescuers in Iran said.",
        date(2022, 5, 3),
    )
    assert found[12].location == "Qorvand"
    assert found[12].country_code == "IR"


# text, value -> (location, country): a region or a country the NER took for a person, where a place stands
PERSON_TAGGED_PLACES = [
    ("A landslide buried a road in eastern Sikkim on Monday, killing 12 workers, police said.", 12, ("Sikkim", "IN")),
    ("Floods swept through villages in Guerrero on Monday, killing 12 people.", 12, ("Guerrero", "MX")),
    # distractors: the same name as the subject of a report is a person, not the count's place
    ("Guerrero said 12 workers died in the fire at the factory in Lagos.", 12, ("Lagos", "NG")),
    ("Sikkim told reporters that 12 workers were hurt.", 12, (None, None)),
]


@pytest.mark.parametrize(("text", "value", "expected"), PERSON_TAGGED_PLACES)
def test_links_a_region_tagged_as_a_person_is_a_place(linked, text, value, expected):
    fig = linked(text, date(2024, 3, 8))[value]
    assert (fig.location, fig.country_code) == expected


# a country named for two parts goes by its first; a name some place already has keeps that place
@pytest.mark.parametrize(
    ("name", "code", "is_country"),
    [("Antigua", "AG", True), ("Saint Vincent", "VC", True), ("Serbia", "RS", True), ("Trinidad", "PH", False)],
)
def test_gazetteer_first_part_of_a_two_part_country_name(name, code, is_country):
    place = lookup(name)
    assert place is not None and (place.country_code, place.is_country) == (code, is_country)


def test_gazetteer_a_plural_first_part_is_no_country():
    assert lookup("Turks") is None


def test_links_country_of_a_two_part_country_named_by_its_first(linked):
    fig = linked("Floods hit Antigua on Monday, killing 12 people, officials said.", date(2024, 3, 8))[12]
    assert (fig.location, fig.country_code) == ("Antigua", "AG")


_TAKEN_IN = (
    "A packed ferry struck a pier in the Bantama district of Kumasi on Sunday, police said. Of the 95 passengers"
    " hurt, rescuers carried 40 to Komfo Anokye Hospital, 31 to Manhyia Hospital and 24 to Suntreso Hospital."
)
_FLOWN = (
    "A packed ferry struck a pier in the Bantama district of Kumasi on Sunday, police said. Helicopters lifted"
    " nine of the worst hurt to Korle Bu Hospital and moved 12 others to Ridge hospital."
)
# text, value -> location: the hospital that took in or treated the counted people is their place
HOSPITALS = [
    (_TAKEN_IN, 40, "Komfo Anokye Hospital"),
    (_TAKEN_IN, 31, "Manhyia Hospital"),
    (_TAKEN_IN, 24, "Suntreso Hospital"),
    (_FLOWN, 9, "Korle Bu Hospital"),
    (_FLOWN, 12, "Ridge hospital"),
    (
        'A bus overturned near Eldoret on Sunday, killing 11. "We did what we could," said John Mwangi, head of'
        " Kijabe Mission Hospital, which treated 26 of the injured.",
        26,
        "Kijabe Mission Hospital",
    ),
    # distractors: the total over the hospitals, a hospital that reports, a place that is no hospital
    (_TAKEN_IN, 95, "Bantama"),
    (
        "A bus overturned near Eldoret on Sunday. Doctors at Mercy Hospital said 40 people were killed in the crash"
        " near Eldoret.",
        40,
        "Eldoret",
    ),
    (
        "A bus overturned near Eldoret on Sunday, police said. The 19 who died were taken to the county mortuary.",
        19,
        "Eldoret",
    ),
]


_GORGE = "Eleven people were killed and 30 injured on Monday when a bus plunged into a gorge in Peru, officials said."
# text, value -> location: a lead's count placed in a country takes the region of the country the
# story's next sentences place the event in
LEAD_REGIONS = [
    (_GORGE + " The bus was travelling through Apurimac region on a narrow mountain road.", 11, "Apurimac region"),
    (_GORGE + " The bus was travelling through Apurimac region on a narrow mountain road.", 30, "Apurimac region"),
    (
        "Nine people were killed on Monday when a ferry sank off Vietnam, officials said. It was sailing along the"
        " coast of Quang Ninh province when it hit rocks.",
        9,
        "Quang Ninh province",
    ),
    # distractor: a region of another country is no part of the lead's
    (_GORGE + " The bus, which had come from Bolivia's Potosi department, was carrying 40 passengers.", 11, "Peru"),
]


_PROVINCES = (
    "Floods that swept through 12 provinces of central Vietnam on Monday killed at least 40 people, officials"
    " said. In the town of Hoi An, residents climbed onto rooftops. Rescuers said 300 homes had been damaged."
)
_ACROSS = (
    "Storms that battered dozens of districts across Bangladesh killed 25 people on Sunday, officials said."
    " In the town of Bhola, families sheltered in schools. Police said 60 fishermen were missing."
)
# text, value -> location: a lead whose event spans many parts of a place keeps that place, not a
# town of the next sentences
SPREAD_LEADS = [
    (_PROVINCES, 40, "Vietnam"),
    (_PROVINCES, 300, "Vietnam"),
    (_ACROSS, 25, "Bangladesh"),
    (_ACROSS, 60, "Bangladesh"),
    # distractor: a lead in one place gives way to the town, as before
    (_PROVINCES.replace("that swept through 12 provinces of", "in"), 300, "Hoi An"),
]


_STORMED = "Gunmen killed 30 people when they stormed a village in the north of Nigeria on Sunday, officials said."
# text, value -> location: a name set off by commas "in X state" is a settlement, whatever the NER
# tagged it, and the lead's village
SET_IN_REGIONS = [
    (
        _STORMED
        + " The attackers raided Kurmi, in Zamfara state, before dawn. Medics said 12 wounded villagers were treated.",
        30,
        "Kurmi",
    ),
    (
        _STORMED
        + " The attackers raided Kurmi, in Zamfara state, before dawn. Medics said 12 wounded villagers were treated.",
        12,
        "Kurmi",
    ),
    # distractor: a person so placed is no place
    (_STORMED + " A local leader, Musa Abubakar, in Zamfara state, said 12 villagers were wounded.", 12, "Nigeria"),
]


_QUAKE = "An earthquake hit northern Peru on Monday. Police said 22 pupils died at the {} in Sullana, in the north of the country."
# text, value -> location: a site's name before an adjective is the site's ("the X old market")
SITE_NAMES = [
    (_QUAKE.format("Piura old market"), 22, "Piura"),
    # distractor: a site without a name is placed by the town
    (_QUAKE.format("old market"), 22, "Sullana"),
]


_RIVER = (
    "A landslide pushed a truck off a mountain road and into the Kali Gandaki River in Nepal early on Sunday."
    " At least 25 people are missing. {}, police said."
)
# text, value -> location: a lead's river or lake gives way to a site of the next sentences by it
NATURAL_LEADS = [
    (_RIVER.format("The truck was swept away near the Beni Bridge"), 25, "the Beni Bridge"),
    # distractor: another river is no more precise
    (_RIVER.format("The river later joins the Seti River"), 25, "the Kali Gandaki River"),
]


# text, value -> location: what an event went through is its place
THROUGH_PLACES = [
    (
        "Fires hit Greece on Monday. A blaze from the forests near the village of Varnavas tore through the town"
        " of Marathon, destroying 40 homes.",
        40,
        "Marathon",
    ),
    # distractor: through a time, not a place
    (
        "Fires hit Greece on Monday. A blaze near the village of Varnavas burned through the night, destroying 40 homes.",
        40,
        "Varnavas",
    ),
]


_BLACKOUT = (
    "Pakistan was hit by a storm on Monday{}, leaving 20 million people without electricity. In the town of"
    " Okara, streets were under water."
)
# text, value -> location: a lead that names a country and speaks of the whole of it keeps the country
NATIONWIDE_LEADS = [
    (_BLACKOUT.format(" that cut power across the country"), 20_000_000, "Pakistan"),
    # distractor: a lead that does not gives way to the town, as before
    (_BLACKOUT.format(""), 20_000_000, "Okara"),
]


_RAID = (
    "Riot police detained 120 protesters outside a stadium in the small Nebraska town of Schuyler on Saturday"
    " night. Prosecutors said 90 of those held would face charges."
)
# text, value -> location: "the X town of Y" calls Y the town, inside X
TOWNS_OF = [
    (_RAID, 90, "Schuyler"),
    (_RAID, 120, "Schuyler"),
    # distractor: "Y town in X" still calls Y the town
    ("Floods hit Garissa town in Kenya on Monday. Officials said 40 people died.", 40, "Garissa"),
]


_LUSHAN = "An earthquake struck the town of Lushan in western China on Monday, flattening homes. "
# text, value -> location: a clause that names a place by its kind only refers back to the last
# place the text called so
REFERRED_PLACES = [
    (
        _LUSHAN
        + "In the city of Yaan, rescuers worked through the night. The city's death toll rose to 210 from 150, officials said.",
        210,
        "Yaan",
    ),
    (
        _LUSHAN
        + "In the city of Yaan, rescuers worked through the night. The city's death toll rose to 210 from 150, officials said.",
        150,
        "Yaan",
    ),
    (
        _LUSHAN + "Rescuers reached the Ganzi district by night. The district's death toll rose to 30, officials said.",
        30,
        "Ganzi district",
    ),
    # "there" in the count's clause is the last place named before its sentence
    (
        "A landslide buried homes in the town of Piura on Monday, officials said. Rescuers reached Sullana, a city"
        " farther north, late on Tuesday. Some 40 houses were flattened there, a soldier said.",
        40,
        "Sullana",
    ),
    # distractors: "there were" points nowhere, a kind word outside the count's clause, a kind the
    # text gave no place
    (
        "A landslide buried homes in the town of Piura on Monday, officials said. Rescuers reached Sullana, a city"
        " farther north, late on Tuesday. There were 40 homes still under mud, a soldier said.",
        40,
        "Piura",
    ),
    (
        _LUSHAN
        + "Rescuers reached Sichuan province by night. The governor said 12 people were hurt, the province's deputy governor among them.",
        12,
        "Lushan",
    ),
    (
        _LUSHAN + "Rescuers reached Sichuan province by night. The city's death toll rose to 30, officials said.",
        30,
        "Lushan",
    ),
]


_KUPIANSK = (
    "A missile attack flattened homes in {} on Monday, killing 14 people, officials said. Ukraine accused Russia"
    " of shelling Vovchansk, a border city, as well. The regional governor said 9 people were hurt.{}"
)
# text, value -> location: a lead's town that holds another place only later in the story is still
# the lead's place
LATER_HOLDERS = [
    (
        _KUPIANSK.format(
            "Kupiansk",
            " Rescuers worked into the night. Schools were closed. Later a drone hit the Kovalivka district of Kupiansk.",
        ),
        9,
        "Kupiansk",
    ),
    # distractor: one that holds another in the lead gives way to it
    (_KUPIANSK.format("the Kovalivka district of Kupiansk", ""), 9, "Kovalivka district"),
]


_CARRARA = "Floods killed 40 people in the town of Carrara on Monday. Five more deaths were recorded farther south"
# text, value -> (location, country): a total whose parts are placed in two places has no place,
# but keeps their country
SPLIT_TOTALS = [
    (_CARRARA + ", three in Umbria and two in Lazio.", 5, (None, "IT")),
    (_CARRARA + ", three in Umbria and two in Lazio.", 3, ("Umbria", "IT")),
    # distractor: a total placed in one place
    (_CARRARA + ", in Umbria.", 5, ("Umbria", "IT")),
]


_DELTA = "A cyclone tore through the Ayeyarwady delta in Myanmar on Saturday. The toll was about 5,000, a {} told {}."
_FERRY = (
    "A ferry sank near Bwiro island in Lake Victoria on Thursday{}. Officials in {} said 80 people were feared dead."
)
# text, value -> location: a report given abroad does not place the count; a reporter's place in the
# article's own country does not displace the main place the gazetteer cannot place
REPORTS_ELSEWHERE = [
    (_DELTA.format("diplomat", "Reuters in Bangkok"), 5000, "the Ayeyarwady delta"),
    (_FERRY.format("", "Tanzania"), 80, "Bwiro"),
    # distractors: a report given in the country, officials of another country
    (_DELTA.format("minister", "reporters in Yangon"), 5000, "Yangon"),
    (_FERRY.format(", in Tanzania's worst disaster in years", "Uganda"), 80, "Uganda"),
]


_FIRES = (
    "Wildfires that swept through 12 provinces of northern Spain killed 20 people on Monday, the minister said."
    " Rescuers said 14 people had died in the fires{}, while two more deaths were reported in Huesca."
)
# text, value -> location: the place of the incident the count happened in is the count's
INCIDENT_PLACES = [
    (_FIRES.format(" in Cantabria, near the border with Asturias"), 14, "Cantabria"),
    # distractor: an incident named without a place
    (_FIRES.format(""), 14, "Huesca"),
]


# one table per kind of place rule: text, value -> the count's location
PLACE_KINDS = {
    "main_place_of_counts_without_their_own": MAIN_PLACES,
    "place_of_a_tally_by_place": TALLIES,
    "the_hospital_that_took_them_in": HOSPITALS,
    "a_region_of_the_leads_country": LEAD_REGIONS,
    "a_lead_spread_over_a_place": SPREAD_LEADS,
    "a_name_set_in_a_region": SET_IN_REGIONS,
    "a_sites_name_before_an_adjective": SITE_NAMES,
    "a_leads_river_gives_way_to_a_site": NATURAL_LEADS,
    "what_an_event_went_through": THROUGH_PLACES,
    "a_lead_over_the_whole_country": NATIONWIDE_LEADS,
    "the_region_town_of_a_name": TOWNS_OF,
    "a_place_referred_to_by_its_kind": REFERRED_PLACES,
    "a_lead_town_holding_a_place_later": LATER_HOLDERS,
    "a_report_given_elsewhere": REPORTS_ELSEWHERE,
    "the_place_of_the_incident": INCIDENT_PLACES,
    "an_event_name_is_not_a_place": EVENT_NAMES,
    "a_participle_of_the_counted_noun_places_it": PARTICIPLE_PLACES,
    "a_point_of_reference_is_not_the_place": REFERENCE_POINTS,
    "a_place_that_records_its_count": RECORDING_PLACES,
    "a_place_told_or_described_is_not_the_reporters": REPORTED_PLACES,
}


@pytest.mark.parametrize(
    ("text", "value", "location"),
    [pytest.param(*case, id=f"{kind}-{i}") for kind, cases in PLACE_KINDS.items() for i, case in enumerate(cases)],
)
def test_links_place_by_kind(linked, text, value, location):
    assert linked(text, date(2024, 3, 8))[value].location == location


# text, value -> (location, country_code): a country that names who the counted are ("UK citizens")
# is their nationality, not the count's place; a place the distractor's text names as a workplace keeps it
PEOPLE_OF_A_COUNTRY = [
    ("Rebels freed 12 UK citizens in the hills of Darfur on Friday, officials in Sudan said.", 12, ("Darfur", "SD")),
    (
        "Kidnappers released 7 U.S. workers near the port of Mombasa on Sunday, Kenyan police said.",
        7,
        ("Mombasa", "KE"),
    ),
    # distractor: the country names the mine, not the people
    ("A mine collapse at the Chile copper mine killed 5 workers on Monday.", 5, ("Chile", "CL")),
]


# text, value -> (location, country_code): a town's name that the gazetteer gives to a town of
# another country takes the country of the place the text says holds it
HELD_TOWNS = [
    (
        "A fire swept through Florence, a township near Cape Town, on Monday, killing 11 people."
        " It was the worst fire in South Africa this year.",
        11,
        ("Florence", "ZA"),
    ),
    ("A fire swept through Florence, a township near Cape Town, on Monday, killing 11 people.", 11, ("Florence", "ZA")),
    # distractor: with no place holding it, the gazetteer's town
    (
        "A storm flooded Florence on Monday, killing 11 people. It was the worst storm in Italy this year.",
        11,
        ("Florence", "IT"),
    ),
]


# one table per kind of rule for the place and its country: text, value -> (location, country_code)
PLACE_AND_COUNTRY_KINDS = {
    "a_total_split_over_places_has_none": SPLIT_TOTALS,
    "a_country_naming_the_people_counted_is_no_place": PEOPLE_OF_A_COUNTRY,
    "a_town_takes_the_country_of_its_holder": HELD_TOWNS,
}


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        pytest.param(*case, id=f"{kind}-{i}")
        for kind, cases in PLACE_AND_COUNTRY_KINDS.items()
        for i, case in enumerate(cases)
    ],
)
def test_links_place_and_country_by_kind(linked, text, value, expected):
    fig = linked(text, date(2024, 3, 8))[value]
    assert (fig.location, fig.country_code) == expected
