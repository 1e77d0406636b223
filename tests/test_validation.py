"""Validation: known bad rows end in quarantine under the right check; clean rows pass; it is fast.

Every test goes through the run's one path: rows staged as part files, then ``check_and_publish``.
"""

from __future__ import annotations

import dataclasses
import time
from datetime import UTC, date, datetime

import pyarrow as pa
import pytest

from newsmine import store
from newsmine.pipeline import check_and_publish
from newsmine.settings import Settings
from newsmine.tables import ALL, VALIDATED
from newsmine.validation import Outcome

TEXT = "Strikes killed 500 million people. Talks resume in 2087. Some 30 to 20 houses burned."
PUB = date(2023, 12, 2)


def _article(aid: str = "a1", text: str = TEXT) -> dict:
    return {
        "article_id": aid,
        "source": f"{aid}.txt",
        "published_date": PUB,
        "title": "Bad figures",
        "url": None,
        "text": text,
        "word_count": len(text.split()),
        "content_sha256": "x",
        "warning": None,
        "ingested_at": datetime(2024, 1, 1, tzinfo=UTC),
        "run_id": "r",
        "pipeline_version": "0",
        "published_month": "2023-12",
    }


def _figure(
    n: int, value: int, low: int | None, high: int | None, start: int = 15, end: int = 26, aid: str = "a1"
) -> dict:
    return {
        "article_id": aid,
        "figure_id": f"{aid}-f{n:03d}",
        "value": value,
        "value_low": low,
        "value_high": high,
        "qualifier": "exact",
        "category": "killed",
        "subject": "people",
        "text": TEXT[start:end],
        "sentence_index": 0,
        "start_char": start,
        "end_char": end,
        "sentence": "Strikes killed 500 million people.",
        "published_date": PUB,
        "location": "Gaza",
        "event_date": None,
        "attributed_to": None,
        "run_id": "r",
        "pipeline_version": "0",
        "published_month": "2023-12",
    }


def _date(resolved: date, start: int) -> dict:
    return {
        "article_id": "a1",
        "text": "2087",
        "resolved_date": resolved,
        "granularity": "year",
        "method": "explicit",
        "sentence_index": 1,
        "start_char": start,
        "end_char": start + 4,
        "sentence": "Talks resume in 2087.",
        "published_date": PUB,
        "run_id": "r",
        "pipeline_version": "0",
        "published_month": "2023-12",
    }


def _staged(
    figures: list[dict], dates: list[dict] | None = None, articles: list[dict] | None = None
) -> dict[str, list[dict]]:
    return {"articles": articles or [_article()], "figures": figures, "dates": dates or []}


def _publish(
    staged: dict[str, list[dict]], settings: Settings, run_id: str = "r", parts: int = 1
) -> tuple[Outcome, dict[str, pa.Table]]:
    """Stage the rows (each table split into ``parts`` part files), check and publish them as a run does."""
    stage = store.staging_dir(settings.out_dir, run_id)
    for name, rows in staged.items():
        size = -(-len(rows) // parts) or 1
        for part in range(parts):
            store.write_part(stage, VALIDATED[name], part, rows[part * size : (part + 1) * size])
    outcome = check_and_publish(settings, run_id, date(2024, 1, 1))
    return outcome, {name: store.read_table(settings.out_dir, table) for name, table in VALIDATED.items()}


@pytest.fixture
def settings(tmp_path):
    return Settings.from_env(out_dir=str(tmp_path / "out"), reports_dir=tmp_path / "reports", max_critical_share=0.9)


@pytest.mark.slow
def test_validation_bad_rows_quarantined_with_check_names(settings):
    staged = _staged(
        figures=[
            _figure(1, 500_000_000, 500_000_000, 500_000_000),
            _figure(2, 30, 30, 20, start=62, end=70),
            _figure(3, 184, 184, 184),
        ],
        dates=[_date(date(2087, 1, 1), 51)],
    )
    outcome, published = _publish(staged, settings)
    got = sorted((q["table"], q["row_key"], q["expectation"]) for q in outcome.quarantine)
    assert got == [
        ("dates", "a1/51", "resolved_not_far_future"),
        ("figures", "a1/a1-f001", "value_plausible"),
        ("figures", "a1/a1-f002", "high_not_below_value"),
    ]
    assert published["figures"].column("figure_id").to_pylist() == ["a1-f003"]
    assert published["dates"].num_rows == 0
    quarantined = store.read_table(settings.out_dir, ALL["quarantine"]).column("row_key").to_pylist()
    assert sorted(quarantined) == ["a1/51", "a1/a1-f001", "a1/a1-f002"]
    plausible = next(q for q in outcome.quarantine if q["expectation"] == "value_plausible")
    assert plausible["observed_value"] == "500000000"
    assert plausible["sentence"] == "Strikes killed 500 million people."
    # published + quarantined = extracted
    counts = outcome.counts()
    assert counts["figures"] == (1, 2) and counts["dates"] == (0, 1)


@pytest.mark.slow
def test_validation_clean_run_quarantines_nothing(settings):
    outcome, published = _publish(_staged([_figure(1, 184, 184, 184)]), settings)
    assert outcome.quarantine == []
    assert published["figures"].num_rows == 1 and published["articles"].num_rows == 1
    assert outcome.status == "passed"
    assert all(r.success for r in outcome.results if r.severity == "critical")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("attributes", "check"),
    [
        ({"country_code": "XX"}, "country_code_known"),
        ({"event_date": date(2023, 11, 30), "event_date_granularity": "week"}, "event_date_granularity_known"),
        ({"event_date": date(2023, 12, 25), "event_date_granularity": "day"}, "event_date_not_after_publication"),
    ],
)
def test_validation_figure_links_checked(settings, attributes, check):
    good = {**_figure(1, 184, 184, 184), "country_code": "PS", "event_date": PUB, "event_date_granularity": "day"}
    bad = {**_figure(2, 184, 184, 184), **attributes}
    outcome, _published = _publish(_staged([good, bad]), settings)
    assert [(q["row_key"], q["expectation"]) for q in outcome.quarantine] == [("a1/a1-f002", check)]


@pytest.mark.slow
def test_validation_offsets_outside_text_and_failure_share(tmp_path):
    settings = Settings.from_env(out_dir=str(tmp_path / "out"), reports_dir=tmp_path / "reports")  # 5% share
    staged = _staged([_figure(1, 5, 5, 5, start=10, end=10_000), _figure(2, 7, 7, 7)])
    outcome, _published = _publish(staged, settings)
    assert [q["expectation"] for q in outcome.quarantine] == ["offsets_within_text"]
    assert outcome.status == "failed" and "over the allowed 5%" in (outcome.failed_reason or "")


@pytest.mark.slow
def test_validation_future_article_fails_every_article(settings):
    article = _article()
    article["published_date"] = date(2030, 1, 1)
    outcome, published = _publish(_staged([_figure(1, 5, 5, 5)], articles=[article]), settings)
    assert published["articles"].num_rows == 0 and published["figures"].num_rows == 0
    assert {q["expectation"] for q in outcome.quarantine} == {"published_not_after_ingestion", "article_quarantined"}
    assert (outcome.failed_reason or "").startswith(
        "every article failed a critical article check; nothing was published"
    )


@pytest.mark.slow
def test_validation_ten_thousand_figures_in_seconds(settings):
    figures = [_figure(i, i % 1000, i % 1000, i % 1000) for i in range(10_000)]
    staged = _staged(figures)
    _publish(staged, settings, run_id="warm")  # warm the GX context
    started = time.perf_counter()
    outcome, published = _publish(staged, settings)
    elapsed = time.perf_counter() - started
    assert outcome.quarantine == [] and published["figures"].num_rows == 10_000
    assert elapsed < 10, f"validating and publishing 10,000 figures took {elapsed:.1f} s"


@pytest.mark.slow
def test_validation_in_chunks_decides_like_whole_tables(tmp_path):
    """Checking part by part, one row at a time, quarantines, keeps and counts exactly what one pass does."""
    articles = [_article("a1"), _article("a2"), _article("a3")]
    articles[2]["published_date"] = date(2030, 1, 1)  # a bad article: its figures follow it to quarantine
    figures = [
        _figure(1, 184, 184, 184, aid="a1"),
        _figure(2, 500_000_000, 500_000_000, 500_000_000, aid="a1"),
        _figure(1, 30, 30, 20, start=62, end=70, aid="a2"),
        _figure(2, 7, 7, 7, aid="a2"),
        _figure(1, 9, 9, 9, aid="a3"),
    ]
    staged = _staged(figures, articles=articles)

    def run(folder: str, validate_rows: int, parts: int) -> tuple[Outcome, dict[str, pa.Table]]:
        settings = Settings.from_env(
            out_dir=str(tmp_path / folder), reports_dir=tmp_path / "reports", max_critical_share=0.9
        )
        return _publish(staged, dataclasses.replace(settings, validate_rows=validate_rows), parts=parts)

    whole, whole_tables = run("whole", 50_000, parts=1)
    chunked, chunked_tables = run("chunked", 1, parts=3)

    assert chunked_tables["figures"].column("figure_id").to_pylist() == ["a1-f001", "a2-f002"]
    assert chunked_tables["figures"].equals(whole_tables["figures"])
    key = sorted((q["row_key"], q["expectation"]) for q in chunked.quarantine)
    assert key == sorted((q["row_key"], q["expectation"]) for q in whole.quarantine)
    assert ("a3/a3-f001", "article_quarantined") in key
    assert chunked.counts()["figures"] == whole.counts()["figures"] == (2, 3)
    by_check = {(r.table, r.name): (r.element_count, len(r.unexpected_index)) for r in chunked.results}
    assert by_check == {(r.table, r.name): (r.element_count, len(r.unexpected_index)) for r in whole.results}
    assert by_check[("figures", "value_plausible")] == (5, 1)


def _stage_by_article(settings: Settings, run_id: str, articles: list[dict], figures: list[dict]) -> None:
    """Each article and its figures in a part of their own, as batches of one article are staged."""
    stage = store.staging_dir(settings.out_dir, run_id)
    for part, article in enumerate(articles, start=1):
        store.write_part(stage, VALIDATED["articles"], part, [article])
        mine = [f for f in figures if f["article_id"] == article["article_id"]]
        store.write_part(stage, VALIDATED["figures"], part, mine)


def _decided(outcome: Outcome, out: str) -> tuple:
    quarantine = sorted((q["table"], q["row_key"], q["expectation"]) for q in outcome.quarantine)
    results = sorted((r.table, r.name, r.success, r.element_count, len(r.unexpected_index)) for r in outcome.results)
    published = {n: sorted(map(str, store.read_table(out, VALIDATED[n]).to_pylist())) for n in ("articles", "figures")}
    return outcome.status, outcome.failed_reason, quarantine, results, published


@pytest.mark.slow
def test_validation_batches_checked_as_they_come_decide_as_at_the_end(tmp_path):
    from newsmine import staged_checks

    late = {**_article("a2"), "published_date": date(2030, 1, 1)}  # fails every article check of its batch
    articles = [_article("a1"), late, _article("a3")]
    figures = [
        _figure(1, 184, 184, 184, aid="a1"),
        _figure(1, 500_000_000, 500_000_000, 500_000_000, aid="a2"),
        _figure(1, 30, 30, 20, aid="a3"),
        _figure(2, 12, 12, 12, aid="a3"),
    ]
    decided = []
    for name, passes in (("end", []), ("streamed", [[1], [2, 3]])):
        settings = Settings.from_env(
            out_dir=str(tmp_path / name), reports_dir=tmp_path / f"{name}-r", max_critical_share=0.9
        )
        _stage_by_article(settings, "r", articles, figures)
        if passes:
            checks = staged_checks.start(settings, "r", date(2024, 1, 1))
            for parts in passes:
                checks.submit(parts)
            checks.wait()
            assert checks.done == {1, 2, 3} and checks.broken is None
        decided.append(_decided(check_and_publish(settings, "r", date(2024, 1, 1)), settings.out_dir))
    assert decided[0] == decided[1]
    status, reason, quarantine, _results, published = decided[0]
    # one batch whose every article failed does not fail the run
    assert status == "passed" and reason is None
    assert ("articles", "a2", "published_not_after_ingestion") in quarantine
    assert ("figures", "a3/a3-f001", "high_not_below_value") in quarantine
    assert len(published["articles"]) == 2 and len(published["figures"]) == 2  # a1's and a3's good one


@pytest.mark.slow
def test_validation_article_id_unique_across_batches_checked_apart(tmp_path):
    from newsmine import staged_checks

    settings = Settings.from_env(out_dir=str(tmp_path / "out"), reports_dir=tmp_path / "r", max_critical_share=0.9)
    again = {**_article("a1"), "source": "copy-of-a1.txt"}
    _stage_by_article(settings, "r", [_article("a1"), _article("a3"), again], [_figure(1, 5, 5, 5, aid="a3")])
    checks = staged_checks.start(settings, "r", date(2024, 1, 1))
    checks.submit([1])
    checks.wait()
    outcome = check_and_publish(settings, "r", date(2024, 1, 1))  # parts 2 and 3, here
    assert [(q["row_key"], q["expectation"]) for q in outcome.quarantine] == [("a1", "article_id_unique")]
    unique = next(r for r in outcome.results if r.name == "article_id_unique")
    assert not unique.success and unique.element_count == 3
    assert sorted(store.read_table(settings.out_dir, VALIDATED["articles"]).column("source").to_pylist()) == [
        "a1.txt",
        "a3.txt",
    ]


@pytest.mark.slow
def test_validation_broken_pass_starts_over_when_publishing(tmp_path, monkeypatch):
    from newsmine import staged_checks

    settings = Settings.from_env(out_dir=str(tmp_path / "out"), reports_dir=tmp_path / "r", max_critical_share=0.9)
    _stage_by_article(settings, "r", [_article("a1"), _article("a3")], [_figure(1, 5, 5, 5, aid="a3")])
    checks = staged_checks.start(settings, "r", date(2024, 1, 1))
    real = checks.validation.check
    monkeypatch.setattr(checks.validation, "check", lambda *a: (_ for _ in ()).throw(OSError("GX store unwritable")))
    checks.submit([1])
    checks.wait()
    assert isinstance(checks.broken, OSError) and checks.done == set()
    monkeypatch.setattr(checks.validation, "check", real)
    outcome = check_and_publish(settings, "r", date(2024, 1, 1))
    assert outcome.status == "passed" and outcome.published_rows["articles"] == 2
    assert outcome.published_rows["figures"] == 1


@pytest.mark.slow
def test_validation_batches_wait_while_every_core_runs_the_model(tmp_path):
    from newsmine import staged_checks

    settings = Settings.from_env(out_dir=str(tmp_path / "out"), reports_dir=tmp_path / "r", max_critical_share=0.9)
    _stage_by_article(settings, "r", [_article("a1"), _article("a3"), _article("a4")], [])
    checks = staged_checks.start(settings, "r", date(2024, 1, 1))
    checks.extracted([1], busy_workers=2, cores=2)
    checks.extracted([2], busy_workers=2, cores=2)
    checks.wait()
    assert checks.done == set() and checks.passes == 0  # both cores run the model: the batches wait
    checks.extracted([3], busy_workers=1, cores=2)  # the last batch runs on one core: check on the other
    checks.wait()
    assert checks.done == {1, 2, 3} and checks.passes == 1
    outcome = check_and_publish(settings, "r", date(2024, 1, 1))
    assert outcome.status == "passed" and outcome.published_rows["articles"] == 3


@pytest.mark.slow
def test_validation_prepared_beforehand_builds_no_definition_in_the_run(settings, monkeypatch):
    from newsmine.tables.incidents import FIGURE_INCIDENTS
    from newsmine.validation import prepare, suites

    prepare(settings)
    ctx = suites.context(str(settings.reports_dir))
    built = {name for (context_id, name, _) in suites._definitions if context_id == id(ctx)}
    assert built == {*VALIDATED, FIGURE_INCIDENTS.name}

    def rebuilt(*args):
        raise AssertionError("a definition was built during the run")

    monkeypatch.setattr(suites, "_build_definition", rebuilt)
    outcome, published = _publish(_staged([_figure(1, 184, 184, 184)]), settings)
    assert outcome.status == "passed" and published["figures"].num_rows == 1
    assert {r.table for r in outcome.results} >= {"articles", "figures", "incidents"}


@pytest.mark.slow
def test_validation_context_drops_only_an_empty_config_variables_file(tmp_path):
    from newsmine.validation import suites

    suites.context(str(tmp_path / "fresh"))
    assert not (tmp_path / "fresh" / "gx" / "uncommitted" / "config_variables.yml").exists()  # GX's comments
    assert (tmp_path / "fresh" / "gx" / "great_expectations.yml").is_file()

    import great_expectations as gx

    kept = tmp_path / "kept"
    gx.get_context(mode="file", project_root_dir=str(kept))
    variables = kept / "gx" / "uncommitted" / "config_variables.yml"
    variables.write_text("# ours\nwarehouse_password: s3cret\n", encoding="utf-8")
    ctx = suites.context(str(kept))
    assert variables.read_text(encoding="utf-8").endswith("s3cret\n")
    assert ctx.config_provider.get_values()["warehouse_password"] == "s3cret"
