"""Reading numbers written in digits or words: "184", "15,000", "1.2 million", "a dozen"."""

from __future__ import annotations

import re
from functools import lru_cache

from newsmine.extract.lexicon import MULTIPLIERS, NUMBER_WORDS

_DIGITS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


@lru_cache(maxsize=8192)
def word_value(word: str) -> float | None:
    """The value of one number word or digit string, or ``None``.

    >>> word_value("1,200"), word_value("seven"), word_value("twenty-five"), word_value("million")
    (1200.0, 7.0, 25.0, 1000000.0)
    """
    w = word.lower().strip()
    if _DIGITS.fullmatch(w):
        return float(w.replace(",", ""))
    if w in NUMBER_WORDS:
        return float(NUMBER_WORDS[w])
    if w in MULTIPLIERS:
        return float(MULTIPLIERS[w])
    if "-" in w:
        parts = w.split("-")
        if len(parts) == 2 and is_compound_number(parts[0], parts[1]):
            return float(NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]])
    return None


HYPHENS = frozenset({"-", "‐", "–"})


def is_compound_number(tens: str, unit: str) -> bool:
    """The two halves of a hyphenated number word: "twenty" and "five" of "twenty-five"."""
    if tens not in NUMBER_WORDS or unit not in NUMBER_WORDS:
        return False
    t, u = NUMBER_WORDS[tens], NUMBER_WORDS[unit]
    return t % 10 == 0 and 20 <= t <= 90 and 1 <= u <= 9


def is_number_word(word: str) -> bool:
    """True for digits and number words that can start or continue a number."""
    return word_value(word) is not None


def words_value(words: list[str]) -> int | None:
    """Combine number words into one value ("one hundred and twenty", "1.2 million", "a dozen").

    Returns ``None`` when the words do not form a single number.
    """
    total = 0.0
    current = 0.0
    seen = False
    for raw in words:
        w = raw.lower()
        if w in HYPHENS:
            continue  # "sixty - three" as the tokenizer gives it: the halves add up below
        if w in {"a", "an", "and"}:
            if w in {"a", "an"} and not seen:
                current = 1.0
            continue
        value = word_value(w)
        if value is None:
            return None
        if w in MULTIPLIERS:
            current = (current or 1.0) * value
            if value >= 1000:
                total += current
                current = 0.0
        else:
            if seen and current and value >= 1 and current % 10 != 0 and "." not in w:
                return None  # two plain numbers side by side ("3 4") are not one number
            current += value
        seen = True
    if not seen:
        return None
    result = total + current
    if result != int(result):
        return None
    return int(result)
