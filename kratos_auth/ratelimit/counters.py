"""Shared counters on Django's cache: sliding-window hit counters and plain tallies.

Several processes share counters through the cache: Redis in production
(``django.core.cache.backends.redis.RedisCache``), the database cache otherwise. The cache
alias ``kratos`` is used when ``CACHES`` defines it, else ``default``.

Redis, Memcached and the local-memory cache increment atomically and keep the key's expiry;
for other backends (database, file) an increment is a read and a write, so concurrent hits
may be under-counted by a few: good enough to slow an attacker, not an exact meter.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.core.cache.backends.redis import RedisCache

from kratos_auth.core import clock

CACHE_ALIAS = "kratos"
KEY_PREFIX = "kratos:"
_ATOMIC_BACKENDS = (
    "django.core.cache.backends.redis.RedisCache",
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
    "django.core.cache.backends.locmem.LocMemCache",
)


def cache() -> BaseCache:
    """The cache holding the counters (alias ``kratos`` if configured, else ``default``)."""
    alias = CACHE_ALIAS if CACHE_ALIAS in settings.CACHES else "default"
    return caches[alias]


def _atomic(backend: BaseCache) -> bool:
    path = f"{type(backend).__module__}.{type(backend).__qualname__}"
    return path in _ATOMIC_BACKENDS


def increment(key: str, ttl: float) -> int:
    """Add one to ``key`` (created with expiry ``ttl`` seconds) and return the new value."""
    backend = cache()
    timeout = max(1, math.ceil(ttl))
    if _atomic(backend):
        for _ in range(2):
            backend.add(key, 0, timeout)
            try:
                return int(backend.incr(key))
            except ValueError:  # expired between add and incr: try once more
                continue
        return 1
    value = int(backend.get(key) or 0) + 1
    backend.set(key, value, timeout)
    return value


def read(key: str) -> int:
    return int(cache().get(key) or 0)


def delete(*keys: str) -> None:
    cache().delete_many(list(keys))


@dataclass(frozen=True)
class WindowState:
    """A bucket after one hit: the weighted count and how long until it is under the limit."""

    count: float
    limit: int
    retry_after: int

    @property
    def exceeded(self) -> bool:
        return self.count > self.limit


def hit(key: str, limit: int, window: float) -> WindowState:
    """Count one hit in a sliding window of ``window`` seconds allowing ``limit`` hits.

    Two fixed windows approximate the sliding one: the previous window's count weighs in
    proportionally to how much of it still overlaps (Cloudflare's algorithm). Rejected hits
    count too, so a client that keeps hammering stays limited.
    """
    now = clock.now().timestamp()
    index = math.floor(now / window)
    elapsed = now - index * window
    current_key, previous_key = f"{KEY_PREFIX}{key}:{index}", f"{KEY_PREFIX}{key}:{index - 1}"
    backend = cache()
    if isinstance(backend, RedisCache):
        current, previous = _redis_hit(backend, current_key, previous_key, 2 * window)
    else:
        current = increment(current_key, 2 * window)
        previous = read(previous_key)
    weight = (window - elapsed) / window
    count = previous * weight + current
    # The next hit is allowed once the count has decayed to ``limit - 1``.
    retry = _retry_after(previous, current, limit - 1, window, elapsed)
    return WindowState(count, limit, retry)


def _redis_hit(backend: RedisCache, current: str, previous: str, ttl: float) -> tuple[int, int]:
    """Increment ``current`` and read ``previous`` in one round trip (a MULTI pipeline).

    Django's ``add`` + ``incr`` + ``get`` would take four. Integers are stored as plain
    numbers by Django's Redis serializer, so the keys stay readable through the cache API.
    """
    keys = [backend.make_and_validate_key(k) for k in (current, previous)]
    client = backend._cache.get_client(keys[0], write=True)  # Django's RedisCacheClient
    pipe = client.pipeline(transaction=True)
    pipe.set(keys[0], 0, ex=max(1, math.ceil(ttl)), nx=True)
    pipe.incr(keys[0])
    pipe.get(keys[1])
    _, count, before = pipe.execute()
    return int(count), int(before or 0)


def _retry_after(previous: int, current: int, limit: float, window: float, elapsed: float) -> int:
    """Seconds until ``previous * weight + current`` (no further hits) is at most ``limit``."""
    if previous * (window - elapsed) / window + current <= limit:
        return 0
    if current <= limit:
        # Within this window: wait until the previous window's weight has decayed enough.
        target = window * (1 - (limit - current) / previous)
        return max(1, math.ceil(target - elapsed))
    # Next window: this window's hits become the decaying "previous" count.
    return max(1, math.ceil(window - elapsed + window * (1 - limit / current)))
