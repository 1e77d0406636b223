"""Write-audit-publish: validate staged tables, split rows into published and quarantined.

Published + quarantined = extracted, always: a row failing any critical check goes to the
``quarantine`` table (once per failed check) and not to its table; warnings are only reported.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from newsmine.tables import CRITICAL, EXTRACTED, VALIDATED, Table
from newsmine.validation.helpers import HELPER_INPUTS, add_helpers
from newsmine.validation.suites import CheckResult, build_docs, preload, run_checks

__all__ = ["Outcome", "Validation", "build_docs", "prepare", "text_lengths"]


def prepare(settings: Any) -> None:
    """Import Great Expectations, open the run's context and build the definitions of every table
    a run checks (run it in a thread while the model works). A failure is left to the run's own
    checks, which raise it where it is reported."""
    from newsmine.tables.incidents import FIGURE_INCIDENTS

    with contextlib.suppress(Exception):  # the run's checks meet it again, and report it
        preload(settings.reports_dir, settings, [*VALIDATED.values(), FIGURE_INCIDENTS])


@dataclass
class Outcome:
    """What validation decided for a run."""

    published_rows: dict[str, int] = field(default_factory=dict)
    quarantine: list[dict[str, Any]] = field(default_factory=list)
    results: list[CheckResult] = field(default_factory=list)
    checked_rows: int = 0
    quarantined_rows: int = 0
    failed_reason: str | None = None

    @property
    def status(self) -> str:
        return "failed" if self.failed_reason else "passed"

    def counts(self) -> dict[str, tuple[int, int]]:
        """Per table: (published rows, quarantined rows)."""
        quarantined: dict[str, set[str]] = {}
        for row in self.quarantine:
            quarantined.setdefault(row["table"], set()).add(row["row_key"])
        return {name: (n, len(quarantined.get(name, ()))) for name, n in self.published_rows.items()}


def _row_key(table: Table, row: dict[str, Any]) -> str:
    return "/".join(str(row.get(k)) for k in table.key)


def _quarantine_rows(
    run_id: str, table: Table, rows: dict[int, dict[str, Any]], failed: CheckResult
) -> list[dict[str, Any]]:
    out = []
    for i in failed.unexpected_index:
        row = rows[i]
        observed = row.get(failed.column) if failed.column else None
        out.append(
            {
                "run_id": run_id,
                "table": table.name,
                "row_key": _row_key(table, row),
                "expectation": failed.name,
                "column": failed.column,
                "observed_value": None if observed is None else str(observed),
                "article_id": row.get("article_id"),
                "sentence": row.get("sentence"),
                "row_json": json.dumps(row, default=str, ensure_ascii=False),
            }
        )
    return out


def checked_columns(table: Table, settings: Any, available: list[str]) -> list[str]:
    """The columns a table's checks and helper columns read: validation converts only these to pandas.

    Long text columns (``sentence``, the article ``text``) are read by no check; leaving them in
    Arrow keeps validation's memory to a fraction of the rows' size.
    """
    wanted = {"article_id", "published_date", "resolved_date", *table.key}
    wanted.update(c for helper in table.helpers for c in HELPER_INPUTS.get(helper, ()))
    for check in table.checks:
        for value in check.kwargs(settings).values():
            if isinstance(value, str):
                wanted.add(value)
            elif isinstance(value, list | tuple):
                wanted.update(v for v in value if isinstance(v, str))
    return [c for c in available if c in wanted]


def text_lengths(articles: pa.Table) -> dict[str, int]:
    """Article id -> length of its text in characters (what offsets index into)."""
    ids = articles.column("article_id").to_pylist()
    return dict(zip(ids, pc.utf8_length(articles.column("text")).to_pylist(), strict=True))


def _merge(earlier: CheckResult, later: CheckResult, offset: int) -> CheckResult:
    """One table's result of a check over two chunks (the later one's rows start at ``offset``)."""
    return replace(
        earlier,
        success=earlier.success and later.success,
        element_count=earlier.element_count + later.element_count,
        unexpected_index=earlier.unexpected_index + tuple(offset + i for i in later.unexpected_index),
    )


class Validation:
    """Validate a run table by table, in chunks of rows, and decide what may be published.

    Call :meth:`check` with a chunk of the ``articles`` table (its ``text`` column is not needed),
    then with the chunks of each extracted table for the same articles, and so on for the next
    articles; :meth:`finish` gives the :class:`Outcome`. A chunk holds whole articles (staged parts
    are batches of articles), so checks over keys hold across chunks: an article id is unique
    across the articles chunks (:meth:`_unique_across_chunks`), and every other key starts with
    ``article_id``.
    """

    def __init__(
        self, settings: Any, run_id: str, ingested_on: date, reports_dir: Path, lengths: dict[str, int]
    ) -> None:
        self.settings = settings
        self.run_id = run_id
        self.ingested_on = ingested_on
        self.reports_dir = reports_dir
        self.lengths = lengths  # article_id -> length of its text, for the offset checks
        self.bad_articles: set[str] = set()
        self.incident_ids: frozenset[str] = frozenset()  # set once the run's incidents are linked
        self.outcome = Outcome()
        self._results: dict[tuple[str, str], CheckResult] = {}
        self._seen_rows: dict[str, int] = {}
        self._article_ids: set[str] = set()  # of the articles chunks checked so far
        self._bad_article_rows = 0

    def check(self, name: str, arrow: pa.Table, table: Table | None = None) -> pa.Table:
        """Check a table's rows (the whole table, or the next chunk of it); returns the rows that may be published.

        ``table``: the definition of a table checked but not published (default: ``VALIDATED[name]``).
        """
        table = table or VALIDATED[name]
        columns = checked_columns(table, self.settings, arrow.column_names)
        frame = arrow.select(columns).to_pandas()
        frame = add_helpers(table.helpers, frame, self.lengths, self.ingested_on, self.incident_ids)
        results = run_checks(self.reports_dir, table, frame, self.settings) if len(frame) else []
        if name != "articles" and self.bad_articles and len(frame) and "article_id" in frame:
            orphan = tuple(int(i) for i in frame.index[frame["article_id"].isin(self.bad_articles)])
            results.append(
                CheckResult(name, "article_quarantined", "article_id", CRITICAL, not orphan, len(frame), orphan)
            )
        del frame
        if name == "articles":
            results = self._unique_across_chunks(arrow, results)
        offset = self._seen_rows.get(name, 0)
        for r in results:
            key = (name, r.name)
            self._results[key] = _merge(self._results[key], r, offset) if key in self._results else r
        failing = sorted({i for r in results for i in r.unexpected_index})
        rows = dict(zip(failing, arrow.take(failing).to_pylist(), strict=True)) if failing else {}
        bad: set[int] = set()
        for r in results:
            if r.severity == CRITICAL and r.unexpected_index:
                bad.update(r.unexpected_index)
                self.outcome.quarantine.extend(_quarantine_rows(self.run_id, table, rows, r))
        kept = arrow.filter(pa.array([i not in bad for i in range(arrow.num_rows)], pa.bool_())) if bad else arrow
        if name == "articles":
            self.bad_articles |= {rows[i]["article_id"] for i in bad}
            self._bad_article_rows += len(bad)
        self._seen_rows[name] = offset + arrow.num_rows
        if name in VALIDATED:  # a table checked only for validation is not published
            self.outcome.published_rows[name] = self.outcome.published_rows.get(name, 0) + kept.num_rows
        if name in EXTRACTED or name == "articles":  # the critical share is over the run's own rows
            self.outcome.checked_rows += arrow.num_rows
            self.outcome.quarantined_rows += len(bad)
        elif bad:  # a derived table (incidents) is rebuilt from every published figure: a failure is a fault
            self.outcome.failed_reason = self.outcome.failed_reason or (
                f"{len(bad)} rows of {name}, derived from the published figures, failed critical checks"
            )
        return kept

    def _unique_across_chunks(self, arrow: pa.Table, results: list[CheckResult]) -> list[CheckResult]:
        """Articles are checked a chunk at a time (a batch or a few): an id that an earlier chunk
        had fails the uniqueness check too."""
        ids = arrow.column("article_id").to_pylist()
        again = tuple(i for i, aid in enumerate(ids) if aid in self._article_ids)
        self._article_ids.update(ids)
        if not again:
            return results
        out = []
        for r in results:
            if r.name == "article_id_unique":
                r = replace(r, success=False, unexpected_index=tuple(sorted({*r.unexpected_index, *again})))
            out.append(r)
        return out

    def finish(self) -> Outcome:
        """The outcome: every table's results, and whether the run failed."""
        outcome = self.outcome
        for name in VALIDATED:
            outcome.published_rows.setdefault(name, 0)
        outcome.results = list(self._results.values())
        share = outcome.quarantined_rows / outcome.checked_rows if outcome.checked_rows else 0.0
        articles = self._seen_rows.get("articles", 0)
        if outcome.failed_reason is None and articles and self._bad_article_rows == articles:
            outcome.failed_reason = "every article failed a critical article check"
        elif outcome.failed_reason is None and share > self.settings.max_critical_share:
            outcome.failed_reason = (
                f"{outcome.quarantined_rows} of {outcome.checked_rows} rows ({share:.1%}) failed critical checks, "
                f"over the allowed {self.settings.max_critical_share:.0%}"
            )
        return outcome
