"""WARC archives (``.warc``, ``.warc.gz``), read with warcio as a stream: an archive larger than memory works.

Every ``response`` record holding an HTML page with status 200 becomes an article or a reject; a
record that holds no article (an image, a 404, a redirect) is a reject with its reason; ``warcinfo``,
``request`` and ``metadata`` records are skipped. An article's source is ``<archive>@<offset>``, so a
rerun finds the same article. The WARC-Date is the crawl date, not the publication date: it stands
in only when the run allows it (``crawl_date_fallback``). A corrupt or truncated member rejects the
rest of the archive, with its offset; the records before it are kept.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import Any

from newsmine.ingest.article import Article, Reject
from newsmine.ingest.web import Page, PageLimits, iso_day
from newsmine.location import Location

SKIPPED = frozenset({"warcinfo", "request", "metadata"})


def archive_articles(
    archive: Location, source: str, limits: PageLimits, max_record_bytes: int, crawl_date_fallback: bool
) -> Iterator[Article | Reject]:
    """The articles and rejects of one archive, record by record, in archive order."""
    for found in archive_pages(archive, source, max_record_bytes, crawl_date_fallback):
        yield found.article(limits) if isinstance(found, Page) else found


def archive_pages(
    archive: Location, source: str, max_record_bytes: int, crawl_date_fallback: bool
) -> Iterator[Page | Reject]:
    """The pages of one archive, still to parse, and the rejects of its other records, in archive order.

    Reading is cheap beside parsing (gzip and warcio, a few percent of trafilatura's time): one
    reader streams the archive while its pages are parsed elsewhere (:mod:`newsmine.ingest.parallel`).
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    offset = 0
    try:
        handle = archive.open("rb")
    except OSError as exc:
        yield Reject(source, "unreadable", f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        records = ArchiveIterator(handle)
        try:
            for record in records:
                # the offset is known before the record is read: warcio's own getter reads it to the end
                found = None
                if record.rec_type not in SKIPPED:
                    found = _record(record, f"{source}@{offset}", max_record_bytes, crawl_date_fallback)
                records.read_to_end(record)
                if getattr(record.raw_stream, "limit", 0):  # fewer bytes than its Content-Length: cut
                    raise EOFError(f"the record ends {record.raw_stream.limit} bytes short of its length")
                if found is not None:
                    yield found
                offset = records.get_record_offset() + records.get_record_length()
        except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
            message = " ".join(str(exc).split())[:200] or type(exc).__name__
            yield Reject(
                f"{source}@{offset}",
                "corrupt_archive",
                f"the archive is corrupt or cut from offset {offset} ({message}); the records before it were read",
            )


def _record(record: Any, where: str, max_bytes: int, fallback: bool) -> Page | Reject:
    """One non-skipped record: its page, or why it holds none."""
    if record.rec_type != "response":
        return Reject(where, "not_an_article", f"a {record.rec_type} record, not a page response")
    headers = record.http_headers
    status = headers.get_statuscode() if headers is not None else None
    if status != "200":
        if status and status.startswith("3"):
            target = headers.get_header("Location") or "elsewhere"
            return Reject(where, "http_status", f"HTTP {status}: a redirect to {target}")
        return Reject(where, "http_status", f"HTTP {status or 'status missing'}: not a page")
    content_type = (headers.get_header("Content-Type") or "").lower()
    if "html" not in content_type:
        return Reject(where, "not_html", f"content type {content_type or 'missing'}, not an HTML page")
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return Reject(where, "too_large", f"the page is over the limit of {max_bytes} bytes")
    crawl = iso_day(record.rec_headers.get_header("WARC-Date"))
    url = record.rec_headers.get_header("WARC-Target-URI")
    return Page(where, body, url=url, fallback_date=crawl if fallback else None)
