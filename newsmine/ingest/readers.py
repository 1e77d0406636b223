"""Readers for the raw formats: ``.txt`` with a date header, ``.json`` and ``.jsonl``.

Every input becomes either an :class:`Article` or a :class:`Reject`; nothing raises for bad input.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath

from newsmine.ingest.article import Article, Reject, article_id_for
from newsmine.ingest.text import DecodeError, clean, decode
from newsmine.location import Location, as_location

SUFFIXES = (".txt", ".json", ".jsonl")
_HEADER = re.compile(r"\A\s*date\s+(\S+)[ \t]*")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


@dataclass
class IngestResult:
    """What a batch of raw files gave: articles, rejects, and duplicates of earlier articles."""

    articles: list[Article] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


def discover(raw_dir: Location | str | os.PathLike[str]) -> tuple[list[str], list[Reject]]:
    """List raw files under ``raw_dir`` (recursively, sorted), refusing links that leave it.

    Args:
        raw_dir: a local folder or an fsspec URL.

    Returns:
        The files to read, as POSIX paths relative to ``raw_dir``, and rejects for local links that
        point outside the folder.
    """
    raw = as_location(raw_dir)
    root = raw.local.resolve() if raw.local is not None else None
    files: list[str] = []
    rejects: list[Reject] = []
    for rel in raw.files():
        name = PurePosixPath(rel)
        if name.suffix.lower() not in SUFFIXES or any(part.startswith(".") for part in name.parts):
            continue
        if raw.local is not None and root is not None:
            path = raw.local / rel
            if not path.resolve().is_relative_to(root):
                rejects.append(Reject(rel, "outside_raw", f"{rel} links to a file outside the raw folder"))
                continue
            if not path.is_file():
                continue
        files.append(rel)
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
    source: str, published: object, text: str, today: date, warning: str | None, **meta: object
) -> Article | Reject:
    try:
        day = parse_published(published)
    except ValueError as exc:
        return Reject(source, "bad_date", f"publication date {published!r}: {exc}")
    if day > today:
        return Reject(source, "future_date", f"publication date {day} is after today ({today})")
    body, note = clean(text)
    if not body:
        return Reject(source, "no_text", "no text is left once markup and control characters go")
    notes = "; ".join(n for n in (warning, note) if n) or None
    title = meta.get("title")
    url = meta.get("url")
    return Article(
        article_id=article_id_for(day, body),
        source=source,
        published_date=day,
        text=body,
        title=str(title) if title else None,
        url=str(url) if url else None,
        warning=notes,
    )


def _from_txt(source: str, text: str, today: date, warning: str | None) -> Iterator[Article | Reject]:
    header = _HEADER.match(text)
    if not header:
        yield Reject(source, "no_date_header", "the first line must start with 'date YYYY-MM-DD'")
        return
    yield _article(source, header.group(1), text[header.end() :], today, warning)


def _from_object(source: str, obj: object, today: date, warning: str | None) -> Article | Reject:
    if not isinstance(obj, dict):
        return Reject(source, "bad_json", "a JSON article must be an object")
    missing = [k for k in ("text", "published") if not obj.get(k)]
    if missing:
        return Reject(source, "missing_field", f"missing {' and '.join(missing)}")
    if not isinstance(obj["text"], str):
        return Reject(source, "missing_field", "'text' must be a string")
    return _article(source, obj["published"], obj["text"], today, warning, title=obj.get("title"), url=obj.get("url"))


def _from_json(source: str, text: str, today: date, warning: str | None) -> Iterator[Article | Reject]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Reject(source, "bad_json", f"invalid JSON: {exc}")
        return
    yield _from_object(source, obj, today, warning)


def _from_jsonl(source: str, text: str, today: date, warning: str | None) -> Iterator[Article | Reject]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}#L{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Reject(where, "bad_json", f"line {number}: invalid JSON: {exc}")
            continue
        yield _from_object(where, obj, today, warning)


_PARSERS = {".txt": _from_txt, ".json": _from_json, ".jsonl": _from_jsonl}


def read_file(
    raw_dir: Location | str | os.PathLike[str], source: str, today: date, max_bytes: int
) -> Iterator[Article | Reject]:
    """Read one raw file (``source``, relative to ``raw_dir``) into articles or rejects; never raises for bad content."""
    raw = as_location(raw_dir)
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
    yield from _PARSERS[PurePosixPath(source).suffix.lower()](source, text, today, warning)


def read_batch(
    raw_dir: Location | str | os.PathLike[str],
    sources: Iterable[str],
    today: date,
    max_bytes: int,
    seen: dict[str, str],
) -> IngestResult:
    """Read files into an :class:`IngestResult`.

    Args:
        raw_dir: the raw folder (a local path or an fsspec URL).
        sources: files under ``raw_dir``, relative to it (as :func:`discover` lists them).
        today: the ingestion date (later publication dates are rejected).
        max_bytes: the size limit per file.
        seen: article ids already read in this run, mapped to their source; updated in place.
            A second copy of an article becomes a ``duplicate`` reject naming the first.
    """
    result = IngestResult()
    raw = as_location(raw_dir)
    for source in sources:
        for item in read_file(raw, source, today, max_bytes):
            if isinstance(item, Reject):
                result.rejects.append(item)
            elif item.article_id in seen:
                first = seen[item.article_id]
                result.rejects.append(Reject(item.source, "duplicate", f"same article as {first}"))
            else:
                seen[item.article_id] = item.source
                result.articles.append(item)
    return result
