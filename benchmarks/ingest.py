"""Ingest alone: the time to read and stage the text, HTML and WARC corpora, without Prefect or the model.

Runs what a run's ingest runs (:func:`newsmine.pipeline.stage_ingest`, batch after batch, one
``seen`` for the run) over the benchmark corpus of N articles in its three forms, after a warm-up
that imports trafilatura and the language model. Usage::

    .venv/bin/python -m benchmarks.ingest [--n 500]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import build
from benchmarks.pages import build_html, build_warc
from newsmine.ingest import discover
from newsmine.pipeline import stage_ingest
from newsmine.settings import Settings


def ingest_seconds(raw: Path, out: Path) -> tuple[float, int, int]:
    """Seconds to ingest ``raw`` into staging under ``out``; the articles and rejects it gave."""
    settings = Settings(raw_dir=str(raw), out_dir=str(out))
    files, _ = discover(raw)
    today = datetime.now(UTC).date()
    seen: dict[str, str] = {}
    articles = rejects = 0
    started = time.perf_counter()
    for part, start in enumerate(range(0, len(files), settings.batch_size), start=1):
        batch = files[start : start + settings.batch_size]
        result, _ = stage_ingest(batch, settings, "bench", part, today, seen, {}, False)
        articles += len(result.articles)
        rejects += len(result.rejects)
    return time.perf_counter() - started, articles, rejects


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=500, help="articles in the corpus")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsmine-ingest-"))
    try:
        build_html(work / "warm", 3)
        ingest_seconds(work / "warm", work / "warm-out")
        build(work / "text", args.n)
        build_html(work / "html", args.n)
        build_warc(work / "warc" / "crawl.warc.gz", args.n)
        for kind in ("text", "html", "warc"):
            seconds, articles, rejects = ingest_seconds(work / kind, work / f"{kind}-out")
            print(
                f"{kind:<5} {seconds:7.2f} s  {args.n / seconds:8.1f} articles/s  ({articles} articles, {rejects} rejects)"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
