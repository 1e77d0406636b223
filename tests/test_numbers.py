import pytest

from newsmine.extract.number_spans import numbers
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


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sixty-three fishermen were rescued.", 63),
        ("Officials said twenty-one houses burned.", 21),
        ("Ninety-nine passengers were on board.", 99),
    ],
)
def test_numbers_hyphenated_words_split_by_the_tokenizer_are_one_number(nlp, text, value):
    (num,) = numbers(next(nlp(text).sents))
    assert (num.low, num.high, num.is_range) == (value, value, False)


def test_numbers_hyphen_between_a_tens_word_and_a_larger_word_is_no_compound(nlp):
    # "twenty-thirty" is no number word; a digit range keeps its hyphen as a range
    found = [(n.low, n.high) for n in numbers(next(nlp("Between 20-30 people and twenty-twenty vision.").sents))]
    assert (20, 30) in found and (2020, 2020) not in found
