"""Settings resolve the environment, then defaults; CLI options and flow parameters override only when given."""

from __future__ import annotations

import inspect
from dataclasses import fields
from pathlib import Path

import pytest

from newsmine.settings import Settings

# One value per setting, unlike its default, as a NEWSMINE_* variable would give it.
VALUES = {
    "raw_dir": ("/srv/news/raw", "/srv/news/raw"),
    "out_dir": ("/srv/news/out", "/srv/news/out"),
    "reports_dir": ("/srv/news/reports", Path("/srv/news/reports")),
    "model": ("en_core_web_sm", "en_core_web_sm"),
    "batch_size": ("16", 16),
    "workers": ("3", 3),
    "max_file_bytes": ("1000", 1000),
    "max_text_chars": ("5000", 5000),
    "min_page_words": ("40", 40),
    "crawl_date_fallback": ("1", True),
    "max_figure_value": ("500", 500),
    "max_days_after_published": ("30", 30),
    "max_critical_share": ("0.5", 0.5),
    "validate_rows": ("100", 100),
}


def test_settings_every_field_has_a_case():
    assert {f.name for f in fields(Settings) if f.name != "extra"} == set(VALUES)


@pytest.mark.parametrize("name", sorted(VALUES))
def test_settings_each_variable_takes_effect_and_a_given_override_wins(name):
    raw, expected = VALUES[name]
    variable = f"NEWSMINE_{name.upper()}"
    assert getattr(Settings.from_env({variable: raw}), name) == expected
    assert getattr(Settings.from_env({variable: raw}, **{name: None}), name) == expected  # not given
    default = getattr(Settings(), name)
    assert getattr(Settings.from_env({variable: raw}, **{name: default}), name) == default  # given


@pytest.mark.parametrize(
    "module",
    [
        "flows.pipeline:pipeline",
        "flows.ingest:ingest_flow",
        "flows.extract:extract_flow",
        "flows.validate:validate_flow",
    ],
)
def test_settings_flow_parameters_default_to_the_settings(module):
    import importlib

    path, name = module.split(":")
    flow = getattr(importlib.import_module(path), name)
    settings = {f.name for f in fields(Settings)}
    backed = {p.name: p.default for p in inspect.signature(flow.fn).parameters.values() if p.name in settings}
    assert backed and all(default is None for default in backed.values()), backed
