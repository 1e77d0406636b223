"""Dates: absolute and relative expressions, resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from newsmine.extract.dates import dates

SAT = date(2023, 12, 2)  # a Saturday


def _resolved(parse, text, published=SAT):
    return [(d.text, d.resolved_date.isoformat(), d.granularity, d.method) for d in parse(dates, text, published)]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Fighting resumed on Friday.", SAT, [("Friday", "2023-12-01", "day", "weekday")]),
        ("Fighting resumed on Saturday.", SAT, [("Saturday", "2023-12-02", "day", "weekday")]),
        ("A pause started on 24 November.", SAT, [("24 November", "2023-11-24", "day", "month_day")]),
        ("The attack came on Oct. 7, 2023.", SAT, [("Oct. 7, 2023", "2023-10-07", "day", "explicit")]),
        ("Talks will resume on Monday.", SAT, [("Monday", "2023-12-04", "day", "weekday")]),
        ("He arrived last Tuesday.", SAT, [("last Tuesday", "2023-11-28", "day", "weekday")]),
        ("The report came out yesterday.", SAT, [("yesterday", "2023-12-01", "day", "relative")]),
        ("The fire broke out on Dec. 28.", date(2024, 1, 3), [("Dec. 28", "2023-12-28", "day", "month_day")]),
        ("Floods hit in August 2022.", SAT, [("August 2022", "2022-08-01", "month", "explicit")]),
        ("It has been at war since 2017.", SAT, [("2017", "2017-01-01", "year", "explicit")]),
        ("Prices doubled last year.", SAT, [("last year", "2022-01-01", "year", "relative")]),
        ("The campaign began in October.", date(2023, 4, 10), [("October", "2022-10-01", "month", "month")]),
        ("The record dates from 24/11/2023.", SAT, [("24/11/2023", "2023-11-24", "day", "explicit")]),
        (
            "Police said the blast came on Sunday; a second bomb went off the day before.",
            date(2023, 12, 4),
            [("Sunday", "2023-12-03", "day", "weekday"), ("the day before", "2023-12-02", "day", "relative")],
        ),
    ],
)
def test_dates_resolve(parse, text, published, expected):
    assert _resolved(parse, text, published) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The truce lasted seven days.",
        "A week-old truce collapsed.",
        "A 12-year-old boy was hurt.",
        "You may leave now.",
        "Protesters march through the city.",
        "The fire burned for 20 minutes.",
        "Some 2,000 people fled.",
        # offsets counted in units are approximate, not dates (SCHEME.md)
        "The rains had killed 30 people, the agency said two weeks ago.",
        "A month later, talks failed.",
        "Three days later, the bridge reopened.",
    ],
)
def test_dates_distractors(parse, text):
    assert _resolved(parse, text) == []


def test_dates_offsets_point_at_text(parse):
    text = "Calm. The pause that began on 24 November ended on Friday."
    for d in parse(dates, text, SAT):
        assert text[d.start_char : d.end_char] == d.text
        assert d.sentence_index == 1
