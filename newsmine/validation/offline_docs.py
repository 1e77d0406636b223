"""Data Docs that open without internet.

GX 1.x writes its pages with the scripts, stylesheets and fonts they need (jQuery, bootstrap,
bootstrap-table, Font Awesome, vega...) on public CDNs, and its logo on S3; it has no setting for
a local base URL (its templates come first in its Jinja loader, before a plugins folder's views).
So after GX builds, ``localize`` copies the project's copies of those files (under
``newsmine/resources/data_docs_assets``, from the npm registry; ``manifest.json`` there names
each package, version, tarball and file hash) to ``<data_docs>/static/vendor`` and rewrites every
built page's CDN address to the relative path of its copy. The logo points at the copy GX itself
puts in ``static/images``, and GX's relative ``static/`` addresses are recomputed from each page's
depth (GX gets the favicon's wrong on validation pages).
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

ASSETS = "data_docs_assets"
VENDOR = "static/vendor"
# GX's images on S3 (the navbar logo, with a tracking query, and the dark theme's logo): GX copies
# its logo to static/images itself; there is no local dark logo, so both show the one logo.
_GX_IMAGES = re.compile(
    r"https://great-expectations-web-assets\.s3\.us-east-2\.amazonaws\.com/(?:logo-long|full_logo_dark)\.png"
)
_GX_LOGO = "static/images/logo-long.png"
# An address in an attribute (src=, href=) or in CSS url(), quoted or not.
_ADDRESS = re.compile(r"""(?P<lead>\b(?:src|href)=|url\()(?P<q>["']?)(?P<url>https?://[^"'\s)>]+)(?P=q)""")
# A relative address of GX's static folder: GX counts the "../" itself, one short for the favicon
# of validation pages; it is recomputed from the page's depth.
_STATIC = re.compile(r"""(?P<lead>\b(?:src|href)=)(?P<q>["'])(?:\./|(?:\.\./)+)static/""")
_SCRIPT_TAG = re.compile(r"<script\b[^>]*>")
# Subresource integrity and CORS mode fail for file:// pages; the copies are checked against
# manifest.json instead.
_FETCH_ATTRS = re.compile(r"""\s(?:integrity|crossorigin)=(["'])[^"']*\1""")


@lru_cache(maxsize=1)
def manifest() -> dict[str, Any]:
    """The asset manifest: per npm package its version, license, tarball, files and CDN addresses."""
    text = resources.files("newsmine.resources").joinpath(ASSETS, "manifest.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=1)
def local_paths() -> dict[str, str]:
    """Each CDN address the pages use -> its copy's path relative to the Data Docs folder."""
    return {
        url: f"{VENDOR}/{package['dir']}/{rel}"
        for package in manifest()["packages"]
        for url, rel in package["urls"].items()
    }


def install_assets(docs_dir: Path) -> None:
    """Copy every asset file (and its license) into ``<docs_dir>/static/vendor``."""
    root = resources.files("newsmine.resources").joinpath(ASSETS)
    for package in manifest()["packages"]:
        for rel in package["files"]:
            target = docs_dir / VENDOR / package["dir"] / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(root.joinpath(package["dir"], *rel.split("/")).read_bytes())


def _local(url: str) -> str | None:
    if url in local_paths():
        return local_paths()[url]
    return _GX_LOGO if _GX_IMAGES.match(url) else None


def _without_fetch_attrs(tag: re.Match[str]) -> str:
    if re.search(r"""\ssrc=["']?https?:""", tag[0]):
        return tag[0]
    return _FETCH_ATTRS.sub("", tag[0])


def localize_page(html: str, to_root: str) -> str:
    """A page's HTML with known CDN addresses replaced by ``<to_root>/<copy>``."""

    def swap(m: re.Match[str]) -> str:
        local = _local(m["url"])
        return m[0] if local is None else f"{m['lead']}{m['q']}{to_root}/{local}{m['q']}"

    html = _STATIC.sub(lambda m: f"{m['lead']}{m['q']}{to_root}/static/", _ADDRESS.sub(swap, html))
    return _SCRIPT_TAG.sub(_without_fetch_attrs, html)


def localize(docs_dir: Path) -> None:
    """Install the assets and point every built page under ``docs_dir`` at them."""
    install_assets(docs_dir)
    for page in docs_dir.rglob("*.html"):
        if page.is_relative_to(docs_dir / "static"):
            continue
        to_root = Path(os.path.relpath(docs_dir, page.parent)).as_posix()
        html = page.read_text(encoding="utf-8")
        rewritten = localize_page(html, to_root)
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8")
