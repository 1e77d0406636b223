"""Dates: expressions of a calendar day, month or year, resolved against the publication date.

Recognition is by patterns over the text (they are precise and fast); the parse is used for the
sentence and the tense, which decides whether a bare weekday is the last one or the next one.
Offsets counted in units ("two weeks ago", "a month after the vote") are approximate, not dates
(the dev set's SCHEME.md); "the day before" and "the month before" resolve through the date before.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Doc

from newsmine.extract.calendar import (
    MONTH_NAMES,
    MONTHS,
    WEEKDAYS,
    add_months,
    month_day_year,
    month_number,
    month_year,
    weekday_on_or_after,
    weekday_on_or_before,
)
from newsmine.extract.records import DateMention
from newsmine.extract.views import sentence_at, sentences
from newsmine.extract.views import text as doc_text

# Month names and abbreviations from the calendar's one list: full names first, then "Sept." before "Sep.".
_MONTH = "(?:{})".format(
    "|".join(
        [name.capitalize() for name in MONTH_NAMES]
        + [
            re.escape(a.capitalize()) + r"\.?"
            for a in sorted(set(MONTHS) - set(MONTH_NAMES), key=lambda a: (-len(a), a))
        ]
    )
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_PART = r"(?:early|mid-?|late|the end of|the start of|the beginning of|the middle of)"

# Order matters: longer, more explicit patterns first; a span once taken is not matched again.
PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("numeric", re.compile(rf"\b(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>{_YEAR})\b")),
    ("dmy", re.compile(rf"\b(?P<d>{_DAY}) (?:of )?(?P<m>{_MONTH})(?:,? (?P<y>{_YEAR}))?(?![\w-])")),
    ("mdy", re.compile(rf"\b(?P<m>{_MONTH}) (?P<d>{_DAY})(?:,? (?P<y>{_YEAR}))?(?![\w:-])")),
    ("month_year", re.compile(rf"\b(?:(?P<part>{_PART}) )?(?P<m>{_MONTH}),? (?P<y>{_YEAR})\b")),
    ("weekday", re.compile(rf"\b(?:(?P<mod>last|next|this|this past|this coming|on) )?(?P<w>{_WEEKDAY})\b", re.I)),
    (
        "relative_day",
        re.compile(
            r"\b(?P<w>yesterday|today|tonight|last night|the day before|the previous day|the next day|the following day|the day after)\b",
            re.I,
        ),
    ),
    (
        "relative_month",
        re.compile(
            r"\b(?P<w>(?:earlier |later )?this month|last month|next month|the month before|the previous month|the following month)\b",
            re.I,
        ),
    ),
    (
        "relative_year",
        re.compile(
            r"\b(?P<w>(?:earlier |later )?this year|last year|next year|the year before|the previous year)\b", re.I
        ),
    ),
    ("month", re.compile(rf"\b(?:(?P<mod>last|next|this|{_PART}) ?)?(?P<m>{_MONTH})(?![\w-])", re.I)),
    ("year", re.compile(rf"(?<![\w$£€.,-])(?P<y>{_YEAR})(?![\w%-]|,\d|\.\d)")),
]

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
# "is expected to ease by Saturday", "are due to meet on Monday": a future without "will".
_FUTURE_CUES = frozenset({"expected", "due", "scheduled", "set", "likely", "going", "planned", "poised", "slated"})


def _is_future(doc: Doc, start_char: int) -> bool:
    """Is the clause around the character in future tense ("talks will resume on Monday")?"""
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX", "ADJ"}:
            children = list(tok.children)
            if any(c.lower_ in _FUTURE_AUX for c in children):
                return True
            if tok.lower_ in _FUTURE_CUES and any(c.lemma_ == "be" and c.tag_ in {"VBZ", "VBP"} for c in children):
                return True
            if tok.lemma_ == "be" and tok.tag_ in {"VBZ", "VBP"} and any(c.dep_ == "xcomp" for c in children):
                return True  # "is to meet"
            if tok.dep_ not in {"xcomp", "ccomp"} or tok.tag_ in {"VBD", "VBN"} and tok.dep_ != "xcomp":
                return False
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return False


def _resolve(
    kind: str, m: re.Match[str], published: date, future: bool, last_day: date | None, last_month: date | None
) -> tuple[date, str, str] | None:
    """(first day of the period, granularity, method) for one match, or ``None``."""
    g = m.groupdict()
    try:
        if kind == "iso":
            return date(int(g["y"]), int(g["m"]), int(g["d"])), "day", "explicit"
        if kind == "numeric":
            a, b = int(g["a"]), int(g["b"])
            day, month = (a, b) if a > 12 or b <= 12 else (b, a)
            return date(int(g["y"]), month, day), "day", "explicit"
        if kind in {"dmy", "mdy"}:
            month, day = month_number(g["m"]), int(re.sub(r"\D", "", g["d"]))
            if g.get("y"):
                return date(int(g["y"]), month, day), "day", "explicit"
            year = month_day_year(month, day, published, future)
            return date(year, month, day), "day", "month_day"
        if kind == "month_year":
            return date(int(g["y"]), month_number(g["m"]), 1), "month", "explicit"
        if kind == "weekday":
            mod = (g.get("mod") or "").lower()
            wd = WEEKDAYS[g["w"].lower()]
            if mod in {"next", "this coming"} or (future and mod != "last"):
                return weekday_on_or_after(published, wd, strictly=mod == "next"), "day", "weekday"
            return weekday_on_or_before(published, wd, strictly=mod == "last"), "day", "weekday"
        if kind == "relative_day":
            w = g["w"].lower()
            if w in {"today", "tonight"}:
                return published, "day", "relative"
            if w in {"yesterday", "last night"}:
                return published - timedelta(days=1), "day", "relative"
            anchor = last_day or published
            step = -1 if w in {"the day before", "the previous day"} else 1
            return anchor + timedelta(days=step), "day", "relative"
        if kind == "relative_month":
            w = g["w"].lower()
            if w.endswith("this month"):
                return date(published.year, published.month, 1), "month", "relative"
            if w in {"last month"}:
                return add_months(published, -1), "month", "relative"
            if w == "next month":
                return add_months(published, 1), "month", "relative"
            anchor = last_month or published
            return add_months(anchor, -1 if w != "the following month" else 1), "month", "relative"
        if kind == "relative_year":
            w = g["w"].lower()
            offset = {"last year": -1, "next year": 1, "the year before": -1, "the previous year": -1}.get(w, 0)
            return date(published.year + offset, 1, 1), "year", "relative"
        if kind == "month":
            word = g["m"]
            if not word[0].isupper() or (word.lower() == "may" and not g.get("mod")):
                return None  # "may" the verb; the capitalised "May" needs a cue
            mod = (g.get("mod") or "").lower()
            month = month_number(word)
            fut = mod == "next" or (future and mod != "last")
            year = month_year(month, published, fut, strictly=mod in {"last", "next"})
            return date(year, month, 1), "month", "month"
        if kind == "year":
            return date(int(g["y"]), 1, 1), "year", "explicit"
    except (ValueError, KeyError):
        return None
    return None


def _text_of(kind: str, m: re.Match[str]) -> tuple[int, int]:
    """The span of the date expression itself (a leading "on" is not part of it)."""
    start, end = m.span()
    if kind == "weekday" and (m.group("mod") or "").lower() == "on":
        start = m.start("w")
    return start, end


def _is_may_date(text: str, start: int, end: int) -> bool:
    """'May' is a month only next to a preposition or a modifier ("in May", "last May")."""
    before = text[max(0, start - 12) : start].lower().split()
    return bool(before) and before[-1] in {
        "in",
        "since",
        "of",
        "until",
        "till",
        "by",
        "from",
        "during",
        "early",
        "late",
        "mid-",
        "last",
        "next",
        "this",
        "through",
        "before",
        "after",
    }


def dates(doc: Doc, article_id: str, published: date) -> list[DateMention]:
    """Extract and resolve every date expression of an article.

    Args:
        doc: the parsed article text.
        article_id: id stored on each record.
        published: the anchor for relative expressions.

    Returns:
        Date mentions in text order.
    """
    text = doc_text(doc)
    sents = sentences(doc)
    found: list[tuple[int, int, str, re.Match[str]]] = []
    taken = bytearray(len(text) + 1)
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            start, end = _text_of(kind, m)
            if any(taken[start:end]):
                continue
            if (
                kind == "month"
                and m.group("m").lower() == "may"
                and not m.group("mod")
                and not _is_may_date(text, start, end)
            ):
                continue
            found.append((start, end, kind, m))
            taken[start:end] = b"\x01" * (end - start)
    found.sort(key=lambda item: item[0])
    out: list[DateMention] = []
    last_day: date | None = None
    last_month: date | None = None
    last_sent = -1
    for start, end, kind, m in found:
        sent_index = sentence_at(doc, start)
        if sent_index != last_sent:
            last_day = None
            last_sent = sent_index
        resolved = _resolve(kind, m, published, _is_future(doc, start), last_day, last_month)
        if resolved is None:
            continue
        day, granularity, method = resolved
        if granularity == "day":
            last_day = day
        if granularity in {"day", "month"}:
            last_month = day
        out.append(
            DateMention(
                article_id=article_id,
                text=text[start:end],
                resolved_date=day,
                granularity=granularity,
                method=method,
                sentence_index=sent_index,
                start_char=start,
                end_char=end,
                sentence=text[sents[sent_index].start_char : sents[sent_index].end_char],
                published_date=published,
            )
        )
    return out
