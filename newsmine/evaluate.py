"""Scoring extracted tables against gold annotations (``SCHEME.md`` format: ``gold/<id>.json``).

A figure matches when the same article has a gold figure with the same value and category (each gold
figure matches once); dates match on resolved date and granularity.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmine.errors import E_GOLD, NewsmineError
from newsmine.extract.place_words import place_key


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: Counter, found: Counter) -> tuple[Counter, Counter]:
        """Count a multiset comparison; returns (missed, spurious)."""
        hit = gold & found
        self.tp += sum(hit.values())
        missed, spurious = gold - hit, found - hit
        self.fn += sum(missed.values())
        self.fp += sum(spurious.values())
        return missed, spurious


@dataclass
class Scores:
    figures: Score = field(default_factory=Score)
    figure_values: Score = field(default_factory=Score)
    dates: Score = field(default_factory=Score)
    categories: dict[str, Score] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)  # (gold category, found category) -> count
    misses: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    articles: int = 0


def _date_key(resolved: Any, granularity: str) -> tuple[str, str]:
    text = str(resolved)
    return (text[:10] if granularity == "day" else text[:7] if granularity == "month" else text[:4]), granularity


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold annotations by article id (the raw file's stem)."""
    folder = gold_dir / "gold"
    if not folder.is_dir():
        raise NewsmineError(E_GOLD, f"{folder} does not exist: --gold takes a folder holding raw/ and gold/")
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


MISSED, SPURIOUS = "(missed)", "(spurious)"


def confusion(gold: Counter, found: Counter) -> Counter:
    """Gold against found categories for one article, pairing figures of the same value.

    Figures that agree pair first; the rest of each value pair in order; a gold figure left over is
    ``(missed)`` and a found one ``(spurious)``.
    """
    out: Counter = Counter()
    for value in sorted({v for v, _ in gold} | {v for v, _ in found}):
        g = Counter({c: n for (v, c), n in gold.items() if v == value})
        f = Counter({c: n for (v, c), n in found.items() if v == value})
        same = g & f
        out.update({(c, c): n for c, n in same.items()})
        rest_g, rest_f = sorted((g - same).elements()), sorted((f - same).elements())
        for a, b in zip(rest_g, rest_f, strict=False):
            out[(a, b)] += 1
        out.update((a, MISSED) for a in rest_g[len(rest_f) :])
        out.update((SPURIOUS, b) for b in rest_f[len(rest_g) :])
    return out


def score(gold: dict[str, dict[str, Any]], figures: list[dict[str, Any]], dates: list[dict[str, Any]]) -> Scores:
    """Score extracted rows (each with a ``doc_id``: the raw file's stem) against gold."""
    out = Scores(articles=len(gold))
    for doc_id, g in gold.items():
        mine_f = [f for f in figures if f["doc_id"] == doc_id]
        mine_d = [d for d in dates if d["doc_id"] == doc_id]
        gf = Counter((x["value"], x["category"]) for x in g["figures"])
        ff = Counter((x["value"], x["category"]) for x in mine_f)
        missed, spurious = out.figures.add(gf, ff)
        out.figure_values.add(Counter(x["value"] for x in g["figures"]), Counter(x["value"] for x in mine_f))
        out.confusion.update(confusion(gf, ff))
        for cat in sorted({c for _, c in gf} | {c for _, c in ff}):
            out.categories.setdefault(cat, Score()).add(
                Counter(k for k in gf.elements() if k[1] == cat), Counter(k for k in ff.elements() if k[1] == cat)
            )
        gd = Counter(_date_key(x["resolved"], x["granularity"]) for x in g["dates"])
        fd = Counter(_date_key(x["resolved_date"], x["granularity"]) for x in mine_d)
        dmissed, dspurious = out.dates.add(gd, fd)
        texts = {(x["value"], x["category"]): x["text"] for x in g["figures"]}
        found_texts = {(x["value"], x["category"]): x["text"] for x in mine_f}
        dtexts = {_date_key(x["resolved"], x["granularity"]): x["text"] for x in g["dates"]}
        fdtexts = {_date_key(x["resolved_date"], x["granularity"]): x["text"] for x in mine_d}
        lines = {
            "missed figures": [f"{v} {c} ({texts[(v, c)]!r})" for v, c in missed.elements()],
            "spurious figures": [f"{v} {c} ({found_texts[(v, c)]!r})" for v, c in spurious.elements()],
            "missed dates": [f"{d} {gr} ({dtexts[(d, gr)]!r})" for d, gr in dmissed.elements()],
            "spurious dates": [f"{d} {gr} ({fdtexts[(d, gr)]!r})" for d, gr in dspurious.elements()],
        }
        if any(lines.values()):
            out.misses[doc_id] = {k: v for k, v in lines.items() if v}
    return out


def render_confusion(counts: Counter) -> str:
    """The confusion table: a row per gold category, a column per found one (same value)."""
    gold_cats = sorted({g for g, _ in counts if g != SPURIOUS}) + [SPURIOUS]
    found_cats = sorted({f for _, f in counts if f != MISSED}) + [MISSED]
    width = max(len(c) for c in gold_cats)
    cols = [c[:5] if not c.startswith("(") else c[1:6] for c in found_cats]
    out = ["confusion (rows: gold category, columns: found category; figures of the same value)"]
    out.append(f"{'':<{width}}  " + " ".join(f"{c:>5}" for c in cols))
    for g in gold_cats:
        cells = [counts.get((g, f), 0) for f in found_cats]
        out.append(f"{g:<{width}}  " + " ".join(f"{n:5d}" if n else f"{'.':>5}" for n in cells))
    return "\n".join(out)


def render(scores: Scores, misses: bool = True) -> str:
    """A plain-text table of the scores, then the misses article by article."""
    rows = [
        ("figures (value+category)", scores.figures),
        ("figures (value only)", scores.figure_values),
        ("dates (date+granularity)", scores.dates),
    ]
    rows += [(f"  category {c}", s) for c, s in sorted(scores.categories.items())]
    width = max(len(name) for name, _ in rows)
    out = [f"{'':<{width}}  {'P':>5} {'R':>5} {'F1':>5} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for name, s in rows:
        out.append(f"{name:<{width}}  {s.precision:5.3f} {s.recall:5.3f} {s.f1:5.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}")
    out.append(f"articles: {scores.articles}")
    if scores.confusion:
        out += ["", render_confusion(scores.confusion)]
    if misses:
        for doc_id, kinds in scores.misses.items():
            out.append(f"\n{doc_id}")
            for kind, items in kinds.items():
                out += [f"  {kind}: {item}" for item in items]
    return "\n".join(out)


# --- Figure attributes and quotes (ATTRIBUTES.md, "How these are scored") -------------------------

_PLACE_WORDS = frozenset(
    "province city district region state county governorate strip town village area capital island".split()
)
# Words of a gold source that say nothing about who it is; one of the others must appear in the prediction.
_SOURCE_STOPWORDS = frozenset({"the", "of", "officials", "official", "said", "a", "an", "and", "to", "in", "for"})
_PUNCT = re.compile(r"[^\w\s]")


def location_agrees(gold: str | None, found: str | None) -> bool:
    """Both null, or one place name contains the other once case, "the" and place-type words are dropped."""
    if gold is None or found is None:
        return gold is None and found is None
    g, f = place_key(gold, _PLACE_WORDS), place_key(found, _PLACE_WORDS)
    return bool(g and f) and (g in f or f in g)


def source_agrees(gold: str | None, found: str | None) -> bool:
    """Both null, or a telling word of the gold source appears among the predicted source's words."""
    if gold is None or found is None:
        return gold is None and found is None
    words = set(_PUNCT.sub(" ", found.lower()).split())
    gold_words = _PUNCT.sub(" ", gold.lower()).split()
    # a source of stop words only ("officials") must be matched by those words themselves
    telling = [w for w in gold_words if w not in _SOURCE_STOPWORDS] or [w for w in gold_words if w != "the"]
    return any(w in words for w in telling)


def date_agrees(gold: str | None, found: Any) -> bool:
    """Both null, or the predicted ISO date begins with the gold one (gold ``2023-12`` = ``2023-12-01``)."""
    if gold is None or found is None:
        return gold is None and found is None
    return str(found).startswith(gold)


def gold_offsets(text: str, gold_figures: list[dict[str, Any]]) -> list[int | None]:
    """Where each gold figure's text stands, searched in article order (gold lists figures in
    order); None for a fragment not in the text."""
    out: list[int | None] = []
    pos = 0
    for fig in gold_figures:
        at = text.find(fig["text"], pos)
        if at < 0:
            at = text.find(fig["text"])
        if at < 0:
            out.append(None)
        else:
            out.append(at)
            pos = at
    return out


def _offsets(text: str, gold_figures: list[dict[str, Any]]) -> list[int]:
    """:func:`gold_offsets`, a fragment not in the text standing where the previous one stood."""
    out, pos = [], 0
    for at in gold_offsets(text, gold_figures):
        pos = pos if at is None else at
        out.append(pos)
    return out


def pair_figures(
    text: str, gold_figures: list[dict[str, Any]], found: list[dict[str, Any]]
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Pair gold and found figures one-to-one on (value, category), the nearest offsets first."""
    gold_at = _offsets(text, gold_figures)
    candidates = sorted(
        (abs(gold_at[i] - f["start_char"]), i, j)
        for i, g in enumerate(gold_figures)
        for j, f in enumerate(found)
        if (g["value"], g["category"]) == (f["value"], f["category"])
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_g and j not in used_f:
            used_g.add(i)
            used_f.add(j)
            pairs.append((gold_figures[i], found[j]))
    return pairs


def _quote_key(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.lower()).split())


def _quotes_pair(a: str, b: str) -> bool:
    ka, kb = _quote_key(a), _quote_key(b)
    return bool(ka and kb) and (kb[:25] in ka or ka[:25] in kb)


@dataclass
class Agreement:
    agree: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.agree += ok
        self.total += 1


@dataclass
class AttributeScores:
    location: Agreement = field(default_factory=Agreement)
    country: Agreement = field(default_factory=Agreement)
    event_date: Agreement = field(default_factory=Agreement)
    source: Agreement = field(default_factory=Agreement)
    quotes: Score = field(default_factory=Score)
    speaker: Agreement = field(default_factory=Agreement)
    misses: dict[str, list[str]] = field(default_factory=dict)


def score_attributes(
    gold: dict[str, dict[str, Any]],
    texts: dict[str, str],
    figures: list[dict[str, Any]],
    quotes: list[dict[str, Any]],
) -> AttributeScores:
    """Score location, country, event date and source over paired figures, and quotes with speakers.

    ``texts`` holds each article's text by ``doc_id``; figures and quotes are table rows with a ``doc_id``.
    """
    out = AttributeScores()
    for doc_id, g in gold.items():
        notes = out.misses.setdefault(doc_id, [])
        mine = [f for f in figures if f["doc_id"] == doc_id]
        for gf, ff in pair_figures(texts.get(doc_id, ""), g["figures"], mine):
            checks = (
                ("location", out.location, location_agrees(gf.get("location"), ff.get("location")), "location"),
                ("country", out.country, gf.get("country") == ff.get("country_code"), "country_code"),
                ("event_date", out.event_date, date_agrees(gf.get("event_date"), ff.get("event_date")), "event_date"),
                ("source", out.source, source_agrees(gf.get("source"), ff.get("attributed_to")), "attributed_to"),
            )
            for key, measure, ok, column in checks:
                measure.add(ok)
                if not ok:
                    notes.append(f"{key}: {gf['text']!r} gold {gf.get(key)!r} found {ff.get(column)!r}")
        gold_q = g.get("quotes") or []
        mine_q = [q for q in quotes if q["doc_id"] == doc_id]
        used: set[int] = set()
        for gq in gold_q:
            j = next((j for j, q in enumerate(mine_q) if j not in used and _quotes_pair(gq["text"], q["quote"])), None)
            if j is None:
                out.quotes.fn += 1
                notes.append(f"missed quote: {gq['text'][:60]!r} ({gq['speaker']!r})")
                continue
            used.add(j)
            out.quotes.tp += 1
            ok = source_agrees(gq["speaker"], mine_q[j]["speaker"])
            out.speaker.add(ok)
            if not ok:
                notes.append(f"speaker: {gq['text'][:40]!r} gold {gq['speaker']!r} found {mine_q[j]['speaker']!r}")
        for j, q in enumerate(mine_q):
            if j not in used:
                out.quotes.fp += 1
                notes.append(f"spurious quote: {q['quote'][:60]!r}")
        if not notes:
            del out.misses[doc_id]
    return out


def render_attributes(scores: AttributeScores, misses: bool = True) -> str:
    """A plain-text table of the attribute measures, then their misses article by article."""
    rows = [
        ("location agrees", scores.location),
        ("country agrees", scores.country),
        ("event date agrees", scores.event_date),
        ("source agrees", scores.source),
    ]
    out = [f"{name:<24}  {m.rate:5.3f} {m.agree:4d}/{m.total:<4d}" for name, m in rows]
    q = scores.quotes
    out.append(
        f"{'quotes P / R / F1':<24}  {q.precision:5.3f} {q.recall:5.3f} {q.f1:5.3f} {q.tp:4d} {q.fp:4d} {q.fn:4d}"
    )
    out.append(
        f"{'quote speaker agrees':<24}  {scores.speaker.rate:5.3f} {scores.speaker.agree:4d}/{scores.speaker.total}"
    )
    if misses:
        for doc_id, notes in scores.misses.items():
            out.append(f"\n{doc_id}")
            out += [f"  {n}" for n in notes]
    return "\n".join(out)
