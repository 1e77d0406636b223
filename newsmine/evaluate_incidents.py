"""Scoring incident linking against an incident set (``ATTRIBUTES.md``, "Incident sets").

Figures are paired with gold figures on (value, category) within each article, as for the
attributes; over those pairs, B-cubed precision and recall compare each figure's predicted incident
with its gold ``incident``. For every incident of ``incidents.json``, the predicted incident that
holds most of its paired figures must report each of its ``latest`` values as its latest toll.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsmine.evaluate import Agreement, pair_figures


@dataclass
class IncidentScores:
    precision: float = 0.0
    recall: float = 0.0
    pairs: int = 0
    latest: Agreement = field(default_factory=Agreement)
    misses: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_incidents(gold_dir: Path) -> list[dict[str, Any]] | None:
    """The folder's ``incidents.json``, or None when it has none."""
    path = gold_dir / "incidents.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def bcubed(gold_of: dict[Any, str], found_of: dict[Any, str]) -> tuple[float, float]:
    """B-cubed precision and recall of the clustering ``found_of`` against ``gold_of`` (same keys)."""
    gold_sets: dict[str, set[Any]] = defaultdict(set)
    found_sets: dict[str, set[Any]] = defaultdict(set)
    for key, cluster in gold_of.items():
        gold_sets[cluster].add(key)
        found_sets[found_of[key]].add(key)
    if not gold_of:
        return 0.0, 0.0
    precision = recall = 0.0
    for key in gold_of:
        g, f = gold_sets[gold_of[key]], found_sets[found_of[key]]
        both = len(g & f)
        precision += both / len(f)
        recall += both / len(g)
    return precision / len(gold_of), recall / len(gold_of)


def score_incidents(
    gold: dict[str, dict[str, Any]],
    texts: dict[str, str],
    figures: list[dict[str, Any]],
    tolls: list[dict[str, Any]],
    incidents: list[dict[str, Any]],
) -> IncidentScores:
    """Score ``figures`` (rows with ``doc_id`` and ``incident_id``) and ``tolls`` (``incident_tolls`` rows)."""
    gold_of: dict[tuple[str, str], str] = {}
    found_of: dict[tuple[str, str], str] = {}
    for doc_id, g in gold.items():
        mine = [f for f in figures if f["doc_id"] == doc_id]
        for gf, ff in pair_figures(texts.get(doc_id, ""), g["figures"], mine):
            if gf.get("incident") and ff.get("incident_id"):
                gold_of[(doc_id, ff["figure_id"])] = gf["incident"]
                found_of[(doc_id, ff["figure_id"])] = ff["incident_id"]
    out = IncidentScores(pairs=len(gold_of))
    out.precision, out.recall = bcubed(gold_of, found_of)
    newest: dict[str, dict[str, int]] = defaultdict(dict)
    for t in tolls:
        if t["is_latest"]:
            newest[t["incident_id"]][t["category"]] = t["value"]
    for incident in incidents:
        held = Counter(found_of[k] for k, cluster in gold_of.items() if cluster == incident["incident"])
        predicted = held.most_common(1)[0][0] if held else None
        for category, value in sorted(incident["latest"].items()):
            got = newest.get(predicted, {}).get(category) if predicted else None
            out.latest.add(got == value)
            if got != value:
                out.misses.append(f"{incident['incident']} latest {category}: gold {value}, found {got} ({predicted})")
    return out


def render_incidents(scores: IncidentScores, misses: bool = True) -> str:
    """The incident measures as plain text, then the latest tolls missed."""
    out = [
        f"{'incidents B-cubed P / R / F1':<30}  {scores.precision:5.3f} {scores.recall:5.3f} {scores.f1:5.3f}"
        f"  ({scores.pairs} paired figures)",
        f"{'latest tolls right':<30}  {scores.latest.rate:5.3f} {scores.latest.agree:4d}/{scores.latest.total}",
    ]
    if misses:
        out += [f"  {m}" for m in scores.misses]
    return "\n".join(out)
