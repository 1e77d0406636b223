"""The attribute measures of ATTRIBUTES.md: agreement rules, figure pairing, quote pairing."""

from __future__ import annotations

from datetime import date

import pytest

from newsmine.evaluate import date_agrees, location_agrees, pair_figures, score_attributes, source_agrees


@pytest.mark.parametrize(
    ("gold", "found", "agrees"),
    [
        ("Hodeida province", "Hodeida", True),
        ("Gaza Strip", "the Gaza Strip", True),
        ("Khan Younis", "Gaza", False),
        (None, None, True),
        ("Kyiv", None, False),
        (None, "Kyiv", False),
        ("the city", "Lviv", False),
    ],
)
def test_evaluate_location_agrees(gold, found, agrees):
    assert location_agrees(gold, found) is agrees


@pytest.mark.parametrize(
    ("gold", "found", "agrees"),
    [
        ("the Gaza health ministry", "Gaza's health ministry", True),
        ("health officials", "officials at the health ministry", True),
        ("police officials", "the army", False),
        ("the officials", "officials", True),
        ("officials", "the army", False),
        (None, None, True),
        (None, "Reuters", False),
    ],
)
def test_evaluate_source_agrees(gold, found, agrees):
    assert source_agrees(gold, found) is agrees


@pytest.mark.parametrize(
    ("gold", "found", "agrees"),
    [
        ("2023-12", date(2023, 12, 1), True),
        ("2023-12-02", date(2023, 12, 1), False),
        ("2023", date(2023, 5, 4), True),
        (None, None, True),
        (None, date(2023, 1, 1), False),
    ],
)
def test_evaluate_date_agrees(gold, found, agrees):
    assert date_agrees(gold, found) is agrees


def test_evaluate_pairs_figures_nearest_first():
    text = "Two died in Lviv. Later two died in Kyiv."
    gold = [
        {"value": 2, "category": "killed", "text": "Two died"},
        {"value": 2, "category": "killed", "text": "two died"},
    ]
    found = [{"value": 2, "category": "killed", "start_char": 24}, {"value": 3, "category": "killed", "start_char": 0}]
    pairs = pair_figures(text, gold, found)
    assert pairs == [(gold[1], found[0])]


def test_evaluate_scores_attributes_and_quotes():
    text = 'Five people were killed in Kyiv, police said. "We are doing all we can," said Ann Lee.'
    gold = {
        "a": {
            "figures": [
                {
                    "value": 5,
                    "category": "killed",
                    "text": "Five people",
                    "location": "Kyiv",
                    "country": "UA",
                    "event_date": None,
                    "source": "police",
                }
            ],
            "quotes": [{"text": "We are doing all we can", "speaker": "Ann Lee"}],
        }
    }
    figures = [
        {
            "doc_id": "a",
            "value": 5,
            "category": "killed",
            "start_char": 0,
            "location": "Kyiv",
            "country_code": "UA",
            "event_date": date(2024, 1, 1),
            "attributed_to": "police",
        }
    ]
    quotes = [
        {"doc_id": "a", "quote": "We are doing all we can,", "speaker": "Lee"},
        {"doc_id": "a", "quote": "terror targets of the day", "speaker": None},
    ]
    s = score_attributes(gold, {"a": text}, figures, quotes)
    assert (s.location.rate, s.country.rate, s.event_date.rate, s.source.rate) == (1.0, 1.0, 0.0, 1.0)
    assert (s.quotes.tp, s.quotes.fp, s.quotes.fn) == (1, 1, 0)
    assert s.speaker.rate == 1.0
