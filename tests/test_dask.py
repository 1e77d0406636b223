"""Scale-out: extraction batches on a 2-worker Dask LocalCluster give the same tables."""

import pytest

from tests.conftest import table_snapshot

pytestmark = pytest.mark.slow


def test_dask_runner_gives_same_tables(harness, sample_raw, tmp_path):
    from flows.pipeline import pipeline

    common = {"raw_dir": str(sample_raw), "batch_size": 2, "max_critical_share": 0.5}
    local = pipeline(out_dir=str(tmp_path / "local"), reports_dir=str(tmp_path / "r1"), **common)
    dask = pipeline(
        out_dir=str(tmp_path / "dask"), reports_dir=str(tmp_path / "r2"), runner="dask", workers=2, **common
    )
    assert (dask.articles, dask.rows) == (local.articles, local.rows)
    assert local.articles == 8
    assert table_snapshot(tmp_path / "dask") == table_snapshot(tmp_path / "local")


def test_dask_unknown_runner_is_a_clear_error():
    from flows.extract import task_runner
    from newsmine.errors import NewsmineError

    with pytest.raises(NewsmineError, match="unknown runner 'spark'"):
        task_runner(2, "spark")
