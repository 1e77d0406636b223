"""Numbers that are not counts: years, ages, money, durations, measures, ordinals, names, populations,
shares.

Each rule is a named predicate over a :class:`NumberSpan` in its document; :func:`not_a_count` says
which one, if any, rules the number out, so that a test or a reviewer can see why a number was dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from newsmine.extract import lexicon as lx
from newsmine.extract.calendar import MONTHS
from newsmine.extract.number_spans import NumberSpan, is_year
from newsmine.extract.numbers import word_value
from newsmine.extract.place_words import PLACE_NOUNS

# What a size is told of: "a city of 300,000", "a nation of 50 million people", "a capacity of 100".
SIZED_NOUNS = PLACE_NOUNS | frozenset({"country", "nation", "community", "municipality", "metropolis", "capacity"})


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _near(doc: Doc, i: int) -> Token | None:
    return doc[i] if 0 <= i < len(doc) else None


def is_month_word(word: str) -> bool:
    """'march', 'Nov.', 'sept': a month name or its abbreviation."""
    return word.lower().rstrip(".") in MONTHS


_INT64_MAX = 2**63 - 1


def beyond_int64(doc: Doc, num: NumberSpan) -> bool:
    """'99999999999999999999 people': no count is that large, and no integer column holds it."""
    return num.high > _INT64_MAX


# "a few hundred", "several thousand": a vague quantity (SCHEME), unlike "a hundred" or "two thousand".
_VAGUE_BEFORE = frozenset({"few", "several", "many"})


def vague_or_ordinal(doc: Doc, num: NumberSpan) -> bool:
    """'dozens', 'hundreds', 'several hundred', 'the second raid'."""
    if any(t.lower_ in lx.VAGUE_WORDS or t.lower_ in lx.ORDINAL_WORDS for t in doc[num.start : num.end]):
        return True
    prev = _near(doc, num.start - 1)
    return prev is not None and prev.lower_ in _VAGUE_BEFORE and doc[num.start].lower_ in lx.MULTIPLIERS


# A run of this many digits without separators is a code (a phone number, an id): news writes
# counts that large with separators ("1,250,000") or words ("1.25 million").
CODE_DIGITS = 7


def code_or_clock(doc: Doc, num: NumberSpan) -> bool:
    """'03:00', a URL, '21st', a hotline '900365112', a phone number '555-0142'."""
    if _glued_code(doc, num):
        return True
    return any(
        t.like_url
        or ":" in t.text
        or (t.text[0].isdigit() and t.text.endswith(("st", "nd", "rd", "th")))
        or (t.text.isdigit() and len(t.text) >= CODE_DIGITS)
        for t in doc[num.start : num.end]
    )


def _glued_code(doc: Doc, num: NumberSpan) -> bool:
    """Digit groups glued by hyphens where one starts with a zero ('555-0142'): a code, no count."""
    i, j = num.start, num.end
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and not doc[i - 1].whitespace_:
        i -= 2
    while j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and not doc[j].whitespace_:
        j += 2
    groups = [t.text for t in doc[i:j] if t.text != "-"]
    return len(groups) > 1 and any(g.isdigit() and len(g) > 1 and g[0] == "0" for g in groups)


def bare_year(doc: Doc, num: NumberSpan) -> bool:
    """'in 2019' (but '1,500 houses' written '1500 houses' is a count)."""
    nxt = _near(doc, num.end)
    return num.end - num.start == 1 and is_year(doc[num.start]) and not (nxt is not None and nxt.tag_ == "NNS")


def _day_of_month(doc: Doc, num: NumberSpan) -> bool:
    tok = doc[num.start]
    return num.end - num.start == 1 and tok.text.isdigit() and 1 <= int(tok.text) <= 31


def marked_before(doc: Doc, num: NumberSpan) -> bool:
    """'$5', 'No. 7', 'flight 370', 'Nov 24', 'Gaza's 2.3 million': a word before says it is no count."""
    prev = _near(doc, num.start - 1)
    if prev is None:
        return False
    if prev.text in lx.CURRENCY_SYMBOLS or prev.lower_ in lx.NOT_COUNT_BEFORE:
        return True
    if prev.text in {"-", "/", "#", "No", "no."} or prev.lower_ == "tu":
        return True
    if prev.ent_type_ == "DATE" and is_month_word(prev.lower_):
        return True
    if is_month_word(prev.lower_) and prev.text[0].isupper() and _day_of_month(doc, num):
        return True  # "(Feb 9)", which the NER may leave untagged
    two_before = doc[num.start - 2].lower_ if num.start > 1 else ""
    return f"{two_before} {prev.lower_}" in lx.NOT_COUNT_BEFORE or prev.lower_ == "'s"


def pronoun_one(doc: Doc, num: NumberSpan) -> bool:
    """'one of the bloodiest', 'one another', 'one day'; 'no one', and 'one' standing for a noun
    with an adjective of its own ('a powerful one', 'the second major one')."""
    one = doc[num.start]
    if one.lower_ != "one" or num.end - num.start != 1:
        return False
    nxt = _near(doc, num.end)
    if nxt is not None and nxt.lower_ in {"of", "another", "day"}:
        return True
    prev = doc[num.start - 1] if num.start > 0 else None
    if prev is not None and prev.lower_ == "no":
        return True
    return prev is not None and prev.pos_ == "ADJ" and prev.head.i == one.i and (nxt is None or nxt.pos_ != "NOUN")


def non_count_entity(doc: Doc, num: NumberSpan) -> bool:
    """spaCy's PERCENT and ORDINAL entities; MONEY ones that name a currency; TIME and QUANTITY
    ones that name a unit.

    "10 pm", "five hours", "20 tonnes" are not counts; "41 overnight", which the tagger may take for a
    TIME, is one: the entity must hold a word beyond the number that is not an adverb.
    """
    last = doc[num.end - 1]
    if last.ent_type_ in {"PERCENT", "ORDINAL"}:
        return True
    if last.ent_type_ not in {"MONEY", "QUANTITY", "TIME"}:
        return False
    ent = next((e for e in doc.ents if e.start <= last.i < e.end), None)
    if ent is None:
        return True
    if last.ent_type_ == "MONEY":
        # "no fewer than 90" tagged MONEY is a count: money names its currency ("$3m", "500 euros")
        return any(t.text in lx.CURRENCY_SYMBOLS or _lemma(t) in lx.CURRENCY_WORDS for t in ent)
    rest = [t for t in ent if not num.start <= t.i < num.end]
    return not rest or any(t.pos_ not in {"ADV", "DET", "ADP", "CCONJ"} for t in rest)


def unit_after(doc: Doc, num: NumberSpan) -> bool:
    """'45 percent', '12-year-old', 'six days', '110 km', '342 million pesos', '3 times'."""
    nxt, nxt2, prev = _near(doc, num.end), _near(doc, num.end + 1), _near(doc, num.start - 1)
    if nxt is None:
        return False
    unit = nxt.lower_
    if nxt.text in {"%", "/"} or unit in lx.CURRENCY_SYMBOLS:
        return True
    if unit == "-" and nxt2 is not None and nxt2.is_alpha:
        return True  # compounds: "12-year-old", "nine-storey", "two-hour"
    if is_month_word(unit) or _lemma(nxt) in lx.TIME_UNITS or unit in lx.TIME_UNITS:
        return True
    if _lemma(nxt) in lx.MEASURE_UNITS or unit in lx.MEASURE_UNITS:
        return True
    if _lemma(nxt) in lx.CURRENCY_WORDS or unit in {"times", "percent", "per"}:
        return True
    return unit in {"years", "months", "weeks"} or (unit == "old" and prev is not None)


def age(doc: Doc, num: NumberSpan) -> bool:
    """'aged 42', 'an average age of 36', and 'Chris Parry, 28, and ...': a number set off by commas right after a name."""
    prev = _near(doc, num.start - 1)
    if prev is not None and prev.lower_ in {"aged", "age"}:
        return True
    if prev is not None and prev.lower_ == "of" and num.start > 1 and _lemma(doc[num.start - 2]) == "age":
        return True  # "a median age of 36"
    if num.start < 2 or num.end >= len(doc) or num.end - num.start != 1:
        return False
    before, name, after = doc[num.start - 1], doc[num.start - 2], doc[num.end]
    return before.text == "," and name.pos_ == "PROPN" and after.text in {",", ".", "and", ";", ")"}


def in_name(doc: Doc, num: NumberSpan) -> bool:
    """'the 400 Mawozo gang': a number before a proper-name compound of a singular noun is a name."""
    last = doc[num.end - 1]
    if num.end >= len(doc) or last.dep_ != "nummod":
        return False
    nxt, head = doc[num.end], last.head
    return nxt.pos_ == "PROPN" and nxt.dep_ == "compound" and nxt.head.i == head.i and head.tag_ == "NN"


# A fraction's count of parts is below this ("two thirds"); "twelve fifths" is no share of a whole.
FRACTION_LIMIT = 10


def fraction_or_ratio(doc: Doc, num: NumberSpan) -> bool:
    """'two thirds of the homes', 'one fifth', 'one in five', 'nine in 10': a share (but "killed 2 in
    three attacks" and "two third-graders" are counts)."""
    nxt, after = _near(doc, num.end), _near(doc, num.end + 1)
    if nxt is not None and nxt.lower_ in lx.FRACTION_WORDS and num.low < FRACTION_LIMIT:
        return after is None or after.text != "-"
    return _ratio_in(doc, num) or _ratio_out_of(doc, num)


def _ratio_in(doc: Doc, num: NumberSpan) -> bool:
    """Either term of "N in M" when the parse makes it one quantity ("One in five residents": "in"
    modifies the number), not a count and a place or time ("killed 2 in three attacks")."""
    words = doc[max(num.start - 1, 0) : num.end + 1]
    return any(t.lower_ == "in" and t.dep_ == "quantmod" for t in words)


# "three out of four", "nine out of 10": a share; "ten out of 12 victims" may count both groups.
RATIO_LIMIT = 10


def _ratio_out_of(doc: Doc, num: NumberSpan) -> bool:
    """Either term of "N out of M" when the whole M is a small number: a share of any group."""
    after = doc[num.end : num.end + 3]
    if len(after) == 3 and [t.lower_ for t in after[:2]] == ["out", "of"]:
        whole = word_value(after[2].text)
        return whole is not None and whole <= RATIO_LIMIT
    before = doc[max(num.start - 3, 0) : num.start]
    return (
        len(before) == 3
        and [t.lower_ for t in before[1:]] == ["out", "of"]
        and word_value(before[0].text) is not None
        and num.low <= RATIO_LIMIT
    )


# Checked in this order; the first that holds names the reason.
PREDICATES: tuple[tuple[str, Callable[[Doc, NumberSpan], bool]], ...] = (
    ("beyond_int64", beyond_int64),
    ("vague_or_ordinal", vague_or_ordinal),
    ("code_or_clock", code_or_clock),
    ("bare_year", bare_year),
    ("marked_before", marked_before),
    ("pronoun_one", pronoun_one),
    ("non_count_entity", non_count_entity),
    ("unit_after", unit_after),
    ("age", age),
    ("in_name", in_name),
    ("fraction_or_ratio", fraction_or_ratio),
)


def not_a_count(doc: Doc, num: NumberSpan) -> str | None:
    """The name of the first predicate that rules the number out as a count, or ``None``."""
    for name, predicate in PREDICATES:
        if predicate(doc, num):
            return name
    return None


def is_unit_noun(noun: Token | None) -> bool:
    """'five days', 'ten kilometres' where the parser found the unit as the counted noun."""
    return noun is not None and (_lemma(noun) in lx.TIME_UNITS or _lemma(noun) in lx.MEASURE_UNITS)


def is_population(doc: Doc, noun: Token | None, start: int) -> bool:
    """'Gaza's 2.3 million people', 'home to 5.8 million people', 'a town of about 26,000', 'a
    capacity of 100': a population or a size, not a count."""
    if start > 0 and doc[start - 1].tag_ == "POS":
        return True
    if start > 1 and doc[start - 1].lower_ == "of" and _lemma(doc[start - 2]) in SIZED_NOUNS:
        return True
    if start > 1 and doc[start - 1].lower_ == "to" and doc[start - 2].lower_ == "home":
        return True
    return noun is not None and any(
        _lemma(c) in {"live", "inhabit"} for c in noun.children if c.dep_ in {"relcl", "acl"}
    )
