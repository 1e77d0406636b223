"""Parquet IO: staging part files, atomic publishing by partition, and reading tables back.

Layout under the output folder::

    <table>/published_month=YYYY-MM/data.parquet   extracted tables and articles (hive partitions)
    <table>/run=<run_id>.parquet                   rejects, quarantine, validation_results (one file a run)
    _staging/<run_id>/<table>/part-NNNNN.parquet   a run's rows before validation

Publishing replaces each touched partition file whole (``os.replace`` on a local disk, an object
PUT on object storage), so a reader sees either the old or the new partition, never half of one; rows
of re-processed articles are replaced, never duplicated. The output folder is a :class:`Location`: a
local path or an fsspec URL.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from newsmine.errors import E_WRITE, NewsmineError
from newsmine.location import Location, as_location
from newsmine.tables import PARTITION_COLUMN, Table

COMPRESSION = "zstd"
STAGING = "_staging"


def to_arrow(table: Table, rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """Rows (dicts of the table's columns) as an Arrow table of the table's schema.

    Raises:
        ValueError: a row holds a key that is not a column of the table (a count or field that
            would otherwise be dropped without a word).
    """
    schema = table.schema
    names = set(schema.names)
    unknown = {key for row in rows for key in row.keys() - names}
    if unknown:
        raise ValueError(f"rows for {table.name!r} hold keys that are not its columns: {sorted(unknown)}")
    columns = {name: [row.get(name) for row in rows] for name in schema.names}
    return pa.Table.from_pydict(columns, schema=schema)


Where = Location | str | os.PathLike[str]


def _write_plain(arrow: pa.Table, target: Location) -> None:
    """Write a Parquet file; an OS error becomes a one-line :class:`NewsmineError`."""
    try:
        with target.open("wb") as handle:
            pq.write_table(arrow, handle, compression=COMPRESSION)
    except OSError as exc:
        with suppress(OSError):
            target.unlink()
        raise NewsmineError(
            E_WRITE, f"cannot write {target}: {exc.strerror or exc}", "free space or fix permissions, then rerun"
        ) from exc


def _write(arrow: pa.Table, target: Location) -> None:
    """Write a Parquet file atomically: a temporary file, then a rename."""
    tmp = target.parent / f".{target.name}.tmp"
    _write_plain(arrow, tmp)
    tmp.replace(target)


def _read(source: Location, table: Table, columns: Sequence[str] | None = None) -> pa.Table:
    with source.open("rb") as handle:
        return pq.read_table(handle, columns=columns, schema=table.schema, partitioning=None)


def staging_dir(out_dir: Where, run_id: str) -> Location:
    return as_location(out_dir) / STAGING / run_id


def write_part(
    stage: Where, table: Table, part: int, rows: Sequence[Mapping[str, Any]] | pa.Table, suffix: str = ""
) -> int:
    """Write one batch's rows (dicts, or an Arrow table of the table's schema) to the staging folder.

    ``suffix`` names a second file of the same batch (``part-00003-extract.parquet``). An empty
    batch writes nothing, and removes an earlier file of that part. Returns the row count.
    """
    target = as_location(stage) / table.name / f"part-{part:05d}{suffix}.parquet"
    count = rows.num_rows if isinstance(rows, pa.Table) else len(rows)
    if count:
        _write(rows if isinstance(rows, pa.Table) else to_arrow(table, rows), target)
    else:
        target.unlink()
    return count


def _parts(folder: Location) -> list[Location]:
    return [f for f in folder.children("part-") if f.name.endswith(".parquet")]


def part_number(part: Location) -> int:
    """The batch of a staged part file: ``part-00007.parquet`` (or ``part-00007-extract.parquet``) is 7."""
    return int(part.name.split("-")[1].split(".")[0])


def part_files(stage: Where, table: Table) -> list[Location]:
    """A table's staged part files, in part order."""
    return _parts(as_location(stage) / table.name)


def read_file(path: Location, table: Table, columns: Sequence[str] | None = None) -> pa.Table:
    """One staged or published Parquet file of a table, with the table's schema."""
    return _read(path, table, columns)


def read_parts(stage: Where, table: Table, columns: Sequence[str] | None = None) -> pa.Table:
    """All staged rows of a table (an empty table of the right schema when there are none)."""
    files = part_files(stage, table)
    if not files:
        empty = table.schema.empty_table()
        return empty.select(list(columns)) if columns else empty
    return pa.concat_tables(_read(f, table, columns) for f in files)


def discard_staging(out_dir: Where, run_id: str) -> None:
    staging_dir(out_dir, run_id).rmtree()
    parent = as_location(out_dir) / STAGING
    if parent.is_dir() and not parent.children():
        parent.rmtree()


@dataclass
class Publication:
    """New partition files written beside the published ones, renamed into place by :meth:`commit`.

    Writing every file first and renaming them all at the end means a failure while writing (disk
    full, permissions) publishes nothing; :meth:`abort` removes what was written.
    """

    moves: list[tuple[Location, Location | None]] = field(default_factory=list)  # (temporary, final or None to delete)

    def commit(self) -> None:
        for tmp, final in self.moves:
            if final is None:
                tmp.unlink()
            else:
                tmp.replace(final)
        self.moves.clear()

    def abort(self) -> None:
        for tmp, final in self.moves:
            if final is not None:
                tmp.unlink()
        self.moves.clear()


@dataclass(frozen=True)
class Rewrite:
    """Published partitions to rewrite although no new row lands in them, and a change applied to
    every partition written (the incident ids of figures, derived across all articles)."""

    months: frozenset[str]
    change: Callable[[pa.Table], pa.Table]


def _prepare(
    out_dir: Where,
    table: Table,
    months: set[str],
    month_rows: Callable[[str], pa.Table],
    replaced_articles: Iterable[str],
    publication: Publication,
    run_id: str,
    rewrite: Rewrite | None = None,
) -> None:
    ids = pa.array(sorted(set(replaced_articles)), pa.string())
    folder = as_location(out_dir) / table.name
    if rewrite is not None:
        months = months | rewrite.months
    if len(ids):
        months = months | {p.name.split("=", 1)[1] for p in folder.children(f"{PARTITION_COLUMN}=")}
    for month in sorted(months):
        target = folder / f"{PARTITION_COLUMN}={month}" / "data.parquet"
        parts = [month_rows(month)]
        exists = target.exists()
        if exists:
            old = _read(target, table)
            parts.insert(0, old.filter(pc.invert(pc.is_in(old.column("article_id"), value_set=ids))))
        merged = pa.concat_tables(parts).sort_by([(k, "ascending") for k in table.key])
        del parts
        if rewrite is not None:
            merged = rewrite.change(merged)
        if merged.num_rows == 0:
            if exists:
                publication.moves.append((target, None))
            continue
        tmp = target.parent / f".data.parquet.{run_id}.tmp"
        _write_plain(merged, tmp)
        publication.moves.append((tmp, target))


def write_months(folder: Where, table: Table, part: int, rows: pa.Table) -> int:
    """Stage rows split by month: ``<folder>/<table>/published_month=M/part-NNNNN.parquet``."""
    base = as_location(folder) / table.name
    for month in sorted(set(rows.column(PARTITION_COLUMN).to_pylist())):
        chunk = rows.filter(pc.equal(rows.column(PARTITION_COLUMN), month))
        _write(chunk, base / f"{PARTITION_COLUMN}={month}" / f"part-{part:05d}.parquet")
    return rows.num_rows


def prepare_months(
    out_dir: Where,
    table: Table,
    folder: Where,
    replaced_articles: Iterable[str],
    publication: Publication,
    run_id: str,
    rewrite: Rewrite | None = None,
) -> None:
    """Write a table's new month partitions as temporary files (see :class:`Publication`), from rows
    staged by :func:`write_months`, one month in memory at a time.

    Rows of ``replaced_articles`` already published are dropped from every partition, so that a
    re-processed article replaces its rows rather than duplicating them.
    """
    base = as_location(folder) / table.name
    months = {p.name.split("=", 1)[1] for p in base.children(f"{PARTITION_COLUMN}=")}

    def month_rows(month: str) -> pa.Table:
        files = _parts(base / f"{PARTITION_COLUMN}={month}")
        return pa.concat_tables([table.schema.empty_table(), *(_read(f, table) for f in files)])

    _prepare(out_dir, table, months, month_rows, replaced_articles, publication, run_id, rewrite)


def prepare_whole(out_dir: Where, table: Table, rows: pa.Table, publication: Publication, run_id: str) -> None:
    """Write an unpartitioned table's new content (``<table>/data.parquet``) as a temporary file."""
    target = as_location(out_dir) / table.name / "data.parquet"
    if rows.num_rows == 0:
        if target.exists():
            publication.moves.append((target, None))
        return
    tmp = target.parent / f".data.parquet.{run_id}.tmp"
    _write_plain(rows.sort_by([(k, "ascending") for k in table.key]), tmp)
    publication.moves.append((tmp, target))


def part_chunks(
    stage: Where,
    table: Table,
    min_rows: int,
    columns: Sequence[str] | None = None,
    parts: Container[int] | None = None,
) -> Iterator[pa.Table]:
    """A table's staged rows in chunks of whole part files, each of at least ``min_rows`` rows (but
    the last); ``parts``: only the files of these batches (``part-00007...`` is part 7)."""
    chunk: list[pa.Table] = []
    rows = 0
    for f in part_files(stage, table):
        if parts is not None and part_number(f) not in parts:
            continue
        part = _read(f, table, columns)
        chunk.append(part)
        rows += part.num_rows
        if rows >= min_rows:
            yield pa.concat_tables(chunk)
            chunk, rows = [], 0
    if chunk:
        yield pa.concat_tables(chunk)


def publish_months(
    out_dir: Where,
    tables: Sequence[Table],
    folder: Where,
    replaced_articles: Iterable[str],
    run_id: str,
    rewrites: Mapping[str, Rewrite] | None = None,
    whole: Sequence[tuple[Table, pa.Table]] = (),
) -> None:
    """Publish the rows staged by :func:`write_months` under ``folder``, table by table, all or nothing.

    Every table's new partitions are written beside the published ones first (:func:`prepare_months`,
    with the table's :class:`Rewrite` in ``rewrites``), and the unpartitioned tables of ``whole``
    (:func:`prepare_whole`) before them; then all are renamed into place, the ``whole`` tables first,
    then in the order of ``tables``. A failure while writing publishes nothing and removes what was written.
    """
    publication = Publication()
    rewrites = rewrites or {}
    try:
        for table, rows in whole:
            prepare_whole(out_dir, table, rows, publication, run_id)
        for table in tables:
            prepare_months(out_dir, table, folder, replaced_articles, publication, run_id, rewrites.get(table.name))
    except BaseException:
        publication.abort()
        raise
    publication.commit()


def copy_to_local(source: Location, target: Path, skip: Sequence[str] = ()) -> int:
    """Copy every file below ``source`` (any filesystem) into the local folder ``target``; returns the count.

    Files under a top-level folder named in ``skip`` are left out.
    """
    copied = 0
    for rel in source.files():
        if PurePosixPath(rel).parts[0] in skip:
            continue
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            dest.write_bytes((source / rel).read_bytes())
        except OSError as exc:
            raise NewsmineError(E_WRITE, f"cannot write {dest}: {exc.strerror or exc}") from exc
        copied += 1
    return copied


def clean_stale_staging(out_dir: Where, keep: str | None = None) -> list[str]:
    """Remove staging folders and temporary files left by runs that died; returns the run ids.

    ``keep``: the run in progress, whose staging (begun before its flow) stays. Call only while
    holding the run lock (no other run is writing).
    """
    out = as_location(out_dir)
    parent = out / STAGING
    stale = [folder.name for folder in parent.children() if folder.name != keep]
    if keep is None:
        parent.rmtree()
    else:
        for name in stale:
            (parent / name).rmtree()
    for name in out.files():
        if PurePosixPath(name).name.startswith(".data.parquet.") and name.endswith(".tmp"):
            (out / name).unlink()
    return stale


def _run_file(out_dir: Where, table: Table, run_id: str) -> Location:
    return as_location(out_dir) / table.name / f"run={run_id}.parquet"


def read_run(out_dir: Where, table: Table, run_id: str, columns: Sequence[str] | None = None) -> pa.Table:
    """One run's rows of an operational table (empty when the run wrote none)."""
    path = _run_file(out_dir, table, run_id)
    if not path.exists():
        empty = table.schema.empty_table()
        return empty.select(list(columns)) if columns else empty
    return _read(path, table, columns)


def append_run(out_dir: Where, table: Table, run_id: str, rows: Sequence[Mapping[str, Any]]) -> int:
    """Write a run's rows of an operational table (rejects, quarantine, validation results)."""
    if rows:
        _write(to_arrow(table, rows), _run_file(out_dir, table, run_id))
    return len(rows)


def has_run(out_dir: Where, table: Table, run_id: str) -> bool:
    """Whether a run wrote its rows of an operational table (:func:`append_run`)."""
    return _run_file(out_dir, table, run_id).exists()


def table_files(out_dir: Where, table: Table) -> list[Location]:
    """A published table's Parquet files (every partition), sorted."""
    folder = as_location(out_dir) / table.name
    return [
        folder / name
        for name in folder.files()
        if name.endswith(".parquet") and not any(p.startswith(".") for p in PurePosixPath(name).parts)
    ]


def read_table(out_dir: Where, table: Table, columns: Sequence[str] | None = None) -> pa.Table:
    """Read a published table back (all partitions), with the table's schema."""
    files = table_files(out_dir, table)
    if not files:
        empty = table.schema.empty_table()
        return empty.select(list(columns)) if columns else empty
    return pa.concat_tables(_read(f, table, columns) for f in files)
