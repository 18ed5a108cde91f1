"""Every test starts with empty rate-limit and lockout counters.

Counters live in the ``kratos`` cache (Redis under this process's key prefix, see
``tests/settings.py``). After each test, this run's keys are deleted; other runs' keys (other
prefixes on the same Redis) are never touched, so no FLUSHDB.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


def clear_counters() -> None:
    from django.core.cache.backends.redis import RedisCache

    from kratos_auth.ratelimit.counters import cache

    backend = cache()
    if not isinstance(backend, RedisCache):
        backend.clear()
        return
    client = backend._cache.get_client(write=True)
    prefix = backend.key_prefix
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000)) if prefix else []
    if keys:
        client.delete(*keys)


@pytest.fixture(autouse=True)
def _fresh_rate_limit_counters() -> Iterator[None]:
    yield
    try:
        clear_counters()
    except Exception:  # noqa: BLE001 - Redis down: the tests needing it fail on their own
        pass


def pytest_sessionfinish(session: pytest.Session) -> None:
    try:
        clear_counters()
    except Exception:  # noqa: BLE001 - Redis gone at the end: nothing to clean
        pass
