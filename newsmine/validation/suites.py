"""Great Expectations (GX Core 1.x) plumbing: a file context in the reports folder, one suite and
one validation definition per table, built from the checks in ``newsmine.tables``.

A table is validated in one GX run over its whole frame (GX per small batch is slow), with
``result_format`` COMPLETE so that failing rows come back as ``unexpected_index_list``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from newsmine.tables import Table
from newsmine.validation.offline_docs import localize

# Great Expectations takes about 7 s to import: it is imported here only when a run validates (so
# that extraction worker processes never pay for it), and ``preload`` lets a run import it early
# in a background thread while the model works, and open its context and build the run's
# definitions there too (about 1.5 s that would otherwise follow the model). One lock keeps GX to
# one thread at a time: the preload, a background pass of checks and the run's own checks.
_gx = threading.RLock()

DATASOURCE = "newsmine"
DOCS_SITE = "newsmine_docs"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one table."""

    table: str
    name: str
    column: str
    severity: str
    success: bool
    element_count: int
    unexpected_index: tuple[int, ...]


def preload(reports_dir: Path | None = None, settings: Any = None, tables: Iterable[Table] = ()) -> None:
    """Import Great Expectations (slow) ahead of validation; with ``reports_dir``, also open its
    context and build the definitions of ``tables`` as a run under ``settings`` checks them."""
    import great_expectations.expectations  # noqa: F401

    if reports_dir is None:
        return
    with _gx:
        ctx = context(str(reports_dir))
        for table in tables:
            _definition(ctx, table, settings)


@lru_cache(maxsize=8)
def context(reports_dir: str) -> Any:
    """A GX file context under ``<reports>/gx`` whose Data Docs go to ``<reports>/data_docs``."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    root = Path(reports_dir)
    root.mkdir(parents=True, exist_ok=True)
    logging.getLogger("great_expectations").setLevel(logging.WARNING)
    ctx = gx.get_context(mode="file", project_root_dir=str(root))
    _drop_empty_config_variables(ctx)
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    ctx.variables.save()
    site: Any = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {
            "class_name": "TupleFilesystemStoreBackend",
            "base_directory": str((root / "data_docs").resolve()),
        },
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    sites = ctx.list_data_docs_sites()
    if DOCS_SITE in sites:
        ctx.update_data_docs_site(DOCS_SITE, site)
    else:
        ctx.add_data_docs_site(DOCS_SITE, site)
    for name in list(sites):
        if name != DOCS_SITE:
            ctx.delete_data_docs_site(name)
    return ctx


def _drop_empty_config_variables(ctx: Any) -> None:
    """Remove the context's config-variables file when it defines nothing but GX's ``instance_id``
    (GX writes one of comments and that id, which GX 1.x reads only in a property that makes a new
    one when it is missing): GX reads and parses it again at every lookup of one of its settings,
    hundreds of times per run (about 0.5 s); without it, it reads the environment only. A file with
    variables, which a user wrote, stays."""
    name = ctx.variables.config_variables_file_path
    path = Path(ctx.root_directory) / str(name) if name else None
    if path is None or not path.is_file():
        return
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    keys = {line.split(":", 1)[0].strip() for line in lines if line and not line.startswith("#")}
    if keys <= {"instance_id"}:
        path.unlink()


_definitions: dict[tuple[int, str, str], Any] = {}


def _definition(ctx: Any, table: Table, settings: Any) -> Any:
    """The table's validation definition, saved in the context once per process and set of checks.

    Building and saving a suite costs about as much as running it (measured: 0.4 of 0.8 s per call
    for a batch of figures), and a run validates each table in several chunks: the definition is
    kept, keyed by the context, the table and its checks' arguments under these settings.
    """
    suite = [(c.expectation, c.name, c.severity, c.column, sorted(c.kwargs(settings).items())) for c in table.checks]
    key = (id(ctx), table.name, repr(suite))
    if key not in _definitions:
        _definitions[key] = _build_definition(ctx, table, settings)
    return _definitions[key]


def _build_definition(ctx: Any, table: Table, settings: Any) -> Any:
    import great_expectations as gx
    import great_expectations.expectations as gxe

    # got, not replaced: replacing the data source would drop the assets of the definitions kept
    if DATASOURCE in ctx.data_sources.all():
        source = ctx.data_sources.get(DATASOURCE)
    else:
        source = ctx.data_sources.add_pandas(DATASOURCE)
    names = [a.name for a in source.assets]
    asset = source.get_asset(table.name) if table.name in names else source.add_dataframe_asset(table.name)
    batch_names = [b.name for b in asset.batch_definitions]
    batch = (
        asset.get_batch_definition("whole")
        if "whole" in batch_names
        else asset.add_batch_definition_whole_dataframe("whole")
    )
    suite = gx.ExpectationSuite(name=table.name)
    for check in table.checks:
        cls = getattr(gxe, check.expectation)
        meta = {"name": check.name, "severity": check.severity, "column": check.column or ""}
        suite.add_expectation(cls(**dict(check.kwargs(settings)), meta=meta, description=check.description or None))
    suite = ctx.suites.add_or_update(suite)
    return ctx.validation_definitions.add_or_update(gx.ValidationDefinition(name=table.name, data=batch, suite=suite))


def run_checks(reports_dir: Path, table: Table, frame: pd.DataFrame, settings: Any) -> list[CheckResult]:
    """Validate a whole table frame (with a RangeIndex) and return one result per check."""
    with _gx:
        ctx = context(str(reports_dir))
        definition = _definition(ctx, table, settings)
        result = definition.run(batch_parameters={"dataframe": frame}, result_format={"result_format": "COMPLETE"})
    out = []
    for r in result.results:
        meta = r.expectation_config.meta or {}
        index = r.result.get("unexpected_index_list") or []
        out.append(
            CheckResult(
                table=table.name,
                name=str(meta.get("name", r.expectation_config.type)),
                column=str(meta.get("column", "")),
                severity=str(meta.get("severity", "critical")),
                success=bool(r.success),
                element_count=int(r.result.get("element_count") or len(frame)),
                unexpected_index=tuple(int(i) for i in index if isinstance(i, int | float)),
            )
        )
    return out


def build_docs(reports_dir: Path) -> Path:
    """Build GX Data Docs into ``<reports>/data_docs``, served offline; returns the index page."""
    with _gx:
        ctx = context(str(reports_dir))
        ctx.build_data_docs(site_names=[DOCS_SITE])
    docs = reports_dir / "data_docs"
    localize(docs)
    return docs / "index.html"
