"""An incident's tolls: which figures report its toll, and which report is the latest per category.

A figure reports the incident's toll unless it counts ``other`` things, a subset of a group ("four
of them children", "including 12 children"), or the old value of an update ("rose to 934 from
863"). The latest toll of a category is the current value in the most recently published article
that reports the category (the largest when its sources differ); a newer report overrides an older
one, also when it revises the toll down.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

_SUBSET_AFTER = re.compile(r"^\W*(?:of (?:them|whom|those|these|the \w+)|among (?:them|whom|the \w+))\b", re.I)
_SUBSET_BEFORE = re.compile(r"\b(?:including|among them|among whom|of whom)\W*(?:\w+\W+){0,2}$", re.I)
_OLD_VALUE = re.compile(
    r"(?:\bfrom|\b(?:previous|earlier|initial) (?:toll|figure|count|estimate) of)\s+"
    r"(?:about |around |nearly |more than |at least |some )?$",
    re.I,
)
_NEAR = 30  # characters either side of a figure that say what it is


def _whole(sentence: str, text: str, start: int) -> int:
    """Where ``text`` stands in ``sentence`` from ``start`` as whole words ("40" not in "140"), or -1."""
    at = sentence.find(text, start)
    while at >= 0:
        end = at + len(text)
        if (at == 0 or not sentence[at - 1].isalnum()) and (end == len(sentence) or not sentence[end].isalnum()):
            return at
        at = sentence.find(text, at + 1)
    return -1


def _in_sentence(figures: Sequence[dict[str, Any]]) -> list[tuple[str, str]]:
    """The text just before and just after each figure, within its sentence."""
    seen: dict[tuple[str, int, str], int] = defaultdict(int)
    out = []
    for f in figures:
        sentence, text = f["sentence"] or "", f["text"] or ""
        key = (f["article_id"], f["sentence_index"], text)
        at, start = -1, 0
        for _ in range(seen[key] + 1):  # the n-th figure of this text in the sentence: its n-th whole match
            at = _whole(sentence, text, start)
            start = at + 1
            if at < 0:
                break
        seen[key] += 1
        if at < 0:
            out.append(("", ""))
            continue
        out.append((sentence[max(0, at - _NEAR) : at], sentence[at + len(text) : at + len(text) + _NEAR]))
    return out


def toll_figures(figures: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures of one article's event that report the event's toll (in text order)."""
    contexts = _in_sentence(figures)
    by_sentence: dict[tuple[int, str], int] = defaultdict(int)
    for f in figures:
        by_sentence[(f["sentence_index"], f["category"])] += 1
    out = []
    for f, (before, after) in zip(figures, contexts, strict=True):
        if f["category"] == "other":
            continue
        if _SUBSET_AFTER.search(after) or _SUBSET_BEFORE.search(before):
            continue
        if _OLD_VALUE.search(before) and by_sentence[(f["sentence_index"], f["category"])] > 1:
            continue
        out.append(f)
    return out


def latest(tolls: Sequence[dict[str, Any]]) -> set[str]:
    """The ``figure_id`` of each category's latest toll among one incident's toll figures."""
    best: dict[str, tuple[Any, ...]] = {}
    for f in tolls:
        # the newest article; on a day of several, the largest value; on a tie, the first in text order
        rank = (f["published_date"], f["value"], f["article_id"])
        if f["category"] not in best or rank > best[f["category"]][0]:
            best[f["category"]] = (rank, f["figure_id"])
    return {figure_id for _, figure_id in best.values()}
