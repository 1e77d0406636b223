"""The ``incidents`` and ``incident_tolls`` tables: real-world events across articles, and their tolls.

Both are derived from every published figure each time a run publishes (``newsmine.incidents``),
and rewritten whole; neither is partitioned.
"""

import pyarrow as pa

from newsmine.extract.gazetteer import country_codes
from newsmine.tables.base import CRITICAL, Check, Column, Table, fixed
from newsmine.tables.dates import GRANULARITIES
from newsmine.tables.figures import CATEGORIES, QUALIFIERS

INCIDENTS = Table(
    name="incidents",
    doc="One row per real-world incident: the figures of all articles that count one event (docs/incidents.md).",
    columns=(
        Column(
            "incident_id", pa.string(), "`inc-<figure_id>` of the incident's earliest figure (`figures.incident_id`)."
        ),
        Column("label", pa.string(), "Kind, place, country and date: 'earthquake, Amatrice, IT, 2016-08-24'."),
        Column("kind", pa.string(), "The kind of event its figures count most ('earthquake', 'bombing').", True),
        Column("country_code", pa.string(), "ISO 3166-1 alpha-2 code its figures give most.", nullable=True),
        Column("location", pa.string(), "The place its figures name most, as written.", nullable=True),
        Column(
            "event_date",
            pa.date32(),
            "When it happened: the most precise event date its reports give; null for a running total.",
            nullable=True,
        ),
        Column("event_date_granularity", pa.string(), "day, month or year; null with `event_date`.", nullable=True),
        Column("running_total", pa.bool_(), "A toll summed over a period ('since the war began'), not one event."),
        Column("first_reported", pa.date32(), "Publication date of its first article."),
        Column("last_reported", pa.date32(), "Publication date of its latest article."),
        Column("articles", pa.int64(), "How many articles report it."),
        Column("figures", pa.int64(), "How many figures count it."),
    ),
    key=("incident_id",),
    partitioned=False,
    checks=(
        Check(
            "incident_id_unique", "ExpectColumnValuesToBeUnique", fixed(column="incident_id"), CRITICAL, "incident_id"
        ),
        Check(
            "incident_has_figures",
            "ExpectColumnValuesToBeBetween",
            fixed(column="figures", min_value=1),
            CRITICAL,
            "figures",
            "every incident has a figure",
        ),
        Check(
            "reported_ordered",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(column_A="last_reported", column_B="first_reported", or_equal=True),
            CRITICAL,
            "last_reported",
            "first_reported <= last_reported",
        ),
        Check(
            "incident_date_not_after_report",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(
                column_A="last_reported", column_B="event_date", or_equal=True, ignore_row_if="either_value_is_missing"
            ),
            CRITICAL,
            "event_date",
            "event_date on or before last_reported",
        ),
        Check(
            "incident_country_known",
            "ExpectColumnValuesToBeInSet",
            lambda _s: {"column": "country_code", "value_set": sorted(country_codes())},
            CRITICAL,
            "country_code",
        ),
        Check(
            "incident_granularity_known",
            "ExpectColumnValuesToBeInSet",
            fixed(column="event_date_granularity", value_set=list(GRANULARITIES)),
            CRITICAL,
            "event_date_granularity",
        ),
    ),
)

TOLLS = Table(
    name="incident_tolls",
    doc="One row per report of an incident's toll: a figure that gives the incident's count of a category.",
    columns=(
        Column("incident_id", pa.string(), "The incident (`incidents.incident_id`)."),
        Column("category", pa.string(), "What happened to the counted (`figures.category`, never 'other')."),
        Column("value", pa.int64(), "The reported toll; for a range, its low end."),
        Column("value_low", pa.int64(), "Lower bound, as in `figures`.", nullable=True),
        Column("value_high", pa.int64(), "Upper bound, as in `figures`.", nullable=True),
        Column("qualifier", pa.string(), f"One of {', '.join(QUALIFIERS)}."),
        Column("as_of", pa.date32(), "Publication date of the article that reports it."),
        Column("article_id", pa.string(), "The reporting article."),
        Column("figure_id", pa.string(), "The figure (`figures.figure_id`)."),
        Column("attributed_to", pa.string(), "Who gave it (`figures.attributed_to`).", nullable=True),
        Column(
            "is_latest",
            pa.bool_(),
            "The incident's current toll of the category: the current value in the most recently published "
            "article that reports it (the largest when its sources differ); a newer report overrides an "
            "older one, also when it revises down.",
        ),
    ),
    key=("incident_id", "figure_id"),
    partitioned=False,
    checks=(
        Check(
            "toll_key_unique",
            "ExpectCompoundColumnsToBeUnique",
            fixed(column_list=["incident_id", "figure_id"]),
            CRITICAL,
            "figure_id",
        ),
        Check(
            "toll_incident_exists",
            "ExpectColumnValuesToBeInSet",
            fixed(column="incident_known", value_set=[True]),
            CRITICAL,
            "incident_id",
            "every toll's incident is in `incidents`",
        ),
        Check(
            "one_latest_per_category",
            "ExpectColumnValuesToBeInSet",
            fixed(column="latest_in_category", value_set=[1]),
            CRITICAL,
            "is_latest",
            "exactly one latest toll per incident and category",
        ),
        Check(
            "as_of_not_after_run",
            "ExpectColumnValuesToBeBetween",
            fixed(column="as_of_days_before_run", min_value=0),
            CRITICAL,
            "as_of",
            "as_of on or before the run's date",
        ),
        Check(
            "toll_low_not_above_value",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(column_A="value", column_B="value_low", or_equal=True, ignore_row_if="either_value_is_missing"),
            CRITICAL,
            "value_low",
            "value_low <= value",
        ),
        Check(
            "toll_high_not_below_value",
            "ExpectColumnPairValuesAToBeGreaterThanB",
            fixed(column_A="value_high", column_B="value", or_equal=True, ignore_row_if="either_value_is_missing"),
            CRITICAL,
            "value_high",
            "value <= value_high",
        ),
        Check(
            "toll_category_known",
            "ExpectColumnValuesToBeInSet",
            fixed(column="category", value_set=[c for c in CATEGORIES if c != "other"]),
            CRITICAL,
            "category",
        ),
    ),
    helpers=("incident_known", "latest_in_category", "as_of_days_before_run"),
)

# Every figure the run publishes, with its incident: checked, never published (``figures`` holds the id).
FIGURE_INCIDENTS = Table(
    name="figure_incidents",
    doc="Each published figure's incident (validation only).",
    columns=(
        Column("article_id", pa.string(), "The article."),
        Column("figure_id", pa.string(), "The figure."),
        Column("incident_id", pa.string(), "Its incident.", nullable=True),
    ),
    key=("article_id", "figure_id"),
    partitioned=False,
    checks=(
        Check(
            "figure_incident_exists",
            "ExpectColumnValuesToBeInSet",
            fixed(column="incident_known", value_set=[True]),
            CRITICAL,
            "incident_id",
            "every figure's incident is in `incidents`",
        ),
    ),
    helpers=("incident_known",),
)

DERIVED = {INCIDENTS.name: INCIDENTS, TOLLS.name: TOLLS}
