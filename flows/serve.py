"""Serve the pipeline deployment on its schedule, taken from ``prefect.yaml``.

Needs a real Prefect server (``PREFECT_API_URL``): the temporary server of a plain run has no
scheduler. ``make serve`` starts one on 127.0.0.1 and runs this.
"""

import argparse
import sys
import time
import urllib.request
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import yaml
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
    # limit=1: a run still going when the next is due delays it rather than racing it for the lock
    pipeline.serve(
        name=spec["name"], parameters=parameters, description=spec.get("description"), schedules=schedules, limit=1
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
