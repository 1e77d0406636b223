"""Write-audit-publish: validate staged tables, split rows into published and quarantined.

Published + quarantined = extracted, always: a row failing any critical check goes to the
``quarantine`` table (once per failed check) and not to its table; warnings are only reported.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from newsmine.tables import CRITICAL, VALIDATED, Table
from newsmine.validation.helpers import add_helpers
from newsmine.validation.suites import CheckResult, build_docs, run_checks

__all__ = ["Outcome", "build_docs", "validate"]


@dataclass
class Outcome:
    """What validation decided for a run."""

    published: dict[str, pa.Table] = field(default_factory=dict)
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
        return {name: (t.num_rows, len(quarantined.get(name, ()))) for name, t in self.published.items()}


def _row_key(table: Table, row: dict[str, Any]) -> str:
    return "/".join(str(row.get(k)) for k in table.key)


def _quarantine_rows(
    run_id: str, table: Table, rows: list[dict[str, Any]], failed: CheckResult
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


def validate(staged: dict[str, pa.Table], settings: Any, run_id: str, ingested_on: date, reports_dir: Path) -> Outcome:
    """Validate every staged table once, and decide what may be published.

    Args:
        staged: the run's rows by table name (``articles`` and the extracted tables).
        settings: a :class:`newsmine.settings.Settings` (bounds and the failure share).
        run_id: stored on quarantine rows.
        ingested_on: the ingestion date (publication dates after it are invalid).
        reports_dir: where the GX context and Data Docs live.
    """
    outcome = Outcome()
    articles = staged["articles"]
    lengths = dict(
        zip(
            articles.column("article_id").to_pylist(),
            [len(t) for t in articles.column("text").to_pylist()],
            strict=True,
        )
    )
    bad_articles: set[str] = set()
    for name, table in VALIDATED.items():
        arrow = staged.get(name, table.schema.empty_table())
        frame = add_helpers(name, arrow.to_pandas(), lengths, ingested_on)
        results = run_checks(reports_dir, table, frame, settings) if len(frame) else []
        if name != "articles" and bad_articles and len(frame):
            orphan = tuple(int(i) for i in frame.index[frame["article_id"].isin(bad_articles)])
            results.append(
                CheckResult(name, "article_quarantined", "article_id", CRITICAL, not orphan, len(frame), orphan)
            )
        outcome.results.extend(results)
        rows = arrow.to_pylist() if any(not r.success for r in results) else []
        bad: set[int] = set()
        for r in results:
            if r.severity == CRITICAL and r.unexpected_index:
                bad.update(r.unexpected_index)
                outcome.quarantine.extend(_quarantine_rows(run_id, table, rows, r))
        keep = pa.array([i not in bad for i in range(arrow.num_rows)], pa.bool_())
        outcome.published[name] = arrow.filter(keep) if bad else arrow
        if name == "articles" and bad:
            bad_articles = {rows[i]["article_id"] for i in bad}
        outcome.checked_rows += arrow.num_rows
        outcome.quarantined_rows += len(bad)
        if name == "articles" and arrow.num_rows and len(bad) == arrow.num_rows:
            outcome.failed_reason = "every article failed a critical article check"
    share = outcome.quarantined_rows / outcome.checked_rows if outcome.checked_rows else 0.0
    if outcome.failed_reason is None and share > settings.max_critical_share:
        outcome.failed_reason = (
            f"{outcome.quarantined_rows} of {outcome.checked_rows} rows ({share:.1%}) failed critical checks, "
            f"over the allowed {settings.max_critical_share:.0%}"
        )
    return outcome
