"""A production configuration that passes every check, and a runner for variations of it."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from django.core.checks import CheckMessage, run_checks
from django.test import override_settings

DELETE = object()
# Random values (secrets.token_hex), made for these tests only.
DEFAULT_SECRET = "9f2c41d7e8a35b60c1f4e2d98a7b3c5e6d1f0a2b4c8e9d7f"
COOKIE_SECRET = "3b8e1f6a9c2d47e05f1a8c3d6e9b2f4a7c0d5e8f1b3a6c9d"
CIPHER_SECRET = "e4a19c7f2b5d80e36a1f4c9b7d2e5a8c"

GOOD: dict[str, Any] = {
    "serve": {
        "public": {
            "base_url": "https://auth.example.com/",
            "host": "0.0.0.0",
            "port": 4433,
            "cors": {
                "enabled": True,
                "allowed_origins": ["https://app.example.com"],
                "allow_credentials": True,
            },
        },
        "admin": {"base_url": "https://kratos.internal:4434/", "host": "10.0.0.5", "port": 4434},
    },
    "secrets": {
        "default": [DEFAULT_SECRET],
        "cookie": [COOKIE_SECRET],
        "cipher": [CIPHER_SECRET],
    },
    "cookies": {"same_site": "Lax"},
    "session": {"lifespan": "12h"},
    "hashers": {"algorithm": "argon2", "argon2": {"memory": "64MB", "iterations": 1}},
    "selfservice": {
        "default_browser_return_url": "https://app.example.com/",
        "methods": {
            "password": {"config": {"min_password_length": 12}},
            "totp": {"enabled": True},
        },
        "flows": {"settings": {"privileged_session_max_age": "15m"}},
    },
    "log": {"level": "info", "format": "json"},
}
TLS_DATABASE = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "kratos",
        "HOST": "db.internal",
        "PORT": 5432,
        "OPTIONS": {"sslmode": "verify-full"},
    }
}


def merge(base: dict[str, Any], change: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``change`` applied: dicts merge, DELETE removes, the rest replaces."""
    out = copy.deepcopy(base)
    for key, value in change.items():
        if value is DELETE:
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


Runner = Callable[..., dict[str, CheckMessage]]


@pytest.fixture
def deploy_checks(monkeypatch: pytest.MonkeyPatch) -> Runner:
    """Run ``check --deploy --tag kratos`` against GOOD changed by ``change``: ids → messages."""
    for name in ("SECRETS_DEFAULT", "DEV", "DSN", "KRATOS_CONFIG", "LOG_LEVEL"):
        monkeypatch.delenv(name, raising=False)

    def run(
        change: Mapping[str, Any] | None = None,
        databases: Mapping[str, Any] | None = None,
        deploy: bool = True,
    ) -> dict[str, CheckMessage]:
        tree = merge(GOOD, change or {})
        dbs = TLS_DATABASE if databases is None else databases
        with pytest.warns(UserWarning, match="DATABASES"):
            with override_settings(KRATOS=tree, DATABASES=dbs):
                messages = run_checks(include_deployment_checks=deploy, tags=["kratos"])
        return {m.id: m for m in messages}

    return run
