"""The counters behind the limits: sliding windows, shared across processes, cache failures."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from django.core.cache.backends.redis import RedisCache
from django.test import override_settings

from kratos_auth.core import clock
from kratos_auth.ratelimit import counters
from kratos_auth.ratelimit.proxy import parse_ip, rate_limit_key
from tests.selfservice.plugin import make_identity

ROOT = Path(__file__).resolve().parents[2]
T0 = dt.datetime(2031, 3, 1, 9, 0, 0, tzinfo=dt.UTC)  # a multiple of every window below


def at(seconds: float):
    return clock.frozen(T0 + dt.timedelta(seconds=seconds))


class TestSlidingWindow:
    def test_allows_limit_hits_then_refuses(self):
        key = f"t:{uuid.uuid4()}"
        with at(0):
            states = [counters.hit(key, 3, 60) for _ in range(4)]
        assert [s.exceeded for s in states] == [False, False, False, True]
        assert states[2].retry_after > 0  # the next one would be refused already

    def test_the_previous_window_weighs_in_and_decays(self):
        key = f"t:{uuid.uuid4()}"
        with at(50):
            for _ in range(4):
                counters.hit(key, 4, 60)
        with at(60 + 15):  # 3/4 of the previous window still overlaps: 4 * 0.75 + 1 = 4
            assert not counters.hit(key, 4, 60).exceeded
        with at(60 + 16):  # 4 * 0.73 + 2 > 4
            state = counters.hit(key, 4, 60)
        assert state.exceeded
        with at(60 + 16 + state.retry_after):
            assert not counters.hit(key, 4, 60).exceeded

    def test_retry_after_is_exact_for_the_next_attempt(self):
        key = f"t:{uuid.uuid4()}"
        with at(0):
            for _ in range(3):
                counters.hit(key, 2, 60)
            refused = counters.hit(key, 2, 60)
        assert refused.exceeded
        # 4 hits in window 0; the next hit is allowed once 4 * (1 - e/60) + 1 <= 2.
        assert refused.retry_after == 60 + 45


def _hits_script(prefix: str, backend: dict, key: str, hits: int, db: str = ":memory:") -> str:
    """A process that counts ``hits`` on ``key`` and prints the highest count it saw."""
    caches = {"default": {**backend, "KEY_PREFIX": prefix}}
    return textwrap.dedent(
        f"""
        import django
        from django.conf import settings
        settings.configure(
            CACHES={caches!r},
            DATABASES={{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}}}}},
            INSTALLED_APPS=[], USE_TZ=True,
        )
        django.setup()
        from kratos_auth.ratelimit import counters
        print(max(counters.hit({key!r}, 10**6, 3600).count for _ in range({hits})))
        """
    )


def _run(script: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.Popen(
        [sys.executable, "-c", script], env=env, stdout=subprocess.PIPE, text=True, cwd=ROOT
    )


@pytest.fixture
def redis_location():
    from kratos_auth.ratelimit.counters import cache

    backend = cache()
    if not isinstance(backend, RedisCache):
        pytest.skip("the kratos cache is not Redis (KRATOS_TEST_REDIS_URL=off)")
    return backend._servers[0]


def test_processes_share_counters_through_redis(redis_location):
    prefix = f"kratos-test-shared-{uuid.uuid4().hex[:8]}"
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_location}
    key = "rl:login:per_ip:192.0.2.1"
    workers = [_run(_hits_script(prefix, backend, key, 200)) for _ in range(3)]
    outputs = [float(w.communicate(timeout=60)[0].strip()) for w in workers]
    # Increments are atomic: the last of 600 concurrent hits saw all of them.
    assert max(outputs) == 600
    import redis

    client = redis.Redis.from_url(redis_location)
    client.delete(*client.keys(f"{prefix}:*"))


def test_processes_share_counters_through_the_database_cache(tmp_path):
    db = tmp_path / "cache.sqlite3"
    backend = {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "kratos_cache"}
    databases = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(db)}}
    setup = textwrap.dedent(
        f"""
        import django
        from django.conf import settings
        settings.configure(
            DATABASES={databases!r},
            CACHES={{"default": {backend!r}}}, INSTALLED_APPS=[], USE_TZ=True,
        )
        django.setup()
        from django.core.management import call_command
        call_command("createcachetable")
        """
    )
    assert _run(setup).wait(timeout=60) == 0
    script = _hits_script("p", backend, "rl:x", 25, db=str(db))
    first = _run(script).communicate(timeout=60)[0]
    second = _run(script).communicate(timeout=60)[0]
    assert (float(first), float(second)) == (25, 50)


class TestCacheDown:
    DOWN = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "kratos": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }

    def test_logins_still_work_and_the_outage_is_logged(self, api, configure, caplog):
        from tests.ratelimit.test_login import PASSWORD, login

        make_identity("alice@example.com")
        with override_settings(CACHES=self.DOWN):
            response = login(api, "alice@example.com", PASSWORD)
        assert response.status_code == 200
        assert "rate limit cache unavailable" in caplog.text


class TestAddresses:
    @pytest.mark.parametrize(
        ("raw", "parsed"),
        [
            ("203.0.113.9", "203.0.113.9"),
            ("203.0.113.9:4711", "203.0.113.9"),
            ("[2001:db8::1]:443", "2001:db8::1"),
            ("::ffff:192.0.2.1", "192.0.2.1"),
            ('"198.51.100.2"', "198.51.100.2"),
            ("unknown", None),
            ("", None),
        ],
    )
    def test_parse(self, raw, parsed):
        result = parse_ip(raw)
        assert (str(result) if result else None) == parsed

    def test_ipv6_clients_share_their_64(self):
        assert rate_limit_key("2001:db8:1:2::1") == rate_limit_key("2001:db8:1:2:ffff::9")
        assert rate_limit_key("2001:db8:1:2::1") != rate_limit_key("2001:db8:1:3::1")
        assert rate_limit_key("192.0.2.1") != rate_limit_key("192.0.2.2")
        assert rate_limit_key("") is None and rate_limit_key("unix:/run/x.sock") is None

    def test_ipv6_neighbours_are_limited_together(self, api, configure):
        from tests.ratelimit.test_login import WRONG, login

        configure(security={"rate_limits": {"login": {"per_ip": {"limit": 2, "window": "1m"}}}})
        with at(0):
            for host in ("2001:db8:7:7::1", "2001:db8:7:7::2"):
                login(api, f"{host[-1]}@example.com", WRONG, REMOTE_ADDR=host)
            third = login(api, "z@example.com", WRONG, REMOTE_ADDR="2001:db8:7:7:abcd::3")
        assert third.status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "client"),
    [
        ("10.0.0.2", "203.0.113.5", "203.0.113.5"),
        ("10.0.0.2", "198.51.100.1, 203.0.113.5", "203.0.113.5"),  # left of the client: forged
        ("10.0.0.2", "203.0.113.5, 10.0.0.9", "203.0.113.5"),  # two trusted hops
        ("10.0.0.2", "garbage, 10.0.0.9", "10.0.0.9"),
        ("10.0.0.2", "", "10.0.0.2"),
        ("192.0.2.50", "203.0.113.5", "192.0.2.50"),  # not a trusted peer: header ignored
    ],
)
def test_client_ip_behind_trusted_proxies(rf, settings, remote, forwarded, client):
    from kratos_auth.ratelimit import client_ip

    settings.KRATOS = {**settings.KRATOS, "security": {"trusted_proxies": ["10.0.0.0/8"]}}
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == client
