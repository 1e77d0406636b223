"""Ingest alone: the time to read and stage the text, HTML and WARC corpora, without Prefect or the model.

Runs what a run's ingest runs (:func:`newsmine.pipeline.stage_ingest`, batch after batch, one
``seen`` for the run) over the benchmark corpus of N articles in its three forms, after a warm-up
that imports trafilatura and the language model: in this one process (serial), then with the
pages parsed by the model workers (pooled; the workers are started, as a run starts them, before
the clock). Usage::

    .venv/bin/python -m benchmarks.ingest [--n 500] [--workers 0]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.corpus import build
from benchmarks.pages import build_html, build_warc
from newsmine.ingest import discover
from newsmine.ingest.parallel import Pool
from newsmine.ingest.web import warm
from newsmine.pipeline import stage_ingest
from newsmine.settings import DEFAULT_MODEL, Settings
from newsmine.workers import model_pool, shutdown


def ingest_seconds(raw: Path, out: Path, pool: Pool | None = None) -> tuple[float, float, int, int]:
    """Seconds to ingest ``raw`` into staging under ``out`` (wall clock, and CPU of this process);
    the articles and rejects it gave."""
    settings = Settings(raw_dir=str(raw), out_dir=str(out))
    files, _ = discover(raw)
    today = datetime.now(UTC).date()
    seen: dict[str, str] = {}
    articles = rejects = 0
    started, cpu = time.perf_counter(), time.process_time()
    for part, start in enumerate(range(0, len(files), settings.batch_size), start=1):
        batch = files[start : start + settings.batch_size]
        result, _ = stage_ingest(batch, settings, "bench", part, today, seen, {}, False, pool)
        articles += len(result.articles)
        rejects += len(result.rejects)
    return time.perf_counter() - started, time.process_time() - cpu, articles, rejects


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=500, help="articles in the corpus")
    p.add_argument("--workers", type=int, default=0, help="model worker processes (0: all cores)")
    args = p.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsmine-ingest-"))
    warm()  # as `newsmine run` does for pages, before it forks the workers
    pool = model_pool(DEFAULT_MODEL, args.workers or os.cpu_count() or 1)
    try:
        build(work / "text", args.n)
        build_html(work / "html", args.n)
        build_warc(work / "warc" / "crawl.warc.gz", args.n)
        for kind in ("text", "html", "warc"):
            for how, use in (("serial", None), (f"{pool.workers} workers", pool)):
                seconds, cpu, articles, rejects = ingest_seconds(work / kind, work / f"{kind}-{how}", use)
                print(
                    f"{kind:<5} {how:<10} {seconds:6.2f} s  {args.n / seconds:7.1f} articles/s"
                    f"  {cpu:6.2f} s CPU in this process  ({articles} articles, {rejects} rejects)"
                )
    finally:
        shutdown()
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
