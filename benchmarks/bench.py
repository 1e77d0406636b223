"""Throughput benchmark: newsmine end to end against the bare spaCy floor, on one machine and corpus.

Builds two corpora from our own sample articles: the throughput issue's (``--compare-n``, default
1,500 articles of about 300 words) and the default one (``--n``, default 2,000 of about 400 words).
On each it measures (interleaved ``--repeat`` times on the first, default 2: the ratio of each
repetition, and their median):

  (a) the floor: a fresh process that loads the same model with ``spacy.load`` (every component
      as the model ships it: newsmine's faster equivalents of its attribute ruler and lemmatizer,
      :mod:`newsmine.attribute_table` and :mod:`newsmine.lemma_table`, are part of what is
      measured) and runs ``nlp.pipe`` over
      the same texts with the same number of processes;
  (b) ``newsmine run`` end to end on a fresh output folder, with Prefect's temporary server (no
      ``PREFECT_API_URL``, as a run from the command line);
  (b') the same against an already running server (``prefect server start``, with
      ``PREFECT_API_URL``, as scheduled runs have);

with a timeline of (b) and (b') (``NEWSMINE_TIMELINE``, :mod:`newsmine.timeline`): when each stage
starts and ends. Then, on the default corpus:

  (c) a second ``newsmine run`` with nothing new;
  (d) peak resident memory of (b) at N and at 4N;
  (e) (b) with one worker, for the scaling ratio;
  (f) (b) on the same articles as news pages with site chrome (``.html``), and (g) as one WARC
      with non-article records (:mod:`benchmarks.pages`): their throughput beside the text's.

Prefect's database is created by a 4-article run before anything is timed (a one-time cost of a
new PREFECT_HOME, not of a run).

Results are printed and written to their section of benchmarks/RESULTS.md. Usage::

    .venv/bin/python -m benchmarks.bench [--n 2000] [--compare-n 1500] [--repeat 2] [--workers 0]
                                         [--skip-4n] [--skip-web]
"""

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks.corpus import build
from benchmarks.pages import build_html, build_warc
from benchmarks.results import RESULTS, write_section
from newsmine.timeline import VARIABLE, read, render, stages

BIN = Path(sys.executable).parent

FLOOR = """
import re, sys, time
from pathlib import Path
import spacy
from newsmine.settings import Settings
nlp = spacy.load(Settings.from_env().model)  # stock components: newsmine.nlp.load's equivalents are measured
texts = [re.sub(r"\\A\\s*date\\s+\\S+\\s*", "", p.read_text(encoding="utf-8")) for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
for _doc in nlp.pipe(texts, n_process=int(sys.argv[2]), batch_size=64):
    pass
"""


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock seconds and peak RSS (MiB, the largest process of the command's tree)."""
    wrapper = [
        sys.executable,
        "-c",
        "import resource,subprocess,sys,time;t=time.perf_counter();r=subprocess.run(sys.argv[1:]);"
        "e=time.perf_counter()-t;m=resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(f'{e} {m}',file=sys.stderr);sys.exit(r.returncode)",
        *cmd,
    ]
    proc = subprocess.run(wrapper, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    elapsed, rss_kb = proc.stderr.strip().splitlines()[-1].split()
    return float(elapsed), float(rss_kb) / 1024


def _run(raw: Path, out: Path, workers: int, env: dict[str, str], timeline: Path | None = None) -> tuple[float, float]:
    if timeline is not None:
        env = {**env, VARIABLE: str(timeline)}
        timeline.write_text(json.dumps({"t": time.time(), "stage": "launch", "event": "point", "pid": 0}) + "\n")
    return _timed(
        [
            str(BIN / "newsmine"),
            "run",
            "--raw",
            str(raw),
            "--out",
            str(out / "parquet"),
            "--reports",
            str(out / "reports"),
            "--workers",
            str(workers),
        ],
        env,
    )


@contextmanager
def running_server(env: dict[str, str], work: Path) -> Iterator[dict[str, str]]:
    """A Prefect server on a free loopback port for the duration; yields ``env`` pointing at it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = (work / "server.log").open("wb")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={**env, "PREFECT_UI_ENABLED": "0"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"prefect server did not start: see {work / 'server.log'}") from None
                time.sleep(0.5)
        yield {**env, "PREFECT_API_URL": url}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def compare(work: Path, n: int, words: int, workers: int, env: dict[str, str], repeat: int) -> dict[str, Any]:
    """The floor, a run with the temporary server and one with a running server, ``repeat`` times,
    interleaved on one corpus of ``n`` articles of about ``words`` words."""
    raw = work / f"raw-{n}"
    total = build(raw, n, words=words)
    floor, temporary, running = [], [], []
    peak = 0.0
    with running_server(env, work) as served:
        _run(work / "warm", work / f"warm-served-{n}", workers, served)  # its database, once
        for i in range(repeat):
            floor.append(_timed([sys.executable, "-c", FLOOR, str(raw), str(workers)], env)[0])
            seconds, mb = _run(raw, work / f"out-{n}-t{i}", workers, env, work / f"timeline-{n}-t{i}.jsonl")
            temporary.append(seconds)
            peak = max(peak, mb)
            running.append(_run(raw, work / f"out-{n}-r{i}", workers, served, work / f"timeline-{n}-r{i}.jsonl")[0])
    return {
        "n": n,
        "words": total,
        "floor": floor,
        "temporary": temporary,
        "running": running,
        "peak_mb": peak,
        "timelines": {
            kind: render(stages(read(work / f"timeline-{n}-{letter}0.jsonl")))
            for kind, letter in (("temporary server", "t"), ("running server", "r"))
        },
        "out": work / f"out-{n}-t0",
    }


def _ratios(result: dict[str, Any], kind: str) -> str:
    ratios = [f / r for f, r in zip(result["floor"], result[kind], strict=True)]
    each = ", ".join(f"{x:.2f}" for x in ratios)
    times = ", ".join(f"{x:.1f}" for x in result[kind])
    return f"{statistics.median(ratios):.2f} (median of {len(ratios)}: {each}; runs {times} s)"


def _published(out: Path) -> tuple[int, int]:
    """The articles a run published and the inputs it rejected."""
    from newsmine import store
    from newsmine.tables import ALL

    return store.read_table(out, ALL["articles"]).num_rows, store.read_table(out, ALL["rejects"]).num_rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=2000, help="articles in the default corpus (about 400 words each)")
    p.add_argument("--compare-n", type=int, default=1500, help="articles in the issue's corpus (about 300 words)")
    p.add_argument("--repeat", type=int, default=2, help="interleaved repetitions of floor and runs at --compare-n")
    p.add_argument("--workers", type=int, default=0, help="processes (0: all cores)")
    p.add_argument("--skip-4n", action="store_true", help="skip the memory run at 4N")
    p.add_argument("--skip-web", action="store_true", help="skip the HTML and WARC runs")
    p.add_argument("--results", default=str(RESULTS))
    args = p.parse_args(argv)
    workers = args.workers or os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="newsmine-bench-"))
    env = {
        **os.environ,
        "DO_NOT_TRACK": "1",
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_HOME": str(work / "prefect"),
        "PREFECT_LOGGING_LEVEL": "WARNING",
    }
    env.pop("PREFECT_API_URL", None)
    env.pop(VARIABLE, None)
    try:
        # Prefect creates and migrates its database on the first run under a PREFECT_HOME: a cost
        # of installing, not of a run. One small run pays it before anything is timed.
        build(work / "warm", 4)
        _run(work / "warm", work / "warm-out", workers, env)
        small = compare(work, args.compare_n, 300, workers, env, args.repeat)
        main_ = compare(work, args.n, 400, workers, env, 1)
        full_s, full_mb = statistics.median(main_["temporary"]), main_["peak_mb"]
        again_s, _ = _run(work / f"raw-{args.n}", main_["out"], workers, env)
        one_s, _ = _run(work / f"raw-{args.n}", work / "out1", 1, env)
        big_mb = None
        if not args.skip_4n:
            build(work / "raw4", args.n * 4)
            _, big_mb = _run(work / "raw4", work / "out4", workers, env)
        web = []
        if not args.skip_web:
            build_html(work / "html", args.n)
            _, others = build_warc(work / "warc" / "crawl.warc.gz", args.n)
            for letter, kind, label in (
                ("f", "html", "HTML pages"),
                ("g", "warc", f"one WARC, +{others} other records"),
            ):
                seconds, _ = _run(work / kind, work / f"out-{kind}", workers, env)
                articles, rejects = _published(work / f"out-{kind}" / "parquet")
                web.append(
                    (
                        f"({letter}) newsmine run, {label}",
                        f"{seconds:.1f} s, {args.n / seconds:.1f} articles/s, {full_s / seconds:.2f} x the"
                        f" throughput of (b); {articles} articles, {rejects} rejects",
                    )
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = []
    for result, targets in ((small, (" (target >= 0.85)", " (target >= 0.92)")), (main_, ("", ""))):
        n = result["n"]
        floor = statistics.median(result["floor"])
        rows += [
            (f"corpus of N = {n}", f"{n} articles, {result['words']} words ({result['words'] / n:.0f} words/article)"),
            (f"(a) floor at N = {n}: bare spaCy nlp.pipe", f"{floor:.1f} s, {n / floor:.1f} articles/s (median)"),
            (f"(b)/(a) at N = {n}, temporary server", _ratios(result, "temporary") + targets[0]),
            (f"(b')/(a) at N = {n}, running server", _ratios(result, "running") + targets[1]),
        ]
    rows += [
        ("(c) second run, nothing new", f"{again_s:.1f} s = {again_s / full_s:.1%} of (b) (target <= 5%)"),
        ("(d) peak RSS of (b) at N", f"{full_mb:.0f} MiB (largest process)"),
        (
            "(d) peak RSS at 4N",
            "skipped" if big_mb is None else f"{big_mb:.0f} MiB = {big_mb / full_mb:.2f} x N (target <= 1.3)",
        ),
        (
            f"{workers} workers vs 1 worker",
            f"{one_s:.1f} s with 1 worker: {one_s / full_s:.2f} x faster with {workers} (target >= 1.7)",
        ),
        *web,
        ("machine", f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"),
        (
            "versions",
            ", ".join(f"{m} {version(m)}" for m in ("spacy", "prefect", "great-expectations", "pyarrow", "pandas")),
        ),
    ]
    width = max(len(k) for k, _ in rows)
    print("\n".join(f"{k:<{width}}  {v}" for k, v in rows))
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    timelines = "\n\n".join(
        f"Timeline of (b) at N = {small['n']}, {kind} (seconds after launch; busy: the stage's spans added up,"
        f" batches side by side each counted):\n\n{text}"
        for kind, text in small["timelines"].items()
    )
    body = (
        f"## Throughput (`make bench`: `python -m benchmarks.bench --n {args.n} --compare-n {args.compare_n}"
        f" --repeat {args.repeat}`), workers = {workers}\n\n| measure | result |\n|---|---|\n{table}\n\n{timelines}"
    )
    print(timelines)
    write_section("bench", body, Path(args.results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
