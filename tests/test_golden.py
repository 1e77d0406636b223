"""Golden files: whole articles we wrote, extracted end to end and compared with reviewed output.

Regenerate after an intended change with ``NEWSMINE_UPDATE_GOLDEN=1 pytest tests/test_golden.py``,
then review the diff of ``tests/fixtures/golden/*.json`` before committing it.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from newsmine.extract import extract_batch
from newsmine.ingest.readers import read_file

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
CASES = sorted(GOLDEN.glob("*.txt"))


def _snapshot(nlp, path: Path) -> dict:
    (article,) = list(read_file(path.parent, path.name, date(2030, 1, 1), 10**6))
    found = extract_batch(nlp, [article])
    return {
        "figures": [
            [
                f.value,
                f.value_low,
                f.value_high,
                f.qualifier,
                f.category,
                f.subject,
                f.text,
                f.location,
                f.country_code,
                f.event_date.isoformat() if f.event_date else None,
                f.event_date_granularity,
                f.attributed_to,
            ]
            for f in found.figures
        ],
        "dates": [[d.text, d.resolved_date.isoformat(), d.granularity, d.method] for d in found.dates],
        "entities": [[e.text, e.label, e.normalized, e.country_code] for e in found.entities],
        "quotes": [[q.quote, q.speaker, q.cue] for q in found.quotes],
    }


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden_article(nlp, path):
    expected_path = path.with_suffix(".json")
    got = _snapshot(nlp, path)
    if os.environ.get("NEWSMINE_UPDATE_GOLDEN") == "1":
        expected_path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert expected_path.exists(), f"no golden file: run NEWSMINE_UPDATE_GOLDEN=1 pytest {__file__}"
    assert got == json.loads(expected_path.read_text(encoding="utf-8"))
