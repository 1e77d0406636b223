"""GX Data Docs open offline: every script, stylesheet, font and image of a built page is a local file."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from newsmine.validation import build_docs
from newsmine.validation.offline_docs import ASSETS, manifest
from tests.conftest import copy_samples, run_library

CSS_URL = re.compile(r"""url\(\s*(["']?)(.*?)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(["'])(.*?)\1""")
REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


class _References(HTMLParser):
    """The addresses a page loads: script src, link href, img src, and CSS in <style> and style=."""

    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []
        self.css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v for k, v in attrs if v is not None}
        attr = {"script": "src", "link": "href", "img": "src"}.get(tag)
        if attr and attr in a:
            self.loads.append(a[attr])
        if "style" in a:
            self.css.append(a["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.css.append(data)


def css_references(css: str) -> list[str]:
    refs = [m[2] for m in CSS_URL.finditer(css)] + [m[2] for m in CSS_IMPORT.finditer(css)]
    return [r for r in refs if not r.lower().startswith("data:")]


def _check(ref: str, base: Path, where: Path, remote: list[str], missing: list[str]) -> Path | None:
    """Record ``ref`` as remote or missing; returns the local file it names."""
    if REMOTE.match(ref):
        remote.append(f"{where}: {ref}")
        return None
    target = (base / re.split(r"[?#]", ref)[0]).resolve()
    if not target.is_file():
        missing.append(f"{where}: {ref}")
        return None
    return target


@pytest.fixture(scope="module")
def docs(tmp_path_factory) -> Path:
    """Data Docs built through the project's code path, after a library run on the sample articles."""
    tmp = tmp_path_factory.mktemp("offline")
    raw = copy_samples(tmp / "raw")
    run_library(raw, tmp / "out", tmp / "reports", max_critical_share=1.0)
    index = build_docs(tmp / "reports")
    assert index.exists()
    return index.parent


def pages(docs: Path) -> list[Path]:
    return sorted(p for p in docs.rglob("*.html") if not p.is_relative_to(docs / "static"))


def test_data_docs_assets_match_manifest():
    root = resources.files("newsmine.resources").joinpath(ASSETS)
    listed = set()
    for package in manifest()["packages"]:
        assert any(Path(rel).name.startswith("LICENSE") for rel in package["files"]), package["package"]
        for rel, sha256 in package["files"].items():
            data = root.joinpath(package["dir"], *rel.split("/")).read_bytes()
            assert hashlib.sha256(data).hexdigest() == sha256, f"{package['dir']}/{rel}"
            listed.add(f"{package['dir']}/{rel}")
        assert set(package["urls"].values()) <= set(package["files"])
    on_disk = {p.relative_to(Path(str(root))).as_posix() for p in Path(str(root)).rglob("*") if p.is_file()}
    assert on_disk - {"manifest.json", "README.md"} == listed


@pytest.mark.slow
def test_data_docs_reference_only_local_files(docs):
    built = pages(docs)
    names = {p.relative_to(docs).parts[0] for p in built}
    assert {"index.html", "validations", "expectations"} <= names
    remote: list[str] = []
    missing: list[str] = []
    stylesheets: set[Path] = set()
    for page in built:
        refs = _References()
        refs.feed(page.read_text(encoding="utf-8"))
        for ref in refs.loads + [r for css in refs.css for r in css_references(css)]:
            target = _check(ref, page.parent, page.relative_to(docs), remote, missing)
            if target and target.suffix == ".css":
                stylesheets.add(target)
    assert stylesheets, "no local stylesheet: the pages were not rewritten"
    for sheet in sorted(stylesheets):  # fonts and images the stylesheets load
        for ref in css_references(sheet.read_text(encoding="utf-8")):
            _check(ref, sheet.parent, sheet.relative_to(docs), remote, missing)
    assert remote == []
    assert missing == []


@pytest.mark.slow
def test_data_docs_validation_page_renders_offline(docs, chromium):
    from selenium.webdriver.common.by import By

    chromium.execute_cdp_cmd("Network.enable", {})
    chromium.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*"]})
    page = next(p for p in pages(docs) if p.relative_to(docs).parts[0] == "validations")
    chromium.get(page.as_uri())
    assert chromium.execute_script("return typeof jQuery") == "function"
    assert chromium.execute_script("return typeof jQuery.fn.bootstrapTable") == "function"
    assert chromium.execute_script("return typeof jQuery.fn.modal") == "function"  # bootstrap.js
    assert chromium.execute_script("return typeof vegaEmbed") == "function"
    unloaded = chromium.execute_script(
        "return [...document.querySelectorAll('link[rel=stylesheet]')].filter(l => !l.sheet).map(l => l.href)"
    )
    assert unloaded == []
    rows = chromium.find_elements(By.CSS_SELECTOR, "div.bootstrap-table table tbody tr")
    assert any(r.is_displayed() and r.text.strip() for r in rows)
    fonts = chromium.execute_async_script(
        "const done = arguments[0]; document.fonts.ready.then(() => done("
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)))"
    )
    assert any("Font Awesome" in family for family in fonts)
