"""Parquet IO: staging part files, atomic publishing by partition, and reading tables back.

Layout under the output folder::

    <table>/published_month=YYYY-MM/data.parquet   extracted tables and articles (hive partitions)
    <table>/run=<run_id>.parquet                   rejects, quarantine, validation_results (one file a run)
    _staging/<run_id>/<table>/part-NNNNN.parquet   a run's rows before validation

Publishing replaces each touched partition file with ``os.replace``, so a reader sees either the old
or the new partition, never half of one; rows of re-processed articles are replaced, never duplicated.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsmine.errors import E_WRITE, NewsmineError
from newsmine.tables import PARTITION_COLUMN, Table

COMPRESSION = "zstd"
STAGING = "_staging"


def to_arrow(table: Table, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows (dicts with at least the table's columns) as an Arrow table of the table's schema."""
    schema = table.schema
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def _write(arrow: pa.Table, path: Path) -> None:
    """Write a Parquet file atomically: a temporary file, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        pq.write_table(arrow, tmp, compression=COMPRESSION)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise NewsmineError(E_WRITE, f"cannot write {path}: {exc.strerror or exc}") from exc


def staging_dir(out_dir: Path, run_id: str) -> Path:
    return out_dir / STAGING / run_id


def write_part(stage: Path, table: Table, part: int, rows: Sequence[Mapping[str, Any]]) -> int:
    """Write one batch's rows of a table to the staging folder; returns the row count."""
    if rows:
        _write(to_arrow(table, rows), stage / table.name / f"part-{part:05d}.parquet")
    return len(rows)


def read_parts(stage: Path, table: Table) -> pa.Table:
    """All staged rows of a table (an empty table of the right schema when there are none)."""
    folder = stage / table.name
    files = sorted(folder.glob("part-*.parquet")) if folder.exists() else []
    if not files:
        return table.schema.empty_table()
    return pa.concat_tables(pq.read_table(f, schema=table.schema, partitioning=None) for f in files)


def discard_staging(out_dir: Path, run_id: str) -> None:
    shutil.rmtree(staging_dir(out_dir, run_id), ignore_errors=True)
    parent = out_dir / STAGING
    if parent.exists() and not any(parent.iterdir()):
        parent.rmdir()


def publish(out_dir: Path, table: Table, rows: pa.Table, replaced_articles: Iterable[str]) -> int:
    """Publish rows into the table's month partitions, replacing earlier rows of the same articles.

    Args:
        out_dir: the output folder.
        table: the table definition.
        rows: validated rows to publish.
        replaced_articles: article ids whose previously published rows are dropped (re-processed).

    Returns:
        The number of rows written.
    """
    ids = pa.array(sorted(set(replaced_articles)), pa.string())
    months = set(rows.column(PARTITION_COLUMN).to_pylist()) if rows.num_rows else set()
    folder = out_dir / table.name
    if len(ids):
        months |= {p.name.split("=", 1)[1] for p in folder.glob(f"{PARTITION_COLUMN}=*")} if folder.exists() else set()
    for month in sorted(months):
        path = folder / f"{PARTITION_COLUMN}={month}" / "data.parquet"
        new = rows.filter(pc.equal(rows.column(PARTITION_COLUMN), month)) if rows.num_rows else rows
        parts = [new]
        if path.exists():
            old = pq.read_table(path, schema=table.schema, partitioning=None)
            keep = pc.invert(pc.is_in(old.column("article_id"), value_set=ids))
            parts.insert(0, old.filter(keep))
        merged = pa.concat_tables(parts).sort_by([(k, "ascending") for k in table.key])
        if merged.num_rows == 0:
            path.unlink(missing_ok=True)
            continue
        _write(merged, path)
    return rows.num_rows


def append_run(out_dir: Path, table: Table, run_id: str, rows: Sequence[Mapping[str, Any]]) -> int:
    """Write a run's rows of an operational table (rejects, quarantine, validation results)."""
    if rows:
        _write(to_arrow(table, rows), out_dir / table.name / f"run={run_id}.parquet")
    return len(rows)


def read_table(out_dir: Path, table: Table, columns: Sequence[str] | None = None) -> pa.Table:
    """Read a published table back (all partitions), with the table's schema."""
    folder = out_dir / table.name
    files = sorted(folder.rglob("*.parquet")) if folder.exists() else []
    files = [f for f in files if not f.name.startswith(".")]
    if not files:
        empty = table.schema.empty_table()
        return empty.select(list(columns)) if columns else empty
    return pa.concat_tables(pq.read_table(f, columns=columns, schema=table.schema, partitioning=None) for f in files)
