"""Web pages and WARC archives: the article's text, headline and date, never the site's chrome.

Pages and archives are written by the tests (warcio writes the WARCs); the articles are our own.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest

from newsmine import store
from newsmine.ingest import Article, Reject
from newsmine.ingest.readers import Limits, read_batch, read_file
from newsmine.tables import ALL
from tests.conftest import run_library

TODAY = date(2026, 1, 1)
STORY = [
    "Floods killed 12 people in the river valley on Monday, regional officials said, and rescuers "
    "searched through the night for 4 villagers who were still missing as the water receded.",
    "The river burst its banks after three days of heavy rain, flooding about 200 homes and forcing "
    "more than 1,500 residents to leave for shelters set up in schools on higher ground.",
    "Officials said the army had sent boats and helicopters, and that roads into the valley would stay "
    "closed until engineers had checked the bridges that the water had damaged overnight.",
]
CHROME = """
<div class="cookie">We use cookies. 3 partners process your data. <button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/x">10 killed in bus crash</a></nav>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/a">5 dead in hotel fire</a></li>
<li><a href="/b">20 injured as train derails</a></li></ol></aside>
<div class="ad">Advertisement: 2 for 1 on all flights</div>
<section class="comments"><h3>Comments (34)</h3><p>Reader: 7 of my friends live there.</p></section>
<footer>Copyright 2024. 12 Example Street.</footer>
"""


def page(title: str = "Floods kill 12 in valley", date_meta: str | None = "2024-03-05", lang: str = "en",
         paragraphs: list[str] | None = None, url: str = "https://news.example/world/floods") -> str:  # fmt: skip
    meta = f'<meta property="article:published_time" content="{date_meta}T08:00:00Z">' if date_meta else ""
    body = "".join(f"<p>{p}</p>" for p in (paragraphs or STORY))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{title} | Example News</title>'
        f'<meta property="og:title" content="{title}"><meta name="author" content="Jane Roe">'
        f'<link rel="canonical" href="{url}">{meta}</head><body>{CHROME}'
        f"<article><h1>{title}</h1><p class='byline'>By Jane Roe</p>{body}</article>{CHROME}</body></html>"
    )


def _read(folder: Path, name: str, content: str | bytes, **limits) -> list[Article | Reject]:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return list(read_file(folder, name, TODAY, 5_000_000, limits=Limits(TODAY, 300_000, **limits)))


def test_web_page_text_title_date_url_without_chrome(tmp_path):
    (article,) = _read(tmp_path, "floods.html", page())
    assert isinstance(article, Article)
    assert article.title == "Floods kill 12 in valley"
    assert article.published_date == date(2024, 3, 5)
    assert article.url == "https://news.example/world/floods"
    assert article.text == "\n\n".join(STORY)
    for chrome in ("cookies", "Most read", "bus crash", "Comments", "Advertisement", "By Jane Roe", "Copyright"):
        assert chrome not in article.text


def test_web_page_date_from_time_element_or_url_never_the_file(tmp_path):
    html = page(date_meta=None).replace("<article>", '<article><time datetime="2024-02-29">29 Feb</time>')
    (article,) = _read(tmp_path, "t.html", html)
    assert article.published_date == date(2024, 2, 29)
    (from_url,) = _read(tmp_path, "u.html", page(date_meta=None, url="https://news.example/2024/01/15/floods"))
    assert from_url.published_date == date(2024, 1, 15)


def test_web_page_without_date_is_a_reject(tmp_path):
    (reject,) = _read(tmp_path, "nodate.htm", page(date_meta=None))
    assert (reject.source, reject.reason) == ("nodate.htm", "no_date")


def test_web_page_not_english_is_a_reject_with_the_language(tmp_path):
    german = [
        "Bei schweren Überschwemmungen im Flusstal sind am Montag zwölf Menschen ums Leben gekommen, "
        "teilten die Behörden mit, und die Helfer suchten die ganze Nacht nach vier Vermissten.",
        "Der Fluss trat nach drei Tagen Regen über die Ufer und überflutete etwa zweihundert Häuser, "
        "während mehr als tausend Bewohner in Notunterkünfte in den Schulen gebracht wurden.",
    ]
    (reject,) = _read(tmp_path, "de.html", page(lang="de", paragraphs=german))
    assert reject.reason == "not_english" and "'de'" in reject.message


def test_web_section_front_and_broken_markup(tmp_path):
    (front,) = _read(tmp_path, "front.html", page(paragraphs=["Latest news.", "More stories below."]))
    assert front.reason == "not_an_article"
    broken = page().replace("</p>", "").replace("</article>", "<div><span><b>")[:-40]
    (article,) = _read(tmp_path, "broken.html", broken)
    assert isinstance(article, Article) and "Floods killed 12 people" in article.text
    (garbage,) = _read(tmp_path, "garbage.html", b"\x00\x01<<<>>>\xff")
    assert isinstance(garbage, Reject)


def _warc(path: Path, records: list[tuple[str, str, bytes, str]], cut: int = 0) -> list[int]:
    """Write a gzipped WARC: a warcinfo, then for each (uri, status, body, content type) a request
    and a response; ``cut`` bytes removed from the end. Returns the responses' offsets."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsmine tests"}))
    offsets = []
    for uri, status, body, content_type in records:
        request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
        offsets.append(buffer.tell())
        headers = [("Content-Type", content_type)] + ([("Location", "/moved")] if status.startswith("3") else [])
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        warc_headers = {"WARC-Date": "2024-03-07T10:00:00Z"}
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=warc_headers
            )
        )
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) - cut] if cut else data)
    return offsets


HTML = "text/html; charset=utf-8"


def test_web_warc_records_become_articles_or_rejects(tmp_path):
    offsets = _warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://news.example/world/floods", "200 OK", page().encode(), HTML),
            ("https://news.example/logo.png", "200 OK", b"\x89PNG\r\n", "image/png"),
            ("https://news.example/gone", "404 Not Found", b"<html>not found</html>", HTML),
            ("https://news.example/old", "301 Moved Permanently", b"", HTML),
            (
                "https://news.example/undated",
                "200 OK",
                page(date_meta=None, url="https://news.example/u").encode(),
                HTML,
            ),
        ],
    )
    found = list(read_file(tmp_path, "crawl.warc.gz", TODAY, 5_000_000, limits=Limits(TODAY, 300_000)))
    got = [(x.source, x.reason if isinstance(x, Reject) else "article") for x in found]
    assert got == [
        (f"crawl.warc.gz@{offsets[0]}", "article"),
        (f"crawl.warc.gz@{offsets[1]}", "not_html"),
        (f"crawl.warc.gz@{offsets[2]}", "http_status"),
        (f"crawl.warc.gz@{offsets[3]}", "http_status"),
        (f"crawl.warc.gz@{offsets[4]}", "no_date"),
    ]
    assert "redirect to /moved" in found[3].message
    article = found[0]
    assert article.text == "\n\n".join(STORY) and article.published_date == date(2024, 3, 5)
    fallback = list(
        read_file(tmp_path, "crawl.warc.gz", TODAY, 5_000_000, limits=Limits(TODAY, 300_000, crawl_date_fallback=True))
    )
    assert fallback[4].published_date == date(2024, 3, 7)
    assert "crawl date" in (fallback[4].warning or "")


def test_web_warc_cut_in_a_record_keeps_the_records_before(tmp_path):
    offsets = _warc(
        tmp_path / "cut.warc.gz",
        [
            ("https://news.example/world/floods", "200 OK", page().encode(), HTML),
            ("https://news.example/world/storm", "200 OK", page(title="Storm hits coast").encode(), HTML),
        ],
        cut=200,
    )
    found = list(read_file(tmp_path, "cut.warc.gz", TODAY, 5_000_000, limits=Limits(TODAY, 300_000)))
    assert isinstance(found[0], Article) and found[0].source == f"cut.warc.gz@{offsets[0]}"
    assert found[-1].reason == "corrupt_archive" and found[-1].source == f"cut.warc.gz@{offsets[1]}"
    assert len(found) == 2


def test_web_same_canonical_url_twice_is_a_duplicate(tmp_path):
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.html").write_text(
        page(paragraphs=[*STORY, "An update followed later in the day."]), encoding="utf-8"
    )
    result = read_batch(tmp_path, ["a.html", "b.html"], TODAY, 5_000_000, {}, limits=Limits(TODAY, 300_000))
    assert [a.source for a in result.articles] == ["a.html"]
    assert [(r.source, r.reason) for r in result.rejects] == [("b.html", "duplicate")]


@pytest.mark.slow
def test_web_page_and_archive_give_the_figures_of_the_text(tmp_path):
    folders = {kind: tmp_path / kind for kind in ("text", "html", "warc")}
    for folder in folders.values():
        folder.mkdir()
    (folders["text"] / "floods.txt").write_text("date 2024-03-05\n" + "\n\n".join(STORY), encoding="utf-8")
    (folders["html"] / "floods.html").write_text(page(), encoding="utf-8")
    _warc(folders["warc"] / "crawl.warc.gz", [("https://news.example/world/floods", "200 OK", page().encode(), HTML)])

    def facts(raw: Path) -> list[tuple]:
        out = tmp_path / f"out-{raw.name}"
        run_library(raw, out, tmp_path / "reports", max_critical_share=1.0)
        figures = store.read_table(out, ALL["figures"]).to_pylist()
        dates = store.read_table(out, ALL["dates"]).to_pylist()
        (published,) = store.read_table(out, ALL["articles"]).column("published_date").to_pylist()
        return sorted(
            [("figure", str(f["value"]), f["category"], f["text"]) for f in figures]
            + [("date", d["text"], str(d["resolved_date"]), "") for d in dates]
            + [("published", str(published), "", "")]
        )

    plain = facts(folders["text"])
    assert ("figure", "12", "killed", "12") in plain
    assert facts(folders["html"]) == plain
    assert facts(folders["warc"]) == plain


@pytest.mark.slow
def test_web_recrawled_page_replaces_its_earlier_version(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    url = "https://news.example/world/floods"
    _warc(raw / "monday.warc.gz", [(url, "200 OK", page().encode(), HTML)])
    run_library(raw, out, tmp_path / "reports")
    (raw / "monday.warc.gz").unlink()
    updated = [STORY[0].replace("killed 12", "killed 15"), *STORY[1:]]
    _warc(raw / "tuesday.warc.gz", [(url, "200 OK", page(paragraphs=updated).encode(), HTML)])
    run_library(raw, out, tmp_path / "reports")
    (article,) = store.read_table(out, ALL["articles"]).to_pylist()
    assert article["source"].startswith("tuesday.warc.gz@") and article["url"] == url
    killed = [f["value"] for f in store.read_table(out, ALL["figures"]).to_pylist() if f["category"] == "killed"]
    assert killed == [15]
