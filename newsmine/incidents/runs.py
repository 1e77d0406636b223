"""A run's incidents: link every figure that will be published, the old ones and the run's own.

Linking is a function of the whole set of figures, so each run links them all again (the
linking columns of the ``figures`` table, sentences included) and rewrites the published
``figures`` partitions whose incident ids changed (a new article earlier than an incident's
first, or two incidents joined by a new report). A run with nothing new never gets here, so it changes no id.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyarrow as pa
import pyarrow.compute as pc

from newsmine import store
from newsmine.incidents import COLUMNS, Linked, link
from newsmine.store import Rewrite, Where
from newsmine.tables.base import PARTITION_COLUMN
from newsmine.tables.figures import TABLE as FIGURES
from newsmine.tables.incidents import FIGURE_INCIDENTS, INCIDENTS, TOLLS


@dataclass
class RunIncidents:
    """What the run publishes about incidents."""

    linked: Linked
    incidents: pa.Table
    tolls: pa.Table
    members: pa.Table  # every figure's incident (``FIGURE_INCIDENTS``), for validation
    rewrite: Rewrite  # the change to the ``figures`` partitions


def _without(table: pa.Table, articles: Iterable[str]) -> pa.Table:
    ids = pa.array(sorted(set(articles)), pa.string())
    return table.filter(pc.invert(pc.is_in(table.column("article_id"), value_set=ids))) if len(ids) else table


def assign(incident_of: dict[str, str]) -> Callable[[pa.Table], pa.Table]:
    """A change that sets every figure's ``incident_id`` from ``incident_of`` (figure id -> incident id)."""

    def change(figures: pa.Table) -> pa.Table:
        ids = pa.array([incident_of.get(f) for f in figures.column("figure_id").to_pylist()], pa.string())
        return figures.set_column(figures.schema.get_field_index("incident_id"), "incident_id", ids)

    return change


def link_run(out_dir: Where, checked: Where, replaced: Iterable[str]) -> RunIncidents:
    """Link the published figures (but those of ``replaced`` articles) and the run's checked ones."""
    columns = [*COLUMNS, "incident_id", PARTITION_COLUMN]
    published = _without(store.read_table(out_dir, FIGURES, columns), replaced)
    new = store.read_table(checked, FIGURES, columns)
    linked = link([*published.to_pylist(), *new.to_pylist()])
    before = published.select(["figure_id", "incident_id", PARTITION_COLUMN]).to_pylist()
    months = {r[PARTITION_COLUMN] for r in before if linked.incident_of.get(r["figure_id"]) != r["incident_id"]}
    both = pa.concat_tables([published.select(["article_id", "figure_id"]), new.select(["article_id", "figure_id"])])
    members = both.append_column(
        "incident_id", pa.array([linked.incident_of.get(f) for f in both.column("figure_id").to_pylist()], pa.string())
    )
    return RunIncidents(
        linked,
        store.to_arrow(INCIDENTS, linked.incidents),
        store.to_arrow(TOLLS, linked.tolls),
        members.cast(FIGURE_INCIDENTS.schema),
        Rewrite(frozenset(months), assign(linked.incident_of)),
    )
