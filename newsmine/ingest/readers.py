"""Readers for the raw formats: ``.txt`` with a date header, ``.json``, ``.jsonl``, web pages and WARCs.

Every input becomes either an :class:`Article` or a :class:`Reject`; nothing raises for bad input.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path, PurePosixPath

from newsmine.ingest.article import Article, Reject, dated_article
from newsmine.ingest.text import DecodeError, clean, clean_field, decode
from newsmine.ingest.warc import archive_articles
from newsmine.ingest.web import PageLimits, page_article
from newsmine.location import Location, as_location
from newsmine.settings import Settings

SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm", ".warc", ".warc.gz")


def is_page(source: str) -> bool:
    """Whether a source is a web page (an HTML file, or a record of a WARC archive)."""
    return format_of(source.split("@", 1)[0].split("#", 1)[0]) in {".html", ".warc"}


def format_of(name: str) -> str | None:
    """The input format a file name says (``.txt``, ``.json``, ``.jsonl``, ``.html``, ``.warc``), or None."""
    lower = name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix):
            return {".htm": ".html", ".warc.gz": ".warc"}.get(suffix, suffix)
    return None


# The longest article text accepted by default: far beyond any news article, well within the parser's memory.
MAX_TEXT_CHARS = Settings.max_text_chars
_HEADER = re.compile(r"\A\s*date\s+(\S+)[ \t]*")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@dataclass(frozen=True)
class Limits:
    """What a reader needs beside the bytes: the ingestion date and the longest text accepted."""

    today: date
    max_chars: int
    min_words: int = Settings.min_page_words
    crawl_date_fallback: bool = False

    def page(self) -> PageLimits:
        return PageLimits(self.today, self.max_chars, self.min_words)


@dataclass
class IngestResult:
    """What a batch of raw files gave: articles, rejects, and the ids of second copies.

    ``duplicate_ids`` are articles read again (the same text, or a page of the same URL): each is
    also a ``duplicate`` reject, and its text counts as present in the raw folder.
    """

    articles: list[Article] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)


def _unusable(raw: Location, rel: str, root: Path | None) -> Reject | None:
    """Why a directory entry cannot be read as an article, or None when it can."""
    name = PurePosixPath(rel)
    path = raw.local / rel if raw.local is not None and root is not None else None
    if path is not None and path.is_symlink() and not path.exists():
        return Reject(rel, "unreadable", f"{rel} is a link to a file that does not exist")
    if path is not None and root is not None and not path.resolve().is_relative_to(root):
        return Reject(rel, "outside_raw", f"{rel} links to something outside the raw folder")
    if any(part.startswith(".") for part in name.parts):
        return Reject(rel, "hidden", "hidden files are not read: remove the leading dot to include it")
    if format_of(name.name) is None:
        return Reject(rel, "unsupported", f"not one of the formats read ({', '.join(SUFFIXES)})")
    if path is not None and not stat.S_ISREG(path.stat().st_mode):
        return Reject(rel, "not_a_file", f"{rel} is not a regular file (a pipe, socket, device or folder)")
    return None


def discover(raw_dir: Location | str | os.PathLike[str]) -> tuple[list[str], list[Reject]]:
    """List raw files under ``raw_dir`` (recursively, sorted); every other entry becomes a reject.

    Args:
        raw_dir: a local folder or an fsspec URL.

    Returns:
        The files to read, as POSIX paths relative to ``raw_dir``, and a reject for each entry that
        cannot be an article: hidden files, other formats, broken links, links that leave the
        folder, pipes, sockets and devices.
    """
    raw = as_location(raw_dir)
    root = raw.local.resolve() if raw.local is not None else None
    files: list[str] = []
    rejects: list[Reject] = []
    hidden_folders: set[str] = set()
    for rel in raw.files():
        parts = PurePosixPath(rel).parts
        folder = next((i for i, part in enumerate(parts[:-1]) if part.startswith(".")), None)
        if folder is not None:  # a hidden folder (.git, .cache) is one reject, not one per file in it
            name = "/".join(parts[: folder + 1])
            if name not in hidden_folders:
                hidden_folders.add(name)
                rejects.append(
                    Reject(name, "hidden", "hidden folders are not read: remove the leading dot to include it")
                )
            continue
        reject = _unusable(raw, rel, root)
        if reject is None:
            files.append(rel)
        else:
            rejects.append(reject)
    return files, rejects


def parse_published(value: object) -> date:
    """Parse an ISO date or datetime (``2023-12-02``, ``2023-12-02T08:00:00Z``) to a date.

    Raises:
        ValueError: when the value is not a valid ISO date.
    """
    if not isinstance(value, str):
        raise ValueError(f"published must be an ISO date string, got {type(value).__name__}")
    text = value.strip()
    if _ISO_DAY.match(text):
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00")).date()


def _article(
    source: str, published: object, text: str, limits: Limits, warning: str | None, **meta: object
) -> Article | Reject:
    today, max_chars = limits.today, limits.max_chars
    try:
        day = parse_published(published)
    except ValueError as exc:
        return Reject(source, "bad_date", f"publication date {published!r}: {exc}")
    body, note = clean(text)
    if not body:
        return Reject(source, "no_text", "no text is left once markup and control characters go")
    notes = "; ".join(n for n in (warning, note) if n) or None
    title, url = clean_field(meta.get("title")), clean_field(meta.get("url"))
    return dated_article(source, day, body, today, max_chars, title, url, notes)


def _from_txt(source: str, text: str, limits: Limits, warning: str | None) -> Iterator[Article | Reject]:
    header = _HEADER.match(text)
    if not header:
        yield Reject(source, "no_date_header", "the first line must start with 'date YYYY-MM-DD'")
        return
    yield _article(source, header.group(1), text[header.end() :], limits, warning)


def _from_object(source: str, obj: object, limits: Limits, warning: str | None) -> Article | Reject:
    if not isinstance(obj, dict):
        return Reject(source, "bad_json", "a JSON article must be an object")
    missing = [k for k in ("text", "published") if not obj.get(k)]
    if missing:
        return Reject(source, "missing_field", f"missing {' and '.join(missing)}")
    if not isinstance(obj["text"], str):
        return Reject(source, "missing_field", "'text' must be a string")
    return _article(source, obj["published"], obj["text"], limits, warning, title=obj.get("title"), url=obj.get("url"))


def _loads(text: str) -> tuple[object, str | None]:
    """Parse JSON; the error as one line instead of raising (bad syntax, nesting too deep, huge integers)."""
    try:
        return json.loads(text), None
    except RecursionError:
        return None, "invalid JSON: nested too deeply"
    except ValueError as exc:  # JSONDecodeError, and integers over the interpreter's digit limit
        return None, f"invalid JSON: {exc}"


def _from_json(source: str, text: str, limits: Limits, warning: str | None) -> Iterator[Article | Reject]:
    obj, error = _loads(text)
    if error:
        yield Reject(source, "bad_json", error)
        return
    yield _from_object(source, obj, limits, warning)


def _from_jsonl(source: str, text: str, limits: Limits, warning: str | None) -> Iterator[Article | Reject]:
    # lines end at "\n" only: U+2028 or U+0085 inside a JSON string is part of the string
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        obj, error = _loads(line)
        if error:
            yield Reject(where, "bad_json", f"line {number}: {error}")
            continue
        yield _from_object(where, obj, limits, warning)


def _from_html(source: str, text: str, limits: Limits, warning: str | None) -> Iterator[Article | Reject]:
    yield page_article(source, text, limits.page(), warning=warning)


_PARSERS = {".txt": _from_txt, ".json": _from_json, ".jsonl": _from_jsonl, ".html": _from_html}


def read_file(
    raw_dir: Location | str | os.PathLike[str],
    source: str,
    today: date,
    max_bytes: int,
    max_chars: int = MAX_TEXT_CHARS,
    limits: Limits | None = None,
) -> Iterator[Article | Reject]:
    """Read one raw file (``source``, relative to ``raw_dir``) into articles or rejects; never raises for bad content.

    ``limits`` (the ingestion date, text and page limits, the crawl-date fallback) replaces
    ``today`` and ``max_chars`` when given. A WARC archive is streamed: ``max_bytes`` is the limit
    of each page in it, not of the archive.
    """
    raw = as_location(raw_dir)
    limits = limits or Limits(today, max_chars)
    kind = format_of(source)
    if kind == ".warc":
        yield from archive_articles(raw / source, source, limits.page(), max_bytes, limits.crawl_date_fallback)
        return
    try:
        size = (raw / source).size()
        if size > max_bytes:
            yield Reject(source, "too_large", f"{size} bytes is over the limit of {max_bytes}")
            return
        data = (raw / source).read_bytes()
    except OSError as exc:
        yield Reject(source, "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    if not data.strip():
        yield Reject(source, "empty", "the file is empty or whitespace only")
        return
    try:
        text, warning = decode(data)
    except DecodeError as exc:
        yield Reject(source, exc.reason, str(exc))
        return
    yield from _PARSERS[kind or ".txt"](source, text, limits, warning)


def read_batch(
    raw_dir: Location | str | os.PathLike[str],
    sources: Iterable[str],
    today: date,
    max_bytes: int,
    seen: dict[str, str],
    max_chars: int = MAX_TEXT_CHARS,
    limits: Limits | None = None,
) -> IngestResult:
    """Read files into an :class:`IngestResult`.

    Args:
        raw_dir: the raw folder (a local path or an fsspec URL).
        sources: files under ``raw_dir``, relative to it (as :func:`discover` lists them).
        today: the ingestion date (later publication dates are rejected).
        max_bytes: the size limit per file.
        seen: article ids already read in this run, mapped to their source; updated in place.
            A second copy of an article becomes a ``duplicate`` reject naming the first.
        max_chars: the longest article text accepted (``too_long`` beyond it).
        limits: all the reading limits (replaces ``today`` and ``max_chars`` when given).

    A page whose canonical URL was already read in the run is a ``duplicate`` too (``seen`` keeps
    the URLs under ``url:<address>``).
    """
    raw = as_location(raw_dir)
    return deduplicate(
        ((source, item) for source in sources for item in read_file(raw, source, today, max_bytes, max_chars, limits)),
        seen,
    )


def deduplicate(found: Iterable[tuple[str, Article | Reject]], seen: dict[str, str]) -> IngestResult:
    """What was read, ``(raw file, article or reject)`` in reading order, as an :class:`IngestResult`.

    ``seen`` (updated in place) maps the ids, and the pages' canonical URLs (``url:<address>``),
    already read in the run to their source: the first in order is the article, a later copy a
    ``duplicate`` reject naming it.
    """
    result = IngestResult()
    for source, item in found:
        url_key = (
            f"url:{item.url}"
            if isinstance(item, Article) and item.url and format_of(source) in {".html", ".warc"}
            else None
        )
        if isinstance(item, Reject):
            result.rejects.append(item)
        elif item.article_id in seen or (url_key and url_key in seen):
            first = seen.get(item.article_id) or seen[url_key or ""]
            result.rejects.append(Reject(item.source, "duplicate", f"same article as {first}"))
            result.duplicate_ids.append(item.article_id)
        else:
            seen[item.article_id] = item.source
            if url_key:
                seen[url_key] = item.source
            result.articles.append(item)
    return result
