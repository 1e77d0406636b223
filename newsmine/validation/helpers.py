"""Helper columns computed for validation only (never published): lengths, years, day spans."""

from __future__ import annotations

from datetime import date

import pandas as pd


def _days(later: pd.Series, earlier: pd.Series) -> pd.Series:
    return (pd.to_datetime(later) - pd.to_datetime(earlier)).dt.days


def add_helpers(name: str, frame: pd.DataFrame, lengths: dict[str, int], ingested_on: date) -> pd.DataFrame:
    """Add the helper columns a table's checks refer to (see ``Table.helpers``), in place."""
    out = frame
    if "article_id" in out and name != "articles":
        out["article_length"] = out["article_id"].map(lengths).fillna(-1).astype("int64")
    if name == "articles":
        published = pd.to_datetime(out["published_date"])
        out["published_year"] = published.dt.year
        out["days_before_ingestion"] = (pd.Timestamp(ingested_on) - published).dt.days
    if name == "dates":
        out["resolved_year"] = pd.to_datetime(out["resolved_date"]).dt.year
        out["days_after_published"] = _days(out["resolved_date"], out["published_date"])
    return out
