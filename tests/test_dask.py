"""Scale-out: extraction batches on a 2-worker Dask LocalCluster give the same tables."""

import pytest

from tests.conftest import table_snapshot

pytestmark = pytest.mark.slow


def test_dask_runner_gives_same_tables(sample_run, tmp_path):
    """The same samples, batches and workers as the local run of ``sample_run``, on Dask."""
    from flows.pipeline import pipeline

    local = sample_run.summary
    dask = pipeline(
        raw_dir=str(sample_run.raw),
        out_dir=str(tmp_path / "dask"),
        reports_dir=str(tmp_path / "r2"),
        batch_size=2,
        max_critical_share=0.5,
        runner="dask",
        workers=2,
    )
    assert (dask.articles, dask.rows) == (local.articles, local.rows)
    assert local.articles == 8
    assert table_snapshot(tmp_path / "dask") == table_snapshot(sample_run.out)


def test_dask_unknown_runner_is_a_clear_error():
    from flows.extract import task_runner
    from newsmine.errors import NewsmineError

    with pytest.raises(NewsmineError, match="unknown runner 'spark'"):
        task_runner(2, "spark")
