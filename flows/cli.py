"""The ``newsmine`` command: ``run`` the pipeline, ``eval`` against gold annotations, ``docs``."""

import argparse
import atexit
import contextlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from flows import bootstrap, options
from newsmine import timeline
from newsmine.errors import E_VALIDATION, NewsmineError

if TYPE_CHECKING:
    from flows.temporary_server import TemporaryServer
    from newsmine.ingest import Reject
    from newsmine.report import RunSummary
    from newsmine.settings import Settings


def _use_server(server: "TemporaryServer") -> None:
    """Wait for the temporary server, and point Prefect's global settings at it.

    Its URL was in the environment before Prefect was imported (:func:`flows.bootstrap.prefect_environment`);
    the settings are refreshed in case the port changed while the server started.
    """
    from prefect.context import refresh_global_settings_context

    os.environ["PREFECT_API_URL"] = server.wait()
    refresh_global_settings_context()


# Settings that ``newsmine run`` options override (when given), with their options' names.
_OPTIONS = {
    "raw_dir": "raw",
    "out_dir": "out",
    "reports_dir": "reports",
    "model": "model",
    "batch_size": "batch_size",
    "workers": "workers",
    "max_critical_share": "max_critical_share",
    "crawl_date_fallback": "crawl_date_fallback",
}


def _settings(args: argparse.Namespace) -> "Settings":
    from newsmine.settings import Settings

    return Settings.from_env(**{name: getattr(args, option) for name, option in _OPTIONS.items()})


def _nothing_new(settings: "Settings", found: "tuple[list[str], list[Reject]]") -> "RunSummary | None":
    """Record, report and return a run with nothing new, without Prefect; None when there is work."""
    from newsmine import report, store
    from newsmine.lock import run_lock
    from newsmine.pipeline import new_run_id, nothing_new, reject_rows, run_row, run_summary
    from newsmine.tables import ALL, REJECTS

    started = datetime.now(UTC)
    with run_lock(settings.out_dir):
        ingest = nothing_new(settings, started.date(), found)
        if ingest is None:
            return None
        run_id = new_run_id(started)
        store.append_run(settings.out_dir, REJECTS, run_id, reject_rows(ingest.rejects, run_id, started))
        store.append_run(
            settings.out_dir, ALL["runs"], run_id, [run_row(run_id, started, "passed", None, ingest, {}, 0)]
        )
    summary = run_summary(run_id, ingest)
    report.write(settings.reports_dir, summary, None, {})
    return summary


def _start_model_workers(settings: "Settings", files: list[str], full_refresh: bool) -> str | None:
    """Start the model worker processes now, with the model loaded, and the run's head start;
    returns the run's id (None when there is nothing to extract).

    As many workers as the run's ``files`` (raw files) keep busy (:func:`newsmine.pipeline.workers_for`):
    they parse its pages and extract its batches, beginning at once (:mod:`newsmine.head_start`),
    while Prefect imports and its server boots. Called at the start-up step ``workers``, before
    Prefect is imported (:mod:`flows.bootstrap`): this process has one thread then, so the model
    (and, for pages, trafilatura) is loaded here once and the workers are forked with it (see
    :mod:`newsmine.workers`).
    """
    from newsmine import head_start
    from newsmine.ingest.readers import format_of
    from newsmine.ingest.web import warm
    from newsmine.pipeline import new_run_id, workers_for
    from newsmine.workers import model_pool

    workers = workers_for(settings, files)
    if not workers:  # every input is a rejected link
        return None
    if any(format_of(f) in {".html", ".warc"} for f in files):
        warm()  # the workers parse the pages first
    with timeline.span("model workers"):
        pool = model_pool(settings.model, workers)
    started = datetime.now(UTC)
    run_id = new_run_id(started)
    head_start.begin(settings, run_id, files, full_refresh, started, pool)
    return run_id


def _run(args: argparse.Namespace) -> int:
    """Run the pipeline flow, its start-up in the order :mod:`flows.bootstrap` enforces.

    Every user error is checked first: the paths, model and options before anything starts
    (:func:`newsmine.preflight.paths`); then the output folder's lock is taken and held to the end
    (:func:`newsmine.preflight.locked`). With no ``PREFECT_API_URL``, a temporary server is
    launched next (see :mod:`flows.temporary_server`); while it boots, the raw folder is listed and
    compared with what is published, and a run with nothing new is recorded and answered without
    it. When there is work, the model workers start and Prefect is imported while the server boots.
    (Great Expectations is imported later, by the flow, while the workers extract: here it would
    delay the server.)
    """
    from newsmine import preflight

    settings = _settings(args)
    preflight.paths(settings)
    startup = bootstrap.Startup()
    with preflight.locked(settings):
        startup.step("lock")
        return _run_locked(args, settings, startup)


def _run_locked(args: argparse.Namespace, settings: "Settings", startup: bootstrap.Startup) -> int:
    """:func:`_run` once the output folder's lock is held: the other start-up steps, then the flow.

    With a running server (``PREFECT_API_URL``) as with the temporary one, the model workers and
    the run's head start begin before Prefect is imported.
    """
    from newsmine import preflight
    from newsmine.location import Location

    server = None
    if not os.environ.get("PREFECT_API_URL"):  # no running server: a temporary one
        from flows.temporary_server import launch

        startup.step("server")
        with timeline.span("server launch"):
            server = launch()
    run_id, flow_started = None, False
    with bootstrap.prefect_environment(startup, server.api_url if server else None):
        try:
            found = preflight.work(settings)
            done = None if args.full_refresh else _nothing_new(settings, found)
            if done is not None:
                if server:
                    server.stop()
                return _summarized(args, settings, done)
            if args.runner == "local" and not Location(settings.out_dir).in_process:
                startup.step("workers")
                run_id = _start_model_workers(settings, found[0], args.full_refresh)
            with timeline.span("prefect import"):
                flow_module = bootstrap.import_flows(startup)  # imports while the server starts
            if server:
                with timeline.span("server wait"):
                    _use_server(server)
            flow_started = True
            return _run_pipeline(args, settings, flow_module, run_id, temporary_server=server is not None)
        except BaseException as exc:
            if server and not flow_started:
                server.stop()
            if run_id is not None and not _recorded(settings, run_id):
                # the head start staged for a flow that never ran, or was stopped before its body began
                _stopped_before_flow(settings, run_id, exc)
            raise


def _recorded(settings: "Settings", run_id: str) -> bool:
    """Whether the run's row is in ``runs``: the flow records a run it stopped, once its body began."""
    from newsmine import store
    from newsmine.tables import ALL

    return store.has_run(settings.out_dir, ALL["runs"], run_id)


def _stopped_before_flow(settings: "Settings", run_id: str, exc: BaseException) -> None:
    """A run stopped (a signal, an error) after its head start began and before its flow's body
    (while Prefect starts the flow run, say): nothing more is staged, and the run is recorded as
    the flow would have (interrupted, or an error)."""
    from newsmine import head_start
    from newsmine.pipeline import record_stopped

    head = head_start.current(run_id)
    head_start.end(run_id)
    started = head.started if head is not None else datetime.now(UTC)
    record_stopped(settings.out_dir, run_id, started, exc, isinstance(exc, KeyboardInterrupt), None)


def _summarized(args: argparse.Namespace, settings: "Settings", summary: "RunSummary") -> int:
    """Print a finished run's summary once, and its report page or why it failed; its exit status."""
    out = sys.stderr if args.quiet else sys.stdout
    if not args.quiet or args.verbose:
        print(summary.text(), file=out)
    page = settings.reports_dir / "latest.html"
    if summary.failed_reason:
        print(f"newsmine: {E_VALIDATION}: {summary.failed_reason} — see {page}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(f"report: {page}")
    return 0


class _OwnErrorsFilter(logging.Filter):
    """Drops Prefect's console records of an exception newsmine raised: the command prints its own line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], NewsmineError))


@contextlib.contextmanager
def _prefect_console(args: argparse.Namespace) -> Iterator[None]:
    """Prefect's console log for this run: without tracebacks of newsmine's own errors unless
    ``--debug``; only warnings when quiet (``newsmine eval`` without ``--verbose``)."""
    from prefect.logging.handlers import PrefectConsoleHandler

    handlers = [h for h in logging.getLogger().handlers if isinstance(h, PrefectConsoleHandler)]
    own, levels = _OwnErrorsFilter(), [h.level for h in handlers]
    for handler in handlers:
        if not args.debug:
            handler.addFilter(own)
        if args.quiet and not args.verbose:
            handler.setLevel(max(handler.level, logging.WARNING))
    try:
        yield
    finally:
        for handler, level in zip(handlers, levels, strict=True):
            handler.removeFilter(own)
            handler.setLevel(level)


@contextlib.contextmanager
def _heartbeats(temporary_server: bool) -> Iterator[None]:
    """No flow-run heartbeats on the temporary server: they feed an automation on a server that
    outlives the run (Prefect's detection of zombie flow runs), and the temporary one stops with it,
    while each flow's end waits up to a second for its heartbeat thread to wake (four flows a run)."""
    if not temporary_server:
        yield
        return
    import prefect.settings
    from prefect.settings import temporary_settings

    with temporary_settings(updates={prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def _run_pipeline(
    args: argparse.Namespace,
    settings: "Settings",
    flow_module: ModuleType,
    run_id: str | None = None,
    temporary_server: bool = False,
) -> int:
    """Run the pipeline of ``flow_module`` (:mod:`flows.pipeline`, from :func:`flows.bootstrap.import_flows`);
    ``run_id``: the id under which the run's head start stages; ``temporary_server``: whether the
    run's server is its temporary one (see :func:`_heartbeats`)."""
    with _prefect_console(args), _heartbeats(temporary_server):
        resolved = {name: getattr(settings, name) for name in _OPTIONS}
        state = flow_module.pipeline(
            **{**resolved, "reports_dir": str(settings.reports_dir)},
            full_refresh=args.full_refresh,
            runner=args.runner,
            dask_address=args.dask_address,
            run_id=run_id,
            return_state=True,
        )
        result = state.result(raise_on_failure=False)
    if isinstance(result, flow_module.RunFailed):
        return _summarized(args, settings, result.summary)
    if isinstance(result, BaseException):
        raise result
    return _summarized(args, settings, result)


def _eval(args: argparse.Namespace) -> int:
    """Run the pipeline over the gold folder's raw articles into a temporary folder; print the scores."""
    import tempfile

    from newsmine import preflight, store
    from newsmine.evaluate import load_gold, render, render_attributes, score, score_attributes
    from newsmine.evaluate_incidents import load_incidents, render_incidents, score_incidents
    from newsmine.tables import VALIDATED

    gold_dir = Path(args.gold)
    preflight.gold_folder(gold_dir)
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
            crawl_date_fallback=None,
            runner="local",
            dask_address=None,
            debug=args.debug,
            quiet=True,  # the log and the summary (on stderr) with --verbose; never the temporary report
            verbose=args.verbose,
        )
        code = _run(run_args)
        if code:
            return code
        articles = store.read_table(out, VALIDATED["articles"], ["article_id", "source", "text"]).to_pylist()
        sources = {a["article_id"]: a["source"] for a in articles}
        texts = {Path(a["source"]).stem: a["text"] for a in articles}

        def rows(name: str) -> list[dict[str, object]]:
            table = store.read_table(out, VALIDATED[name]).to_pylist()
            return [{**r, "doc_id": Path(sources[r["article_id"]]).stem} for r in table]

        figures = rows("figures")
        scores = score(gold, figures, rows("dates"))
        attributes = score_attributes(gold, texts, figures, rows("quotes"))
        incident_set = load_incidents(gold_dir)
        linking = None
        if incident_set is not None:
            tolls = store.read_table(out, VALIDATED["incident_tolls"]).to_pylist()
            linking = score_incidents(gold, texts, figures, tolls, incident_set)
    print(render(scores, misses=not args.no_misses))
    print("\nfigure attributes (over figures paired on value and category) and quotes")
    print(render_attributes(attributes, misses=not args.no_misses))
    if linking is not None:
        print("\nincidents (over figures paired on value and category; incidents.json)")
        print(render_incidents(linking, misses=not args.no_misses))
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
    return options.parser({"run": _run, "eval": _eval, "bi": _bi, "docs": _docs})


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except NewsmineError as exc:
        if args.debug:
            traceback.print_exc()
        print(f"newsmine: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt as exc:
        if isinstance(exc, Terminated) and not _INTERRUPTED:
            print("newsmine: terminated (SIGTERM): nothing of this run was published", file=sys.stderr)
            return 143
        print("newsmine: interrupted: nothing of this run was published", file=sys.stderr)
        return 130


class Terminated(KeyboardInterrupt):
    """SIGTERM (``timeout``, systemd, ``kill``), raised in the main thread like Ctrl-C's KeyboardInterrupt."""


_INTERRUPTED: list[int] = []  # SIGINT received: the program exits 130, not 143


def _terminate(signum: int, frame: object) -> None:
    raise Terminated()


def _interrupt(signum: int, frame: object) -> None:
    """Ctrl-C: stopped the way SIGTERM stops a run (Prefect's flow engine ends its flow run on it)."""
    _INTERRUPTED.append(signum)
    os.kill(os.getpid(), signal.SIGTERM)


def entry() -> None:
    """The ``newsmine`` program: :func:`main`, then exit without tearing the interpreter down
    (:func:`flows.bootstrap.exit_last`, registered before anything else)."""
    code = [1]
    bootstrap.exit_last(code)
    atexit.register(timeline.mark, "exit", "point")  # runs after every other exit handler but the last
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        code[0] = main()
    except SystemExit as exc:  # argparse: --help (0), a usage error (2)
        code[0] = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    sys.exit(code[0])


if __name__ == "__main__":
    entry()
