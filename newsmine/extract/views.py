"""Views of a parsed document that several extractors read, computed once per document.

spaCy builds ``Doc.text`` from every token on each access, and each ``doc[i]`` creates a Python
token object: the extractors read these views instead (cached in ``doc.user_data``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import Protocol, TypeVar

from spacy.tokens import Doc

_TEXT = "newsmine.text"
_LOWER = "newsmine.lower"
_SENT_STARTS = "newsmine.sent_starts"


def text(doc: Doc) -> str:
    """The document's text."""
    if _TEXT not in doc.user_data:
        doc.user_data[_TEXT] = doc.text
    return str(doc.user_data[_TEXT])


def lower(doc: Doc) -> list[str]:
    """Each token's lower-cased text, by token index."""
    if _LOWER not in doc.user_data:
        doc.user_data[_LOWER] = [t.lower_ for t in doc]
    words: list[str] = doc.user_data[_LOWER]
    return words


def sentence_of(doc: Doc, token_index: int) -> int:
    """The index of the sentence holding the token."""
    if _SENT_STARTS not in doc.user_data:
        doc.user_data[_SENT_STARTS] = [s.start for s in doc.sents]
    return max(bisect_right(doc.user_data[_SENT_STARTS], token_index) - 1, 0)


class _Spanned(Protocol):
    @property
    def start_char(self) -> int: ...

    @property
    def end_char(self) -> int: ...


R = TypeVar("R", bound=_Spanned)


def by_token(doc: Doc, records: Iterable[R]) -> dict[int, R]:
    """Each token index covered by a record's character span, mapped to the record."""
    out: dict[int, R] = {}
    for record in records:
        span = doc.char_span(record.start_char, record.end_char, alignment_mode="expand")
        if span is not None:
            for tok in span:
                out[tok.i] = record
    return out
