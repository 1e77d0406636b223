"""The ``entities`` table: named entities, places geocoded offline."""

import pyarrow as pa

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

LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")

TABLE = Table(
    name="entities",
    doc="One row per named-entity mention; places carry a country code and coordinates from GeoNames.",
    columns=(
        Column("article_id", pa.string(), "The article (`articles.article_id`)."),
        Column("text", pa.string(), "The mention, titles removed ('Robert Mardini')."),
        Column("label", pa.string(), f"One of {', '.join(LABELS)} (spaCy labels, places corrected by the gazetteer)."),
        Column(
            "normalized", pa.string(), "Name shared by mentions of one entity in an article ('Benjamin Netanyahu')."
        ),
        Column("sentence_index", pa.int64(), "0-based index of the sentence in the article."),
        Column("start_char", pa.int64(), "Offset of `text` in `articles.text`."),
        Column("end_char", pa.int64(), "End offset (exclusive) of `text` in `articles.text`."),
        Column("country_code", pa.string(), "ISO 3166-1 alpha-2 code of a place.", nullable=True),
        Column("latitude", pa.float64(), "Latitude of a place (WGS84).", nullable=True),
        Column("longitude", pa.float64(), "Longitude of a place (WGS84).", nullable=True),
        *common_columns(),
        month_column(),
    ),
    key=("article_id", "start_char"),
    checks=(
        Check(
            "entity_key_unique",
            "ExpectCompoundColumnsToBeUnique",
            fixed(column_list=["article_id", "start_char"]),
            CRITICAL,
            "start_char",
        ),
        Check(
            "label_known",
            "ExpectColumnValuesToBeInSet",
            fixed(column="label", value_set=list(LABELS)),
            CRITICAL,
            "label",
        ),
        Check(
            "text_not_empty", "ExpectColumnValueLengthsToBeBetween", fixed(column="text", min_value=1), CRITICAL, "text"
        ),
        *offset_checks(),
        Check(
            "latitude_valid",
            "ExpectColumnValuesToBeBetween",
            fixed(column="latitude", min_value=-90, max_value=90),
            CRITICAL,
            "latitude",
        ),
        Check(
            "longitude_valid",
            "ExpectColumnValuesToBeBetween",
            fixed(column="longitude", min_value=-180, max_value=180),
            CRITICAL,
            "longitude",
        ),
        Check(
            "places_geocoded",
            "ExpectColumnValuesToNotBeNull",
            fixed(column="country_code", mostly=0.0),
            WARNING,
            "country_code",
        ),
    ),
    helpers=("article_length",),
)
