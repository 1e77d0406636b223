import pytest

from newsmine.extract.numbers import word_value, words_value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["184"], 184),
        (["15,000"], 15000),
        (["1.2", "million"], 1_200_000),
        (["seven"], 7),
        (["a", "dozen"], 12),
        (["two", "dozen"], 24),
        (["a", "million"], 1_000_000),
        (["9", "million"], 9_000_000),
        (["twenty-five"], 25),
        (["one", "hundred", "and", "twenty"], 120),
        (["Fourteen"], 14),
    ],
)
def test_numbers_words_value(words, value):
    assert words_value(words) == value


@pytest.mark.parametrize("words", [["1.5"], ["3", "4"], ["and"], ["dozens"], ["several"]])
def test_numbers_not_one_number(words):
    assert words_value(words) is None


def test_numbers_word_value_rejects_words():
    assert word_value("people") is None
    assert word_value("thousands") is None
