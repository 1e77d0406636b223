"""The run report in a real browser: quarantined rows visible, article scripts inert."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmine.report import RunSummary, write
from newsmine.validation import Outcome
from newsmine.validation.suites import CheckResult

EVIL = "Officials said <script>document.title='pwned'</script> the blast killed 500 million people."


def _report(tmp_path: Path) -> Path:
    row_json = '{"text": "500 million", "value": 500000000}'
    outcome = Outcome(
        quarantine=[
            {
                "run_id": "r1",
                "table": "figures",
                "row_key": "a/a-f001",
                "expectation": "value_plausible",
                "column": "value",
                "observed_value": "500000000",
                "article_id": "a",
                "sentence": EVIL,
                "row_json": row_json,
            }
        ],
        results=[CheckResult("figures", "value_plausible", "value", "critical", False, 3, (0,))],
    )
    summary = RunSummary("r1", "passed", 1, 1, 0, 0, {"figures": 2}, {"figures": 1})
    return write(tmp_path, summary, outcome, {"a": "Blast <img src=x onerror=alert(1)>"})


def test_report_escapes_article_text(tmp_path):
    html = _report(tmp_path).read_text(encoding="utf-8")
    assert "<script>document" not in html and "&lt;script&gt;" in html
    assert "<img src=x" not in html
    assert "<mark>500 million</mark>" in html
    assert (tmp_path / "latest.html").exists()


def test_report_lists_rejects_escaped_in_page_and_artifact(tmp_path):
    reject = {"source": "<img src=x onerror=alert(1)>|a.txt", "reason": "empty", "message": "the file is empty"}
    summary = RunSummary("r2", "failed", 1, 0, 0, 1, {}, {}, "nothing usable: every input was rejected (1)", [reject])
    html = write(tmp_path, summary, None, {}).read_text(encoding="utf-8")
    assert "<td>&lt;img src=x onerror=alert(1)&gt;|a.txt</td><td>empty</td><td>the file is empty</td>" in html
    assert "Rejected inputs (1)" in html and "<p class='failed'>nothing usable" in html
    assert "| &lt;img src=x onerror=alert(1)&gt;\\|a.txt | empty | the file is empty |" in summary.markdown()
    assert "<img" not in summary.markdown()


@pytest.mark.slow
def test_report_in_headless_chromium(tmp_path, chromium):
    from selenium.webdriver.common.by import By

    page = _report(tmp_path)
    chromium.get(page.as_uri())
    rows = chromium.find_elements(By.CSS_SELECTOR, "table.quarantine tr")
    assert len(rows) == 2  # header and the quarantined row
    cells = rows[1].find_elements(By.TAG_NAME, "td")
    assert cells[0].text == "Blast <img src=x onerror=alert(1)>"
    assert "<script>document.title='pwned'</script>" in cells[1].text
    assert cells[2].text == "500000000"
    assert chromium.find_element(By.TAG_NAME, "mark").text == "500 million"
    assert chromium.title == "newsmine run r1"
