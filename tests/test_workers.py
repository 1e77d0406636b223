"""Model workers: plain processes that extract batches, shared by runs, replaced when broken."""

from __future__ import annotations

import os
import pickle
import signal

import pytest

from newsmine import workers
from newsmine.errors import E_MODEL, NewsmineError
from newsmine.nlp import load


def test_workers_newsmine_error_survives_pickling():
    error = pickle.loads(pickle.dumps(NewsmineError(E_MODEL, "model x is not installed")))
    assert (error.code, error.message, str(error)) == (
        E_MODEL,
        "model x is not installed",
        "E003: model x is not installed",
    )


@pytest.fixture(scope="module")
def blank_model(tmp_path_factory) -> str:
    """A spaCy pipeline folder without components: workers load it in a blink (what they load is
    not what the pool tests are about)."""
    import spacy

    folder = tmp_path_factory.mktemp("blank-model")
    spacy.blank("en").to_disk(folder)
    return str(folder)


@pytest.mark.slow
def test_workers_pool_is_shared_then_replaced_when_broken(blank_model):
    workers.shutdown()
    pool = workers.model_pool(blank_model, 2)
    try:
        pids = {pool.submit(os.getpid).result(timeout=120) for _ in range(8)}
        assert os.getpid() not in pids and 1 <= len(pids) <= 2
        assert workers.model_pool(blank_model, 1) is pool  # a smaller request uses the running pool
        # a worker that dies (killed, out of memory) breaks the pool: the next request gets a new one
        with pytest.raises(Exception):  # noqa: B017  (BrokenProcessPool, or the kill itself)
            pool.submit(os.kill, pids.pop(), signal.SIGKILL).result(timeout=120)
            pool.submit(os.getpid).result(timeout=120)
        assert pool.broken
        fresh = workers.model_pool(blank_model, 1)
        assert fresh is not pool and fresh.submit(os.getpid).result(timeout=120) != os.getpid()
    finally:
        workers.shutdown()


@pytest.mark.slow
def test_workers_missing_model_is_a_clear_error_from_the_worker():
    workers.shutdown()
    try:
        pool = workers.model_pool("no_such_model_xyz", 1)
        with pytest.raises(NewsmineError) as caught:
            pool.submit(load, "no_such_model_xyz").result(timeout=120)
        assert caught.value.code == E_MODEL and "no_such_model_xyz" in caught.value.message
    finally:
        workers.shutdown()


def test_workers_warm_up_builds_every_gazetteer_table_from_one_geonames_read(blank_model):
    """What a worker would otherwise build on its first batch is built before the workers fork
    (and so shared by them), each table from the one GeoNames cache."""
    from newsmine.extract import gazetteer
    from newsmine.extract.category_model import shipped

    gazetteer.reset()
    shipped.cache_clear()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NEWSMINE_CACHE_DIR", "")  # built, not read from the session's cache
        workers._warm(blank_model)
    assert set(gazetteer._tables) == {"places", "countries_by_name", "regions", "country_codes"}
    assert shipped.cache_info().currsize == 1
    assert gazetteer._geonames.cache_info().misses == 1
    assert gazetteer.countries_named("Valencia") >= {"ES", "VE"}
