"""The model's lemmatizer, asked once per distinct word form instead of once per token.

spaCy's rule lemmatizer gives a token the lemma its rules derive from the token's text, coarse part
of speech and morphology, and nothing else (its tables are fixed once loaded). It asks them token by
token, in Python, and caches only the forms that reach its rules: the commonest tokens (singular
nouns, base verbs, positive adjectives: "base forms") are worked out again at every occurrence.
That took 2.5% of the pipeline's time.

:class:`LemmaTable` reads every token's (text, part of speech, morphology) as arrays, asks the
stock component's own ``lemmatize`` once per distinct triple (keeping the answer for the process),
and writes the lemmas back with ``Doc.from_array``. Tokens that already have a lemma (set by the
attribute rules) keep it, as with the stock component, and a token without a part of speech goes
through the stock component one by one (which warns about it). The tests compare every lemma with
the stock component's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.types import Ints2d

_KEY = [ORTH, POS, MORPH]


class LemmaTable:
    """A component equivalent to the rule or lookup lemmatizer it is given (see the module)."""

    def __init__(self, vocab: Any, stock: Lemmatizer | None = None) -> None:
        self.vocab = vocab
        self.stock = stock  # set by use_lemma_table when the factory made the component
        self.lemmas: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma id

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            self._apply(batch)
            yield from batch

    def _apply(self, docs: list[Doc]) -> None:
        if self.stock is None:
            raise RuntimeError("a LemmaTable needs its stock lemmatizer: add it with use_lemma_table")
        for doc in docs:
            if not len(doc):
                continue
            keys = doc.to_array(_KEY).reshape(-1, len(_KEY))
            lemmas = doc.to_array([LEMMA]).reshape(-1)
            if not keys[:, 1].all():  # a token without a part of speech: the stock component, as is
                self.stock(doc)
                continue
            todo = np.flatnonzero(lemmas == 0)
            if not len(todo):
                continue
            unique, first, inverse = np.unique(keys[todo], axis=0, return_index=True, return_inverse=True)
            found = np.empty(len(unique), dtype=np.uint64)
            for row, (key, at) in enumerate(zip(map(tuple, unique.tolist()), first.tolist(), strict=True)):
                lemma = self.lemmas.get(key)
                if lemma is None:
                    lemma = self.lemmas[key] = self.vocab.strings.add(self.stock.lemmatize(doc[int(todo[at])])[0])
                found[row] = lemma
            lemmas[todo] = found[inverse.reshape(-1)]
            doc.from_array([LEMMA], cast(Ints2d, lemmas.reshape(-1, 1)))


FACTORY = "newsmine_lemma_table"


@Language.factory(FACTORY)
def make_lemma_table(nlp: Language, name: str) -> LemmaTable:
    return LemmaTable(nlp.vocab)


def use_lemma_table(nlp: Language, name: str = "lemmatizer") -> bool:
    """Put a :class:`LemmaTable` in place of ``nlp``'s lemmatizer ``name`` when it is a rule or
    lookup lemmatizer that keeps existing lemmas (True); otherwise leave it (False)."""
    stock = nlp.get_pipe(name)
    if not isinstance(stock, Lemmatizer) or stock.mode not in ("rule", "lookup") or stock.overwrite:
        return False
    table = cast(LemmaTable, nlp.replace_pipe(name, FACTORY))
    table.stock = stock
    return True


__all__ = ["LemmaTable", "use_lemma_table"]
