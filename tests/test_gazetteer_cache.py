"""The gazetteer's tables kept between runs: written once, read back the same, rebuilt when the file
is stale or broken, and never an error when the folder cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsmine.extract import gazetteer, gazetteer_cache
from newsmine.settings import cache_dir


@pytest.fixture()
def fresh():
    """A process that has built no table; the tables are built again afterwards for other tests."""
    gazetteer.reset()
    yield
    gazetteer.reset()


def _snapshot() -> tuple[object, ...]:
    return (
        gazetteer.lookup("Kharkiv"),
        gazetteer.countries_named("Valencia"),
        gazetteer.region_country("Bavaria"),
        "PS" in gazetteer.country_codes(),
        len(gazetteer.places()),
    )


def test_gazetteer_cache_is_written_once_then_read_without_geonames(fresh, tmp_path):
    gazetteer_cache.warm(tmp_path)
    built = _snapshot()
    (file,) = tmp_path.glob("gazetteer-*.pickle")
    assert file == gazetteer_cache.cache_file(tmp_path)
    gazetteer.reset()
    gazetteer_cache.warm(tmp_path)
    assert gazetteer._geonames.cache_info().misses == 0  # nothing built: every table was read
    assert _snapshot() == built
    assert built[0] is not None and built[0].country_code == "UA"
    assert built[1] >= {"ES", "VE"} and built[2] == "DE" and built[3] is True


@pytest.mark.parametrize("content", [b"", b"not a pickle", b"\x80\x05N."])  # empty, garbage, None
def test_gazetteer_cache_broken_file_is_rebuilt_and_replaced(fresh, tmp_path, content):
    file = gazetteer_cache.cache_file(tmp_path)
    file.write_bytes(content)
    gazetteer_cache.warm(tmp_path)
    assert gazetteer._geonames.cache_info().misses == 1  # built from GeoNames
    assert gazetteer.lookup("Kharkiv") is not None
    assert file.stat().st_size > 1_000_000  # the good tables replaced the broken file


def test_gazetteer_cache_of_another_version_is_not_read_and_is_removed(fresh, tmp_path):
    stale = tmp_path / "gazetteer-0000000000000000.pickle"
    stale.write_bytes(b"\x80\x05}\x94.")  # an empty dict: tables of some other code
    gazetteer_cache.warm(tmp_path)
    assert not stale.exists()
    assert [p.name for p in tmp_path.iterdir()] == [gazetteer_cache.cache_file(tmp_path).name]


def test_gazetteer_cache_folder_that_cannot_be_made_is_built_around(fresh, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way of the folder")
    gazetteer_cache.warm(blocker / "cache")
    assert gazetteer.lookup("Kharkiv").country_code == "UA"
    assert blocker.read_text() == "in the way of the folder"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"NEWSMINE_CACHE_DIR": "/srv/cache"}, Path("/srv/cache")),
        ({"NEWSMINE_CACHE_DIR": ""}, None),
        ({"XDG_CACHE_HOME": "/var/tmp/xdg"}, Path("/var/tmp/xdg/newsmine")),
        ({"HOME": "/home/ana"}, Path("/home/ana/.cache/newsmine")),
    ],
)
def test_settings_cache_dir_from_the_environment(monkeypatch, variables, expected):
    for name in ("NEWSMINE_CACHE_DIR", "XDG_CACHE_HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert cache_dir() == expected
