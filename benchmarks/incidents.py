"""Incident linking at scale: 100,000 published figures from 20,000 articles, linked as a run does.

Builds a synthetic ``figures`` table (seeded): incidents in 50 countries over a year, each reported
by one to five articles on the days after it, five figures per article, one article in ten also
recalling a background toll of an earlier year (an incident of its own). The figures are published
into a temporary output folder, then timed: :func:`newsmine.incidents.runs.link_run` (read the table, link every figure,
the ids to rewrite), the step every publishing run takes, and scored against the generated incidents (B-cubed; two
generated incidents of one kind and place on overlapping days are, rightly, one). Writes its section of
``benchmarks/RESULTS.md``:

    .venv/bin/python -m benchmarks.incidents [--articles 20000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from benchmarks.results import write_section
from newsmine import store
from newsmine.evaluate_incidents import bcubed
from newsmine.extract.event_kinds import KINDS
from newsmine.extract.gazetteer import places
from newsmine.incidents.runs import link_run
from newsmine.tables.figures import CATEGORIES
from newsmine.tables.figures import TABLE as FIGURES

FIGURES_PER_ARTICLE = 5


def _cities(countries: int, rng: random.Random) -> dict[str, list[str]]:
    by_country: dict[str, list[str]] = defaultdict(list)
    for name, place in places().items():
        if not place.is_country and name.isalpha():
            by_country[place.country_code].append(name.title())
    big = sorted((c for c in by_country if len(by_country[c]) >= 20), key=lambda c: -len(by_country[c]))
    return {c: by_country[c] for c in big[:countries]}


def corpus(articles: int, seed: int = 1) -> tuple[list[dict[str, object]], dict[str, str]]:
    """Figure rows of the ``figures`` table for ``articles`` synthetic articles, and the true
    incident of each figure (by ``figure_id``)."""
    rng = random.Random(seed)
    cities = _cities(50, rng)
    kinds = sorted(set(KINDS.values()))
    categories = [c for c in CATEGORIES if c != "other"]
    rows: list[dict[str, object]] = []
    truth: dict[str, str] = {}
    n = incident = 0
    while n < articles:
        incident += 1
        country = rng.choice(sorted(cities))
        city = rng.choice(cities[country])
        kind = rng.choice(kinds)
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
        for report in range(min(rng.randint(1, 5), articles - n)):
            n += 1
            published = day + timedelta(days=report * rng.randint(1, 3))
            aid = f"{n:016x}"
            figures = [
                (rng.randint(1, 500), rng.choice(categories), day, "day", city) for _ in range(FIGURES_PER_ARTICLE)
            ]
            if rng.random() < 0.1:  # a background toll of an earlier year
                year = date(rng.randint(1990, 2020), 1, 1)
                figures[-1] = (rng.randint(1, 500), "killed", year, "year", rng.choice(cities[country]))
            for i, (value, category, when, granularity, place) in enumerate(figures, 1):
                truth[f"{aid}-f{i:03d}"] = f"{incident}" if granularity == "day" else f"{aid}-background"
                sentence = f"The {kind} in {place} killed {value} people, the {place} governor said."
                rows.append(
                    {
                        "article_id": aid,
                        "figure_id": f"{aid}-f{i:03d}",
                        "value": value,
                        "value_low": value,
                        "value_high": value,
                        "qualifier": "exact",
                        "category": category,
                        "subject": "people",
                        "text": str(value),
                        "sentence_index": i,
                        "start_char": i * 100,
                        "end_char": i * 100 + len(str(value)),
                        "sentence": sentence,
                        "published_date": published,
                        "location": place,
                        "country_code": country,
                        "event_date": when,
                        "event_date_granularity": granularity,
                        "attributed_to": f"the {place} governor",
                        "event_kind": kind,
                        "incident_id": None,
                        "run_id": "bench",
                        "pipeline_version": "bench",
                        "published_month": published.strftime("%Y-%m"),
                    }
                )
    return rows, truth


def measure(articles: int) -> dict[str, float]:
    rows, truth = corpus(articles)
    with tempfile.TemporaryDirectory(prefix="newsmine-bench-incidents-") as tmp:
        out = Path(tmp) / "out"
        checked = Path(tmp) / "checked"
        store.write_months(checked, FIGURES, 0, store.to_arrow(FIGURES, rows))
        store.publish_months(out, [FIGURES], checked, [], "bench")
        empty = Path(tmp) / "empty"
        started = time.perf_counter()
        found = link_run(out, empty, [])
        seconds = time.perf_counter() - started
    precision, recall = bcubed(truth, found.linked.incident_of)
    return {
        "precision": precision,
        "recall": recall,
        "figures": len(rows),
        "articles": articles,
        "incidents": found.incidents.num_rows,
        "tolls": found.tolls.num_rows,
        "seconds": seconds,
    }


def write(result: dict[str, float]) -> str:
    body = "\n".join(
        [
            "## Incident linking (`python -m benchmarks.incidents`)",
            "",
            "| measure | result |",
            "|---|---|",
            f"| published figures | {result['figures']:,} from {result['articles']:,} articles |",
            f"| incidents found | {result['incidents']:,}, with {result['tolls']:,} toll rows |",
            f"| link every figure (read, link, ids to rewrite) | {result['seconds']:.1f} s, one process (target < 60 s) |",
            f"| B-cubed P / R against the generated incidents | {result['precision']:.3f} / {result['recall']:.3f} |",
        ]
    )
    return write_section("incidents", body)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=20_000)
    args = ap.parse_args()
    print(write(measure(args.articles)))


if __name__ == "__main__":
    main()
