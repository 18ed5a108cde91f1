"""Account enumeration by timing: a wrong password vs. an unknown identifier, one run.

    .venv/bin/python benchmarks/enumeration.py                 # PRODUCTION_PROFILE, 40 pairs
    .venv/bin/python benchmarks/enumeration.py --pairs 100 --memory 19MB --iterations 2

Both paths go through the whole login endpoint (``POST /self-service/login`` of an API flow,
in process, on an in-memory SQLite database). The two kinds of attempt are interleaved in a
random order per pair, so drift (CPU frequency, caches) hits both alike. Rate limits and
lockout are switched off for the run. Prints the median, mean and p90 of each path and the
ratio of the medians (unknown / wrong); the target is 1.00 ± 0.05.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("KRATOS_TEST_DSN", "memory")
PASSWORD = "Correct-Horse-9-Battery"


def setup(args: argparse.Namespace) -> Any:
    import django
    from django.conf import settings

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import setup_test_environment

    from kratos_auth.hashers.profiles import PRODUCTION_PROFILE

    tree = copy.deepcopy(settings.KRATOS)
    hashers = copy.deepcopy(PRODUCTION_PROFILE)
    for key in ("memory", "iterations", "parallelism"):
        if getattr(args, key) is not None:
            hashers["argon2"][key] = getattr(args, key)
    tree["hashers"] = hashers
    tree["selfservice"] = {
        **tree.get("selfservice", {}),
        "methods": {"password": {"config": {"haveibeenpwned_enabled": False}}},
    }
    tree["security"] = {"rate_limits": {"enabled": False}, "lockout": {"enabled": False}}
    settings.KRATOS = tree
    from kratos_auth.conf import reload

    reload()
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    call_command("migrate", run_syncdb=True, verbosity=0)
    return tree["hashers"]


def attempt(client: Any, flow_id: str, identifier: str) -> float:
    body = json.dumps({"method": "password", "identifier": identifier, "password": "Wrong-1-x"})
    started = time.perf_counter()
    response = client.post(
        f"/self-service/login?flow={flow_id}",
        body,
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    elapsed = time.perf_counter() - started
    assert response.status_code == 400 and response.json()["ui"]["messages"][0]["id"] == 4000006
    return elapsed


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    return (
        f"{name:<20} median {statistics.median(values) * 1000:8.2f} ms   "
        f"mean {statistics.mean(values) * 1000:8.2f} ms   p90 {p90 * 1000:8.2f} ms"
    )


def main() -> int:
    import logging

    logging.disable(logging.WARNING)  # one log line per failed login would drown the table
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=40)
    parser.add_argument("--memory", default=None, help="Argon2 memory, e.g. 128MB")
    parser.add_argument("--iterations", type=int, default=None)
    parser.add_argument("--parallelism", type=int, default=None)
    args = parser.parse_args()
    hashers = setup(args)

    from django.test import Client

    from kratos_auth import hashers as facade
    from kratos_auth.identity import service

    service.create_identity(
        traits={"email": "known@example.com"},
        credential_configs={"password": {"hashed_password": facade.hash_password(PASSWORD)}},
    )
    client = Client(**{"kratos.surface": "public"})
    flow = client.get("/self-service/login/api", HTTP_ACCEPT="application/json").json()
    paths = {"wrong password": "known@example.com", "unknown identifier": "nobody@example.com"}
    for identifier in paths.values():  # warm up: caches, the dummy hash, code paths
        attempt(client, flow["id"], identifier)
    timings: dict[str, list[float]] = {name: [] for name in paths}
    rng = random.Random(1)
    for _ in range(args.pairs):
        order = list(paths.items())
        rng.shuffle(order)
        for name, identifier in order:
            timings[name].append(attempt(client, flow["id"], identifier))

    argon = hashers["argon2"]
    print(
        f"argon2id memory={argon['memory']} iterations={argon['iterations']} "
        f"parallelism={argon['parallelism']}; {args.pairs} interleaved pairs"
    )
    for name, values in timings.items():
        print(summary(name, values))
    ratio = statistics.median(timings["unknown identifier"]) / statistics.median(
        timings["wrong password"]
    )
    print(f"ratio unknown/wrong (medians): {ratio:.3f}  (target 1.00 ± 0.05)")
    return 0 if abs(ratio - 1) <= 0.05 else 1


if __name__ == "__main__":
    sys.exit(main())
