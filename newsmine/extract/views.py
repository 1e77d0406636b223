"""Views of a parsed document that every extractor reads, computed once per document.

Sentence numbers come from here only (:func:`sentences`, :func:`sentence_of`, :func:`sentence_at`),
so that ``sentence_index`` means the same sentence in every table.

spaCy builds ``Doc.text`` from every token on each access, and each ``doc[i]`` creates a Python
token object: the extractors read these views instead (cached in ``doc.user_data``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from spacy.tokens import Doc, Span, Token

# The article's lead: the sentences where its main event is told (its place, date and kind of event).
LEAD_SENTENCES = 3

_TEXT = "newsmine.text"
_LOWER = "newsmine.lower"
_SENT_STARTS = "newsmine.sent_starts"
_SENTS = "newsmine.sents"
_SENT_CHARS = "newsmine.sent_start_chars"


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


def sentences(doc: Doc) -> list[Span]:
    """The document's sentences, in order: ``sentences(doc)[i]`` is sentence ``i`` of every table."""
    if _SENTS not in doc.user_data:
        doc.user_data[_SENTS] = list(doc.sents)
    sents: list[Span] = doc.user_data[_SENTS]
    return sents


def sentence_of(doc: Doc, token_index: int) -> int:
    """The index of the sentence holding the token."""
    if _SENT_STARTS not in doc.user_data:
        doc.user_data[_SENT_STARTS] = [s.start for s in sentences(doc)]
    return max(bisect_right(doc.user_data[_SENT_STARTS], token_index) - 1, 0)


def sentence_span(tok: Token) -> Span:
    """The sentence holding the token, the same object every time: ``tok.sent`` scans for the
    sentence's boundaries and builds a new span on each access."""
    return sentences(tok.doc)[sentence_of(tok.doc, tok.i)]


def sentence_at(doc: Doc, char: int) -> int:
    """The index of the sentence holding the character offset ``char``."""
    if _SENT_CHARS not in doc.user_data:
        doc.user_data[_SENT_CHARS] = [s.start_char for s in sentences(doc)]
    return max(bisect_right(doc.user_data[_SENT_CHARS], char) - 1, 0)


T = TypeVar("T")


def per_sentence(sent: Span, key: str, compute: Callable[[Span], T]) -> T:
    """``compute(sent)``, computed once per sentence and document under ``key``."""
    cache: dict[int, Any] = sent.doc.user_data.setdefault(key, {})
    if sent.start not in cache:
        cache[sent.start] = compute(sent)
    found: T = cache[sent.start]
    return found


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
