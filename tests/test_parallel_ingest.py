"""Pages parsed in worker processes: the same articles, rejects and duplicates as reading serially.

The mixed folder is written here (pages, archives, text and JSON, with copies across batches and
formats); its order of discovery decides which copy is the article, whatever order workers finish in.
"""

from __future__ import annotations

import json
import random
import time
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from newsmine import store, workers
from newsmine.ingest.parallel import in_order, read_batch_pooled
from newsmine.ingest.readers import Limits, discover, read_batch
from newsmine.pipeline import SEEN, stage_ingest
from newsmine.settings import DEFAULT_MODEL, Settings
from newsmine.tables import REJECTS, VALIDATED
from tests.test_web_inputs import HTML, STORY, _warc, page

TODAY = date(2026, 1, 1)
LIMITS = Limits(TODAY, 300_000)
SITE = "https://news.example/world"


def _story(i: int) -> list[str]:
    return [*STORY, f"Report {i}: officials counted {i + 3} damaged bridges and {i * 7 + 2} closed roads in the area."]


def _mixed(raw: Path) -> None:
    """Pages good and bad, archives whole and cut, text and JSON; copies by text and by URL."""
    raw.mkdir()
    (raw / "01-floods.html").write_text(page(), encoding="utf-8")
    (raw / "02-floods.txt").write_text("date 2024-03-05\n" + "\n\n".join(STORY), encoding="utf-8")  # text copy
    (raw / "03-nodate.html").write_text(page(date_meta=None, url=f"{SITE}/nodate"), encoding="utf-8")
    german = [
        "Bei schweren Überschwemmungen sind am Montag zwölf Menschen ums Leben gekommen, teilten die Behörden mit."
    ]
    (raw / "04-de.html").write_text(page(lang="de", paragraphs=german * 4, url=f"{SITE}/de"), encoding="utf-8")
    (raw / "05-front.html").write_text(page(paragraphs=["Latest news."], url=f"{SITE}/front"), encoding="utf-8")
    broken = page(paragraphs=_story(99), url=f"{SITE}/broken").replace("</p>", "")[:-40]
    (raw / "06-broken.html").write_text(broken, encoding="utf-8")
    (raw / "07-garbage.html").write_bytes(b"\x00\x01<<<>>>\xff")
    for i in range(10, 30):
        (raw / f"{i}-story.html").write_text(page(paragraphs=_story(i), url=f"{SITE}/{i}"), encoding="utf-8")
    (raw / "30-update.html").write_text(page(paragraphs=_story(300), url=f"{SITE}/12"), encoding="utf-8")  # URL copy
    pages = [(f"{SITE}/15", "200 OK", page(paragraphs=_story(150), url=f"{SITE}/15").encode(), HTML)]  # URL copy
    pages += [
        (f"{SITE}/a{i}", "200 OK", page(paragraphs=_story(i), url=f"{SITE}/a{i}").encode(), HTML) for i in range(40, 52)
    ]
    pages += [
        ("https://news.example/logo.png", "200 OK", b"\x89PNG\r\n", "image/png"),
        ("https://news.example/gone", "404 Not Found", b"<html>not found</html>", HTML),
        (f"{SITE}/copy20", "200 OK", page(paragraphs=_story(20), url=f"{SITE}/copy20").encode(), HTML),  # text copy
        ("https://news.example/old", "301 Moved Permanently", b"", HTML),
    ]
    _warc(raw / "40-crawl.warc.gz", pages)
    cut = [(f"{SITE}/c{i}", "200 OK", page(paragraphs=_story(i), url=f"{SITE}/c{i}").encode(), HTML) for i in (60, 61)]
    _warc(raw / "41-cut.warc.gz", cut, cut=200)
    lines = [{"published": "2024-03-05", "text": "\n\n".join(STORY)}, {"published": "2024-03-06", "text": "Dry."}]
    (raw / "50-lines.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n{bad\n", encoding="utf-8")
    (raw / "51-one.json").write_text(json.dumps({"published": "2024-04-01", "text": "Rain fell."}), encoding="utf-8")
    (raw / "99-late.html").write_text(page(paragraphs=_story(10), url=f"{SITE}/10"), encoding="utf-8")  # exact copy


class ShuffledPool:
    """Threads that finish chunks in a random order (the later ones often first)."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._threads = ThreadPoolExecutor(workers)
        self._random = random.Random(3)

    def submit(self, fn: Any, *args: Any) -> Future[Any]:
        delay = self._random.uniform(0, 0.05)
        return self._threads.submit(lambda: (time.sleep(delay), fn(*args))[1])


def _batches(files: list[str], size: int = 5) -> list[list[str]]:
    return [files[i : i + size] for i in range(0, len(files), size)]


def _outcome(results: list[Any]) -> tuple[list[tuple[str, ...]], ...]:
    articles = [(a.source, a.article_id, a.url or "", a.text) for r in results for a in r.articles]
    rejects = [(x.source, x.reason, x.message) for r in results for x in r.rejects]
    return articles, rejects, [(d,) for r in results for d in r.duplicate_ids]


def test_parallel_in_order_keeps_the_order_of_the_work_whatever_finishes_first():
    pool = ShuffledPool(4)
    work = [pool.submit(lambda i=i: [i, i + 0.5]) if i % 3 else [i, i + 0.5] for i in range(30)]
    assert list(in_order(iter(work), window=3)) == [x for i in range(30) for x in (i, i + 0.5)]


def test_parallel_read_gives_the_serial_articles_rejects_and_duplicates(tmp_path):
    _mixed(tmp_path / "raw")
    files, _ = discover(tmp_path / "raw")
    seen_serial: dict[str, str] = {}
    serial = [read_batch(tmp_path / "raw", b, TODAY, 5_000_000, seen_serial, limits=LIMITS) for b in _batches(files)]
    seen_pooled: dict[str, str] = {}
    pool = ShuffledPool(3)
    pooled = [
        read_batch_pooled(pool, str(tmp_path / "raw"), b, 5_000_000, seen_pooled, LIMITS) for b in _batches(files)
    ]
    assert _outcome(pooled) == _outcome(serial) and seen_pooled == seen_serial
    articles, rejects, duplicates = _outcome(serial)
    reasons = {source.split("@")[0]: reason for source, reason, _ in rejects}
    assert {"no_date", "not_english", "not_an_article", "duplicate", "corrupt_archive", "bad_json"} <= set(
        reasons.values()
    )
    firsts = {source for source, reason, message in rejects if reason == "duplicate"}
    assert {"02-floods.txt", "30-update.html", "99-late.html", "50-lines.jsonl#L1"} <= firsts
    assert sum(s.startswith("40-crawl.warc.gz@") for s, r, _ in rejects if r == "duplicate") == 2
    assert len(duplicates) == len(firsts) and len(articles) > 30


def _staged(out: Path) -> dict[str, list[dict[str, Any]]]:
    stage = store.staging_dir(out, "run")
    drop = {"ingested_at", "rejected_at"}
    tables = {}
    for table in (VALIDATED["articles"], REJECTS, SEEN):
        rows = []
        for part in store.part_files(stage, table):
            with part.open("rb") as handle:
                rows += [{k: v for k, v in r.items() if k not in drop} for r in pq.read_table(handle).to_pylist()]
        tables[table.name] = rows
    return tables


@pytest.mark.slow
def test_parallel_ingest_in_model_workers_stages_what_the_serial_one_stages(tmp_path):
    raw = tmp_path / "raw"
    _mixed(raw)
    files, _ = discover(raw)
    workers.shutdown()
    pool = workers.model_pool(DEFAULT_MODEL, 2)
    try:
        for name, use in (("serial", None), ("pooled", pool)):
            settings = Settings(raw_dir=str(raw), out_dir=str(tmp_path / name))
            seen: dict[str, str] = {}
            for part, batch in enumerate(_batches(files), start=1):
                stage_ingest(batch, settings, "run", part, TODAY, seen, {}, False, use)
    finally:
        workers.shutdown()
    serial, pooled = _staged(tmp_path / "serial"), _staged(tmp_path / "pooled")
    assert pooled == serial
    assert len(serial["articles"]) > 30 and any(r["reason"] == "duplicate" for r in serial["rejects"])
