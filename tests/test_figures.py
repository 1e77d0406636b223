"""Figures: table-driven rules, each with distractors that must not be extracted."""

from __future__ import annotations

import pytest

from newsmine.extract.figures import figures


def _facts(parse, text):
    return [(f.value, f.value_low, f.value_high, f.qualifier, f.category, f.subject) for f in parse(figures, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Air strikes killed 184 people in the town.", [(184, 184, 184, "exact", "killed", "people")]),
        ("At least 589 others were wounded.", [(589, 589, None, "at_least", "injured", "others")]),
        (
            "The army said it struck more than 200 targets overnight.",
            [(200, 200, None, "more_than", "struck", "targets")],
        ),
        ("Nearly 2,000 residents fled the city.", [(2000, None, 2000, "nearly", "displaced", "residents")]),
        ("Up to 40 fishermen are missing after the storm.", [(40, None, 40, "up_to", "missing", "fishermen")]),
        ("Gunmen kidnapped seven aid workers on the road.", [(7, 7, 7, "exact", "kidnapped", "workers")]),
        ("Police arrested a dozen protesters.", [(12, 12, 12, "exact", "arrested", "protesters")]),
        ("The rebels freed 15 hostages on Monday.", [(15, 15, 15, "exact", "released", "hostages")]),
        ("Between 20 and 30 houses were destroyed.", [(20, 20, 30, "exact", "struck", "houses")]),
        (
            "Officials said 1.2 million people were affected by the drought.",
            [(1_200_000, 1_200_000, 1_200_000, "exact", "affected", "people")],
        ),
        ("The death toll rose to 85 on Tuesday.", [(85, 85, 85, "exact", "killed", "people")]),
        ("Some 300 families were left homeless.", [(300, 300, 300, "about", "displaced", "families")]),
        ("Rescuers recovered 14 bodies from the river.", [(14, 14, 14, "exact", "killed", "bodies")]),
        (
            "More than 15,000 Palestinians have been killed.",
            [(15000, 15000, None, "more_than", "killed", "Palestinians")],
        ),
    ],
)
def test_figures_rules(parse, text, expected):
    assert _facts(parse, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A 12-year-old boy was among the crowd.",  # age
        "The agreement was signed in 2019.",  # year
        "Prices rose 45 percent last year.",  # percentage
        "The storm caused $30 million in damage.",  # money
        "The truce lasted seven days.",  # duration
        "A week-old truce collapsed.",  # duration compound
        "The second raid came at dawn.",  # ordinal
        "Call 555-0142 for information.",  # phone number
        "Dozens of people were hurt and hundreds fled.",  # vague quantities
        "The quake had a magnitude of 6.1 and struck 40 km away.",  # measurements
        "The nine-storey building shook.",  # compound attribute
        "The meeting started at 10:30 on 7 October.",  # clock time, date
        "It was one of the deadliest attacks in years.",  # 'one of' a superlative
    ],
)
def test_figures_distractors_are_not_figures(parse, text):
    assert _facts(parse, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The militia let go the nine engineers it had been holding.", [(9, "released")]),
        ("The kidnappers let four hostages go on Sunday.", [(4, "released")]),
        ("No fewer than 60 prisoners went free in March.", [(60, "released")]),
        ("The navy got 31 of its sailors back after the talks.", [(31, "released")]),
        ("The gang freed two nurses in May and released five more last week.", [(2, "released"), (5, "released")]),
        ("The number of refugees in the camps has reached some 48,000.", [(48000, "displaced")]),
        ("Officials raised the death toll from the landslide to 37.", [(37, "killed")]),
        ("Officials said 212 of those taken were still missing.", [(212, "kidnapped")]),
        ("At least 9 pupils were among those killed.", [(9, "killed")]),
        ("Soldiers rescued 16 miners from the shaft.", [(16, "other")]),
        ("The militants fired 30 rockets at the city.", [(30, "other")]),
        ("About 400 affected families received aid.", [(400, "affected")]),
    ],
)
def test_figures_categories_from_construction(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The bodies of Anna Berg, 34, and Tom Ward, 51, were returned.",  # ages in apposition
        "The 300 Brigade commander resigned.",  # number in a name
        "More than 20 rallies had taken place across the country.",  # 'taken place' is not kidnapping
        "Six carriages of the express left the track.",  # things do not flee
    ],
)
def test_figures_construction_distractors(parse, text):
    assert [(f.value, f.category) for f in parse(figures, text) if f.category != "other"] == []


def test_figures_offsets_and_sentence(parse, nlp):
    text = "Calm returned. Israeli strikes had killed 184 people, wounded at least 589 others."
    found = parse(figures, text)
    assert [text[f.start_char : f.end_char] for f in found] == ["184", "at least 589"]
    assert [f.text for f in found] == ["184", "at least 589"]
    assert {f.sentence_index for f in found} == {1}
    assert found[0].sentence == "Israeli strikes had killed 184 people, wounded at least 589 others."
    assert [f.figure_id for f in found] == ["a1-f001", "a1-f002"]


def test_figures_subset_keeps_group_category(parse):
    text = "Shelling killed 11 people, eight of whom were children."
    assert [(f.value, f.category, f.subject) for f in parse(figures, text)] == [
        (11, "killed", "people"),
        (8, "killed", "children"),
    ]


def test_figures_rate_is_other(parse):
    text = "Hamas released 10 hostages a day during the truce."
    assert [(f.value, f.category) for f in parse(figures, text)] == [(10, "other")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # events counted (accidents, outbreaks, fires, aftershocks) are ``other``, never their victims
        (
            "Police recorded 40 road accidents over the holiday, which killed 12 people.",
            [(40, "other"), (12, "killed")],
        ),
        (
            "The quake killed 60 people, and more than 300 aftershocks have shaken the region since.",
            [(60, "killed"), (300, "other")],
        ),
        (
            "Health officials said 35 outbreaks of cholera sickened 900 people last year.",
            [(35, "other"), (900, "affected")],
        ),
        # supplies sent or used (samples, kits, doses, parcels) are ``other`` too
        (
            "Cholera has sickened 300 people, and 1,200 samples have been tested so far.",
            [(300, "affected"), (1200, "other")],
        ),
        ("Aid agencies handed out 3,000 food parcels to 900 affected families.", [(3000, "other"), (900, "affected")]),
        # distractor: what the event did to buildings keeps its category
        ("The fire destroyed 25 houses and killed 3 people.", [(25, "struck"), (3, "killed")]),
    ],
)
def test_figures_counted_events_and_supplies_are_other(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "one" standing for a noun with an adjective of its own, or "no one", is no count
        ("The cyclone, the third major one to hit the coast this year, flattened 300 homes.", [(300, "struck")]),
        ("The typhoon was a powerful one, and it killed 12 people.", [(12, "killed")]),
        ("No one knows how many people were aboard the boat.", []),
        # distractors: "one" counting people stays a figure
        ("One man died and one woman was hurt in the crash.", [(1, "killed"), (1, "injured")]),
        ("The floods left one dead and 40 homeless.", [(1, "killed"), (40, "displaced")]),
    ],
)
def test_figures_pronoun_one_is_no_count(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parties to a conflict or a deal, named by their number, are no tally
        ("The two sides fought for hours near the river.", []),
        ("The two governments signed a truce on Monday.", []),
        ("A truce between the two sides collapsed after a raid killed 9 people.", [(9, "killed")]),
        # distractors: people of a side or of a government are counted
        ("The clashes killed 20 soldiers on both sides.", [(20, "killed")]),
        ("Two government soldiers were killed in the ambush.", [(2, "killed")]),
    ],
)
def test_figures_parties_are_no_tally(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # digit groups glued by hyphens, one starting with a zero, are a phone number or a code
        ("Call 555-0142 or 020-7946 for news of the 30 missing climbers.", [(30, "missing")]),
        # distractor: a hyphenated range of counts stays a figure
        ("The storm killed 12-15 people in the hills.", [(12, "killed")]),
    ],
)
def test_figures_glued_codes_are_no_counts(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # hardship: people going hungry, in need of relief or cut off from services are ``affected``
        ("An estimated 9,000 children could suffer malnutrition this year.", [(9000, "affected")]),
        ("The grid failure plunged 2 million people into darkness.", [(2_000_000, "affected")]),
        ("Aid agencies say 40,000 people in the region now need food aid.", [(40000, "affected")]),
        # people moved out of a danger zone are ``displaced``
        ("Officials moved 5,000 villagers out of the flood zone.", [(5000, "displaced")]),
        # distractor: people pulled out of the rubble are rescued, ``other``
        ("Rescuers pulled 15 survivors out of the rubble.", [(15, "other")]),
    ],
)
def test_figures_hardship_phrases(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people who got away from the danger themselves are ``other``
        (
            "About 60 miners got out before the tunnel collapsed, and 12 are still missing.",
            [(60, "other"), (12, "missing")],
        ),
        (
            "A mine flooded on Monday. Another 45 workers got out, and 9 are still missing.",
            [(45, "other"), (9, "missing")],
        ),
        (
            "The boat capsized, killing 20 people. At least 200 of the migrants made it to the shore.",
            [(20, "killed"), (200, "other")],
        ),
        # distractor: people trapped stay ``missing``
        ("The flood killed 8 people, and 15 workers were trapped in the tunnel.", [(8, "killed"), (15, "missing")]),
    ],
)
def test_figures_people_who_got_away(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a state said by a prepositional phrase: in need (of aid) is ``affected``, as refugees ``displaced``
        (
            "Fighting has killed 300 people, and 2 million civilians are in need of food aid.",
            [(300, "killed"), (2_000_000, "affected")],
        ),
        (
            "The war killed 500 people. About 300,000 Sudanese live in Chad as refugees.",
            [(500, "killed"), (300_000, "displaced")],
        ),
        # distractor: without a deadly lead the need was read already
        ("Officials said 2 million people are in need of food aid.", [(2_000_000, "affected")]),
    ],
)
def test_figures_need_and_refuge_phrases(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the trigger nearest a count is read in its own clause first: a coordinated clause's
        # "wounded" says nothing of the dead counted before it
        (
            "Eight firefighters were among those killed on Sunday and 25 more were badly wounded, the city said.",
            [(8, "killed"), (25, "injured")],
        ),
        (
            "The number of villagers killed in the clashes has risen to 48, and 210 more have been injured, officials said.",
            [(48, "killed"), (210, "injured")],
        ),
        ("Police said 9 guards were among the dead and 14 others were hurt.", [(9, "killed"), (14, "injured")]),
        # distractors: each count's own clause says its category
        ("At least 30 people were wounded in the attack that killed 12 soldiers.", [(30, "injured"), (12, "killed")]),
        ("The blast injured 40 people and killed 6, police said.", [(40, "injured"), (6, "killed")]),
    ],
)
def test_figures_nearest_trigger_in_own_clause(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # in an article about an illness or a poisoning, people in care are disease cases: ``affected``
        (
            "A suspected methanol poisoning killed 12 people. Twenty residents were hospitalised with breathing problems.",
            [(12, "killed"), (20, "affected")],
        ),
        (
            "Contaminated water caused a typhoid outbreak in the town. One woman was hospitalized with a high fever.",
            [(1, "affected")],
        ),
        (
            "A flu epidemic has closed schools in the region. Forty children were treated at the town clinic on Tuesday.",
            [(40, "affected")],
        ),
        # distractors: care after a blast, harm in the count's clause, and a discharge keep their category
        (
            "A bomb exploded at a market on Saturday. More than 80 people were taken to hospital after the blast.",
            [(80, "other")],
        ),
        (
            "A dengue outbreak has spread across the province. Three nurses were injured when the roof of the clinic collapsed.",
            [(3, "injured")],
        ),
        (
            "Food poisoning at a school fair sickened dozens of children. Twelve pupils were later discharged from hospital.",
            [(12, "other")],
        ),
    ],
)
def test_figures_sick_in_care_are_affected(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a verb that moves a tally to a number says nothing of the counted: the tally does
        (
            "A ferry sank on Monday, killing everyone aboard. Police first gave the toll as 58, but the port "
            "authority cut the number to 54 after a recount of the passenger list.",
            [(58, "killed"), (54, "killed")],
        ),
        ("The fire destroyed a market. Officials cut the number of dead to 16 on Tuesday.", [(16, "killed")]),
        (
            "A bus plunged into a river on Friday. Police later cut the number of dead from 30 to 27.",
            [(30, "killed"), (27, "killed")],
        ),
        # distractors: the verb governs no tally, or the tally's own verb already said it
        ("The storm cut power to 30,000 homes.", [(30000, "affected")]),
        ("The death toll from the quake rose to 85 on Tuesday.", [(85, "killed")]),
    ],
)
def test_figures_tally_moved_to_a_number(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # buildings and vehicles a trigger says were hit are ``struck``, never a people's category
        (
            "Witnesses said at least nine parked trucks were gutted by flames and that several drivers sleeping in their cabs died.",
            [(9, "struck")],
        ),
        ("The wildfire injured 12 firefighters and burned 300 homes.", [(12, "injured"), (300, "struck")]),
        # distractors: people hit by the same event keep their own category
        ("Flames engulfed nine trucks and injured four drivers.", [(9, "struck"), (4, "injured")]),
        ("The wildfire burned 300 homes and forced 2,000 residents to flee.", [(300, "struck"), (2000, "displaced")]),
    ],
)
def test_figures_buildings_and_vehicles_hit_are_struck(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an object predicative says the category, whatever the verb's own sense ("left" is displacement)
        (
            "Thousands fled the town after the shelling, which left 30 people dead and 50 homeless.",
            [(30, "killed"), (50, "displaced")],
        ),
        # distractors: the complement agrees with the verb's sense, or another verb finds the dead
        ("Floods swept through the valley and left 3,000 families homeless.", [(3000, "displaced")]),
        ("Rescuers found 6 climbers dead near the summit.", [(6, "killed")]),
    ],
)
def test_figures_object_predicative_says_the_category(parse, text, expected):
    assert [(f.value, f.category) for f in parse(figures, text)] == expected
