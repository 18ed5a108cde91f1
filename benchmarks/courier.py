"""Courier throughput over SMTP, and the timing of recovery sends (known vs unknown address).

    .venv/bin/python benchmarks/courier.py                      # 300 messages, 30 pairs
    .venv/bin/python benchmarks/courier.py --messages 1000 --pairs 50

1. ``messages`` recovery-code mails are queued (templates rendered, encrypted at rest), then
   the worker sends them in batches of ``courier.worker.pull_count`` to a real SMTP server
   on 127.0.0.1 (aiosmtpd, STARTTLS with a throw-away certificate). Prints queueing and
   sending rates.
2. ``POST /self-service/recovery`` (code method, API flow) for a known and an unknown
   address, interleaved in random order, with ``security.min_send_duration`` at its
   default (150ms) and at 0. Prints the medians and their ratio (target: 1.00 ± 0.05 with
   the floor).

In process, on an in-memory SQLite database; rate limits off.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("KRATOS_TEST_DSN", "memory")


def setup(server_uri: str) -> None:
    import django
    from django.conf import settings

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    tree = copy.deepcopy(settings.KRATOS)
    tree["selfservice"] = {
        **tree.get("selfservice", {}),
        "flows": {"recovery": {"enabled": True, "use": "code"}},
    }
    tree["security"] = {"rate_limits": {"enabled": False}}
    tree["courier"] = {"smtp": {"connection_uri": server_uri}}
    settings.KRATOS = tree
    from kratos_auth.conf import reload

    reload()
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)


def throughput(count: int, server: Any) -> None:
    from kratos_auth.courier import queue
    from kratos_auth.courier.models import TemplateType
    from kratos_auth.courier.worker import dispatch_batch

    start = time.perf_counter()
    for n in range(count):
        queue.queue_email(
            f"user{n}@example.com", TemplateType.RECOVERY_CODE_VALID, {"recovery_code": "123456"}
        )
    queued = time.perf_counter() - start
    start = time.perf_counter()
    sent = 0
    while True:
        result = dispatch_batch()
        sent += result.sent
        if not result.claimed:
            break
    elapsed = time.perf_counter() - start
    assert sent == count == len(server.received), (sent, len(server.received))
    print(f"queue: {count / queued:8.0f} messages/s ({queued * 1000 / count:.2f} ms each)")
    print(f"send:  {count / elapsed:8.0f} messages/s over STARTTLS (batches of 10)")


def _send(client: Any, email: str) -> float:
    flow = client.get("/self-service/recovery/api", HTTP_ACCEPT="application/json").json()
    body = json.dumps({"method": "code", "email": email})
    start = time.perf_counter()
    response = client.post(
        f"/self-service/recovery?flow={flow['id']}",
        body,
        content_type="application/json",
        HTTP_ACCEPT="application/json",
    )
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.content[:200]
    return elapsed


def enumeration(pairs: int, floor: str) -> None:
    from django.conf import settings
    from django.test import Client

    from kratos_auth.conf import reload

    settings.KRATOS["security"]["min_send_duration"] = floor
    reload()
    client = Client(**{"kratos.surface": "public"})
    times: dict[str, list[float]] = {"known": [], "unknown": []}
    emails = {"known": "known@example.com", "unknown": "nobody@example.com"}
    for _ in range(3):
        _send(client, emails["known"]), _send(client, emails["unknown"])
    for _ in range(pairs):
        order = list(emails.items())
        random.shuffle(order)
        for kind, email in order:
            times[kind].append(_send(client, email))
    known, unknown = (statistics.median(times[k]) for k in ("known", "unknown"))
    print(
        f"min_send_duration={floor:>6}: known {known * 1000:7.1f} ms, unknown "
        f"{unknown * 1000:7.1f} ms, ratio {unknown / known:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=300)
    parser.add_argument("--pairs", type=int, default=30)
    args = parser.parse_args()
    from tests.courier.mailserver import MailServer

    with tempfile.TemporaryDirectory() as folder:
        server = MailServer(Path(folder)).start()
        try:
            setup(server.uri(skip_ssl_verify="true"))
            from tests.selfservice.plugin import make_identity

            make_identity("known@example.com")
            throughput(args.messages, server)
            enumeration(args.pairs, "150ms")
            enumeration(args.pairs, "0ms")
        finally:
            server.stop()


if __name__ == "__main__":
    main()
