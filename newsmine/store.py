"""Parquet IO: staging part files, atomic publishing by partition, and reading tables back.

Layout under the output folder::

    <table>/published_month=YYYY-MM/data.parquet   extracted tables and articles (hive partitions)
    <table>/run=<run_id>.parquet                   rejects, quarantine, validation_results (one file a run)
    _staging/<run_id>/<table>/part-NNNNN.parquet   a run's rows before validation

Publishing replaces each touched partition file with ``os.replace``, so a reader sees either the old
or the new partition, never half of one; rows of re-processed articles are replaced, never duplicated.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsmine.errors import E_LOCKED, E_WRITE, NewsmineError
from newsmine.tables import PARTITION_COLUMN, Table

COMPRESSION = "zstd"
STAGING = "_staging"


def to_arrow(table: Table, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows (dicts with at least the table's columns) as an Arrow table of the table's schema."""
    schema = table.schema
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


def _write_plain(arrow: pa.Table, path: Path) -> None:
    """Write a Parquet file; an OS error becomes a one-line :class:`NewsmineError`."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(arrow, path, compression=COMPRESSION)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise NewsmineError(E_WRITE, f"cannot write {path}: {exc.strerror or exc}") from exc


def _write(arrow: pa.Table, path: Path) -> None:
    """Write a Parquet file atomically: a temporary file, then a rename."""
    tmp = path.with_name(f".{path.name}.tmp")
    _write_plain(arrow, tmp)
    os.replace(tmp, path)


@contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Hold the output folder's lock for a run; a second run refuses at once with a clear message.

    The lock is an ``flock`` on ``<out>/.newsmine.lock``: the system releases it when the process
    dies, so a killed run never leaves the folder locked.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".newsmine.lock"
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another run"
            raise NewsmineError(E_LOCKED, f"{out_dir} is in use by {holder}; wait for it to finish") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


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


@dataclass
class Publication:
    """New partition files written beside the published ones, renamed into place by :meth:`commit`.

    Writing every file first and renaming them all at the end means a failure while writing (disk
    full, permissions) publishes nothing; :meth:`abort` removes what was written.
    """

    moves: list[tuple[Path, Path | None]] = field(default_factory=list)  # (temporary, final or None to delete)

    def commit(self) -> None:
        for tmp, final in self.moves:
            if final is None:
                tmp.unlink(missing_ok=True)
            else:
                os.replace(tmp, final)
        self.moves.clear()

    def abort(self) -> None:
        for tmp, final in self.moves:
            if final is not None:
                tmp.unlink(missing_ok=True)
        self.moves.clear()


def prepare(
    out_dir: Path,
    table: Table,
    rows: pa.Table,
    replaced_articles: Iterable[str],
    publication: Publication,
    run_id: str,
) -> int:
    """Write the table's new month partitions as temporary files (see :class:`Publication`).

    Rows of ``replaced_articles`` already published are dropped from every partition, so that a
    re-processed article replaces its rows rather than duplicating them.

    Returns:
        The number of new rows.
    """
    ids = pa.array(sorted(set(replaced_articles)), pa.string())
    months = set(rows.column(PARTITION_COLUMN).to_pylist()) if rows.num_rows else set()
    folder = out_dir / table.name
    if len(ids) and folder.exists():
        months |= {p.name.split("=", 1)[1] for p in folder.glob(f"{PARTITION_COLUMN}=*")}
    for month in sorted(months):
        path = folder / f"{PARTITION_COLUMN}={month}" / "data.parquet"
        new = rows.filter(pc.equal(rows.column(PARTITION_COLUMN), month)) if rows.num_rows else rows
        parts = [new]
        if path.exists():
            old = pq.read_table(path, schema=table.schema, partitioning=None)
            parts.insert(0, old.filter(pc.invert(pc.is_in(old.column("article_id"), value_set=ids))))
        merged = pa.concat_tables(parts).sort_by([(k, "ascending") for k in table.key])
        if merged.num_rows == 0:
            if path.exists():
                publication.moves.append((path, None))
            continue
        tmp = path.with_name(f".data.parquet.{run_id}.tmp")
        _write_plain(merged, tmp)
        publication.moves.append((tmp, path))
    return rows.num_rows


def publish(out_dir: Path, table: Table, rows: pa.Table, replaced_articles: Iterable[str]) -> int:
    """Prepare and commit one table's publication (see :func:`prepare`)."""
    publication = Publication()
    try:
        count = prepare(out_dir, table, rows, replaced_articles, publication, "single")
    except BaseException:
        publication.abort()
        raise
    publication.commit()
    return count


def clean_stale_staging(out_dir: Path) -> list[str]:
    """Remove staging folders and temporary files left by runs that died; returns the run ids.

    Call only while holding the run lock (no other run is writing).
    """
    stale = []
    parent = out_dir / STAGING
    if parent.exists():
        for folder in parent.iterdir():
            shutil.rmtree(folder, ignore_errors=True)
            stale.append(folder.name)
        parent.rmdir()
    for tmp in out_dir.glob("*/*/.data.parquet.*.tmp"):
        tmp.unlink(missing_ok=True)
    return stale


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
