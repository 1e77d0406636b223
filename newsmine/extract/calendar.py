"""Calendar arithmetic for resolving date expressions against a publication date."""

from __future__ import annotations

from datetime import date, timedelta

# The one list of month names: dates, figures (months are not counts) and their abbreviations.
MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS: dict[str, int] = {}
for _n, _name in enumerate(MONTH_NAMES, 1):
    MONTHS[_name] = _n
    MONTHS[_name[:3]] = _n
MONTHS["sept"] = 9

WEEKDAYS = {
    name: n for n, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}


def month_number(word: str) -> int:
    """1..12 for a month name or abbreviation ("Nov.", "September")."""
    return MONTHS[word.lower().rstrip(".")]


def weekday_on_or_before(anchor: date, weekday: int, strictly: bool = False) -> date:
    """The most recent ``weekday`` on or before ``anchor`` (before it when ``strictly``)."""
    back = (anchor.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def weekday_on_or_after(anchor: date, weekday: int, strictly: bool = False) -> date:
    """The next ``weekday`` on or after ``anchor`` (after it when ``strictly``)."""
    ahead = (weekday - anchor.weekday()) % 7
    if strictly and ahead == 0:
        ahead = 7
    return anchor + timedelta(days=ahead)


def month_day_year(month: int, day: int, anchor: date, future: bool) -> int:
    """The year that puts month/day nearest to ``anchor`` in the tense's direction.

    A January article's past-tense "Dec. 28" is last year; a December article's future "Jan. 5" is
    next year.
    """
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if future and candidate >= anchor and (candidate - anchor).days <= 366:
            return year
        if not future and candidate <= anchor and (anchor - candidate).days <= 366:
            return year
    return anchor.year


def month_year(month: int, anchor: date, future: bool, strictly: bool = False) -> int:
    """The year of the most recent (or, in future tense, next) ``month`` around ``anchor``."""
    if future:
        return anchor.year if month > anchor.month or (month == anchor.month and not strictly) else anchor.year + 1
    return anchor.year if month < anchor.month or (month == anchor.month and not strictly) else anchor.year - 1


def add_months(anchor: date, months: int) -> date:
    """The first day of the month ``months`` away from ``anchor``'s month."""
    index = anchor.year * 12 + anchor.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
