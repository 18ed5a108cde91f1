"""Cost of the rate limiter, the lockout check and redacted logging, per call.

    PYTHONPATH=. .venv/bin/python benchmarks/ratelimit.py            # Redis (tests' settings)
    PYTHONPATH=. .venv/bin/python benchmarks/ratelimit.py --calls 5000

Uses the test settings' ``kratos`` cache (Redis on 127.0.0.1:6379 under a private key
prefix, deleted at the end). Prints milliseconds per ``check()`` (two buckets: IP and
identifier), per ``is_locked()`` and microseconds per log record through the redaction filter
and each formatter.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import time
import uuid

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("KRATOS_TEST_CACHE_PREFIX", f"kratos-bench-{uuid.uuid4().hex[:8]}")

import django  # noqa: E402

django.setup()

from kratos_auth import ratelimit  # noqa: E402
from kratos_auth.logging import JsonFormatter, RedactionFilter, TextFormatter  # noqa: E402
from kratos_auth.ratelimit import counters  # noqa: E402


def per_call(func, calls: int) -> float:
    start = time.perf_counter()
    for i in range(calls):
        func(i)
    return (time.perf_counter() - start) / calls


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    calls = parser.parse_args().calls
    backend = counters.cache()
    check = per_call(
        lambda i: ratelimit.check("login", f"198.51.100.{i % 250}", f"u{i}@example.com"), calls
    )
    locked = per_call(lambda i: ratelimit.is_locked(None, f"u{i}@example.com"), calls)
    print(f"cache: {type(backend).__name__} {getattr(backend, '_servers', [''])[0]}")
    print(f"check():     {check * 1e3:.3f} ms per call")
    print(f"is_locked(): {locked * 1e3:.3f} ms per call")
    logger = logging.getLogger("kratos_auth.bench")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    for formatter in (JsonFormatter(), TextFormatter()):
        handler = logging.StreamHandler(io.StringIO())
        handler.setFormatter(formatter)
        handler.addFilter(RedactionFilter())
        logger.handlers = [handler]
        cost = per_call(
            lambda i: logger.info(
                "GET /self-service/login?flow=%s for jane@example.com",
                i,
                extra={"kratos_fields": {"identity_id": "x", "password": "p"}},
            ),
            calls,
        )
        print(f"{type(formatter).__name__}: {cost * 1e6:.0f} us per record (redacted)")
    if hasattr(backend, "_cache"):
        client = backend._cache.get_client(write=True)
        keys = list(client.scan_iter(match=f"{backend.key_prefix}:*"))
        if keys:
            client.delete(*keys)


if __name__ == "__main__":
    main()
