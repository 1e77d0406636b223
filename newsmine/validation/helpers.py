"""Helper columns computed for validation only (never published): lengths, years, day spans.

A table names the helpers its checks refer to (``Table.helpers``); each helper is a function here,
by name, so that a new table's checks can use them without a case of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd


@dataclass(frozen=True)
class Context:
    """What helpers may read besides the rows: article text lengths, and the ingestion date."""

    lengths: dict[str, int]
    ingested_on: date
    incident_ids: frozenset[str] = frozenset()  # the incidents the run publishes


def _days(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (pd.to_datetime(later) - pd.to_datetime(earlier)).dt.days


HELPERS: dict[str, Callable[[pd.DataFrame, Context], pd.Series]] = {
    # the length of the row's article text, for the offset checks (-1 when the article is unknown)
    "article_length": lambda f, c: f["article_id"].map(c.lengths).fillna(-1).astype("int64"),
    "published_year": lambda f, c: pd.to_datetime(f["published_date"]).dt.year,
    "days_before_ingestion": lambda f, c: (pd.Timestamp(c.ingested_on) - pd.to_datetime(f["published_date"])).dt.days,
    "resolved_year": lambda f, c: pd.to_datetime(f["resolved_date"]).dt.year,
    "days_after_published": lambda f, c: _days(f["resolved_date"], f["published_date"]),
    "incident_known": lambda f, c: f["incident_id"].isin(c.incident_ids),
    "latest_in_category": lambda f, c: (
        f.groupby(["incident_id", "category"])["is_latest"].transform("sum").astype("int64")
    ),
    "as_of_days_before_run": lambda f, c: (pd.Timestamp(c.ingested_on) - pd.to_datetime(f["as_of"])).dt.days,
}

# The columns a helper reads, beyond those its table's checks name.
HELPER_INPUTS: dict[str, tuple[str, ...]] = {
    "incident_known": ("incident_id",),
    "latest_in_category": ("incident_id", "category", "is_latest"),
    "as_of_days_before_run": ("as_of",),
}


def add_helpers(
    helpers: tuple[str, ...],
    frame: pd.DataFrame,
    lengths: dict[str, int],
    ingested_on: date,
    incident_ids: frozenset[str] = frozenset(),
) -> pd.DataFrame:
    """Add the named helper columns (a table's ``Table.helpers``) to ``frame``, in place."""
    context = Context(lengths, ingested_on, incident_ids)
    for name in helpers:
        frame[name] = HELPERS[name](frame, context)
    return frame
