"""Numbers as they stand in a sentence: the span of number words, a range, the qualifier before it.

"more than 1.2 million", "between 10,000 and 15,000", "13 to 46", "a dozen": each becomes one
:class:`NumberSpan` with its value bounds; :func:`qualifier` reads the hedge just before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsmine.extract import lexicon as lx
from newsmine.extract.numbers import HYPHENS, is_compound_number, is_number_word, words_value
from newsmine.extract.views import lower

# Longest phrase first, so that "just under" wins over "under": the order is made here, not kept by hand.
QUALIFIER_WORDS: tuple[tuple[list[str], str], ...] = tuple(
    sorted(((phrase.split(), name) for phrase, name in lx.QUALIFIERS), key=lambda pair: -len(pair[0]))
)
_RANGE_WORDS = frozenset({"to", "-", "–", "—", "and", "or"})


@dataclass(frozen=True)
class NumberSpan:
    """A number found in the text, possibly a range, with its value bounds."""

    start: int  # token index of the first token (qualifier excluded)
    end: int  # token index after the last token
    low: int
    high: int
    is_range: bool


def is_year(tok: Token) -> bool:
    """A four-digit token between 1800 and 2100."""
    return tok.shape_ == "dddd" and 1800 <= int(tok.text) <= 2100


def _number_end(doc: Doc, i: int, limit: int) -> int:
    """Index after the run of number words starting at ``i`` ("1.2 million", "one hundred and two")."""
    words = lower(doc)
    j = i
    while j < limit:
        word = words[j]
        if is_number_word(word) or word in {"a", "an"} and j == i and j + 1 < limit and words[j + 1] in lx.MULTIPLIERS:
            j += 1
        elif word in HYPHENS and j > i and j + 1 < limit and is_compound_number(words[j - 1], words[j + 1]):
            j += 1  # "Sixty-three", which the tokenizer splits in three
        elif word == "and" and j > i and j + 1 < limit and is_number_word(words[j + 1]):
            if words[j - 1] in {"hundred", "thousand", "million"}:
                j += 1
            else:
                break
        else:
            break
    return j


def numbers(sent: Span) -> list[NumberSpan]:
    """Every number of a sentence, in order; "13 to 46" and "between 10 and 15" are one range each."""
    doc = sent.doc
    words = lower(doc)
    out: list[NumberSpan] = []
    i = sent.start
    while i < sent.end:
        end = _number_end(doc, i, sent.end)
        if end == i or (end == i + 1 and words[i] in {"a", "an"}):
            i += 1
            continue
        value = words_value([t.text for t in doc[i:end]])
        if value is None:
            i = end
            continue
        low = high = value
        is_range = False
        if end + 1 < sent.end and words[end] in _RANGE_WORDS:
            end2 = _number_end(doc, end + 1, sent.end)
            joined = words[end] != "and" or (i > 0 and words[i - 1] == "between")
            second = words_value([t.text for t in doc[end + 1 : end2]]) if end2 > end + 1 else None
            if joined and second is not None and second > value and not is_year(doc[end + 1]):
                high, end, is_range = second, end2, True
        out.append(NumberSpan(i, end, low, high, is_range))
        i = end
    return out


def qualifier(doc: Doc, start: int) -> tuple[str, int]:
    """The qualifier phrase ending just before token ``start``, and the index where it begins."""
    before = lower(doc)
    for words, name in QUALIFIER_WORDS:
        begin = start - len(words)
        if begin >= 0 and before[begin:start] == words:
            return name, begin
    return "exact", start


def bounds(num: NumberSpan, qualifier_name: str) -> tuple[int | None, int | None]:
    """The low and high bounds a qualifier leaves open ("at least 5": 5 and None)."""
    if num.is_range:
        return num.low, num.high
    if qualifier_name in {"at_least", "more_than"}:
        return num.low, None
    if qualifier_name in {"up_to", "less_than", "nearly"}:
        return None, num.high
    return num.low, num.high


def anchor(doc: Doc, num: NumberSpan) -> Token:
    """The token of the number whose head lies outside it (the number's syntactic head)."""
    span = doc[num.start : num.end]
    for tok in span:
        if not (num.start <= tok.head.i < num.end) or tok.head.i == tok.i:
            return tok
    return span.root
