"""The model's attribute rules applied to whole arrays of tokens at once: same output, a fraction of the time.

A spaCy model's ``attribute_ruler`` sets each token's coarse part of speech, morphology and some
lemmas from its fine tag (and, for some words, its lower-case form, its dependency or whether it
is a space): en_core_web_sm has 179 such rules. The stock component finds them with a ``Matcher``
and then sets every match's attributes one token at a time in Python; as almost every token
matches a rule, that took 14% of the whole pipeline's time (3.2 s of 22.5 s over 300 articles).

:class:`AttributeTable` applies the same rules, in the same order, to numpy arrays of a batch of
documents and writes the result back with ``Doc.from_array``: every token gets the attributes the
stock component gives it (the tests compare all of them, token by token). Rules it cannot read as
plain conditions on token attributes (Matcher operators, other predicates or attributes) leave the
stock component in place: :func:`compile_rules` returns None for them. What it reads as the Matcher
does: equality, ``IN``, ``NOT_IN`` and ``REGEX`` (searched in the attribute's string) on ``TAG``,
``LOWER``, ``DEP``, ``ORTH``, ``NORM`` and ``IS_SPACE``, over patterns of any length without operators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, cast

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.types import Ints2d

FACTORY = "newsmine_attribute_table"
# Token attributes a rule may test (all compared by their value id, as the Matcher does) ...
_READ = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "ORTH": ORTH, "NORM": NORM, "IS_SPACE": IS_SPACE}
# ... and those it may set.
_WRITE = (POS, MORPH, LEMMA, TAG, DEP)


@dataclass(frozen=True)
class _Condition:
    """A test on one column of the read array, as the Matcher makes it: the value is (or is not)
    one of ``values``, or its string matches ``regex`` (``re.search``)."""

    column: int
    values: np.ndarray | None = None
    negate: bool = False
    regex: re.Pattern[str] | None = None

    def test(self, column: np.ndarray, strings: Any) -> np.ndarray:
        if self.regex is not None:
            unique = np.unique(column)
            found = [value for value in unique if self.regex.search(strings[int(value)])]
            return np.isin(column, np.array(found, dtype=np.uint64))
        assert self.values is not None
        hit = column == self.values[0] if len(self.values) == 1 else np.isin(column, self.values)
        return ~hit if self.negate else hit


@dataclass(frozen=True)
class _Pattern:
    """One Matcher pattern: the conditions on each of its tokens."""

    tokens: tuple[tuple[_Condition, ...], ...]
    target: int  # the matched token that gets the attributes (the rule's index, from the start)


@dataclass(frozen=True)
class _Rule:
    patterns: tuple[_Pattern, ...]
    sets: tuple[tuple[int, int], ...]  # (column of the write array, value id)


@dataclass(frozen=True)
class Rules:
    """An attribute ruler's rules in application order (later rules win), ready for arrays."""

    read: tuple[int, ...]
    rules: tuple[_Rule, ...]


def _ids(values: Any, strings: Any) -> np.ndarray | None:
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        return None
    return np.array(sorted({strings.add(v) for v in values}), dtype=np.uint64)


def _condition(name: str, value: Any, column: int, strings: Any) -> _Condition | None:
    """The Matcher's test of attribute ``name`` against ``value``, or None when not one of ours."""
    if name == "IS_SPACE":
        return _Condition(column, np.array([int(value)], dtype=np.uint64)) if isinstance(value, bool) else None
    if isinstance(value, str):
        return _Condition(column, np.array([strings.add(value)], dtype=np.uint64))
    if not isinstance(value, dict) or len(value) != 1:
        return None
    ((kind, argument),) = value.items()
    if kind == "REGEX" and isinstance(argument, str):
        return _Condition(column, regex=re.compile(argument))
    if kind in ("IN", "NOT_IN") and (ids := _ids(argument, strings)) is not None:
        return _Condition(column, ids, negate=kind == "NOT_IN")
    return None


def compile_rules(ruler: AttributeRuler) -> Rules | None:
    """The rules of ``ruler`` as array operations, or None when one of them is more than plain
    conditions on the attributes this module reads (or sets an attribute it does not write)."""
    strings = ruler.vocab.strings
    read: dict[int, int] = {}  # attribute id -> column
    write = {attr: column for column, attr in enumerate(_WRITE)}
    rules = []
    for key, (attrs, index) in enumerate(zip(ruler.attrs, ruler.indices, strict=True)):
        if not set(attrs) <= set(write):
            return None
        patterns = []
        for pattern in ruler.matcher.get(str(key))[1]:
            if not pattern:
                return None
            target = index if index >= 0 else len(pattern) + index
            if not 0 <= target < len(pattern):
                return None  # the stock component raises on it: let it
            tokens = []
            for spec in pattern:
                conditions = []
                for name, value in spec.items():
                    if name not in _READ:
                        return None
                    condition = _condition(name, value, read.setdefault(_READ[name], len(read)), strings)
                    if condition is None:
                        return None
                    conditions.append(condition)
                tokens.append(tuple(conditions))
            patterns.append(_Pattern(tuple(tokens), target))
        rules.append(_Rule(tuple(patterns), tuple((write[a], int(v)) for a, v in attrs.items())))
    return Rules(tuple(read), tuple(rules))


class AttributeTable:
    """A pipeline component equivalent to the attribute ruler it was built from (see the module)."""

    def __init__(self, vocab: Any, patterns: list[dict[str, Any]]) -> None:
        self.vocab = vocab
        self.stock = AttributeRuler(vocab)
        self.stock.add_patterns(patterns)
        self.rules = compile_rules(self.stock)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            if self.rules is None:
                yield from (self.stock(doc) for doc in batch)
                continue
            self._apply(batch)
            yield from batch

    def _apply(self, docs: list[Doc]) -> None:
        """Set the rules' attributes on ``docs``, all of them read and written as one array."""
        assert self.rules is not None
        sized = [doc for doc in docs if len(doc)]
        if not sized:
            return
        read = np.concatenate([doc.to_array(list(self.rules.read)) for doc in sized]).reshape(-1, len(self.rules.read))
        values = np.concatenate([doc.to_array(list(_WRITE)) for doc in sized]).reshape(-1, len(_WRITE))
        lengths = np.array([len(doc) for doc in sized])
        owner = np.repeat(np.arange(len(sized)), lengths)  # the document of each token
        n = len(owner)
        strings = self.vocab.strings
        for rule in self.rules.rules:
            for pattern in rule.patterns:
                width = len(pattern.tokens)
                if width > n:
                    continue
                starts = n - width + 1
                hit = owner[:starts] == owner[width - 1 :]  # a match never spans two documents
                for offset, conditions in enumerate(pattern.tokens):
                    for condition in conditions:
                        hit &= condition.test(read[offset : offset + starts, condition.column], strings)
                targets = np.flatnonzero(hit) + pattern.target
                for column, value in rule.sets:
                    values[targets, column] = value
        for doc, part in zip(sized, np.split(values, np.cumsum(lengths)[:-1]), strict=True):
            doc.from_array(list(_WRITE), cast(Ints2d, part))


@Language.factory(FACTORY, default_config={"patterns": []})
def make_attribute_table(nlp: Language, name: str, patterns: list[dict[str, Any]]) -> AttributeTable:
    return AttributeTable(nlp.vocab, patterns)


def use_attribute_table(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace ``nlp``'s attribute ruler ``name`` by an equivalent :class:`AttributeTable`, when its
    rules compile (True); otherwise leave the stock component (False)."""
    stock = nlp.get_pipe(name)
    if not isinstance(stock, AttributeRuler) or compile_rules(stock) is None:
        return False
    nlp.replace_pipe(name, FACTORY, config={"patterns": stock.patterns})
    return True


__all__ = ["AttributeTable", "Rules", "compile_rules", "use_attribute_table"]
