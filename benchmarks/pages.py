"""The benchmark corpus as the web gives it: each article a news page with site chrome, and a WARC of them.

The pages hold the articles of :func:`benchmarks.corpus.stories` (the same text, date and order as
the ``.txt`` corpus), wrapped in chrome full of numbers (menus, "Most read" lists, comment counts,
cookie banners, advertisements). The archive holds the same pages as ``response`` records, each
after its ``request``, with a ``warcinfo`` first and, every 100 pages, an image, a 404 and a
redirect: records that hold no article.
"""

from __future__ import annotations

import html
import io
from pathlib import Path

from benchmarks.corpus import Story, stories

CHROME = """
<div class="cookie">We use cookies. {n} partners process your data. <button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/x">{n} killed in bus crash</a></nav>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/a">5 dead in hotel fire</a></li>
<li><a href="/b">{n} injured as train derails</a></li><li><a href="/c">300 flights cancelled</a></li></ol></aside>
<div class="ad">Advertisement: 2 for 1 on all flights, 40% off</div>
"""
FOOTER = """
<section class="comments"><h3>Comments ({n})</h3><p>Reader: 7 of my friends live there.</p></section>
<footer>Copyright 2024 Example News. 12 Example Street. 1,200 staff in 30 countries.</footer>
"""
HTML = "text/html; charset=utf-8"
CRAWLED = "2024-06-01T10:00:00Z"


def url_of(story: Story) -> str:
    return f"https://news.example/{story.published:%Y/%m/%d}/article-{story.number:06d}"


def page(story: Story) -> str:
    """The article as a news page: headline, byline, date and canonical URL in its markup."""
    title = f"Report {story.number} from the region"
    body = "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in story.paragraphs)
    n = story.number % 90 + 3
    return (
        f'<!DOCTYPE html><html lang="en"><head><title>{title} | Example News</title>'
        f'<meta property="og:title" content="{title}"><meta name="author" content="Jane Roe">'
        f'<link rel="canonical" href="{url_of(story)}">'
        f'<meta property="article:published_time" content="{story.published}T08:00:00Z"></head><body>'
        f"{CHROME.format(n=n)}<article><h1>{title}</h1><p class='byline'>By Jane Roe</p>{body}</article>"
        f"{FOOTER.format(n=n)}</body></html>"
    )


def build_html(folder: Path, n: int) -> int:
    """Write the ``n`` articles as ``.html`` pages into ``folder``; returns their total words."""
    total = 0
    for story in stories(n):
        path = folder / f"{story.name}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page(story), encoding="utf-8")
        total += story.words
    return total


def _non_articles(i: int) -> list[tuple[str, str, bytes, str]]:
    """Records that hold no article: an image, a page not found, a redirect."""
    return [
        (f"https://news.example/img/{i}.png", "200 OK", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png"),
        (f"https://news.example/gone/{i}", "404 Not Found", b"<html><body>Not found</body></html>", HTML),
        (f"https://news.example/old/{i}", "301 Moved Permanently", b"", HTML),
    ]


def build_warc(path: Path, n: int) -> tuple[int, int]:
    """Write the ``n`` articles' pages as one gzipped WARC at ``path``; returns (total words, other records)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path.parent.mkdir(parents=True, exist_ok=True)
    total = others = 0
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsmine benchmark"}))
        for story in stories(n):
            records = [(url_of(story), "200 OK", page(story).encode(), HTML)]
            if story.number % 100 == 0:
                records += _non_articles(story.number)
                others += 3
            for uri, status, body, content_type in records:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(uri, "request", http_headers=request))
                extra = [("Location", "/moved")] if status.startswith("3") else []
                http = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
                writer.write_record(
                    writer.create_warc_record(
                        uri,
                        "response",
                        payload=io.BytesIO(body),
                        http_headers=http,
                        warc_headers_dict={"WARC-Date": CRAWLED},
                    )
                )
            total += story.words
    return total, others
