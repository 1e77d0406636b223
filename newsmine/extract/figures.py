"""Figures: counts of people or things affected by an event ("killed 184 people").

The rule is syntactic: find a number, drop what is not a count (ages, years, money, durations,
measures), find the counted noun, then climb the dependency tree to the word that says what happened
to it (a verb such as "killed", a complement such as "taken hostage", or a noun such as "bodies").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsmine.extract import lexicon as lx
from newsmine.extract.numbers import is_number_word, words_value
from newsmine.extract.records import Figure
from newsmine.extract.views import lower
from newsmine.extract.views import text as doc_text

_MAX_CLIMB = 6
_QUALIFIER_WORDS = [(phrase.split(), name) for phrase, name in lx.QUALIFIERS]
_RANGE_WORDS = frozenset({"to", "-", "–", "—", "and", "or"})


@dataclass(frozen=True)
class NumberSpan:
    """A number found in the text, possibly a range, with its value bounds."""

    start: int  # token index of the first token (qualifier excluded)
    end: int  # token index after the last token
    low: int
    high: int
    is_range: bool


def _number_end(doc: Doc, i: int, limit: int) -> int:
    """Index after the run of number words starting at ``i`` ("1.2 million", "one hundred and two")."""
    words = lower(doc)
    j = i
    while j < limit:
        word = words[j]
        if is_number_word(word) or word in {"a", "an"} and j == i and j + 1 < limit and words[j + 1] in lx.MULTIPLIERS:
            j += 1
        elif word == "and" and j > i and j + 1 < limit and is_number_word(words[j + 1]):
            if words[j - 1] in {"hundred", "thousand", "million"}:
                j += 1
            else:
                break
        else:
            break
    return j


def _numbers(sent: Span) -> list[NumberSpan]:
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
            if joined and second is not None and second > value and not _is_year(doc[end + 1]):
                high, end, is_range = second, end2, True
        out.append(NumberSpan(i, end, low, high, is_range))
        i = end
    return out


def _is_year(tok: Token) -> bool:
    return tok.shape_ == "dddd" and 1800 <= int(tok.text) <= 2100


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _not_a_count(doc: Doc, num: NumberSpan) -> bool:
    """True for numbers that are not counts: years, ages, money, durations, measures, ordinals."""
    first, last = doc[num.start], doc[num.end - 1]
    prev = doc[num.start - 1] if num.start > 0 else None
    nxt = doc[num.end] if num.end < len(doc) else None
    nxt2 = doc[num.end + 1] if num.end + 1 < len(doc) else None
    if any(t.lower_ in lx.VAGUE_WORDS or t.lower_ in lx.ORDINAL_WORDS for t in doc[num.start : num.end]):
        return True
    if any(
        t.like_url or ":" in t.text or (t.text[0].isdigit() and t.text.endswith(("st", "nd", "rd", "th")))
        for t in doc[num.start : num.end]
    ):
        return True
    if num.end - num.start == 1 and _is_year(first) and not (nxt is not None and nxt.tag_ == "NNS"):
        return True
    if prev is not None:
        if prev.text in lx.CURRENCY_SYMBOLS or prev.lower_ in lx.NOT_COUNT_BEFORE:
            return True
        if prev.text in {"-", "/", "#", "No", "no."} or prev.lower_ == "tu":
            return True
        if prev.ent_type_ in {"DATE"} and prev.lower_ in _MONTH_WORDS:
            return True
        two_before = doc[num.start - 2].lower_ if num.start > 1 else ""
        if f"{two_before} {prev.lower_}" in lx.NOT_COUNT_BEFORE or prev.lower_ == "'s":
            return True
    if first.lower_ == "one" and nxt is not None and nxt.lower_ in {"of", "another", "day"}:
        return True
    if last.ent_type_ in {"MONEY", "PERCENT", "QUANTITY", "TIME", "ORDINAL"}:
        return True
    if nxt is not None:
        unit = nxt.lower_
        if nxt.text in {"%", "/"} or unit in lx.CURRENCY_SYMBOLS:
            return True
        if unit == "-" and nxt2 is not None and nxt2.is_alpha:
            return True  # compounds: "12-year-old", "nine-storey", "two-hour"
        if unit in _MONTH_WORDS or _lemma(nxt) in lx.TIME_UNITS or unit in lx.TIME_UNITS:
            return True
        if _lemma(nxt) in lx.MEASURE_UNITS or unit in lx.MEASURE_UNITS:
            return True
        if _lemma(nxt) in lx.CURRENCY_WORDS or unit in {"times", "percent", "per"}:
            return True
        if unit in {"years", "months", "weeks"} or (unit == "old" and prev is not None):
            return True
    if prev is not None and prev.lower_ in {"aged", "age"}:
        return True
    if _is_apposed_age(doc, num) or _is_in_name(doc, num):
        return True
    return False


def _is_apposed_age(doc: Doc, num: NumberSpan) -> bool:
    """'Chris Parry, 28, and ...': a number set off by commas right after a name is an age."""
    if num.start < 2 or num.end >= len(doc) or num.end - num.start != 1:
        return False
    before, name, after = doc[num.start - 1], doc[num.start - 2], doc[num.end]
    return before.text == "," and name.pos_ == "PROPN" and after.text in {",", ".", "and", ";", ")"}


def _is_in_name(doc: Doc, num: NumberSpan) -> bool:
    """'the 400 Mawozo gang': a number before a proper-name compound of a singular noun is a name."""
    last = doc[num.end - 1]
    if num.end >= len(doc) or last.dep_ != "nummod":
        return False
    nxt, head = doc[num.end], last.head
    return nxt.pos_ == "PROPN" and nxt.dep_ == "compound" and nxt.head.i == head.i and head.tag_ == "NN"


_MONTH_WORDS = frozenset(
    [
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
        "jan",
        "jan.",
        "feb",
        "feb.",
        "mar",
        "mar.",
        "apr",
        "apr.",
        "jun",
        "jun.",
        "jul",
        "jul.",
        "aug",
        "aug.",
        "sep",
        "sep.",
        "sept",
        "sept.",
        "oct",
        "oct.",
        "nov",
        "nov.",
        "dec",
        "dec.",
    ]
)


def _anchor(doc: Doc, num: NumberSpan) -> Token:
    """The token of the number whose head lies outside it (the number's syntactic head)."""
    span = doc[num.start : num.end]
    for tok in span:
        if not (num.start <= tok.head.i < num.end) or tok.head.i == tok.i:
            return tok
    return span.root


def _counted_noun(anchor: Token) -> Token | None:
    """The noun the number counts: "184 [people]", "nine of its [occupants]", "three [more]"."""
    doc = anchor.doc
    if anchor.i + 1 < len(doc) and doc[anchor.i + 1].lower_ in {"more", "others"} and anchor.head.i != anchor.i + 1:
        return doc[anchor.i + 1]  # the parser often hangs "three more" on the wrong word
    head = anchor.head
    if anchor.dep_ in {"nummod", "quantmod", "amod", "compound"} and (
        head.pos_ in {"NOUN", "PROPN"} or head.lower_ in {"more", "others", "other"}
    ):
        if _lemma(head) in lx.GROUP_NOUNS:
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    objects = [c for c in child.children if c.dep_ == "pobj"]
                    if objects:
                        return objects[0]
        return head
    if anchor.dep_ == "quantmod" and head.dep_ == "nummod" and head.head.pos_ in {"NOUN", "PROPN"}:
        return head.head
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in {"NOUN", "PROPN", "PRON"}:
                    return pobj
    return None


def _copula_attr(anchor: Token) -> Token | None:
    """'eight of whom were [children]': the attribute of a copula whose subject is the number."""
    if anchor.dep_ in {"nsubj"} and anchor.head.lemma_ == "be":
        for child in anchor.head.children:
            if child.dep_ == "attr" and child.pos_ == "NOUN":
                return child
    return None


def _is_people(tok: Token) -> bool:
    return _lemma(tok) in lx.PEOPLE_NOUNS or tok.lower_ in lx.PEOPLE_NOUNS or tok.ent_type_ == "NORP"


def _complement_category(verb: Token, counted: Token | None = None) -> str | None:
    for child in verb.children:
        if counted is not None and child.i == counted.i:
            continue  # the counted noun is not its own complement ("freed 15 hostages")
        if child.dep_ in {"oprd", "xcomp", "acomp", "attr", "advmod", "npadvmod"} or (
            child.dep_ == "dobj" and child.lower_ in {"damage", "destruction"}
        ):
            cat = lx.COMPLEMENT_CATEGORIES.get(child.lower_) or lx.COMPLEMENT_CATEGORIES.get(_lemma(child))
            if cat:
                return cat
        if child.dep_ == "prep" and child.lower_ in {"in", "into", "from", "under"}:
            for pobj in child.children:
                cat = lx.COMPLEMENT_CATEGORIES.get(_lemma(pobj))
                if cat in {"kidnapped", "arrested", "displaced", "affected"}:
                    return cat
        if child.dep_ == "prep" and child.lower_ == "among" and verb.lemma_ == "be":
            for pobj in child.children:
                cat = _modifier_category(pobj)
                if cat:
                    return cat
        if child.dep_ in {"prt", "advmod"}:
            cat = lx.PHRASAL_CATEGORIES.get((_lemma(verb), child.lower_))
            if cat:
                return cat
        if child.dep_ in {"ccomp", "xcomp"} and child.lower_ in {"go", "free"}:
            cat = lx.PHRASAL_CATEGORIES.get((_lemma(verb), child.lower_))
            if cat:
                return cat
    return None


def _verb_category(verb: Token, counted: Token | None) -> str | None:
    cat = _complement_category(verb, counted)
    if cat:
        return cat
    lemma = _lemma(verb)
    if lemma == "take" and any(c.lower_ in {"hostage", "captive", "prisoner"} for c in verb.subtree):
        return "kidnapped"
    if lemma == "go" and (_lemma(verb.head) == "let" or any(_lemma(c) == "let" for c in verb.children)):
        return "released"  # "let the hostages go", "let go the 12 missionaries"
    cat = lx.VERB_CATEGORIES.get(lemma) if verb.pos_ in {"VERB", "AUX"} else None
    if cat is None and (verb.pos_ == "ADJ" or verb.dep_ in {"amod", "acl", "relcl"}):
        # participles as modifiers ("those taken", "affected families"), not as main verbs ("taken place")
        cat = lx.ADJECTIVE_CATEGORIES.get(verb.lower_) or lx.COMPLEMENT_CATEGORIES.get(verb.lower_)
    if cat and lemma in lx.THING_ONLY_VERBS and counted is not None and _is_people(counted):
        return None
    if (
        cat
        and lemma in lx.PEOPLE_ONLY_VERBS
        and counted is not None
        and not _is_people(counted)
        and _lemma(counted) not in {"family", "household", "more", "other"}
    ):
        return None
    if cat == "killed" and lemma == "lose" and counted is not None and _lemma(counted) != "life":
        return None
    return cat


def _subject_category(verb: Token, skip: Token) -> str | None:
    """'the death toll rose to 85', 'raised the death toll to 21', 'the adults killed were two
    teachers': a category carried by the verb's subject or object rather than by the number."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass", "dobj"} and child.i != skip.i:
            for tok in child.subtree:
                cat = lx.NOUN_CATEGORIES.get(_lemma(tok)) if tok.pos_ in {"NOUN", "ADJ"} else None
                if cat in {"killed", "injured", "affected", "displaced"} and _lemma(tok) != "case":
                    return cat
            cat = _modifier_category(child)
            if cat:
                return cat
    return None


def _modifier_category(noun: Token) -> str | None:
    """'people killed', 'people who were injured', 'wounded soldiers', 'affected families'."""
    for child in noun.children:
        if child.dep_ in {"acl", "relcl", "amod"}:
            cat = _verb_category(child, noun) if child.pos_ in {"VERB", "AUX"} else None
            cat = cat or lx.ADJECTIVE_CATEGORIES.get(child.lower_)
            if cat:
                return cat
    return None


def _is_rate(noun: Token | None) -> bool:
    """'10 hostages a day': a rate is a count of its own kind ('other')."""
    if noun is None:
        return False
    return any(
        c.dep_ == "npadvmod"
        and _lemma(c) in lx.TIME_UNITS
        and any(d.lower_ in {"a", "per", "each"} for d in c.children)
        for c in noun.children
    )


_CLAUSE_EDGES = frozenset({"advcl", "ccomp", "conj", "parataxis", "relcl", "xcomp", "pcomp"})


def category_of(anchor: Token, noun: Token | None) -> str | None:
    """What happened to the counted: a category, or ``None`` when the number is not a figure.

    The governing verb speaks first ("freed 12 hostages"), then the noun's own modifiers ("people
    killed"), then the noun itself ("184 deaths"), then verbs further up, within the clause.
    """
    if _is_rate(noun):
        return "other"
    node = noun if noun is not None else anchor
    noun_cat = None
    if noun is not None:
        noun_cat = lx.NOUN_CATEGORIES.get(_lemma(noun)) or lx.NOUN_CATEGORIES.get(noun.lower_)
    x = node
    for hop in range(_MAX_CLIMB):
        if hop == 1:
            cat = _modifier_category(node) or noun_cat
            if cat:
                return cat
        head = x.head
        if head.i == x.i:
            break
        if head.pos_ in {"VERB", "AUX", "ADJ"}:
            cat = _verb_category(head, noun)
            if cat is None and (x.dep_ not in {"nsubj", "nsubjpass", "dobj"} or _lemma(head) in lx.LEVEL_VERBS):
                cat = _subject_category(head, x)
            if cat is None and head.lemma_ == "be":
                cat = _subject_category(head, x)
            if cat:
                return cat
            if _lemma(head) in lx.SPEECH_VERBS and x.dep_ in {"ccomp", "nsubj"}:
                break
            if head.pos_ == "VERB" and head.lemma_ != "be" and head.dep_ in _CLAUSE_EDGES:
                break  # a clause of its own: a trigger beyond it says nothing of this count
        elif head.pos_ in {"NOUN", "PROPN"} and x.dep_ in {"pobj", "prep"}:
            cat = lx.NOUN_CATEGORIES.get(_lemma(head))
            if cat:
                return cat
        x = head
    cat = _modifier_category(node) or noun_cat
    if cat:
        return cat
    if noun is not None and (_lemma(noun) in lx.EVENT_NOUNS or _is_people(noun)):
        return "other"
    return None


def _qualifier(doc: Doc, start: int) -> tuple[str, int]:
    """The qualifier phrase ending just before token ``start``, and the index where it begins."""
    before = lower(doc)
    for words, name in _QUALIFIER_WORDS:
        begin = start - len(words)
        if begin >= 0 and before[begin:start] == words:
            return name, begin
    return "exact", start


def _bounds(num: NumberSpan, qualifier: str) -> tuple[int | None, int | None]:
    if num.is_range:
        return num.low, num.high
    if qualifier in {"at_least", "more_than"}:
        return num.low, None
    if qualifier in {"up_to", "less_than", "nearly"}:
        return None, num.high
    return num.low, num.high


def _subject_text(noun: Token | None, attr: Token | None, previous: str | None) -> str:
    if attr is not None:
        return attr.text
    if noun is not None:
        return noun.text
    return previous or "people"


def _is_population(doc: Doc, noun: Token | None, start: int) -> bool:
    """'Gaza's 2.3 million people', 'home to 5.8 million people': a population, not a count."""
    if start > 0 and doc[start - 1].tag_ == "POS":
        return True
    if start > 1 and doc[start - 1].lower_ == "to" and doc[start - 2].lower_ == "home":
        return True
    return noun is not None and any(
        _lemma(c) in {"live", "inhabit"} for c in noun.children if c.dep_ in {"relcl", "acl"}
    )


def figures(doc: Doc, article_id: str, published: date) -> list[Figure]:
    """Extract every figure of an article.

    Args:
        doc: the parsed article text.
        article_id: id stored on each record.
        published: the publication date, stored on each record.

    Returns:
        Figures in text order; ``figure_id`` is the article id and a running number.
    """
    out: list[Figure] = []
    text = doc_text(doc)
    for sent_index, sent in enumerate(doc.sents):
        previous_subject: str | None = None
        sentence = text[sent.start_char : sent.end_char]
        for num in _numbers(sent):
            if _not_a_count(doc, num):
                continue
            anchor = _anchor(doc, num)
            noun = _counted_noun(anchor)
            if noun is not None and (_lemma(noun) in lx.TIME_UNITS or _lemma(noun) in lx.MEASURE_UNITS):
                continue
            qualifier, qstart = _qualifier(doc, num.start)
            if _is_population(doc, noun, qstart):
                continue
            category = category_of(anchor, noun)
            if category is None:
                continue
            attr = _copula_attr(anchor)
            subject = _subject_text(noun, attr, previous_subject)
            previous_subject = subject
            low, high = _bounds(num, qualifier)
            first, last = doc[qstart], doc[num.end - 1]
            start_char, end_char = first.idx, last.idx + len(last.text)
            out.append(
                Figure(
                    article_id=article_id,
                    figure_id=f"{article_id}-f{len(out) + 1:03d}",
                    value=num.low,
                    value_low=low,
                    value_high=high,
                    qualifier=qualifier,
                    category=category,
                    subject=subject,
                    text=text[start_char:end_char],
                    sentence_index=sent_index,
                    start_char=start_char,
                    end_char=end_char,
                    sentence=sentence,
                    published_date=published,
                )
            )
    return out
