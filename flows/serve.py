"""Serve the pipeline deployment of ``prefect.yaml`` on its schedule and its work pool.

Needs a real Prefect server (``PREFECT_API_URL``): the temporary server of a plain run has no
scheduler. ``make serve`` starts one on 127.0.0.1 and runs this: it creates the work pool of
``prefect.yaml`` (a process pool) if missing, deploys the pipeline from this checkout to it, and
runs a process worker of that pool, which starts each scheduled run in a process of its own.
"""

import argparse
import asyncio
import contextlib
import sys
import time
import urllib.request
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, cast

import yaml
from prefect import Flow
from prefect.schedules import Cron, Interval
from prefect.settings import PREFECT_API_URL

from flows.pipeline import pipeline

PREFECT_YAML = Path(__file__).resolve().parents[1] / "prefect.yaml"


def deployment_spec(name: str = "daily", path: Path = PREFECT_YAML) -> dict[str, Any]:
    """The named deployment of ``prefect.yaml``."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    for deployment in spec.get("deployments", []):
        if deployment.get("name") == name:
            return dict(deployment)
    raise SystemExit(f"newsmine: no deployment {name!r} in {path}")


def wait_for_server(seconds: float) -> None:
    """Block until the Prefect API answers its health check, or exit with a message."""
    url = f"{PREFECT_API_URL.value()}/health"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"newsmine: no Prefect server answered at {url} within {seconds:.0f} s")


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__)
    p.add_argument("--deployment", default="daily")
    p.add_argument("--raw", help="override the deployment's raw_dir")
    p.add_argument("--out", help="override the deployment's out_dir")
    p.add_argument("--reports", help="override the deployment's reports_dir")
    p.add_argument("--interval", type=float, help="run every N seconds instead of the cron schedule (tests)")
    p.add_argument(
        "--wait-for-server",
        type=float,
        default=0,
        metavar="SECONDS",
        help="wait up to this long for the server at PREFECT_API_URL to answer",
    )
    args = p.parse_args(argv)
    if args.wait_for_server:
        wait_for_server(args.wait_for_server)
    spec = deployment_spec(args.deployment)
    parameters = dict(spec.get("parameters") or {})
    for key, value in (("raw_dir", args.raw), ("out_dir", args.out), ("reports_dir", args.reports)):
        if value:
            parameters[key] = value
    if args.interval:
        schedules = [Interval(timedelta(seconds=args.interval))]
    else:
        schedules = [Cron(s["cron"], timezone=s.get("timezone")) for s in spec["schedules"] if "cron" in s]
    pool = spec["work_pool"]["name"]
    ensure_process_pool(pool)
    # a concurrency limit of 1: a run still going when the next is due delays it rather than racing it for the lock
    # the flow loaded from this checkout, so that the worker's runs import it from here too
    source = cast(Flow[..., Any], pipeline.from_source(str(PREFECT_YAML.parent), spec["entrypoint"]))
    source.deploy(
        name=spec["name"],
        work_pool_name=pool,
        parameters=parameters,
        description=spec.get("description"),
        schedules=schedules,
        concurrency_limit=1,
        print_next_steps=False,
        ignore_warnings=True,  # the advice to use .serve for local development
    )
    asyncio.run(work(pool))
    return 0


def ensure_process_pool(name: str) -> None:
    """Create the process work pool ``name`` unless it exists."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.exceptions import ObjectAlreadyExists
    from prefect.workers.process import ProcessWorker

    template = ProcessWorker.get_default_base_job_template()
    with get_client(sync_client=True) as client, contextlib.suppress(ObjectAlreadyExists):
        client.create_work_pool(WorkPoolCreate(name=name, type=ProcessWorker.type, base_job_template=template))


async def work(pool: str) -> None:
    """Run a process worker of ``pool`` until interrupted: one flow run at a time."""
    from prefect.workers.process import ProcessWorker

    async with ProcessWorker(work_pool_name=pool, limit=1) as worker:
        await worker.start()


if __name__ == "__main__":
    sys.exit(main())
