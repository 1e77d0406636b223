"""Web pages: the article in an HTML page, read with trafilatura (main text and metadata) and htmldate.

The headline goes to ``Article.title`` and never into the text; navigation, related links, bylines,
cookie banners, comments and advertisements never reach the text. The publication date comes from
the page (its metadata, ``<time>`` elements, its URL), never from a file's time. A page that is not
English, or holds too little text to be an article (a section front, a gallery), is a reject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from newsmine.ingest.article import Article, Reject, dated_article
from newsmine.ingest.text import clean, clean_field

# htmldate: the original publication date, from markup and the URL only (no guess from the text).
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# "By Jane Roe", "By Jane Roe and John Doe, Reuters": a name-shaped line, not "By Tuesday, the toll ...".
_BYLINE = re.compile(
    r"^(?:By|BY|by)\s+[A-Z][\w'-]*\.?(?:\s+(?:[A-Z][\w.'-]*|and|de|van|von|al))*(?:,\s*[A-Z][\w '-]{0,40})?$"
)
_WORD = re.compile(r"\w+")
_FEWEST_WORDS_FOR_LANGUAGE = 15  # below this the language guess is noise


@dataclass(frozen=True)
class PageLimits:
    """What a page must hold to be an article: at least ``min_words`` words, in ``language``."""

    today: date
    max_chars: int
    min_words: int = 80
    language: str = "en"


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _body(text: str, title: str | None, author: str | None) -> str:
    """Paragraphs of the main text, without the headline and byline lines trafilatura may keep."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    head = _words(title or "")
    out = []
    for i, para in enumerate(paragraphs):
        words = _words(para)
        if i < 3 and head and words and (words == head or head.startswith(words)):
            continue  # the headline (or a shortened one) repeated at the top of the text
        if i < 4 and len(para) < 80 and _BYLINE.match(para) and (author is None or _words(author) in words):
            continue
        if author and words == _words(author):
            continue
        out.append(para)
    return "\n\n".join(out)


def language_of(text: str) -> str:
    """The language of a text (ISO 639-1), by py3langid's model that ships with the package."""
    import py3langid

    language, _score = py3langid.classify(text[:5000])
    return str(language)


def warm() -> None:
    """Import trafilatura and load the language model (seconds): here before worker processes are
    forked, so that they inherit both instead of each paying for them at its first page."""
    import trafilatura  # noqa: F401

    language_of("a warm-up text")


def page_article(
    source: str,
    html: str | bytes,
    limits: PageLimits,
    url: str | None = None,
    fallback_date: date | None = None,
    warning: str | None = None,
) -> Article | Reject:
    """The article of one HTML page, or a reject with the reason.

    Args:
        source: where the page was read (a path, or ``archive.warc.gz@offset``).
        html: the page.
        limits: the ingestion date, the longest text, the fewest words, the language.
        url: the page's address when known (a WARC record's target URI); the canonical URL of the
            page's own metadata wins.
        fallback_date: the date to use when the page has none (the crawl date, when the run allows
            it); said in the article's warning.
        warning: a note about the input to keep on the article.
    """
    import trafilatura
    from trafilatura.settings import Document

    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_precision=True,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura on broken input: one page's reject, never the run's stop
        return Reject(source, "not_an_article", f"the page could not be parsed: {type(exc).__name__}: {exc}"[:300])
    if not isinstance(doc, Document) or not (doc.text or "").strip():
        return Reject(source, "not_an_article", "no main text found in the page")
    title = clean_field(doc.title)
    author = clean_field(doc.author)
    body, note = clean(_body(doc.text or "", title, author))
    words = len(body.split())
    language = language_of(body) if words >= _FEWEST_WORDS_FOR_LANGUAGE else limits.language
    if language != limits.language:
        return Reject(source, "not_english", f"the page is in {language!r}, not {limits.language!r}")
    if words < limits.min_words:
        return Reject(source, "not_an_article", f"{words} words of main text, fewer than {limits.min_words}")
    notes = [n for n in (warning, note) if n]
    published = iso_day(doc.date)
    if published is None:
        if fallback_date is None:
            return Reject(source, "no_date", "no publication date in the page (metadata, <time> or URL)")
        published = fallback_date
        notes.append(f"publication date {published} is the crawl date: the page gives none")
    url = clean_field(doc.url) or clean_field(url)
    return dated_article(source, published, body, limits.today, limits.max_chars, title, url, "; ".join(notes) or None)


@dataclass(frozen=True)
class Page:
    """A page read but not parsed yet (a WARC record's), to parse here or in a worker process."""

    source: str
    html: bytes
    url: str | None = None
    fallback_date: date | None = None

    def article(self, limits: PageLimits) -> Article | Reject:
        return page_article(self.source, self.html, limits, url=self.url, fallback_date=self.fallback_date)


def iso_day(value: str | None) -> date | None:
    """The day of an ISO date or timestamp ('2024-03-05', '2024-03-05T08:00:00Z'), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
