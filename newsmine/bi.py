"""A DuckDB database of views over the published Parquet, so BI tools connect to tables by name."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from newsmine.errors import E_LOCATION, E_NO_TABLES, NewsmineError
from newsmine.location import Location
from newsmine.tables import ALL, Table

_TYPES = {
    pa.string(): "VARCHAR",
    pa.int64(): "BIGINT",
    pa.float64(): "DOUBLE",
    pa.bool_(): "BOOLEAN",
    pa.date32(): "DATE",
    pa.timestamp("us", tz="UTC"): "TIMESTAMPTZ",
}


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _pattern(table: Table) -> str:
    return "*/data.parquet" if table.partitioned else "*.parquet"


def _has_files(out_dir: Path, table: Table) -> bool:
    folder = out_dir.resolve() / table.name
    return folder.is_dir() and any(folder.glob(_pattern(table)))


def view_sql(out_dir: Path, table: Table) -> str:
    """The ``CREATE VIEW`` statement of one table (an empty typed view while it has no files)."""
    folder, pattern = out_dir.resolve() / table.name, _pattern(table)
    if _has_files(out_dir, table):
        source = f"read_parquet({_quote(str(folder / pattern))}, hive_partitioning = false, union_by_name = true)"
        return f'CREATE OR REPLACE VIEW "{table.name}" AS SELECT * FROM {source}'
    columns = ", ".join(f'CAST(NULL AS {_TYPES[c.type]}) AS "{c.name}"' for c in table.columns)
    return f'CREATE OR REPLACE VIEW "{table.name}" AS SELECT {columns} WHERE false'


# Views derived from the tables: (name, description, query).
DERIVED_VIEWS = (
    (
        "incident_latest",
        "One row per incident and toll category: the latest toll (incident_tolls.is_latest) with the "
        "incident's label, kind, place and dates.",
        """SELECT t.incident_id, t.category, i.label, i.kind, i.country_code, i.location, i.event_date,
       i.event_date_granularity, i.running_total, i.first_reported, i.last_reported,
       t.value, t.value_low, t.value_high, t.qualifier, t.as_of, t.attributed_to, t.article_id, t.figure_id
FROM incident_tolls AS t JOIN incidents AS i USING (incident_id)
WHERE t.is_latest""",
    ),
)


def write_database(out_dir: str | Path, database: Path) -> list[str]:
    """Create or refresh ``database`` with one view per table, then :data:`DERIVED_VIEWS`; returns the view names.

    Views point at absolute paths: rerun after moving the output folder (``make bi``). The output
    folder must be local (a path or ``file://`` URL, or object storage mounted as a folder) and hold
    at least one published table (E012 otherwise: a mistyped folder would give empty views).
    """
    local = Location(out_dir).local
    if local is None:
        raise NewsmineError(
            E_LOCATION, f"newsmine bi needs a local output folder, not {out_dir}", "mount the storage and pass its path"
        )
    out_dir = local
    if not any(_has_files(out_dir, table) for table in ALL.values()):
        raise NewsmineError(
            E_NO_TABLES,
            f"no published tables under {out_dir}",
            "pass --out the output folder of a newsmine run (data/parquet by default)",
        )
    database.parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(str(database)) as con:
        for table in ALL.values():
            con.execute(view_sql(out_dir, table))
            con.execute(f"COMMENT ON VIEW {_ident(table.name)} IS {_quote(table.doc)}")
        for name, doc, query in DERIVED_VIEWS:
            con.execute(f"CREATE OR REPLACE VIEW {_ident(name)} AS {query}")
            con.execute(f"COMMENT ON VIEW {_ident(name)} IS {_quote(doc)}")
    return [*ALL, *(name for name, _doc, _query in DERIVED_VIEWS)]
