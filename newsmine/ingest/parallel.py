"""Reading a batch of raw files in worker processes, with the result of reading it here, one file after another.

Parsing a page (trafilatura, the language model) is CPU-bound, so a batch's pages are parsed in
chunks by a pool of processes (the run's model workers, :mod:`newsmine.workers`): a chunk of
``.html`` files is read whole in a worker. A WARC archive is one stream: it is read here, record by
record (gzip and warcio cost a few percent of parsing), and its pages go to the workers in chunks
while the reader goes on. Text and JSON files are read here: parsing them costs less than sending
them.

Results are taken in the order of the files and of the records, whatever order the workers finish
in, and duplicates are decided on them in that order (:func:`newsmine.ingest.readers.deduplicate`):
the first copy in discovery order is the article, as when reading serially. At most ``2 x
workers`` chunks are out at a time, so an archive larger than memory is still streamed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from itertools import groupby, islice
from typing import Any, Protocol, TypeVar

from newsmine.ingest.article import Article, Reject
from newsmine.ingest.readers import IngestResult, Limits, deduplicate, format_of, read_file
from newsmine.ingest.warc import archive_pages
from newsmine.ingest.web import Page, PageLimits
from newsmine.location import as_location

T = TypeVar("T")
Found = tuple[str, Article | Reject]  # (the raw file, an article or reject read from it)
Unit = tuple[str, str, Article | Reject | Page | None]  # (file, page or read; the raw file; what)
CHUNK = 8  # files or pages a worker reads at a time: a few tenths of a second of parsing


class Pool(Protocol):
    """Worker processes (a :class:`newsmine.workers.ModelPool`): how many, and how to hand them work."""

    workers: int

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]: ...


def read_files(raw_dir: str, sources: Sequence[str], max_bytes: int, limits: Limits) -> list[Found]:
    """Read raw files whole (in a worker): what each gave, in order."""
    raw = as_location(raw_dir)
    return [(s, item) for s in sources for item in read_file(raw, s, limits.today, max_bytes, limits=limits)]


def parse_pages(archive: str, pages: Sequence[Page], limits: PageLimits) -> list[Found]:
    """Parse pages of an archive (in a worker): the article or reject of each, in order."""
    return [(archive, page.article(limits)) for page in pages]


def _units(raw_dir: str, sources: Iterable[str], max_bytes: int, limits: Limits) -> Iterator[Unit]:
    """The batch's units of reading, in order: a page file for a worker, an archive's page for a
    worker, or what was read here (a text or JSON file's articles and rejects, an archive's rejects)."""
    raw = as_location(raw_dir)
    for source in sources:
        kind = format_of(source)
        if kind == ".html":
            yield "file", source, None
        elif kind == ".warc":
            for found in archive_pages(raw / source, source, max_bytes, limits.crawl_date_fallback):
                yield ("page" if isinstance(found, Page) else "read"), source, found
        else:  # cheap to parse: read here rather than sent there and back
            for item in read_file(raw, source, limits.today, max_bytes, limits=limits):
                yield "read", source, item


def _chunks(
    pool: Pool, raw_dir: str, sources: Iterable[str], max_bytes: int, limits: Limits
) -> Iterator[Future[list[Found]] | list[Found]]:
    """The batch's work in reading order: futures of chunks sent to workers, lists of what was read here.

    Consecutive page files make chunks; so do consecutive pages of one archive.
    """
    units = _units(raw_dir, sources, max_bytes, limits)
    for (kind, _), group in groupby(units, key=lambda u: (u[0], u[1] if u[0] == "page" else "")):
        while chunk := list(islice(group, CHUNK)):
            if kind == "file":
                yield pool.submit(read_files, raw_dir, [source for _, source, _ in chunk], max_bytes, limits)
            elif kind == "page":
                pages = [found for _, _, found in chunk if isinstance(found, Page)]
                yield pool.submit(parse_pages, chunk[0][1], pages, limits.page())
            else:
                yield [(source, found) for _, source, found in chunk if not isinstance(found, Page | None)]


def in_order(work: Iterable[Future[list[T]] | list[T]], window: int) -> Iterator[T]:
    """The items of ``work`` in its order, with at most ``window`` futures outstanding."""
    pending: deque[Future[list[T]] | list[T]] = deque()
    try:
        for piece in work:
            pending.append(piece)
            while sum(isinstance(p, Future) for p in pending) > window:
                head = pending.popleft()
                yield from head.result() if isinstance(head, Future) else head
        while pending:
            head = pending.popleft()
            yield from head.result() if isinstance(head, Future) else head
    finally:  # stopped early (an error): nothing more for the workers to do
        for piece in pending:
            if isinstance(piece, Future):
                piece.cancel()


def read_batch_pooled(
    pool: Pool, raw_dir: str, sources: Iterable[str], max_bytes: int, seen: dict[str, str], limits: Limits
) -> IngestResult:
    """:func:`newsmine.ingest.readers.read_batch`, with the reading done by ``pool``'s workers.

    The same articles, rejects and duplicates, in the same order, as reading serially; ``seen`` is
    updated the same way. ``raw_dir`` must be a folder the workers see (not fsspec's ``memory://``).
    """
    work = _chunks(pool, raw_dir, sources, max_bytes, limits)
    return deduplicate(in_order(work, 2 * pool.workers), seen)
