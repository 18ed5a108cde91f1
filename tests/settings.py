"""Test settings: the reference project with a cheap hasher profile and fixed test secrets.

``KRATOS_TEST_DSN`` selects the database (SQLite in memory when unset).
"""

from __future__ import annotations

import os

os.environ.setdefault("SECRETS_DEFAULT", "test-default-secret-0123456789abcdef")

from example_project.settings import *  # noqa: E402,F403
from kratos_auth.conf import database_from_dsn  # noqa: E402
from kratos_auth.hashers.profiles import TEST_PROFILE  # noqa: E402

_dsn = os.environ.get("KRATOS_TEST_DSN") or "memory"
DATABASES = {"default": database_from_dsn(_dsn)}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("KRATOS_TEST_DB_NAME", "test_kratos")}

TEST_CIPHER_KEY = "0123456789abcdef0123456789abcdef"
TEST_COOKIE_SECRET = "cookie-secret-for-tests-0123456789"

KRATOS = {
    "serve": {
        "public": {"base_url": "https://auth.example.test/", "host": "127.0.0.1", "port": 4433},
        "admin": {"base_url": "https://admin.example.test/", "host": "127.0.0.1", "port": 4434},
    },
    "secrets": {
        "default": ["test-default-secret-0123456789abcdef"],
        "cookie": [TEST_COOKIE_SECRET],
        "cipher": [TEST_CIPHER_KEY],
    },
    "hashers": TEST_PROFILE,
    "selfservice": {
        "default_browser_return_url": "https://app.example.test/",
        # No test may reach the internet: HaveIBeenPwned tests run their own local server.
        "methods": {"password": {"config": {"haveibeenpwned_enabled": False}}},
    },
}

ALLOWED_HOSTS = ["testserver", "auth.example.test", "admin.example.test", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Rate-limit counters live in Redis (127.0.0.1:6379) like in production, under a key prefix of
# this process so concurrent runs never share counters (KRATOS_TEST_REDIS_URL=off: local memory).
# tests/ratelimit/plugin.py deletes this run's keys between tests.
_redis = os.environ.get("KRATOS_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
_prefix = os.environ.get("KRATOS_TEST_CACHE_PREFIX") or f"kratos-test-{os.getpid()}"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "kratos": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis,
            "KEY_PREFIX": _prefix,
        }
        if _redis != "off"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
}
