"""Throughput benchmark: newsmine end to end against the bare spaCy floor, on one machine and corpus.

Builds a corpus of N articles (default 2,000, about 400 words each) from our own sample articles and
measures, in one run:

  (a) the floor: a fresh process that loads the same model with the same components and runs
      ``nlp.pipe`` over the same texts with the same number of processes;
  (b) ``newsmine run`` end to end on a fresh output folder;
  (c) a second ``newsmine run`` with nothing new;
  (d) peak resident memory of (b) at N and at 4N;
  (e) (b) with one worker, for the scaling ratio;
  (f) (b) on the same articles as news pages with site chrome (``.html``), and (g) as one WARC
      with non-article records (:mod:`benchmarks.pages`): their throughput beside the text's.

Prefect's database is created by a 4-article run before anything is timed (a one-time cost of a
new PREFECT_HOME, not of a run).

Results are printed and written to benchmarks/RESULTS.md. Usage::

    .venv/bin/python -m benchmarks.bench [--n 2000] [--workers 0] [--skip-4n] [--skip-web]
"""

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from benchmarks.corpus import build
from benchmarks.pages import build_html, build_warc

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

FLOOR = """
import re, sys, time
from pathlib import Path
from newsmine.nlp import load
from newsmine.settings import Settings
nlp = load(Settings.from_env().model)
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


def _run(raw: Path, out: Path, workers: int, env: dict[str, str]) -> tuple[float, float]:
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


def _published(out: Path) -> tuple[int, int]:
    """The articles a run published and the inputs it rejected."""
    from newsmine import store
    from newsmine.tables import ALL

    return store.read_table(out, ALL["articles"]).num_rows, store.read_table(out, ALL["rejects"]).num_rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=2000, help="articles in the corpus")
    p.add_argument("--workers", type=int, default=0, help="processes (0: all cores)")
    p.add_argument("--skip-4n", action="store_true", help="skip the memory run at 4N")
    p.add_argument("--skip-web", action="store_true", help="skip the HTML and WARC runs")
    p.add_argument("--results", default=str(ROOT / "benchmarks" / "RESULTS.md"))
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
    try:
        words = build(work / "raw", args.n)
        # Prefect creates and migrates its database on the first run under a PREFECT_HOME: a cost
        # of installing, not of a run. One small run pays it before anything is timed.
        build(work / "warm", 4)
        _run(work / "warm", work / "warm-out", workers, env)
        floor_s, floor_mb = _timed([sys.executable, "-c", FLOOR, str(work / "raw"), str(workers)], env)
        full_s, full_mb = _run(work / "raw", work / "out", workers, env)
        again_s, _ = _run(work / "raw", work / "out", workers, env)
        one_s, _ = _run(work / "raw", work / "out1", 1, env)
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
    rows = [
        ("corpus", f"{args.n} articles, {words} words ({words / args.n:.0f} words/article)"),
        (
            "(a) floor: bare spaCy nlp.pipe",
            f"{floor_s:.1f} s, {args.n / floor_s:.1f} articles/s, {words / floor_s:,.0f} words/s",
        ),
        (
            "(b) newsmine run, fresh output",
            f"{full_s:.1f} s, {args.n / full_s:.1f} articles/s, {words / full_s:,.0f} words/s",
        ),
        ("(b)/(a) throughput ratio", f"{floor_s / full_s:.2f} (target >= 0.85)"),
        ("(c) second run, nothing new", f"{again_s:.1f} s = {again_s / full_s:.0%} of (b) (target <= 10%)"),
        ("(d) peak RSS of (b) at N", f"{full_mb:.0f} MiB (largest process)"),
        (
            "(d) peak RSS at 4N",
            "skipped" if big_mb is None else f"{big_mb:.0f} MiB = {big_mb / full_mb:.2f} x N (target <= 1.3)",
        ),
        (
            f"{workers} workers vs 1 worker",
            f"{one_s:.1f} s with 1 worker: {one_s / full_s:.2f} x faster with {workers} (target >= 1.6)",
        ),
        *web,
        ("floor peak RSS", f"{floor_mb:.0f} MiB"),
        ("machine", f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"),
        (
            "versions",
            ", ".join(f"{m} {version(m)}" for m in ("spacy", "prefect", "great-expectations", "pyarrow", "pandas")),
        ),
    ]
    width = max(len(k) for k, _ in rows)
    text = "\n".join(f"{k:<{width}}  {v}" for k, v in rows)
    print(text)
    table = "\n".join(f"| {k} | {v} |" for k, v in rows)
    Path(args.results).write_text(
        f"# Benchmark results\n\nProduced by `make bench` (`python -m benchmarks.bench --n {args.n}`), "
        f"workers = {workers}.\n\n| measure | result |\n|---|---|\n{table}\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
