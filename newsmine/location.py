"""Folders on any filesystem fsspec knows: local paths, ``file://``, ``s3://``, ``gs://``, ``memory://``.

newsmine reads raw articles from, and writes Parquet to, a :class:`Location`. A local path keeps the
local guarantees (atomic ``os.replace``, ``flock``, symlink checks); other filesystems get their
nearest equivalents (an object PUT replaces a whole object; an exclusively created lock object).
Protocols other than ``file`` and ``memory`` need their fsspec driver installed (``s3fs`` for
``s3://``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO

import fsspec
from fsspec.implementations.local import LocalFileSystem
from fsspec.implementations.memory import MemoryFileSystem

from newsmine.errors import E_LOCATION, NewsmineError


class Location:
    """A folder named by a local path or an fsspec URL; children are made with ``/``.

    Attributes:
        fs: the fsspec filesystem.
        path: the folder's path on ``fs`` (no protocol).
        url: what the user gave (for messages).
    """

    def __init__(self, where: str | os.PathLike[str], _fs: fsspec.AbstractFileSystem | None = None) -> None:
        if _fs is not None:
            self.fs, self.path = _fs, str(where)
        else:
            try:
                self.fs, self.path = fsspec.core.url_to_fs(os.fspath(where))
            except (ImportError, ValueError) as exc:  # an unknown protocol, or its driver is missing
                raise NewsmineError(
                    E_LOCATION,
                    f"cannot use {os.fspath(where)!r}: {exc}",
                    "pass a local path or an installed fsspec URL",
                ) from exc
        self.path = self.path.rstrip("/") or "/"

    @property
    def local(self) -> Path | None:
        """The folder as a local path, or None on a remote filesystem."""
        return Path(self.path) if isinstance(self.fs, LocalFileSystem) else None

    @property
    def in_process(self) -> bool:
        """True when only this process sees the folder (fsspec's memory filesystem): workers cannot."""
        return isinstance(self.fs, MemoryFileSystem)

    @property
    def url(self) -> str:
        if self.local is not None:
            return self.path
        return self.fs.unstrip_protocol(self.path)

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name

    @property
    def parent(self) -> Location:
        return Location(str(PurePosixPath(self.path).parent), self.fs)

    def __truediv__(self, part: str) -> Location:
        return Location(f"{self.path}/{part}".replace("//", "/"), self.fs)

    def __str__(self) -> str:
        return self.url

    def __repr__(self) -> str:
        return f"Location({self.url!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and (self.fs, self.path) == (other.fs, other.path)

    def __hash__(self) -> int:
        return hash(self.path)

    def exists(self) -> bool:
        return bool(self.fs.exists(self.path))

    def is_dir(self) -> bool:
        return bool(self.fs.isdir(self.path))

    def mkdir(self) -> None:
        self.fs.makedirs(self.path, exist_ok=True)

    def open(self, mode: str = "rb") -> IO[bytes]:
        if "w" in mode or "x" in mode:
            self.parent.mkdir()
        return self.fs.open(self.path, mode)

    def read_bytes(self) -> bytes:
        return bytes(self.fs.cat_file(self.path))

    def size(self) -> int:
        return int(self.fs.size(self.path))

    def children(self, prefix: str = "") -> list[Location]:
        """Direct children whose names start with ``prefix``, sorted; none when the folder is missing."""
        if not self.is_dir():
            return []
        names = sorted(PurePosixPath(p).name for p in self.fs.ls(self.path, detail=False))
        return [self / n for n in names if n.startswith(prefix)]

    def files(self) -> Iterator[str]:
        """Every file below this folder, as sorted POSIX paths relative to it."""
        if not self.is_dir():
            return
        root = self.path.rstrip("/") + "/"
        for path in sorted(self.fs.find(self.path, withdirs=False)):
            yield path[len(root) :] if path.startswith(root) else PurePosixPath(path).name

    def unlink(self) -> None:
        if self.fs.exists(self.path):
            self.fs.rm_file(self.path)

    def rmtree(self) -> None:
        if self.fs.exists(self.path):
            self.fs.rm(self.path, recursive=True)

    def replace(self, target: Location) -> None:
        """Move this file onto ``target``: ``os.replace`` locally (atomic), a move elsewhere."""
        if self.local is not None and target.local is not None:
            os.replace(self.local, target.local)
        else:
            self.fs.mv(self.path, target.path)


def as_location(where: Location | str | os.PathLike[str]) -> Location:
    """A :class:`Location` from a location, a local path or a URL."""
    return where if isinstance(where, Location) else Location(where)
